/**
 * Wall-clock helpers for the demo generator: instants are epoch milliseconds, written out
 * as ISO 8601 with the offset that the zone had at that instant (so DST is always right).
 */
export const BERLIN = 'Europe/Berlin';
export const NEW_YORK = 'America/New_York';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      timeZoneName: 'longOffset',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** e.g. +01:00 */
  offset: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall clock in `zone` at instant `ms`. */
export function wallClock(ms: number, zone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const gmt = parts.timeZoneName ?? 'GMT';
  const offset = gmt === 'GMT' ? '+00:00' : gmt.slice(3);
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
    offset,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO 8601 with seconds and the zone's offset at that instant. */
export function iso(ms: number, zone: string = BERLIN): string {
  const w = wallClock(ms, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${w.offset}`;
}

/** YYYY-MM-DD of the instant in the zone. */
export function isoDate(ms: number, zone: string = BERLIN): string {
  const w = wallClock(ms, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** The instant at which `zone` shows the given wall-clock time (first match around DST). */
export function at(zone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let ms = guess;
  for (let i = 0; i < 3; i++) {
    const w = wallClock(ms, zone);
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
    ms += guess - shown;
  }
  return ms;
}

/** Parses the demo's own ISO strings back to epoch ms. */
export function parseIso(text: string): number {
  return Date.parse(text);
}

/** Rounds down to a whole minute: people write times to the minute. */
export function toMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}
