/**
 * Display formatting shared by the site and chat messages: instants as people read them in the
 * workspace's zone, labels from field and status names, durations.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface ZoneOffset {
  offsetMs: number;
  abbreviation: string;
}
const offsets = new Map<string, Map<number, ZoneOffset>>();
const QUARTER_HOUR = 900_000;

/**
 * The zone's offset and abbreviation at an instant. Intl is slow and pages show thousands of times,
 * so it is asked once per quarter hour: every zone changes offset on a quarter-hour boundary.
 */
function zoneOffset(ms: number, timeZone: string): ZoneOffset {
  const bucket = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map<number, ZoneOffset>()));
  let hit = zone.get(bucket);
  if (!hit) {
    const p = Object.fromEntries(
      formatter(timeZone)
        .formatToParts(bucket)
        .map((x) => [x.type, x.value]),
    );
    const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    hit = { offsetMs: local - bucket, abbreviation: p.timeZoneName ?? '' };
    if (zone.size > 100_000) zone.clear();
    zone.set(bucket, hit);
  }
  return hit;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-03-04 09:15 CET": an instant as people in the workspace's zone read it. */
export function formatInstant(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const { offsetMs, abbreviation } = zoneOffset(ms, timeZone);
  const d = new Date(Math.floor(ms / 60_000) * 60_000 + offsetMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${abbreviation}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** "planned_start" -> "Planned start". */
export function fieldLabel(field: string): string {
  if (field === 'cis') return 'CIs';
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "in_progress" -> "in progress". */
export function statusLabel(status: string): string {
  return status.replace(/_/g, ' ');
}

/** A duration in seconds as "3h 05m", "2d 4h" or "45s". */
export function formatSeconds(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? '-' : '';
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${sign}${d}d ${h}h`;
  if (h > 0) return `${sign}${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${sign}${m}m`;
  return `${sign}${s}s`;
}
