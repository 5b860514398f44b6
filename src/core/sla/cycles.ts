/**
 * The general clock: what `runClock` does, plus what a policy can ask beyond the defaults. It walks
 * the record's status and field changes once and cuts the clock into cycles:
 * - a start condition delays the start; stop conditions replace the milestones; pause_when pauses;
 * - `on_reopen: new_cycle`: leaving a stop (a reopen) completes the cycle and starts a new one;
 * - `on_priority_change: restart`: a priority change cancels the running cycle and starts a new one;
 * - `scope: team` (an OLA): a cycle runs while the record is with a team; a hand-off to another team
 *   (or to none) stops it, and the next team's cycle starts at the assignment.
 * Engine speed: only policies that ask for one of these take this path; the rest use `runClock`.
 */
import type { ClockState, SlaMetric } from './types.ts';
import { responseStop } from './clock.ts';
import { holds, valueAt, type Condition, type FieldHistory, type Snapshot } from './conditions.ts';
import { LIFECYCLES, type StatusHistory, type TrackedField } from './status.ts';

export interface CycleRules {
  pause: ReadonlySet<string>;
  pauseWhen: readonly Condition[];
  start: Condition | undefined;
  /** Replaces the metric's milestone. */
  stop: Condition | undefined;
  newCycleOnReopen: boolean;
  restartOnPriorityChange: boolean;
  /** OLA: only time with a team counts, one cycle per assignment; the set limits which teams (null: any). */
  team: { teams: ReadonlySet<string> | null } | null;
  /** The fields these rules read (restart: priority; OLA: team; conditions: theirs): the others are not followed. */
  reads: ReadonlySet<TrackedField>;
}

export interface FieldHistories {
  priority: FieldHistory;
  team: FieldHistory;
  assignee: FieldHistory;
}

export interface CycleRun {
  /** When this cycle started (epoch ms). */
  start: number;
  /** [from, to) wall-clock spans during which the cycle counted. */
  running: Array<[number, number]>;
  state: ClockState;
  stoppedAt: number | null;
  priority: string | undefined;
  team: string | undefined;
}

type Phase = 'idle' | 'counting' | 'paused' | 'stopped' | 'cancelled';

/** The cycles of one metric's clock up to `now`, oldest first; the last is the current one. Empty when the clock never started. */
export function runCycles(history: StatusHistory, fields: FieldHistories, metric: SlaMetric, rules: CycleRules, now: number): CycleRun[] {
  const lifecycle = LIFECYCLES[history.kind];
  const response = metric === 'response';
  // A response clock stops for good: at its milestone, or where its stop condition first holds.
  let finalStop = response && !rules.stop ? responseStop(history) : null;
  const horizon = () => Math.max(history.start, Math.min(now, finalStop ?? Infinity));

  // An OLA on a record never with a team has nothing to measure.
  if (rules.team && fields.team.initial === undefined && fields.team.changes.length === 0) return [];
  const follow = (f: TrackedField) => (rules.reads.has(f) ? fields[f] : UNFOLLOWED);
  const priorities = follow('priority');
  const teams = follow('team');
  const assignees = follow('assignee');

  // Every instant something changes, from the start on; several changes at one instant act together.
  const times = [history.start];
  for (const c of history.changes) times.push(Math.max(c.at, history.start));
  for (const h of [priorities, teams, assignees]) for (const c of h.changes) times.push(c.at);
  times.sort((a, b) => a - b);

  const done: ReadonlySet<string> = response ? new Set() : lifecycle.done;
  const cycles: CycleRun[] = [];
  let cur: (CycleRun & { since: number | null }) | null = null;
  let started = !rules.start;
  let statusIndex = 0;
  let status = lifecycle.initial;
  let prevKey: string | null = null;

  const close = (at: number) => {
    if (cur && cur.since !== null) {
      if (at > cur.since) cur.running.push([cur.since, at]);
      cur.since = null;
    }
  };
  const complete = () => {
    if (cur) cycles.push(strip(cur));
    cur = null;
  };

  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (i > 0 && t === times[i - 1]) continue;
    if (t > horizon()) break;
    while (statusIndex < history.changes.length && Math.max(history.changes[statusIndex]!.at, history.start) <= t)
      status = history.changes[statusIndex++]!.status;
    const snap: Snapshot = { status, priority: valueAt(priorities, t), team: valueAt(teams, t), assignee: valueAt(assignees, t) };
    if (!started && rules.start && holds(rules.start, snap)) started = true;
    if (started && response && rules.stop && finalStop === null && holds(rules.stop, snap)) finalStop = t;
    const phase = phaseOf(snap, started, rules, done, lifecycle.cancelled);
    const key = `${rules.restartOnPriorityChange ? snap.priority : ''} ${rules.team ? snap.team : ''}`;
    const keyChanged = prevKey !== null && key !== prevKey;
    prevKey = key;

    const c = cur;
    if (c) {
      if (phase !== 'counting' || keyChanged) close(t);
      if (keyChanged) {
        if (c.state === 'running' || c.state === 'paused') {
          // A hand-off stops the team's cycle; a priority change cancels the running one.
          const teamChanged = rules.team !== null && c.team !== snap.team;
          c.state = teamChanged ? 'stopped' : 'cancelled';
          c.stoppedAt = t;
        }
        complete();
      } else if (phase === 'idle') {
        if (c.state === 'running' || c.state === 'paused') {
          c.state = 'stopped';
          c.stoppedAt = t;
        }
        complete();
      } else if (phase === 'stopped' || phase === 'cancelled') {
        const to: ClockState = phase;
        if (c.state !== to) {
          c.state = to;
          c.stoppedAt = t;
        }
      } else if (c.state === 'stopped' || c.state === 'cancelled') {
        // Reopened.
        if (c.state === 'stopped' && rules.newCycleOnReopen) complete();
        else {
          c.state = phase === 'counting' ? 'running' : 'paused';
          c.stoppedAt = null;
        }
      } else c.state = phase === 'counting' ? 'running' : 'paused';
    }
    if (!cur && (phase === 'counting' || phase === 'paused'))
      cur = {
        start: t,
        running: [],
        state: phase === 'counting' ? 'running' : 'paused',
        stoppedAt: null,
        priority: snap.priority,
        team: snap.team,
        since: null,
      };
    else if (!cur && cycles.length === 0 && (phase === 'stopped' || phase === 'cancelled'))
      // Stopped (or cancelled) the moment it started, e.g. written down already resolved: a clock of zero.
      cur = { start: t, running: [], state: phase, stoppedAt: t, priority: snap.priority, team: snap.team, since: null };
    const open = cur;
    if (open && phase === 'counting' && open.since === null) open.since = t;
  }

  const end = horizon();
  const last = cur;
  if (last) {
    close(end);
    if (finalStop !== null && finalStop <= now) {
      last.state = 'stopped';
      last.stoppedAt = Math.max(finalStop, last.start);
    }
    complete();
  }
  return cycles;
}

const UNFOLLOWED: FieldHistory = { initial: undefined, changes: [] };

function phaseOf(snap: Snapshot, started: boolean, rules: CycleRules, done: ReadonlySet<string>, cancelled: ReadonlySet<string>): Phase {
  if (!started) return 'idle';
  if (cancelled.has(snap.status)) return 'cancelled';
  if (rules.team && (snap.team === undefined || (rules.team.teams !== null && !rules.team.teams.has(snap.team)))) return 'idle';
  if (rules.stop ? holds(rules.stop, snap) : done.has(snap.status)) return 'stopped';
  if (rules.pause.has(snap.status) || rules.pauseWhen.some((c) => holds(c, snap))) return 'paused';
  return 'counting';
}

function strip(c: CycleRun & { since: number | null }): CycleRun {
  return { start: c.start, running: c.running, state: c.state, stoppedAt: c.stoppedAt, priority: c.priority, team: c.team };
}
