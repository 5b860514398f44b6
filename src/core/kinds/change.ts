import type { Change } from '../model.ts';
import { defineKind, numberedId, type Lifecycle } from './definition.ts';
import { Findings, checkTimeline, instant, type RecordRules } from './rule-kit.ts';

const lifecycle: Lifecycle = {
  statuses: ['draft', 'submitted', 'approved', 'scheduled', 'implementing', 'completed', 'failed', 'rolled_back', 'cancelled'],
  initial: 'draft',
  // Not run yet, or running now.
  open: ['draft', 'submitted', 'approved', 'scheduled', 'implementing'],
  // Ended, whatever the outcome.
  done: ['completed', 'failed', 'rolled_back'],
  transitions: {
    draft: ['submitted', 'cancelled'],
    // Reviewers may send a change back to its author before approving it.
    submitted: ['approved', 'draft', 'cancelled'],
    approved: ['scheduled', 'implementing', 'submitted', 'cancelled'],
    scheduled: ['implementing', 'approved', 'cancelled'],
    implementing: ['completed', 'failed', 'rolled_back'],
    // Outcomes are final: a completed, failed or rolled-back change keeps its outcome, but its
    // post-implementation review is still written afterwards, so these are not locked.
    completed: [],
    failed: ['rolled_back'],
    rolled_back: [],
    cancelled: ['draft'],
  },
  locked: ['cancelled'],
  retire: 'cancelled',
};
const milestones = { implementing: 'actual_start' };
const ENDED = new Set(lifecycle.done);
const STARTED = new Set(['implementing', ...lifecycle.done]);
const OUTCOMES: Record<string, readonly string[]> = {
  completed: ['successful', 'successful_with_issues'],
  failed: ['failed'],
  rolled_back: ['rolled_back'],
};

const changeRules: RecordRules<Change> = (d, ctx) => {
  const f = new Findings(ctx.file);
  const start = instant(d.planned_start);
  const end = instant(d.planned_end);
  if (start !== undefined && end !== undefined && end <= start) {
    f.add(
      'change/planned-window',
      '/planned_end',
      `\`planned_end\` (${d.planned_end}) is not after \`planned_start\` (${d.planned_start}).`,
      'The planned window must end after it starts.',
    );
  }
  f.need(STARTED.has(d.status), d, 'actual_start', 'lifecycle/actual-start', `once the change is ${d.status}`, 'Add `actual_start` with the time work began.');
  f.need(ENDED.has(d.status), d, 'actual_end', 'lifecycle/actual-end', `once the change is ${d.status}`, 'Add `actual_end` with the time work ended.');
  f.need(
    ENDED.has(d.status),
    d,
    'outcome',
    'lifecycle/outcome',
    `once the change is ${d.status}`,
    `Add \`outcome:\` (${(OUTCOMES[d.status] ?? []).join(' or ')}).`,
  );
  const allowed = OUTCOMES[d.status];
  if (d.outcome !== undefined && allowed && !allowed.includes(d.outcome)) {
    f.add(
      'change/outcome-status',
      '/outcome',
      `Outcome "${d.outcome}" does not fit status "${d.status}".`,
      `For status ${d.status}, the outcome is ${allowed.join(' or ')}.`,
    );
  }
  f.order(d as unknown as Record<string, unknown>, 'actual_start', 'actual_end');
  if (d.type === 'normal' || d.type === 'emergency') {
    f.need(true, d, 'test_plan', 'change/test-plan', `for a ${d.type} change`, 'Add `test_plan:` saying how you will know the change worked.');
    f.need(true, d, 'rollback_plan', 'change/rollback-plan', `for a ${d.type} change`, 'Add `rollback_plan:` saying how to undo the change if it goes wrong.');
  }
  if (d.type === 'standard') {
    const templates = ctx.policies.changePolicy?.standard_templates ?? [];
    if (d.template === undefined) {
      f.add(
        'change/standard-template',
        '',
        'A standard change must name its pre-approved template.',
        `Add \`template:\` with one of: ${templates.map((t) => t.id).join(', ') || '(no templates are defined in change-policy.yaml)'}; or make it a normal change.`,
      );
    } else if (ctx.policies.changePolicy && !templates.some((t) => t.id === d.template)) {
      f.add(
        'change/unknown-template',
        '/template',
        `Template "${d.template}" is not an approved standard template.`,
        `Use one of: ${templates.map((t) => t.id).join(', ') || '(none defined)'}; or make it a normal change, which needs approval.`,
      );
    }
  }
  if (d.type === 'emergency' && ENDED.has(d.status) && d.pir?.due === undefined) {
    f.add(
      'change/pir',
      '',
      'An emergency change needs a post-implementation review once it has ended.',
      'Add `pir: { due: YYYY-MM-DD }` within the days the change policy allows.',
    );
  }
  // A change is drafted, reviewed and approved before its window: its timeline may start before planned_start.
  checkTimeline(f, d as unknown as Record<string, unknown>, lifecycle.statuses, undefined, milestones);
  return f.list;
};

export const change = defineKind<Change>()({
  kind: 'change',
  prefix: 'CHG-',
  folder: 'changes',
  label: 'change',
  plural: 'changes',
  numbered: true,
  schema: 'change',
  idPattern: numberedId('CHG-'),
  lifecycle,
  milestones,
  stamps: { completed: 'actual_end', failed: 'actual_end', rolled_back: 'actual_end' },
  happened: ['actual_end'],
  identity: ['title', 'planned_start'],
  columns: [
    { key: 'title', label: 'Title', value: { from: 'name' } },
    { key: 'type', label: 'Type', facet: true, value: { from: 'label', field: 'type' } },
    { key: 'risk', label: 'Risk', facet: true, value: { from: 'label', field: 'risk' } },
    { key: 'status', label: 'Status', facet: true, value: { from: 'label', field: 'status' } },
    { key: 'service', label: 'Services', facet: true, value: { from: 'ref', field: 'services' } },
    { key: 'team', label: 'Team', facet: true, value: { from: 'ref', field: 'team' } },
    { key: 'planned_start', label: 'Planned start', value: { from: 'time', field: 'planned_start' } },
  ],
  relations: [
    { field: 'team', to: 'team', many: false, label: 'implemented by', inverse: 'changes' },
    { field: 'services', to: 'service', many: true, label: 'affects service', inverse: 'changes' },
    { field: 'cis', to: 'ci', many: true, label: 'changes', inverse: 'changes' },
    { field: 'release', to: 'release', many: false, label: 'ships in', inverse: 'changes' },
  ],
  people: [{ field: 'requested_by' }],
  rules: changeRules,
});
