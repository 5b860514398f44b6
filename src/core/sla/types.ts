/** The shapes the SLA engine hands to the CLI, the reports and the site. */

/** Which clock: response (reported -> acknowledged) or resolution (reported -> resolved / fulfilled). */
export type SlaMetric = 'response' | 'resolution';

/**
 * The name a clock is reported under: a customer SLA's metric, or `ola-<metric>` for an operational
 * level agreement (a policy with `scope: team`), so both sit side by side on one record.
 */
export type SlaClockName = SlaMetric | `ola-${SlaMetric}`;

/** Every clock name, in the order views list them. */
export const CLOCK_NAMES: readonly SlaClockName[] = ['response', 'resolution', 'ola-response', 'ola-resolution'];

/** A completed cycle of a clock: ended by a resolution before a reopen, a hand-off to another team, or a restart on a priority change. */
export interface SlaCycle {
  started_at: string;
  stopped_at: string | null;
  elapsed_seconds: number;
  target_seconds: number;
  /** met or breached (decided by the due time), or cancelled (restarted on a priority change). */
  state: SlaState;
  due_at: string | null;
  priority: string;
  /** The team whose part of the work the cycle measured (OLAs only). */
  team?: string;
}

/** Record kinds an SLA policy can apply to. */
export type SlaKind = 'incident' | 'request';

/**
 * in_progress: running, within target; paused: stopped by a pause status, within target;
 * met / breached: stopped at or before / after the due time (a running or paused clock past its
 * due time is breached too; the percentage never decides); cancelled: the record was cancelled (or rejected) before the clock stopped;
 * no_policy: no policy (or no usable calendar) applies, `reason` says why.
 */
export type SlaState = 'in_progress' | 'paused' | 'met' | 'breached' | 'cancelled' | 'no_policy';

/** Whether the clock is counting at `now`. */
export type ClockState = 'running' | 'paused' | 'stopped' | 'cancelled';

/** One record's clock for one metric. Seconds are business seconds on the calendar. */
export interface SlaResult {
  record: string;
  kind: SlaKind;
  metric: SlaClockName;
  /** The policy's ID, or null when none applies. */
  policy: string | null;
  /** The calendar's ID, or null when none could be chosen. */
  calendar: string | null;
  /** Why this policy and calendar (or why none), in a sentence. */
  reason: string;
  target_seconds: number | null;
  elapsed_seconds: number | null;
  /** target - elapsed; negative once breached (by how much it ran over). */
  remaining_seconds: number | null;
  /** elapsed / target x 100, floored to one decimal: 100 only once the target is reached. */
  percent: number | null;
  state: SlaState;
  /** When the elapsed time reaches the target: as it happened, or projected if the clock keeps (or resumes) running from now. */
  due_at: string | null;
  /** The instant the target was (or, while running, will be) exceeded; null when met, paused within target, or cancelled. */
  breached_at: string | null;
  /** A running or paused clock at or past the policy's warning threshold (default 75%, compared unrounded) and not yet breached. */
  at_risk: boolean;
  /**
   * Warning thresholds of the policy (warn_at) this clock's current cycle has crossed, with the
   * instant each was reached; only for running or paused clocks, and only when computeSla is asked
   * for them (`{ warnings: true }`: `itsm notify` does).
   */
  warnings?: Array<{ percent: number; at: string }>;
  clock: ClockState | null;
  /** When the current cycle of the clock started (reported_at / requested_at as written, unless a start condition, reopen, restart or assignment started it later). */
  started_at: string;
  /** When the clock stopped for good (acknowledged, resolved, fulfilled, cancelled), in the calendar's zone. */
  stopped_at: string | null;
  /** A paused clock only: when it last stopped counting (or when its cycle started, if it never counted), in the calendar's zone. */
  paused_since?: string;
  service?: string;
  priority?: string;
  /** The team an OLA clock measures (the team the record is with in the current cycle). */
  team?: string;
  /** Earlier, completed cycles of this clock, oldest first (empty unless the policy starts new cycles). */
  cycles?: SlaCycle[];
}
