import type { Incident } from '../model.ts';
import { defineKind, numberedId, type Lifecycle } from './definition.ts';
import { localDate } from '../format.ts';
import { pirDueDate, pirDueDays, reviewState } from '../pir.ts';
import { Findings, checkTimeline, type RecordRules, type TimedRules } from './rule-kit.ts';

const lifecycle: Lifecycle = {
  statuses: ['new', 'acknowledged', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled'],
  initial: 'new',
  open: ['new', 'acknowledged', 'in_progress', 'on_hold'],
  done: ['resolved', 'closed'],
  transitions: {
    new: ['acknowledged', 'in_progress', 'on_hold', 'resolved', 'cancelled'],
    acknowledged: ['in_progress', 'on_hold', 'resolved', 'cancelled'],
    in_progress: ['on_hold', 'resolved', 'cancelled'],
    on_hold: ['in_progress', 'resolved', 'cancelled'],
    // A resolution the reporter rejects reopens the incident; a closed one is reopened the same way.
    resolved: ['closed', 'in_progress'],
    closed: ['in_progress'],
    cancelled: ['new'],
  },
  locked: ['closed', 'cancelled'],
  retire: 'cancelled',
};
const milestones = { acknowledged: 'acknowledged_at', resolved: 'resolved_at', closed: 'closed_at' };
const OPEN = new Set(lifecycle.open);
const DONE = new Set(lifecycle.done);
/** Someone has taken the incident on: every status after `new` except a cancellation. */
const TAKEN = new Set(['acknowledged', 'in_progress', 'on_hold', 'resolved', 'closed']);

const incidentRules: RecordRules<Incident> = (d, ctx) => {
  const f = new Findings(ctx.file);
  const matrix = ctx.policies.priorityMatrix?.matrix;
  if (matrix) {
    const expected = matrix[d.impact]?.[d.urgency];
    if (expected && expected !== d.priority && !d.priority_override_reason) {
      f.add(
        'priority/matrix',
        '/priority',
        `Priority is ${d.priority}, but impact ${d.impact} x urgency ${d.urgency} gives ${expected} in the priority matrix.`,
        `Set \`priority: ${expected}\`, or keep ${d.priority} and add \`priority_override_reason\` saying why.`,
      );
    }
  }
  f.need(
    TAKEN.has(d.status),
    d,
    'acknowledged_at',
    'lifecycle/acknowledged-at',
    `once the incident is ${d.status}`,
    'Add `acknowledged_at` with the time someone took the incident on.',
  );
  f.need(
    DONE.has(d.status),
    d,
    'resolved_at',
    'lifecycle/resolved-at',
    `once the incident is ${d.status}`,
    'Add `resolved_at` with the time service was restored.',
  );
  f.need(DONE.has(d.status), d, 'resolution', 'lifecycle/resolution', `once the incident is ${d.status}`, 'Add `resolution:` saying how service was restored.');
  f.need(d.status === 'closed', d, 'closed_at', 'lifecycle/closed-at', 'once the incident is closed', 'Add `closed_at` with the time the record was closed.');
  if (OPEN.has(d.status) && d.resolved_at !== undefined) {
    f.add(
      'lifecycle/open-but-resolved',
      '/resolved_at',
      `The incident is ${d.status} but has \`resolved_at\`.`,
      'If it was reopened, remove `resolved_at` (the timeline keeps the earlier resolution); otherwise set `status: resolved`.',
    );
  }
  const data = d as unknown as Record<string, unknown>;
  f.order(data, 'reported_at', 'acknowledged_at');
  f.order(data, 'acknowledged_at', 'resolved_at');
  f.order(data, 'reported_at', 'resolved_at');
  f.order(data, 'resolved_at', 'closed_at');
  checkTimeline(f, data, lifecycle.statuses, 'reported_at', milestones);
  if (d.major && d.status === 'closed' && d.pir === undefined) {
    f.add(
      'major/pir-missing',
      '/major',
      'This major incident is closed without its post-incident review.',
      `${PIR_HINT} Or reopen it (\`status: resolved\`) until the review is held.`,
    );
  }
  return f.list;
};

const PIR_HINT =
  'Hold the review and add a `pir:` section: `summary`, `contributing_factors` and `actions` (title, owner, due, done; optionally the problem or change that carries it). Keep the narrative postmortem in the body.';

/** A resolved major incident needs its review by the due day: a warning until then, an error after. */
const incidentTimedRules: TimedRules<Incident> = (d, ctx) => {
  if (d.major !== true || d.status !== 'resolved' || d.pir !== undefined || d.resolved_at === undefined) return [];
  const f = new Findings(ctx.file);
  const tz = ctx.settings.time_zone;
  const due = pirDueDate(d.resolved_at, pirDueDays(ctx.settings), tz);
  if (reviewState(false, due, localDate(ctx.now.getTime(), tz)) === 'overdue') {
    f.add('major/pir-overdue', '/major', `The post-incident review of this major incident was due on ${due} and is missing.`, PIR_HINT);
  } else {
    f.add('major/pir-due', '/major', `This major incident is resolved: its post-incident review is due by ${due}.`, PIR_HINT, 'warning');
  }
  return f.list;
};

export const incident = defineKind<Incident>()({
  kind: 'incident',
  prefix: 'INC-',
  folder: 'incidents',
  label: 'incident',
  plural: 'incidents',
  numbered: true,
  schema: 'incident',
  idPattern: numberedId('INC-'),
  lifecycle,
  milestones,
  reopenClears: ['resolution', 'close_code'],
  happened: ['reported_at'],
  identity: ['title', 'reported_at'],
  columns: [
    { key: 'title', label: 'Title', value: { from: 'name' } },
    { key: 'status', label: 'Status', facet: true, value: { from: 'label', field: 'status' } },
    { key: 'priority', label: 'Priority', facet: true, value: { from: 'text', field: 'priority' } },
    { key: 'service', label: 'Service', facet: true, value: { from: 'ref', field: 'service' } },
    { key: 'team', label: 'Team', facet: true, value: { from: 'ref', field: 'team' } },
    { key: 'assignee', label: 'Assignee', facet: true, value: { from: 'text', field: 'assignee' } },
    { key: 'reported_at', label: 'Reported', value: { from: 'time', field: 'reported_at' } },
    { key: 'sla', label: 'SLA', facet: true, value: { from: 'sla' } },
  ],
  relations: [
    { field: 'service', to: 'service', many: false, label: 'affects service', inverse: 'incidents' },
    { field: 'cis', to: 'ci', many: true, label: 'involves', inverse: 'incidents' },
    { field: 'team', to: 'team', many: false, label: 'assigned to', inverse: 'incidents' },
    { field: 'problem', to: 'problem', many: false, label: 'caused by problem', inverse: 'incidents' },
    { field: 'caused_by_change', to: 'change', many: false, label: 'caused by change', inverse: 'caused incidents' },
    { field: 'kb', to: 'kb', many: true, label: 'uses article', inverse: 'used by incidents' },
    { field: 'pir.actions.problem', to: 'problem', many: false, label: 'review action tracked by', inverse: 'tracks review actions of' },
    { field: 'pir.actions.change', to: 'change', many: false, label: 'review action carried out by', inverse: 'carries out review actions of' },
  ],
  people: [
    { field: 'assignee', memberOf: 'team' },
    { field: 'caller', contact: true },
  ],
  closing: { closeCodeIn: lifecycle.done, category: true },
  rules: incidentRules,
  followUp: ['pir.actions'],
  timed: { fields: ['major', 'resolved_at', 'pir'], rules: incidentTimedRules },
});
