/**
 * Reading vendors' cell values: their local times (the export's zone comes from --tz), their
 * "1 - High" levels and "1 - Critical" priorities, their state names. Pure.
 */
import { Temporal } from 'temporal-polyfill';

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/**
 * A vendor's local time in `timeZone` as an ISO instant with offset, or undefined when the text
 * is not a time. Accepts ServiceNow's `2026-03-04 09:15:00` (and ISO with T), its US display form
 * `03/04/2026 09:15:00`, and Jira's `04/Mar/26 9:15 AM`. Text that already carries an offset keeps it.
 */
export function vendorTime(text: string, timeZone: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (/[zZ]$|[+-]\d{2}:\d{2}$/.test(t) && t.includes('T')) {
    try {
      return Temporal.Instant.from(t).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
    } catch {
      return undefined;
    }
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) return zoned(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), timeZone);
  m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) return zoned(+m[3]!, +m[1]!, +m[2]!, +m[4]!, +m[5]!, +(m[6] ?? 0), timeZone);
  m = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{2}) (\d{1,2}):(\d{2}) ?([AaPp][Mm])$/.exec(t);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (!month) return undefined;
    let hour = +m[4]! % 12;
    if (m[6]!.toLowerCase() === 'pm') hour += 12;
    return zoned(2000 + +m[3]!, month, +m[1]!, hour, +m[5]!, 0, timeZone);
  }
  return undefined;
}

function zoned(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): string | undefined {
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // An event log has hundreds of thousands of times: the zone's offset is looked up once per
  // local day (per hour on a day when it changes), and only an hour with no offset change in it is
  // answered from the cache (as the hour's text up to the minutes, and its offset: a time is then
  // two lookups and a concatenation).
  let hours = HOUR_OFFSETS.get(timeZone);
  if (!hours) HOUR_OFFSETS.set(timeZone, (hours = new Map<number, HourText>()));
  const dayKey = (year * 16 + month) * 32 + day;
  const key = dayKey * 32 + hour;
  let known = hours.get(key);
  if (known === undefined) {
    let days = DAY_OFFSETS.get(timeZone);
    if (!days) DAY_OFFSETS.set(timeZone, (days = new Map<number, string>()));
    let offset = days.get(dayKey);
    if (offset === undefined) days.set(dayKey, (offset = spanOffset(year, month, day, 0, 23, timeZone)));
    if (offset === CHANGES) offset = spanOffset(year, month, day, hour, hour, timeZone);
    known = offset === INVALID || offset === CHANGES ? offset : { prefix: `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:`, offset };
    if (hours.size >= 100_000) {
      hours.clear();
      days.clear();
    }
    hours.set(key, known);
  }
  if (known === INVALID) return undefined;
  if (known !== CHANGES) return known.prefix + TWO_DIGITS[minute]! + ':' + TWO_DIGITS[second]! + known.offset;
  try {
    const local = Temporal.PlainDateTime.from({ year, month, day, hour, minute, second }, { overflow: 'reject' });
    // In the hour a DST change skips, 'compatible' moves forward, as the vendor's own UI would have.
    return local.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).toString({ timeZoneName: 'never', smallestUnit: 'second' });
  } catch {
    return undefined;
  }
}

/** Zone -> local hour (a number) -> the hour's text and offset, or INVALID / CHANGES. */
type HourText = { prefix: string; offset: string } | typeof INVALID | typeof CHANGES;
const HOUR_OFFSETS = new Map<string, Map<number, HourText>>();
/** Zone -> local day (a number) -> the offset all of it has, or INVALID / CHANGES. */
const DAY_OFFSETS = new Map<string, Map<number, string>>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const INVALID = 'invalid';
const CHANGES = 'changes';

/**
 * The offset all of the local hours `from`..`to` of a day have in the zone; CHANGES when it changes
 * within them (DST), INVALID for no such date.
 */
function spanOffset(year: number, month: number, day: number, from: number, to: number, timeZone: string): string {
  try {
    const at = (hour: number, minute: number, second: number) =>
      Temporal.PlainDateTime.from({ year, month, day, hour, minute, second }, { overflow: 'reject' }).toZonedDateTime(timeZone, {
        disambiguation: 'compatible',
      });
    const start = at(from, 0, 0);
    const end = at(to, 59, 59);
    // Same offset at both ends, and neither end moved (a skipped hour is moved forward): nothing changes within.
    if (start.offset !== end.offset || start.hour !== from || end.hour !== to || end.day !== day) return CHANGES;
    return start.offset;
  } catch {
    return INVALID;
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A date part only: `2026-09-30` from `2026-09-30` or `2026-09-30 00:00:00`. */
export function vendorDate(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T].*)?$/.exec(text.trim());
  if (!m) return undefined;
  try {
    Temporal.PlainDate.from(m[1]!);
    return m[1];
  } catch {
    return undefined;
  }
}

/** The words of a choice value, lowercased: "2 - Medium" -> "medium", "In Progress" -> "in progress". */
export function choiceWords(text: string): string {
  return text
    .trim()
    .replace(/^\d+\s*-\s*/, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');
}

/** The leading number of a choice value: "2 - Medium" -> 2, "3" -> 3. */
export function choiceNumber(text: string): number | undefined {
  const m = /^\s*(\d+)\b/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** A lowercase tag: "INC0010001" -> "inc0010001". */
export function tagOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A column header as the maps spell it: "Short description" -> "short_description". */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** ServiceNow writes `?` (event-log extracts) or nothing for an empty field; both are null. */
export function isNullCell(text: string): boolean {
  const t = text.trim();
  return t === '' || t === '?';
}

/**
 * A value kept as the export gave it, in the `imported` block: `TRUE`/`FALSE` (and `true`/`false`)
 * as booleans, whole numbers as numbers, anything else as trimmed text.
 */
export function keptValue(text: string): string | number | boolean {
  const t = text.trim();
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (/^-?(0|[1-9]\d{0,14})$/.test(t)) return Number(t);
  return t;
}

/** A date layout from --date-format (DD, MM, MMM, YYYY, YY, HH, hh, mm, ss, A), compiled. */
export interface DateFormat {
  text: string;
  regex: RegExp;
  /** Each field's group in the regex (1-based), 0 when the layout lacks it. */
  at: Record<'year' | 'yy' | 'mon' | 'day' | 'month' | 'hour' | 'minute' | 'second' | 'ampm', number>;
}

const TOKENS = ['YYYY', 'MMM', 'YY', 'DD', 'MM', 'HH', 'hh', 'mm', 'ss', 'D', 'M', 'H', 'h', 'A', 'a'];

/** Compiles a --date-format such as `DD-MM-YYYY HH:mm`; undefined when it lacks a day, month or year. */
export function parseDateFormat(text: string): DateFormat | undefined {
  let re = '';
  const fields: string[] = [];
  for (let i = 0; i < text.length;) {
    const token = TOKENS.find((t) => text.startsWith(t, i));
    if (!token) {
      re += text[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/^ $/, '\\s+');
      i++;
      continue;
    }
    const field = {
      YYYY: 'year',
      YY: 'yy',
      MMM: 'mon',
      DD: 'day',
      D: 'day',
      MM: 'month',
      M: 'month',
      HH: 'hour',
      H: 'hour',
      hh: 'hour',
      h: 'hour',
      mm: 'minute',
      ss: 'second',
      A: 'ampm',
      a: 'ampm',
    }[token]!;
    re += { year: '(\\d{4})', yy: '(\\d{2})', mon: '([A-Za-z]{3})', ampm: '([AaPp][Mm])', minute: '(\\d{2})', second: '(\\d{2})' }[field] ?? '(\\d{1,2})';
    fields.push(field);
    i += token.length;
  }
  const has = (f: string) => fields.includes(f);
  if (!has('day') || !(has('month') || has('mon')) || !(has('year') || has('yy'))) return undefined;
  // A layout without seconds still reads a value that has them (exports are not consistent).
  if (has('minute') && !has('second')) re += '(?::(\\d{2}))?';
  if (has('minute') && !has('second')) fields.push('second');
  const at = { year: 0, yy: 0, mon: 0, day: 0, month: 0, hour: 0, minute: 0, second: 0, ampm: 0 };
  fields.forEach((f, i) => (at[f as keyof typeof at] = i + 1));
  return { text, regex: new RegExp(`^${re}$`), at };
}

/** A local time read with a --date-format layout, in `timeZone`; undefined when it does not fit. */
export function timeInFormat(text: string, format: DateFormat, timeZone: string): string | undefined {
  const m = format.regex.exec(text.trim());
  if (!m) return undefined;
  const { at } = format;
  const num = (i: number) => (i && m[i] !== undefined ? Number(m[i]) : 0);
  const month = at.mon ? MONTHS[m[at.mon]!.toLowerCase()] : num(at.month);
  if (!month) return undefined;
  let hour = num(at.hour);
  if (at.ampm) hour = (hour % 12) + (m[at.ampm]!.toLowerCase() === 'pm' ? 12 : 0);
  const year = at.year ? num(at.year) : 2000 + num(at.yy);
  return zoned(year, month, num(at.day), hour, num(at.minute), num(at.second), timeZone);
}

const NUMERIC_DATE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:([ T])(\d{1,2}):(\d{2})(:\d{2})?)?$/;

/** A numeric date (`29/02/2016 01:16`), whose layout detection must settle before it is read. */
export function isNumericDate(text: string): boolean {
  return NUMERIC_DATE.test(text.trim());
}

/** A numeric date that can only be day-first or only month-first (a part above 12): it settles the layout. */
export function settlesDateLayout(text: string): boolean {
  const m = NUMERIC_DATE.exec(text.trim());
  return m !== null && (Number(m[1]) > 12 || Number(m[3]) > 12);
}

export type DateDetection = { ok: true; format?: DateFormat; evidence?: string } | { ok: false; message: string };

/**
 * Which of day-first and month-first the numeric dates of an export use (`29/02/2016 01:16`): the
 * one every value fits. Values in other layouts (ISO, Jira's `02/Mar/26`) need no detection. When
 * every value fits both, the export cannot say: the message names the first such row.
 */
export function detectDateFormat(values: Iterable<{ line: number; column: string; text: string }>, unit: string): DateDetection {
  let dayFirst = true;
  let monthFirst = true;
  let first: { line: number; column: string; text: string; m: RegExpExecArray } | undefined;
  let evidence = '';
  for (const value of values) {
    const m = NUMERIC_DATE.exec(value.text.trim());
    if (!m) continue;
    first ??= { ...value, m };
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12) monthFirst = false;
    if (b > 12) dayFirst = false;
    if (!evidence && (a > 12 || b > 12)) evidence = `${unit} ${value.line}, ${value.column} ${value.text.trim()}`;
  }
  if (!first) return { ok: true };
  const m = first.m;
  const time = m[5] ? ` HH:mm${m[8] ? ':ss' : ''}` : '';
  const layout = (order: 'dmy' | 'mdy') => `${order === 'dmy' ? 'DD' : 'MM'}${m[2]}${order === 'dmy' ? 'MM' : 'DD'}${m[2]}YYYY${time}`;
  if (dayFirst && monthFirst) {
    return {
      ok: false,
      message: `${unit} ${first.line}: the date ${first.text.trim()} (${first.column}) could be day-first or month-first, and no date in the export settles it. Give --date-format "${layout('dmy')}" or --date-format "${layout('mdy')}".`,
    };
  }
  if (!dayFirst && !monthFirst) return { ok: true };
  return { ok: true, format: parseDateFormat(layout(dayFirst ? 'dmy' : 'mdy'))!, evidence };
}
