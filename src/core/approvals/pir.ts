/** The post-implementation review an emergency rule asks for: due within N days of the change's end. */
import { Temporal } from 'temporal-polyfill';
import type { Change, ChangePolicy } from '../model.ts';
import type { WindowFinding } from './types.ts';

/**
 * A finding when the rule sets pir_within_days and the change has no pir.due, or a later one.
 * The day count starts from the end date as written (in the timestamp's own offset).
 */
export function pirFinding(change: Change, rule: ChangePolicy['rules'][number] | undefined): WindowFinding | undefined {
  const days = rule?.pir_within_days;
  if (!days) return undefined;
  const end = change.actual_end ?? change.planned_end;
  const latest = Temporal.PlainDate.from(end.slice(0, 10)).add({ days });
  const due = change.pir?.due;
  if (due && Temporal.PlainDate.compare(Temporal.PlainDate.from(due), latest) <= 0) return undefined;
  return {
    kind: 'pir',
    message: due
      ? `The post-implementation review is due ${due}, later than the policy's ${days} days after the change ends (${latest.toString()}).`
      : `This ${change.type} change needs a post-implementation review within ${days} days of its end: set pir.due to ${latest.toString()} or earlier.`,
  };
}

/**
 * A finding when the review is overdue at `now` (an ISO instant): the rule asks for one, none was
 * held (pir.completed_at), and the deadline (pir.due, or the policy's N days when that is earlier or
 * pir.due is missing) has passed. Days are counted in the offset of the change's end timestamp.
 * It does not block: the change was approved and has run; the finding tells whoever merges.
 */
export function pirOverdue(change: Change, rule: ChangePolicy['rules'][number] | undefined, now: string): WindowFinding | undefined {
  const days = rule?.pir_within_days;
  if (!days || change.pir?.completed_at) return undefined;
  const end = change.actual_end ?? change.planned_end;
  const latest = Temporal.PlainDate.from(end.slice(0, 10)).add({ days });
  const due = change.pir?.due ? Temporal.PlainDate.from(change.pir.due) : undefined;
  const deadline = due && Temporal.PlainDate.compare(due, latest) < 0 ? due : latest;
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(end)?.[1] ?? 'Z';
  const today = Temporal.Instant.from(now)
    .toZonedDateTimeISO(offset === 'Z' ? 'UTC' : offset)
    .toPlainDate();
  if (Temporal.PlainDate.compare(today, deadline) <= 0) return undefined;
  const late = today.since(deadline).days;
  return {
    kind: 'pir-overdue',
    message: `The post-implementation review of this ${change.type} change was due by ${deadline.toString()} and is ${late} day${late === 1 ? '' : 's'} overdue (no pir.completed_at as of ${today.toString()}): hold the review and record pir.completed_at and pir.summary.`,
  };
}
