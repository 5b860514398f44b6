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
  try {
    const local = Temporal.PlainDateTime.from({ year, month, day, hour, minute, second }, { overflow: 'reject' });
    // In the hour a DST change skips, 'compatible' moves forward, as the vendor's own UI would have.
    return local.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).toString({ timeZoneName: 'never', smallestUnit: 'second' });
  } catch {
    return undefined;
  }
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
