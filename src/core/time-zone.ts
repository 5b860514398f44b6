/**
 * Whether this system knows a time zone: an IANA name (in any case) or a UTC offset such as +01:00.
 * The one check behind itsm.yaml's time_zone, calendars, maintenance windows and `import --tz`.
 * Intl decides rather than Temporal, which would also take a whole timestamp ("2026-01-01T00:00Z")
 * for its zone.
 */
export function isKnownTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
