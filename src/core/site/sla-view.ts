/**
 * The SLA figures the site shows, grouped per record from the SLA engine's results (src/core/sla),
 * so pages render one shape whatever the engine adds later.
 */
import { isOpenClock, type SlaResult } from '../sla/index.ts';

export type ClockStateView = SlaResult['state'];

export interface ClockView {
  /** "response" or "resolution". */
  clock: string;
  state: ClockStateView;
  /** Still counting or paused (the record is open): breaches here are actionable. */
  live: boolean;
  /** A running or paused clock past the policy's warning threshold, not yet breached. */
  atRisk: boolean;
  percent: number | null;
  targetSeconds: number | null;
  elapsedSeconds: number | null;
  remainingSeconds: number | null;
  dueAt: string | null;
  breachAt: string | null;
}

export interface SlaView {
  id: string;
  policy: string | null;
  calendar: string | null;
  /** Why this policy (or none) applies. */
  reason: string;
  clocks: ClockView[];
}

/** Groups the engine's per-metric results by record (records without a policy keep their reason). */
export function slaViews(results: readonly SlaResult[]): Map<string, SlaView> {
  const out = new Map<string, SlaView>();
  for (const r of results) {
    let view = out.get(r.record);
    if (!view) out.set(r.record, (view = { id: r.record, policy: r.policy, calendar: r.calendar, reason: r.reason, clocks: [] }));
    if (r.state === 'no_policy') continue;
    view.clocks.push({
      clock: r.metric,
      state: r.state,
      live: isOpenClock(r),
      atRisk: r.at_risk,
      percent: r.percent,
      targetSeconds: r.target_seconds,
      elapsedSeconds: r.elapsed_seconds,
      remainingSeconds: r.remaining_seconds,
      dueAt: r.due_at,
      breachAt: r.breached_at,
    });
  }
  return out;
}

/** The worst state of a record's clocks, for catalog columns and filters. */
export function worstState(view: SlaView | undefined): 'breached' | 'at risk' | 'ok' | 'none' {
  if (!view || view.clocks.length === 0) return 'none';
  if (view.clocks.some((c) => c.state === 'breached')) return 'breached';
  if (view.clocks.some((c) => c.atRisk)) return 'at risk';
  return 'ok';
}
