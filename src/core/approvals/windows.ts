/**
 * Time checks on a change's planned window: freezes it falls into, maintenance windows it misses,
 * and other changes planned on the same CIs or services at the same time.
 * Intervals are half-open [start, end): a change ending at 02:00 does not collide with one starting then.
 */
import { Temporal } from 'temporal-polyfill';
import type { Change, ChangePolicy } from '../model.ts';
import type { Conflict, WindowFinding } from './types.ts';

type Freeze = NonNullable<ChangePolicy['freezes']>[number];
type MaintenanceWindow = NonNullable<ChangePolicy['maintenance_windows']>[number];

interface Interval {
  start: number;
  end: number;
}

function plannedInterval(change: Change): Interval {
  return { start: Date.parse(change.planned_start), end: Date.parse(change.planned_end) };
}

function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Freezes whose period overlaps the planned window and whose scope covers an affected service. */
export function freezesHit(change: Change, affected: readonly string[], policy: ChangePolicy): Freeze[] {
  const planned = plannedInterval(change);
  return (policy.freezes ?? []).filter((f) => {
    if (!overlaps(planned, { start: Date.parse(f.start), end: Date.parse(f.end) })) return false;
    return !f.services || f.services.some((s) => affected.includes(s));
  });
}

export function freezeFinding(change: Change, freeze: Freeze): WindowFinding {
  const scope = freeze.services ? ` for ${freeze.services.join(', ')}` : '';
  const consequence = change.type === 'emergency' ? 'allowed for an emergency change' : 'it needs emergency (ECAB) approval or a new date';
  return {
    kind: 'freeze',
    message: `Planned ${change.planned_start} to ${change.planned_end}, inside the freeze "${freeze.name}"${scope} (${freeze.start} to ${freeze.end}): ${consequence}.`,
  };
}

/**
 * When maintenance windows apply to what the change touches (a window naming none applies to all),
 * the planned window must fit inside one opening of one of them.
 */
export function maintenanceFinding(change: Change, affected: readonly string[], policy: ChangePolicy): WindowFinding | undefined {
  const cis = change.cis ?? [];
  const applicable = (policy.maintenance_windows ?? []).filter((w) => {
    if (!w.services && !w.cis) return true;
    return (w.services ?? []).some((s) => affected.includes(s)) || (w.cis ?? []).some((c) => cis.includes(c));
  });
  if (applicable.length === 0) return undefined;
  const planned = plannedInterval(change);
  if (applicable.some((w) => fitsInside(planned, w))) return undefined;
  const names = applicable.map((w) => `${w.name ?? w.id} (${w.days.join('/')} ${w.start} ${w.time_zone}, ${w.duration})`);
  return {
    kind: 'outside-maintenance-window',
    message: `Planned ${change.planned_start} to ${change.planned_end}, outside the maintenance window${names.length > 1 ? 's' : ''} ${names.join('; ')}.`,
  };
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** True when the interval lies within one opening of the window (openings computed in its time zone). */
function fitsInside(planned: Interval, w: MaintenanceWindow): boolean {
  const length = durationMs(w.duration);
  const [hour, minute] = w.start.split(':').map(Number) as [number, number];
  // An opening that contains the start began at most `length` before it: walk the local days from there.
  const first = Temporal.Instant.fromEpochMilliseconds(planned.start - length)
    .toZonedDateTimeISO(w.time_zone)
    .toPlainDate();
  const last = Temporal.Instant.fromEpochMilliseconds(planned.start).toZonedDateTimeISO(w.time_zone).toPlainDate();
  for (let day = first; Temporal.PlainDate.compare(day, last) <= 0; day = day.add({ days: 1 })) {
    if (!w.days.includes(WEEKDAYS[day.dayOfWeek - 1]!)) continue;
    const opens = day.toZonedDateTime({ timeZone: w.time_zone, plainTime: new Temporal.PlainTime(hour, minute) }).epochMilliseconds;
    if (opens <= planned.start && planned.end <= opens + length) return true;
  }
  return false;
}

function durationMs(d: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(d);
  if (!m) return 0;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** Statuses of changes that will not run, so they cannot collide with anything. */
const INACTIVE: ReadonlySet<Change['status']> = new Set(['draft', 'cancelled', 'completed', 'failed', 'rolled_back']);

/** Other active changes whose planned window overlaps this one on a shared CI or service. */
export function scheduleConflicts(change: Change, affected: readonly string[], schedule: readonly Change[], affectedOf: (c: Change) => string[]): Conflict[] {
  const planned = plannedInterval(change);
  const mine = new Set([...(change.cis ?? []), ...affected]);
  const out: Conflict[] = [];
  for (const other of schedule) {
    if (other.id === change.id || INACTIVE.has(other.status)) continue;
    if (!overlaps(planned, plannedInterval(other))) continue;
    const shared = [...new Set([...(other.cis ?? []), ...affectedOf(other)])].filter((x) => mine.has(x)).sort();
    if (shared.length === 0) continue;
    out.push({
      change: other.id,
      shared,
      message: `${other.id} ("${other.title}") is planned ${other.planned_start} to ${other.planned_end} on ${shared.join(', ')} too.`,
    });
  }
  return out.sort((a, b) => (a.change < b.change ? -1 : 1));
}
