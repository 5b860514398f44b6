import type { Problem } from '../model.ts';
import { defineKind, numberedId, type Lifecycle } from './definition.ts';
import { Findings, checkTimeline, type RecordRules } from './rule-kit.ts';

const lifecycle: Lifecycle = {
  statuses: ['new', 'investigating', 'known_error', 'resolved', 'closed'],
  initial: 'new',
  open: ['new', 'investigating', 'known_error'],
  done: ['resolved', 'closed'],
  transitions: {
    new: ['investigating', 'known_error', 'resolved'],
    investigating: ['known_error', 'resolved'],
    known_error: ['investigating', 'resolved'],
    resolved: ['closed', 'investigating'],
    closed: ['investigating'],
  },
  locked: ['closed'],
  retire: 'closed',
};
const milestones = { resolved: 'resolved_at' };

const problemRules: RecordRules<Problem> = (d, ctx) => {
  const f = new Findings(ctx.file);
  const causeKnown = d.status === 'known_error' || d.status === 'resolved' || d.status === 'closed';
  f.need(causeKnown, d, 'root_cause', 'lifecycle/root-cause', `once the problem is ${d.status}`, 'Add `root_cause:` describing what causes the incidents.');
  f.need(d.known_error === true, d, 'root_cause', 'known-error/root-cause', 'for a known error', 'Add `root_cause:`, or set `known_error: false`.');
  f.need(
    d.known_error === true || d.status === 'known_error',
    d,
    'workaround',
    'known-error/workaround',
    'for a known error',
    'Add `workaround:` telling the service desk how to restore service until the fix lands.',
  );
  f.need(
    d.status === 'resolved' || d.status === 'closed',
    d,
    'resolved_at',
    'lifecycle/resolved-at',
    `once the problem is ${d.status}`,
    'Add `resolved_at` with the time the fix was confirmed.',
  );
  const data = d as unknown as Record<string, unknown>;
  f.order(data, 'opened_at', 'resolved_at');
  checkTimeline(f, data, lifecycle.statuses, 'opened_at', milestones);
  return f.list;
};

export const problem = defineKind<Problem>()({
  kind: 'problem',
  prefix: 'PRB-',
  folder: 'problems',
  label: 'problem',
  plural: 'problems',
  numbered: true,
  schema: 'problem',
  idPattern: numberedId('PRB-'),
  lifecycle,
  milestones,
  happened: ['opened_at'],
  outcomes: { known_error: ['root_cause', 'workaround', 'known_error'], resolved: ['fix_change'] },
  identity: ['title', 'opened_at'],
  columns: [
    { key: 'title', label: 'Title', value: { from: 'name' } },
    { key: 'status', label: 'Status', facet: true, value: { from: 'label', field: 'status' } },
    { key: 'known_error', label: 'Known error', facet: true, value: { from: 'label', field: 'known_error' } },
    { key: 'service', label: 'Services', facet: true, value: { from: 'ref', field: 'services' } },
    { key: 'team', label: 'Team', facet: true, value: { from: 'ref', field: 'team' } },
    { key: 'opened_at', label: 'Opened', value: { from: 'time', field: 'opened_at' } },
  ],
  relations: [
    { field: 'team', to: 'team', many: false, label: 'investigated by', inverse: 'problems' },
    { field: 'services', to: 'service', many: true, label: 'affects service', inverse: 'problems' },
    { field: 'incidents', to: 'incident', many: true, label: 'explains incidents', inverse: 'explained by problem' },
    { field: 'cis', to: 'ci', many: true, label: 'at fault', inverse: 'problems' },
    { field: 'fix_change', to: 'change', many: false, label: 'fixed by change', inverse: 'fixes problems' },
  ],
  rules: problemRules,
});
