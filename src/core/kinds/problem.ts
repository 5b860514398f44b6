import type { Problem } from '../model.ts';
import { Findings, checkTimeline, type RecordRules } from './rule-kit.ts';

export const PROBLEM_STATUSES = ['new', 'investigating', 'known_error', 'resolved', 'closed'] as const;

export const problemRules: RecordRules<Problem> = (d, ctx) => {
  const f = new Findings(ctx.file);
  const causeKnown = d.status === 'known_error' || d.status === 'resolved' || d.status === 'closed';
  f.need(causeKnown, d, 'root_cause', 'lifecycle/root-cause', `once the problem is ${d.status}`, 'Add `root_cause:` describing what causes the incidents.');
  f.need(d.known_error === true, d, 'root_cause', 'known-error/root-cause', 'for a known error', 'Add `root_cause:`, or set `known_error: false`.');
  f.need(d.known_error === true || d.status === 'known_error', d, 'workaround', 'known-error/workaround', 'for a known error', 'Add `workaround:` telling the service desk how to restore service until the fix lands.');
  f.need(d.status === 'resolved' || d.status === 'closed', d, 'resolved_at', 'lifecycle/resolved-at', `once the problem is ${d.status}`, 'Add `resolved_at` with the time the fix was confirmed.');
  const data = d as unknown as Record<string, unknown>;
  f.order(data, 'opened_at', 'resolved_at');
  checkTimeline(f, data, PROBLEM_STATUSES, 'opened_at', { resolved: 'resolved_at' });
  return f.list;
};
