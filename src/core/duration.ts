/**
 * SLA durations as written in policy files: `30m`, `4h`, `1h30m`, `90s`.
 * Days are refused on purpose: "2d" of business time is ambiguous (two 8-hour days? 48 hours?),
 * so the author is asked to write the hours.
 */

export type DurationParse = { ok: true; seconds: number } | { ok: false; message: string; hint: string };

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const DAYS_OR_WEEKS = /^\s*(\d+(?:\.\d+)?)\s*(d|days?|w|weeks?)\b/i;

/**
 * Parses a duration into seconds. Errors are data: what went wrong and how to write it instead.
 * @example parseDuration('1h30m') // { ok: true, seconds: 5400 }
 */
export function parseDuration(text: string): DurationParse {
  const trimmed = String(text).trim();
  const days = DAYS_OR_WEEKS.exec(trimmed);
  if (days) {
    const weeks = /^w/i.test(days[2] ?? '');
    const n = Number(days[1]);
    const business = n * (weeks ? 40 : 8);
    const wall = n * (weeks ? 168 : 24);
    return {
      ok: false,
      message: `"${trimmed}" is written in ${weeks ? 'weeks' : 'days'}, which SLA durations do not accept.`,
      hint: `A business ${weeks ? 'week' : 'day'} is ambiguous: write the hours, e.g. ${business}h of working time, or ${wall}h on a 24x7 calendar.`,
    };
  }
  const m = DURATION.exec(trimmed);
  if (!trimmed || !m) {
    return {
      ok: false,
      message: `"${trimmed}" is not a duration.`,
      hint: 'Write hours, minutes and seconds in that order, each at most once: 30m, 4h, 1h30m, 90s.',
    };
  }
  const [, h = '0', min = '0', s = '0'] = m;
  return { ok: true, seconds: Number(h) * 3600 + Number(min) * 60 + Number(s) };
}

/** Formats seconds the way policies write them (`1h30m`, `45m`, `0m`); sub-minute parts as `s`. */
export function formatDuration(totalSeconds: number): string {
  const negative = totalSeconds < 0;
  let rest = Math.round(Math.abs(totalSeconds));
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const text = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}` || '0m';
  return negative ? `-${text}` : text;
}
