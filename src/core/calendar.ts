/**
 * Business calendars: which instants are working time, in a calendar's own IANA zone.
 *
 * The SLA engine asks two questions, many thousands of times:
 *   businessMs(a, b)    how much working time lies in [a, b)
 *   addBusinessMs(a, d) the earliest instant at which d of working time has passed since a
 * Both are answered from a prefix sum over UTC days: each UTC day holds its working intervals as
 * absolute instants, computed once from the calendar's weekly hours, holidays and the zone's offsets
 * (via Temporal, so DST is right), and cached. A query is two array lookups plus a walk over the
 * few intervals of one day: it never steps minute by minute, and a clock running for a year costs
 * no more than one running for an hour.
 *
 * DST: a working interval is the set of instants whose wall-clock time lies in [start, end) on that
 * date. On a spring-forward day, wall times in the gap never happen, so `00:00-24:00` is 23 hours
 * and an interval wholly inside the gap is empty. On a fall-back day the repeated hour happens
 * twice, so `00:00-24:00` is 25 hours and `02:15-02:45` counts one hour.
 */
import { Temporal } from 'temporal-polyfill';
import type { Calendar } from './model.ts';
import { isKnownTimeZone } from './time-zone.ts';

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** How far addBusinessMs looks ahead before deciding a calendar never opens (ten years). */
const SEARCH_LIMIT_DAYS = 3660;
/** When the index must grow into the past, grow by at least this many days at once (amortises rebuilds). */
const GROW_BACK_DAYS = 92;

/** Working minutes of one weekday: [startMinute, endMinute) pairs, sorted, not overlapping. */
type DayHours = ReadonlyArray<readonly [number, number]>;

/** Offset pieces of the instant line: [from, to) with a constant UTC offset, all in ms. */
type OffsetPiece = readonly [from: number, to: number, offset: number];

export type CalendarCompile = { ok: true; calendar: BusinessCalendar; warnings: string[] } | { ok: false; message: string };

/**
 * Turns a calendar from calendars.yaml into a queryable BusinessCalendar. Problems the schema
 * cannot see (an unknown zone, an interval ending before it starts, overlaps) come back as data.
 */
export function compileCalendar(def: Calendar): CalendarCompile {
  if (!isKnownTimeZone(def.time_zone)) {
    return { ok: false, message: `calendar ${def.id}: "${def.time_zone}" is not a time zone this system knows (expected an IANA name such as Europe/Berlin).` };
  }
  const warnings: string[] = [];
  const holidays = new Set<number>();
  for (const h of def.holidays ?? []) {
    const day = dayNumberOf(h.date);
    if (day === null) warnings.push(`calendar ${def.id}: holiday "${h.date}" is not a date YYYY-MM-DD; ignored.`);
    else holidays.add(day);
  }
  const week: DayHours[] = WEEKDAYS.map((key) => {
    if (def.hours === '24x7') return [[0, 1440]];
    return normaliseDay(def.id, key, def.hours[key] ?? [], warnings);
  });
  const alwaysOpen = def.hours === '24x7' && holidays.size === 0;
  return { ok: true, calendar: new BusinessCalendar(def.id, def.name, def.time_zone, week, holidays, alwaysOpen), warnings };
}

function normaliseDay(id: string, key: string, intervals: readonly string[], warnings: string[]): DayHours {
  const parsed: [number, number][] = [];
  for (const text of intervals) {
    const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(text);
    const start = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
    const end = m ? Number(m[3]) * 60 + Number(m[4]) : NaN;
    if (!(start >= 0 && end <= 1440 && start < end)) {
      warnings.push(`calendar ${id}: ${key} interval "${text}" does not run forwards within a day (HH:MM-HH:MM, end after start, at most 24:00); ignored.`);
      continue;
    }
    parsed.push([start, end]);
  }
  parsed.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const iv of parsed) {
    const last = merged.at(-1);
    if (last && iv[0] < last[1]) warnings.push(`calendar ${id}: ${key} intervals overlap around ${minutesToClock(iv[0])}; counted once.`);
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  return merged;
}

/**
 * A compiled business calendar. Its caches only grow; share one instance per calendar definition
 * (computeSla does) so each day is worked out once.
 */
export class BusinessCalendar {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  /** Every instant is working time (24x7 without holidays): queries are plain subtraction. */
  readonly alwaysOpen: boolean;
  readonly #utc: boolean;
  readonly #week: readonly DayHours[];
  readonly #holidays: ReadonlySet<number>;
  readonly #offsetsByUtcDay = new Map<number, OffsetPiece[]>();
  readonly #wallDays = new Map<number, Float64Array>();
  /** Prefix index over UTC days lo .. lo+n-1: working intervals per day and cumulative totals. */
  #lo = 0;
  #days: Float64Array[] = [];
  #cum: number[] = [0];

  constructor(id: string, name: string, timeZone: string, week: readonly DayHours[], holidays: ReadonlySet<number>, alwaysOpen: boolean) {
    this.id = id;
    this.name = name;
    this.timeZone = timeZone;
    this.#week = week;
    this.#holidays = holidays;
    this.alwaysOpen = alwaysOpen;
    this.#utc = isUtcZone(timeZone);
  }

  /** Working time in [a, b), in ms (0 when b <= a). */
  businessMs(a: number, b: number): number {
    if (!(b > a)) return 0;
    if (this.alwaysOpen) return b - a;
    this.#ensure(utcDay(a));
    this.#ensure(utcDay(b));
    return this.#prefix(b) - this.#prefix(a);
  }

  /**
   * The earliest instant t >= a with businessMs(a, t) === ms: when a clock started at `a` has run
   * for `ms`. A start outside working hours begins at the next working instant. Null when the
   * calendar has no working time in the next ten years.
   */
  addBusinessMs(a: number, ms: number): number | null {
    if (!(ms > 0)) return a;
    if (this.alwaysOpen) return a + ms;
    const first = this.#ensure(utcDay(a));
    const goal = this.#prefix(a) + ms;
    while (this.#cum[this.#cum.length - 1]! < goal) {
      if (this.#days.length - first > SEARCH_LIMIT_DAYS) return null;
      this.#ensure(this.#lo + this.#days.length + 30);
    }
    // Smallest day j >= first whose cumulative total reaches the goal.
    let lo = first;
    let hi = this.#days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#cum[mid + 1]! >= goal) hi = mid;
      else lo = mid + 1;
    }
    let acc = this.#cum[lo]!;
    const ivs = this.#days[lo]!;
    for (let k = 0; k < ivs.length; k += 2) {
      const len = ivs[k + 1]! - ivs[k]!;
      if (acc + len >= goal) return ivs[k]! + (goal - acc);
      acc += len;
    }
    throw new Error(`calendar ${this.id}: prefix index inconsistent at day ${this.#lo + lo}`);
  }

  /** The working intervals [start, end) (epoch ms) that overlap [from, to), clipped to it. */
  workingIntervals(from: number, to: number): Array<[number, number]> {
    if (!(to > from)) return [];
    if (this.alwaysOpen) return [[from, to]];
    const out: Array<[number, number]> = [];
    for (let day = utcDay(from); day <= utcDay(to); day++) {
      const ivs = this.#utcDayIntervals(day);
      for (let k = 0; k < ivs.length; k += 2) {
        const s = Math.max(from, ivs[k]!);
        const e = Math.min(to, ivs[k + 1]!);
        if (s >= e) continue;
        const last = out.at(-1);
        if (last && last[1] === s) last[1] = e;
        else out.push([s, e]);
      }
    }
    return out;
  }

  /** The calendar zone's UTC offset at instant t, in ms. */
  offsetAt(t: number): number {
    if (this.alwaysOpen && this.#utc) return 0;
    for (const [from, to, offset] of this.#offsets(utcDay(t))) if (t >= from && t < to) return offset;
    return 0;
  }

  /** An instant as ISO 8601 with the calendar zone's offset, e.g. 2026-03-04T09:15:00+01:00. */
  format(t: number): string {
    return formatWithOffset(t, this.offsetAt(t), this.#utc);
  }

  /** Index of UTC day `day` in the prefix index, growing the index to cover it. */
  #ensure(day: number): number {
    if (this.#days.length === 0) {
      this.#lo = day;
      this.#days.push(this.#utcDayIntervals(day));
      this.#cum.push(total(this.#days[0]!));
      return 0;
    }
    if (day < this.#lo) {
      const newLo = Math.min(day, this.#lo - GROW_BACK_DAYS);
      const before: Float64Array[] = [];
      for (let d = newLo; d < this.#lo; d++) before.push(this.#utcDayIntervals(d));
      this.#days = before.concat(this.#days);
      this.#lo = newLo;
      this.#cum = [0];
      for (const ivs of this.#days) this.#cum.push(this.#cum[this.#cum.length - 1]! + total(ivs));
    }
    while (day >= this.#lo + this.#days.length) {
      const ivs = this.#utcDayIntervals(this.#lo + this.#days.length);
      this.#days.push(ivs);
      this.#cum.push(this.#cum[this.#cum.length - 1]! + total(ivs));
    }
    return day - this.#lo;
  }

  /** Working time before instant t since the start of the index (t's day must be indexed). */
  #prefix(t: number): number {
    const i = utcDay(t) - this.#lo;
    let acc = this.#cum[i]!;
    const ivs = this.#days[i]!;
    for (let k = 0; k < ivs.length; k += 2) {
      const s = ivs[k]!;
      const e = ivs[k + 1]!;
      if (t <= s) break;
      acc += Math.min(t, e) - s;
      if (t < e) break;
    }
    return acc;
  }

  /** Working intervals inside UTC day `day`, from the wall days that can reach into it. */
  #utcDayIntervals(day: number): Float64Array {
    const from = day * DAY_MS;
    const to = from + DAY_MS;
    const pieces: number[] = [];
    // An instant's wall date is within a day of its UTC date (offsets are within +-14h).
    for (let wall = day - 1; wall <= day + 1; wall++) {
      const ivs = this.#wallDay(wall);
      for (let k = 0; k < ivs.length; k += 2) {
        const s = Math.max(from, ivs[k]!);
        const e = Math.min(to, ivs[k + 1]!);
        if (s < e) pieces.push(s, e);
      }
    }
    return mergeFlat(pieces);
  }

  /** Working instants of one local date (a day number of the wall calendar): empty on holidays. */
  #wallDay(wall: number): Float64Array {
    const cached = this.#wallDays.get(wall);
    if (cached) return cached;
    const hours = this.#holidays.has(wall) ? [] : this.#week[weekdayIndex(wall)]!;
    const pieces: number[] = [];
    if (hours.length > 0) {
      const midnight = wall * DAY_MS;
      for (let u = wall - 1; u <= wall + 1; u++) {
        for (const [from, to, offset] of this.#offsets(u)) {
          // Instants t with wall time t + offset in [start, end) on this date.
          for (const [start, end] of hours) {
            const s = Math.max(from, midnight + start * MINUTE_MS - offset);
            const e = Math.min(to, midnight + end * MINUTE_MS - offset);
            if (s < e) pieces.push(s, e);
          }
        }
      }
    }
    const result = mergeFlat(pieces);
    this.#wallDays.set(wall, result);
    return result;
  }

  /** Constant-offset pieces covering UTC day `day`, from the zone's transitions. */
  #offsets(day: number): OffsetPiece[] {
    const cached = this.#offsetsByUtcDay.get(day);
    if (cached) return cached;
    const end = (day + 1) * DAY_MS;
    const pieces: OffsetPiece[] = [];
    let from = day * DAY_MS;
    let zdt = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(this.timeZone);
    for (;;) {
      const offset = zdt.offsetNanoseconds / 1e6;
      const next = zdt.getTimeZoneTransition('next');
      const nextMs = next ? next.epochMilliseconds : Infinity;
      if (nextMs >= end) {
        pieces.push([from, end, offset]);
        break;
      }
      pieces.push([from, nextMs, offset]);
      from = nextMs;
      zdt = next!;
    }
    this.#offsetsByUtcDay.set(day, pieces);
    return pieces;
  }
}

function total(ivs: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < ivs.length; k += 2) sum += ivs[k + 1]! - ivs[k]!;
  return sum;
}

/** Sorts flat [s0, e0, s1, e1...] pairs by start and merges touching or overlapping ones. */
function mergeFlat(pieces: number[]): Float64Array {
  if (pieces.length === 0) return EMPTY;
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < pieces.length; k += 2) pairs.push([pieces[k]!, pieces[k + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [s, e] of pairs) {
    const n = out.length;
    if (n > 0 && s <= out[n - 1]!) out[n - 1] = Math.max(out[n - 1]!, e);
    else out.push(s, e);
  }
  return Float64Array.from(out);
}

const EMPTY = new Float64Array(0);

function utcDay(t: number): number {
  return Math.floor(t / DAY_MS);
}

/** 0 = Monday .. 6 = Sunday for a day number (day 0, 1970-01-01, was a Thursday). */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date, or null when it is not a real date. */
export function dayNumberOf(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms).toISOString().slice(0, 10);
  return back === date ? ms / DAY_MS : null;
}

function minutesToClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function isUtcZone(zone: string): boolean {
  return /^(UTC|Etc\/(UTC|GMT|Zulu|UCT)|GMT|Zulu)$/i.test(zone);
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * ISO 8601 with an explicit offset; Z for UTC zones. Milliseconds only when there are any.
 * Written with integer arithmetic (civil-from-days) rather than Date#toISOString: the SLA engine
 * formats hundreds of thousands of instants per run.
 */
export function formatWithOffset(t: number, offsetMs: number, utc = false): string {
  const local = t + offsetMs;
  const days = Math.floor(local / DAY_MS);
  let rest = local - days * DAY_MS;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / MINUTE_MS);
  rest -= minute * MINUTE_MS;
  const second = Math.floor(rest / 1000);
  const millis = rest - second * 1000;
  // Howard Hinnant's civil_from_days.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  let text = `${year < 1000 ? String(year).padStart(4, '0') : year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`;
  if (millis) text += `.${String(millis).padStart(3, '0')}`;
  if (utc && offsetMs === 0) return `${text}Z`;
  const abs = Math.abs(offsetMs) / MINUTE_MS;
  return `${text}${offsetMs < 0 ? '-' : '+'}${TWO_DIGITS[Math.floor(abs / 60)]}:${TWO_DIGITS[abs % 60]}`;
}
