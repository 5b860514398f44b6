/**
 * The SLA engine: records + policies + now -> one result per record and metric.
 * Pure: `now` is a parameter, nothing is read from disk or the clock.
 */
import { compileCalendar, type BusinessCalendar, type CalendarCompile } from '../calendar.ts';
import { parseDuration } from '../duration.ts';
import type { AnyRecord, Calendar, Incident, Service, ServiceRequest, SlaPolicy, Workspace } from '../model.ts';
import { runClock, type ClockRun } from './clock.ts';
import { selectCalendar, selectPolicy } from './policy.ts';
import { statusHistory } from './status.ts';
import type { SlaKind, SlaMetric, SlaResult, SlaState } from './types.ts';

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

/**
 * Computes the response and resolution clocks of every incident and request at `now`.
 * A record no policy covers yields one result with state `no_policy` and the reason.
 * Records reported after `now` did not exist yet and yield nothing.
 */
export function computeSla(workspace: Pick<Workspace, 'records' | 'policies' | 'byId'>, now: Date | string): SlaResult[] {
  const nowMs = typeof now === 'string' ? Date.parse(now) : now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError(`computeSla: now is not a valid instant: ${String(now)}`);
  const policies = workspace.policies.sla?.policies ?? [];
  const calendars = new Map<string, Calendar>();
  for (const def of workspace.policies.calendars?.calendars ?? []) calendars.set(def.id, def);
  const results: SlaResult[] = [];
  for (const record of workspace.records) {
    if (record.kind !== 'incident' && record.kind !== 'request') continue;
    computeRecord(record.kind, record.id, record.data, workspace.byId, policies, calendars, nowMs, results);
  }
  return results;
}

function computeRecord(
  kind: SlaKind,
  id: string,
  data: Incident | ServiceRequest,
  byId: ReadonlyMap<string, AnyRecord>,
  policies: readonly SlaPolicy[],
  calendars: ReadonlyMap<string, Calendar>,
  now: number,
  out: SlaResult[],
): void {
  const history = statusHistory(kind, data);
  if (!history || history.start > now) return;
  const priority = data.priority ?? REQUEST_DEFAULT_PRIORITY;
  const serviceId = data.service;
  const serviceRecord = serviceId ? byId.get(serviceId) : undefined;
  const service = serviceRecord?.kind === 'service' ? (serviceRecord.data as Service) : undefined;
  const base = { record: id, kind, service: serviceId, priority, started_at: kind === 'incident' ? (data as Incident).reported_at : (data as ServiceRequest).requested_at };

  const choice = selectPolicy({ kind, priority, service: serviceId }, policies, service);
  if (!choice.policy) {
    out.push(noPolicy(base, null, null, choice.reason));
    return;
  }
  const policy = choice.policy;
  const cal = selectCalendar(policy, service, serviceId);
  if (!cal.calendar) {
    out.push(noPolicy(base, policy.id, null, `${choice.reason}; ${cal.reason}`));
    return;
  }
  const def = calendars.get(cal.calendar);
  const compiledCal = def ? calendarFor(def) : null;
  if (!compiledCal || !compiledCal.ok) {
    const why = compiledCal && !compiledCal.ok ? compiledCal.message : `calendar ${cal.calendar} is not defined in calendars.yaml`;
    out.push(noPolicy(base, policy.id, cal.calendar, `${choice.reason}; ${why}`));
    return;
  }
  const reason = `${choice.reason}; ${cal.reason}`;
  const pause = new Set(policy.pause_statuses ?? []);
  const target = policy.targets[priority]!;
  for (const metric of METRICS) {
    const written = target[metric];
    if (!written) continue;
    const duration = parseDuration(written);
    if (!duration.ok) {
      out.push({ ...noPolicy(base, policy.id, cal.calendar, `${reason}; ${metric} target ${duration.message} ${duration.hint}`), metric });
      continue;
    }
    const run = runClock(history, metric, pause, now);
    out.push({
      ...base,
      metric,
      policy: policy.id,
      calendar: cal.calendar,
      reason,
      ...measure(compiledCal.calendar, run, duration.seconds * 1000, now, policy.warning_threshold ?? DEFAULT_WARNING),
    });
  }
}

type Measured = Pick<
  SlaResult,
  'target_seconds' | 'elapsed_seconds' | 'remaining_seconds' | 'percent' | 'state' | 'due_at' | 'breached_at' | 'at_risk' | 'clock' | 'stopped_at'
>;

/** Business time of a clock run against its target: state, due and breach instants. */
export function measure(calendar: BusinessCalendar, run: ClockRun, targetMs: number, now: number, warningPercent: number): Measured {
  let elapsed = 0;
  let due: number | null = null;
  for (const [from, to] of run.running) {
    const span = calendar.businessMs(from, to);
    if (due === null && elapsed + span >= targetMs) due = calendar.addBusinessMs(from, targetMs - elapsed);
    elapsed += span;
  }
  if (due === null && run.state !== 'cancelled') {
    // Not reached yet: project from where the clock stands (now, or where it stopped).
    due = calendar.addBusinessMs(run.stoppedAt ?? now, targetMs - elapsed);
  }
  const over = elapsed > targetMs;
  const state: SlaState =
    run.state === 'cancelled' ? 'cancelled'
    : run.state === 'stopped' ? (over ? 'breached' : 'met')
    : over ? 'breached'
    : run.state === 'paused' ? 'paused'
    : 'in_progress';
  const percent = targetMs > 0 ? Math.round((elapsed / targetMs) * 1000) / 10 : over ? Infinity : 100;
  const breachedAt = state === 'breached' || state === 'in_progress' ? due : null;
  return {
    target_seconds: targetMs / 1000,
    elapsed_seconds: elapsed / 1000,
    remaining_seconds: (targetMs - elapsed) / 1000,
    percent: Number.isFinite(percent) ? percent : null,
    state,
    due_at: run.state === 'cancelled' || due === null ? null : calendar.format(due),
    breached_at: breachedAt === null ? null : calendar.format(breachedAt),
    at_risk: (state === 'in_progress' || state === 'paused') && percent >= warningPercent,
    clock: run.state,
    stopped_at: run.stoppedAt === null ? null : calendar.format(run.stoppedAt),
  };
}

function noPolicy(
  base: { record: string; kind: SlaKind; service: string | undefined; priority: string; started_at: string },
  policy: string | null,
  calendar: string | null,
  reason: string,
): SlaResult {
  return {
    ...base,
    metric: 'resolution',
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
    stopped_at: null,
  };
}
