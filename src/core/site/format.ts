/** Display formatting for the site: instants in the workspace's zone, labels from field names. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "2026-03-04 09:15 CET": an instant as people in the workspace's zone read it. */
export function formatInstant(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(ms).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(ms).map((p) => [p.type, p.value]));
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

/** The title a record shows: its title, or its name for services, CIs and teams. */
export function recordTitle(data: object): string {
  const d = data as { title?: unknown; name?: unknown; id?: unknown };
  return String(d.title ?? d.name ?? d.id ?? '');
}
