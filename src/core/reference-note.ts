/**
 * The line commands print under figures judged at the workspace's reference time. Apart from
 * reference-time.ts: `itsm validate` resolves the instant but prints no note, and Temporal is slow to load.
 */
import { Temporal } from 'temporal-polyfill';
import { isKnownTimeZone } from './time-zone.ts';

/** "as of 2026-11-26 08:45 Europe/Berlin (the workspace's reference time; --now to change)". */
export function referenceNote(instant: string, timeZone: string): string {
  const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
  const local = Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' ');
  return `as of ${local} ${zone} (the workspace's reference time; --now to change)`;
}
