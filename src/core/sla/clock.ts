/**
 * When a clock runs, in wall-clock terms: the spans between its start and its stop during which
 * the record was not in a pause status. Business time is measured on these spans afterwards, so
 * this part knows nothing about calendars.
 */
import type { ClockState, SlaMetric } from './types.ts';
import { LIFECYCLES, type StatusHistory } from './status.ts';

export interface ClockRun {
  /** [from, to) wall-clock spans (epoch ms) during which the clock counted, in order. */
  running: Array<[number, number]>;
  state: ClockState;
  /** When the clock stopped for good or was cancelled (epoch ms), else null. */
  stoppedAt: number | null;
}

/**
 * Runs one metric's clock over a status history up to `now`.
 * - response stops at acknowledged_at, or failing that at the first move away from the initial
 *   status (other than a cancellation);
 * - resolution stops on entering a done status (resolved, closed, fulfilled) and resumes if the
 *   record is reopened; the last stop is the one that counts;
 * - both stand still while the status is one of `pause`, and are cancelled by a cancel status
 *   reached before they stopped.
 * Status changes after `now` have not happened yet and are ignored.
 */
export function runClock(history: StatusHistory, metric: SlaMetric, pause: ReadonlySet<string>, now: number): ClockRun {
  const lifecycle = LIFECYCLES[history.kind];
  const { start, changes } = history;
  const stopAt = metric === 'response' ? responseStop(history) : null;
  const done = metric === 'resolution' ? lifecycle.done : EMPTY;
  const counts = (status: string) => !pause.has(status) && !done.has(status) && !lifecycle.cancelled.has(status);
  const horizon = Math.max(start, Math.min(now, stopAt ?? Infinity));

  const running: Array<[number, number]> = [];
  let status = lifecycle.initial;
  let since = start;
  let doneSince = start;
  let cancelledAt = start;
  for (const change of changes) {
    if (change.at > horizon) break;
    const at = Math.max(change.at, start);
    if (change.status === status) continue;
    const wasCounting = counts(status);
    const nowCounting = counts(change.status);
    if (wasCounting && !nowCounting && at > since) running.push([since, at]);
    if (!wasCounting && nowCounting) since = at;
    if (done.has(change.status) && !done.has(status)) doneSince = at;
    if (lifecycle.cancelled.has(change.status)) cancelledAt = at;
    status = change.status;
  }
  if (counts(status) && horizon > since) running.push([since, horizon]);

  if (stopAt !== null && stopAt <= now) return { running, state: 'stopped', stoppedAt: Math.max(stopAt, start) };
  if (done.has(status)) return { running, state: 'stopped', stoppedAt: doneSince };
  if (lifecycle.cancelled.has(status)) return { running, state: 'cancelled', stoppedAt: cancelledAt };
  if (pause.has(status)) return { running, state: 'paused', stoppedAt: null };
  return { running, state: 'running', stoppedAt: null };
}

const EMPTY: ReadonlySet<string> = new Set();

/** When the response clock stops: acknowledged_at, else the first move away from the initial status. */
export function responseStop(history: StatusHistory): number | null {
  if (history.acknowledgedAt !== null) return history.acknowledgedAt;
  const lifecycle = LIFECYCLES[history.kind];
  for (const change of history.changes) {
    if (change.status === lifecycle.initial) continue;
    if (lifecycle.cancelled.has(change.status)) return null;
    return Math.max(change.at, history.start);
  }
  return null;
}
