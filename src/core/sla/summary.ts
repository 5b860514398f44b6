/** The one definition of an open clock, and the counts every SLA view starts from. */
import type { SlaResult, SlaState } from './types.ts';

/** Still counting or paused: the record is open, so a breach here is actionable. */
export function isOpenClock(r: Pick<SlaResult, 'clock'>): boolean {
  return r.clock === 'running' || r.clock === 'paused';
}

export interface SlaSummary {
  records: number;
  clocks: number;
  by_state: Record<SlaState, number>;
  /** Breached clocks still running or paused. */
  open_breaches: number;
  at_risk: number;
  /** Records no policy covers (one no_policy result each). */
  no_policy: number;
}

export function slaSummary(results: readonly SlaResult[]): SlaSummary {
  const by_state: Record<SlaState, number> = { in_progress: 0, paused: 0, met: 0, breached: 0, cancelled: 0, no_policy: 0 };
  const records = new Set<string>();
  let open_breaches = 0;
  let at_risk = 0;
  for (const r of results) {
    records.add(r.record);
    by_state[r.state] += 1;
    if (r.state === 'breached' && isOpenClock(r)) open_breaches += 1;
    if (r.at_risk) at_risk += 1;
  }
  const clocks = results.length - by_state.no_policy;
  return { records: records.size, clocks, by_state, open_breaches, at_risk, no_policy: by_state.no_policy };
}

/**
 * `itsm sla --at-risk --within`: a clock not yet breached that is past its policy's warning
 * threshold (running or paused), or that is running and will breach within the horizon (its due
 * time is at or before now + within). A paused clock cannot breach while it stands still, so only
 * the threshold lists it. Without a horizon (null) only the threshold counts.
 */
export function atRiskWithin(r: Pick<SlaResult, 'state' | 'clock' | 'at_risk' | 'due_at'>, now: number, withinMs: number | null): boolean {
  if (r.state !== 'in_progress' && r.state !== 'paused') return false;
  if (r.at_risk) return true;
  return withinMs !== null && r.clock === 'running' && r.due_at !== null && Date.parse(r.due_at) <= now + withinMs;
}
