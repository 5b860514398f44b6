import type { Incident } from '../model.ts';
import { Findings, checkTimeline, type RecordRules } from './rule-kit.ts';

export const INCIDENT_STATUSES = ['new', 'acknowledged', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled'] as const;
const OPEN = new Set(['new', 'acknowledged', 'in_progress', 'on_hold']);
const TAKEN = new Set(['acknowledged', 'in_progress', 'on_hold', 'resolved', 'closed']);
const DONE = new Set(['resolved', 'closed']);

export const incidentRules: RecordRules<Incident> = (d, ctx, body) => {
  const f = new Findings(ctx.file);
  const matrix = ctx.policies.priorityMatrix?.matrix;
  if (matrix) {
    const expected = matrix[d.impact]?.[d.urgency];
    if (expected && expected !== d.priority && !d.priority_override_reason) {
      f.add('priority/matrix', '/priority', `Priority is ${d.priority}, but impact ${d.impact} x urgency ${d.urgency} gives ${expected} in the priority matrix.`, `Set \`priority: ${expected}\`, or keep ${d.priority} and add \`priority_override_reason\` saying why.`);
    }
  }
  f.need(TAKEN.has(d.status), d, 'acknowledged_at', 'lifecycle/acknowledged-at', `once the incident is ${d.status}`, 'Add `acknowledged_at` with the time someone took the incident on.');
  f.need(DONE.has(d.status), d, 'resolved_at', 'lifecycle/resolved-at', `once the incident is ${d.status}`, 'Add `resolved_at` with the time service was restored.');
  f.need(DONE.has(d.status), d, 'resolution', 'lifecycle/resolution', `once the incident is ${d.status}`, 'Add `resolution:` saying how service was restored.');
  f.need(d.status === 'closed', d, 'closed_at', 'lifecycle/closed-at', 'once the incident is closed', 'Add `closed_at` with the time the record was closed.');
  if (OPEN.has(d.status) && d.resolved_at !== undefined) {
    f.add('lifecycle/open-but-resolved', '/resolved_at', `The incident is ${d.status} but has \`resolved_at\`.`, 'If it was reopened, remove `resolved_at` (the timeline keeps the earlier resolution); otherwise set `status: resolved`.');
  }
  const data = d as unknown as Record<string, unknown>;
  f.order(data, 'reported_at', 'acknowledged_at');
  f.order(data, 'acknowledged_at', 'resolved_at');
  f.order(data, 'reported_at', 'resolved_at');
  f.order(data, 'resolved_at', 'closed_at');
  checkTimeline(f, data, INCIDENT_STATUSES, 'reported_at', { acknowledged: 'acknowledged_at', resolved: 'resolved_at', closed: 'closed_at' });
  if (d.major && DONE.has(d.status) && !/^#{1,6}\s*(post-?mortem|post-incident review|incident review)\b/im.test(body)) {
    f.add('major/postmortem', '/major', 'This major incident is resolved but its body has no postmortem.', 'Add a `## Postmortem` section to the body: impact, timeline, root cause, what went well, actions.', 'warning');
  }
  return f.list;
};
