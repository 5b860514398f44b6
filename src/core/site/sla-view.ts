/**
 * The SLA figures the site shows, grouped per record from the SLA engine's results (src/core/sla),
 * so pages render one shape whatever the engine adds later.
 */
import { formatInstant } from '../format.ts';
import { timeLeft } from '../queue.ts';
import { isOpenClock, type SlaClockName, type SlaCycle, type SlaResult } from '../sla/index.ts';

export type ClockStateView = SlaResult['state'];

export interface ClockView {
  /** "response", "resolution", or an OLA's "ola-response" / "ola-resolution". */
  clock: SlaClockName;
  /** The policy and calendar of this clock: an OLA's differ from the customer SLA's. */
  policy: string | null;
  calendar: string | null;
  /** OLAs: the team whose part of the work the current cycle measures. */
  team: string | null;
  state: ClockStateView;
  /** Still counting or paused (the record is open): breaches here are actionable. */
  live: boolean;
  /** Stopped by a pause status (on hold): it does not count down. */
  paused: boolean;
  /** A running or paused clock past the policy's warning threshold, not yet breached. */
  atRisk: boolean;
  percent: number | null;
  targetSeconds: number | null;
  elapsedSeconds: number | null;
  remainingSeconds: number | null;
  dueAt: string | null;
  breachAt: string | null;
  /** A paused clock: when it last stopped counting. */
  pausedSince: string | null;
  /** Earlier, completed cycles (reopened under new_cycle, restarted on a priority change, handed to another team), oldest first. */
  cycles: readonly SlaCycle[];
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
      policy: r.policy,
      calendar: r.calendar,
      team: r.team ?? null,
      state: r.state,
      live: isOpenClock(r),
      paused: r.clock === 'paused',
      atRisk: r.at_risk,
      percent: r.percent,
      targetSeconds: r.target_seconds,
      elapsedSeconds: r.elapsed_seconds,
      remainingSeconds: r.remaining_seconds,
      dueAt: r.due_at,
      breachAt: r.breached_at,
      pausedSince: r.clock === 'paused' ? (r.paused_since ?? null) : null,
      cycles: r.cycles ?? [],
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

/**
 * A live clock's due time as every SLA cell shows it: the instant (for the browser's countdown), in
 * the workspace's zone, and the time left at the instant the site was built.
 */
export interface DueView {
  metric: string;
  /** The due instant, ISO: the countdown script counts from it. */
  at: string;
  /** The due instant in the workspace's time zone. */
  text: string;
  /** "2h 10m left", "overdue 35m" or "paused", as of the build. */
  left: string;
  paused: boolean;
  overdue: boolean;
  atRisk: boolean;
}

export function dueView(clock: { metric: string; paused: boolean; dueAt: string; atRisk: boolean }, nowMs: number, tz: string): DueView {
  const leftSeconds = Math.floor((Date.parse(clock.dueAt) - nowMs) / 1000);
  return {
    metric: clock.metric,
    at: clock.dueAt,
    text: formatInstant(clock.dueAt, tz),
    left: timeLeft({ clock: clock.paused ? 'paused' : 'running', left_seconds: leftSeconds }),
    paused: clock.paused,
    overdue: leftSeconds < 0,
    atRisk: clock.atRisk,
  };
}

/** The due time of a record's most urgent live clock: the soonest running one, else the soonest paused one. */
export function nextDue(view: SlaView | undefined, nowMs: number, tz: string): DueView | null {
  const live = (view?.clocks ?? []).filter((c) => c.live && c.dueAt);
  const soonest = (list: ClockView[]) => list.sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))[0];
  const c = soonest(live.filter((x) => !x.paused)) ?? soonest(live.filter((x) => x.paused));
  return c ? dueView({ metric: c.clock, paused: c.paused, dueAt: c.dueAt!, atRisk: c.atRisk }, nowMs, tz) : null;
}
