/**
 * Time bucketing for reports: the report period as instants, and months in the workspace's zone
 * (an incident at 00:30 on 1 March in Berlin belongs to March, though it is still February in UTC).
 */
import { Temporal } from 'temporal-polyfill';
import { DAY_MS } from '../calendar.ts';

/** [from, to) in epoch ms; null means open-ended. */
export interface Period {
  from: number | null;
  to: number | null;
}

/**
 * Reads a report bound: a date YYYY-MM-DD (a whole day in `timeZone`; as the end of a period, the
 * day is included) or an ISO instant with an offset. Null when it is neither.
 */
export function parseBound(text: string, timeZone: string, end: boolean): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    try {
      const day = Temporal.PlainDate.from(text, { overflow: 'reject' });
      return (end ? day.add({ days: 1 }) : day).toZonedDateTime(timeZone).epochMilliseconds;
    } catch {
      return null;
    }
  }
  if (!/T.*(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

export function inPeriod(period: Period, t: number): boolean {
  return (period.from === null || t >= period.from) && (period.to === null || t < period.to);
}

/** A function giving the month (YYYY-MM) of an instant in `timeZone`, cached per UTC day. */
export function monthKeyer(timeZone: string): (t: number) => string {
  const days = new Map<number, { boundary: number; before: string; after: string }>();
  const keyOf = (t: number) => {
    const z = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(timeZone);
    return `${String(z.year).padStart(4, '0')}-${String(z.month).padStart(2, '0')}`;
  };
  return (t: number) => {
    const day = Math.floor(t / DAY_MS);
    let entry = days.get(day);
    if (!entry) {
      const before = keyOf(day * DAY_MS);
      const after = keyOf((day + 1) * DAY_MS - 1);
      const boundary = before === after ? Infinity : Temporal.PlainDate.from(`${after}-01`).toZonedDateTime(timeZone).epochMilliseconds;
      entry = { boundary, before, after };
      days.set(day, entry);
    }
    return t < entry.boundary ? entry.before : entry.after;
  };
}

/** Every month from `first` to `last` inclusive (YYYY-MM), so charts show empty months too. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Count, mean and median of a list of numbers (null when empty), unrounded. */
export function summaryStats(values: readonly number[]): { count: number; mean: number | null; median: number | null } {
  if (values.length === 0) return { count: 0, mean: null, median: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { count: sorted.length, mean, median };
}

/** Rounds to `digits` decimals (figures are for people: 1 decimal for percentages, whole seconds). */
export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** part / whole as a percentage with one decimal, or null when whole is 0. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? round((part / whole) * 100, 1) : null;
}
