/**
 * The SLA engine: records + policies + now -> one result per record and metric.
 * Pure: `now` is a parameter, nothing is read from disk or the clock.
 *
 * Speed: which policy, calendar and targets apply depends only on (kind, priority, service), so
 * that "plan" is worked out once per combination; calendars are compiled once per definition and
 * keep their day caches across calls. Per record, what remains is reading the timeline, a few
 * prefix-sum lookups and building the result.
 */
import { compileCalendar, type BusinessCalendar, type CalendarCompile } from '../calendar.ts';
import { parseDuration } from '../duration.ts';
import type { AnyRecord, Calendar, Incident, ServiceRequest, SlaPolicy, Workspace } from '../model.ts';
import { runClock, type ClockRun } from './clock.ts';
import { fieldHistory, fieldsRead, valueAt } from './conditions.ts';
import { runCycles, type CycleRules, type FieldHistories } from './cycles.ts';
import { selectCalendar, selectPolicy } from './policy.ts';
import { statusHistory, type StatusHistory } from './status.ts';
import type { SlaClockName, SlaCycle, SlaKind, SlaMetric, SlaResult, SlaState } from './types.ts';

const DEFAULT_WARNING = 75;
const METRICS: readonly SlaMetric[] = ['response', 'resolution'];
const REQUEST_DEFAULT_PRIORITY = 'P4';

/** Compiled calendars per definition object: a workspace computed twice reuses its day caches. */
const compiled = new WeakMap<Calendar, CalendarCompile>();

function calendarFor(def: Calendar): CalendarCompile {
  let c = compiled.get(def);
  if (!c) {
    c = compileCalendar(def);
    compiled.set(def, c);
  }
  return c;
}

/** What applies to every record of one (kind, priority, service) under one scope. */
type Plan =
  | {
      ok: true;
      policy: string;
      calendarId: string;
      calendar: BusinessCalendar;
      reason: string;
      pause: ReadonlySet<string>;
      warning: number;
      /** Percents of the target at which notify warns (warn_at; default [warning]), ascending; empty unless asked for. */
      warnAt: number[];
      /** Per metric with a target: the target in ms, or why it cannot be read. */
      targets: Array<{ metric: SlaMetric; ms: number } | { metric: SlaMetric; error: string }>;
      /** How the clocks run when the policy asks for more than the defaults (see cycles.ts), per metric. */
      rules: Record<SlaMetric, CycleRules>;
      /** The policy asks for more than runClock does, for every record. */
      general: boolean;
      /** New cycles on priority changes: the general path for records whose priority changed. */
      restart: boolean;
      /** '' for a customer SLA, 'ola-' for a team's OLA. */
      prefix: '' | 'ola-';
    }
  | { ok: false; policy: string | null; calendarId: string | null; reason: string };

type Scope = 'record' | 'team';

/** Who and what a result is about. */
interface Subject {
  record: string;
  kind: SlaKind;
  service: string | undefined;
  priority: string;
  startedAt: string;
  metric: SlaClockName;
  team?: string | undefined;
}

/**
 * Computes the response and resolution clocks of every incident and request at `now`, and the
 * OLA clocks (ola-response, ola-resolution) of team-scope policies beside them.
 * A record no policy covers yields one result with state `no_policy` and the reason.
 * Records reported after `now` did not exist yet and yield nothing; neither do clocks whose start
 * condition has not held yet, nor OLA clocks of records never with a team the OLA covers.
 */
export interface SlaOptions {
  /** Also give each open clock's crossed `warn_at` thresholds (`warnings`), for `itsm notify`; off by default, as it costs a calendar walk per threshold. */
  warnings?: boolean;
}

export function computeSla(workspace: Pick<Workspace, 'records' | 'policies' | 'byId'>, now: Date | string, options: SlaOptions = {}): SlaResult[] {
  const nowMs = typeof now === 'string' ? Date.parse(now) : now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError(`computeSla: now is not a valid instant: ${String(now)}`);
  const policies = workspace.policies.sla?.policies ?? [];
  const byScope: Record<Scope, SlaPolicy[]> = { record: [], team: [] };
  for (const p of policies) byScope[p.scope ?? 'record'].push(p);
  const scopes: Scope[] = byScope.team.length > 0 ? ['record', 'team'] : ['record'];
  const calendars = new Map<string, Calendar>();
  for (const def of workspace.policies.calendars?.calendars ?? []) calendars.set(def.id, def);
  const plans = new Map<string, Plan>();
  const planOf = (kind: SlaKind, priority: string, serviceId: string | undefined, scope: Scope): Plan => {
    const key = `${scope} ${kind} ${priority} ${serviceId ?? ''}`;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = planFor(kind, priority, serviceId, scope, workspace.byId, byScope[scope], calendars, options.warnings === true)));
    return plan;
  };
  const results: SlaResult[] = [];
  for (const record of workspace.records) {
    if (record.kind !== 'incident' && record.kind !== 'request') continue;
    const kind = record.kind;
    const data = record.data;
    const history = statusHistory(kind, data);
    if (!history || history.start > nowMs) continue;
    // The priority as of now: the record's field, or the timeline's value at now when it changed.
    let fields: FieldHistories | null = null;
    const written = data.priority ?? REQUEST_DEFAULT_PRIORITY;
    const histories = () => (fields ??= fieldHistories(history, data, written));
    const priority = history.fields ? (valueAt(histories().priority, nowMs) ?? written) : written;
    const serviceId = data.service as string | undefined;
    const startedAt = kind === 'incident' ? (data as Incident).reported_at : (data as ServiceRequest).requested_at;
    for (const scope of scopes) {
      const plan = planOf(kind, priority, serviceId, scope);
      const subject = (metric: SlaMetric): Subject => ({
        record: record.id,
        kind,
        service: serviceId,
        priority,
        startedAt,
        metric: `${plan.ok ? plan.prefix : ''}${metric}`,
      });
      if (!plan.ok) {
        if (scope === 'record') results.push(noPolicy(subject('resolution'), plan.policy, plan.calendarId, plan.reason));
        continue;
      }
      for (const target of plan.targets) {
        if ('error' in target) {
          results.push(noPolicy(subject(target.metric), plan.policy, plan.calendarId, target.error));
          continue;
        }
        if (!plan.general && !(plan.restart && histories().priority.changes.length > 0)) {
          const run = runClock(history, target.metric, plan.pause, nowMs);
          results.push(measure(subject(target.metric), plan, run, target.ms, nowMs));
          continue;
        }
        const cycles = runCycles(history, histories(), target.metric, plan.rules[target.metric], nowMs);
        const measured: SlaResult[] = [];
        for (const cycle of cycles) {
          // Retroactive: the priority as of now judges every cycle; restart: each cycle keeps its own.
          const p = plan.restart ? (cycle.priority ?? priority) : priority;
          const own = plan.restart && p !== priority ? planOf(kind, p, serviceId, scope) : plan;
          const ms = own.ok ? own.targets.find((t) => t.metric === target.metric) : undefined;
          // A cycle under a priority its policy has no target for cannot be measured: left out.
          if (!own.ok || !ms || 'error' in ms) continue;
          const at = cycle.start === history.start ? startedAt : own.calendar.format(cycle.start);
          measured.push(
            measure({ ...subject(target.metric), priority: p, startedAt: at, team: scope === 'team' ? cycle.team : undefined }, own, cycle, ms.ms, nowMs),
          );
        }
        const current = measured.pop();
        if (!current) continue;
        current.cycles = measured.map(asCycle);
        results.push(current);
      }
    }
  }
  return results;
}

function fieldHistories(history: StatusHistory, data: Incident | ServiceRequest, priority: string): FieldHistories {
  return {
    priority: fieldHistory(history, 'priority', priority),
    team: fieldHistory(history, 'team', data.team),
    assignee: fieldHistory(history, 'assignee', data.assignee),
  };
}

function asCycle(r: SlaResult): SlaCycle {
  return {
    started_at: r.started_at,
    stopped_at: r.stopped_at,
    elapsed_seconds: r.elapsed_seconds!,
    target_seconds: r.target_seconds!,
    state: r.state,
    due_at: r.due_at,
    priority: r.priority!,
    ...(r.team !== undefined ? { team: r.team } : {}),
  };
}

function planFor(
  kind: SlaKind,
  priority: string,
  serviceId: string | undefined,
  scope: Scope,
  byId: ReadonlyMap<string, AnyRecord>,
  policies: readonly SlaPolicy[],
  calendars: ReadonlyMap<string, Calendar>,
  warnings: boolean,
): Plan {
  const serviceRecord = serviceId ? byId.get(serviceId) : undefined;
  const service = serviceRecord?.kind === 'service' ? serviceRecord.data : undefined;
  // A service's sla_policy names its customer SLA; OLAs are chosen by their own applies_to.
  const choice = selectPolicy({ kind, priority, service: serviceId }, policies, scope === 'record' ? service : undefined);
  if (!choice.policy) return { ok: false, policy: null, calendarId: null, reason: choice.reason };
  const policy = choice.policy;
  const cal = selectCalendar(policy, service, serviceId);
  if (!cal.calendar) return { ok: false, policy: policy.id, calendarId: null, reason: `${choice.reason}; ${cal.reason}` };
  const def = calendars.get(cal.calendar);
  const compiledCal = def ? calendarFor(def) : null;
  if (!compiledCal || !compiledCal.ok) {
    const why = compiledCal && !compiledCal.ok ? compiledCal.message : `calendar ${cal.calendar} is not defined in calendars.yaml`;
    return { ok: false, policy: policy.id, calendarId: cal.calendar, reason: `${choice.reason}; ${why}` };
  }
  const reason = `${choice.reason}; ${cal.reason}`;
  const written = policy.targets[priority]!;
  const targets: Extract<Plan, { ok: true }>['targets'] = [];
  for (const metric of METRICS) {
    const text = written[metric];
    if (!text) continue;
    const duration = parseDuration(text);
    targets.push(duration.ok ? { metric, ms: duration.seconds * 1000 } : { metric, error: `${reason}; ${metric} target ${duration.message} ${duration.hint}` });
  }
  const pause = new Set(policy.pause_statuses ?? []);
  const team = scope === 'team' ? { teams: policy.applies_to.teams?.length ? new Set(policy.applies_to.teams) : null } : null;
  const rulesFor = (metric: SlaMetric): CycleRules => {
    const pauseWhen = policy.pause_when ?? [];
    const reads = fieldsRead([policy.start, policy.stop?.[metric], ...pauseWhen]);
    if (policy.on_priority_change === 'restart') reads.add('priority');
    if (team) reads.add('team');
    return {
      pause,
      pauseWhen,
      start: policy.start,
      stop: policy.stop?.[metric],
      newCycleOnReopen: policy.on_reopen === 'new_cycle',
      restartOnPriorityChange: policy.on_priority_change === 'restart',
      team,
      reads,
    };
  };
  return {
    ok: true,
    policy: policy.id,
    calendarId: cal.calendar,
    calendar: compiledCal.calendar,
    reason,
    pause,
    warning: policy.warning_threshold ?? DEFAULT_WARNING,
    warnAt: warnings ? [...(policy.warn_at ?? [policy.warning_threshold ?? DEFAULT_WARNING])].sort((a, b) => a - b) : [],
    targets,
    rules: { response: rulesFor('response'), resolution: rulesFor('resolution') },
    general:
      scope === 'team' || policy.on_reopen === 'new_cycle' || policy.start !== undefined || policy.stop !== undefined || (policy.pause_when?.length ?? 0) > 0,
    restart: policy.on_priority_change === 'restart',
    prefix: scope === 'team' ? 'ola-' : '',
  };
}

/** Business time of a clock run against its target: state, due and breach instants, as a result. */
function measure(
  s: Subject,
  plan: Extract<Plan, { ok: true }>,
  run: Pick<ClockRun, 'running' | 'state' | 'stoppedAt'>,
  targetMs: number,
  now: number,
): SlaResult {
  const calendar = plan.calendar;
  let elapsed = 0;
  let due: number | null = null;
  // Warning thresholds crossed so far: only for clocks still open (the only ones notify warns of),
  // so the closed majority costs nothing more.
  const open = run.state === 'running' || run.state === 'paused';
  const marks = open && targetMs > 0 ? plan.warnAt.map((percent) => ({ percent, ms: (targetMs * percent) / 100, at: null as number | null })) : [];
  for (const [from, to] of run.running) {
    const span = calendar.businessMs(from, to);
    for (const m of marks) if (m.at === null && elapsed + span >= m.ms) m.at = calendar.addBusinessMs(from, m.ms - elapsed);
    if (due === null && elapsed + span >= targetMs) due = calendar.addBusinessMs(from, targetMs - elapsed);
    elapsed += span;
  }
  if (due === null && run.state !== 'cancelled') {
    // Not reached yet: project from where the clock stands (now, or where it stopped).
    due = calendar.addBusinessMs(run.stoppedAt ?? now, targetMs - elapsed);
  }
  // The state is decided by the due time, never by the percentage: a clock stopped after its due
  // time is breached even when no business time passed in between (stopped at 17:20, due 17:00).
  const stoppedLate = due !== null && run.stoppedAt !== null && run.stoppedAt > due;
  const pastDue = due !== null && now > due;
  const state: SlaState =
    run.state === 'cancelled'
      ? 'cancelled'
      : run.state === 'stopped'
        ? stoppedLate
          ? 'breached'
          : 'met'
        : pastDue
          ? 'breached'
          : run.state === 'paused'
            ? 'paused'
            : 'in_progress';
  // Floored to one decimal, so a clock within its target never shows 100% (integer ms, exact).
  const percent = targetMs > 0 ? Math.floor((elapsed * 1000) / targetMs) / 10 : elapsed > 0 ? null : 100;
  const dueAt = run.state === 'cancelled' || due === null ? null : calendar.format(due);
  const lastSpan = run.running[run.running.length - 1];
  return {
    record: s.record,
    kind: s.kind,
    metric: s.metric,
    policy: plan.policy,
    calendar: plan.calendarId,
    reason: plan.reason,
    target_seconds: targetMs / 1000,
    elapsed_seconds: elapsed / 1000,
    remaining_seconds: (targetMs - elapsed) / 1000,
    percent,
    state,
    due_at: dueAt,
    breached_at: state === 'breached' || state === 'in_progress' ? dueAt : null,
    // Unrounded: 74.99% is not at risk at 75% even though it would print as 75.0 rounded.
    at_risk: (state === 'in_progress' || state === 'paused') && targetMs > 0 && elapsed * 100 >= plan.warning * targetMs,
    ...(marks.some((m) => m.at !== null) ? { warnings: marks.flatMap((m) => (m.at === null ? [] : [{ percent: m.percent, at: calendar.format(m.at) }])) } : {}),
    clock: run.state,
    started_at: s.startedAt,
    stopped_at: run.stoppedAt === null ? null : calendar.format(run.stoppedAt),
    ...(run.state === 'paused' ? { paused_since: lastSpan ? calendar.format(lastSpan[1]) : s.startedAt } : {}),
    service: s.service,
    priority: s.priority,
    team: s.team,
    cycles: [],
  };
}

function noPolicy(s: Subject, policy: string | null, calendar: string | null, reason: string): SlaResult {
  return {
    record: s.record,
    kind: s.kind,
    metric: s.metric,
    policy,
    calendar,
    reason,
    target_seconds: null,
    elapsed_seconds: null,
    remaining_seconds: null,
    percent: null,
    state: 'no_policy',
    due_at: null,
    breached_at: null,
    at_risk: false,
    clock: null,
    started_at: s.startedAt,
    stopped_at: null,
    service: s.service,
    priority: s.priority,
    cycles: [],
  };
}
