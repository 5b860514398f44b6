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
