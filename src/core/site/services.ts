/** The service catalog: what each service offers, who owns it, and when it is supported. */
import { recordsOf, type Calendar, type Workspace } from '../model.ts';
import { nextNumberedId } from '../new-record.ts';
import type { ForgeLinks } from '../forge.ts';
import type { SiteLinks } from './links.ts';
import { requestLink } from './new-record-links.ts';
import { refOf, refOfId, type RecordRef } from './refs.ts';
import { isOpen } from '../kinds/index.ts';

export interface SupportHours {
  id: string;
  name: string;
  timeZone: string;
  /** One line per weekday, e.g. { day: 'Mon', hours: '08:00-12:00, 13:00-18:00' }; "24x7" as one row. */
  rows: Array<{ day: string; hours: string }>;
  holidays: Array<{ date: string; name: string }>;
}

export interface ServiceEntry extends RecordRef {
  summary: string;
  tier: number;
  owner: RecordRef | null;
  offerings: Array<{ id: string; name: string; description: string; target: string; requestHref?: string }>;
  support: SupportHours | null;
  supportCalendarId: string | null;
  openIncidents: number;
  dependsOn: RecordRef[];
}

const DAYS = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
] as const;

/** A calendar's opening hours as a table people read; holidays from `now` on, the next ten. */
export function supportHours(cal: Calendar, now: string): SupportHours {
  const rows =
    cal.hours === '24x7'
      ? [{ day: 'Every day', hours: 'around the clock' }]
      : DAYS.map(([key, day]) => ({ day, hours: ((cal.hours as Record<string, string[] | undefined>)[key] ?? []).join(', ') || 'closed' }));
  const today = now.slice(0, 10);
  return { id: cal.id, name: cal.name, timeZone: cal.time_zone, rows, holidays: (cal.holidays ?? []).filter((h) => h.date >= today).slice(0, 10) };
}

/** Active services first by tier then name; retired ones last. */
export function serviceCatalog(ws: Workspace, links: SiteLinks, now: string, forge?: ForgeLinks): ServiceEntry[] {
  const nextRequest = nextNumberedId(
    'request',
    ws.records.map((r) => r.id),
  );
  const calendars = new Map((ws.policies.calendars?.calendars ?? []).map((c) => [c.id, c]));
  const open = new Map<string, number>();
  for (const inc of recordsOf(ws, 'incident')) if (isOpen('incident', inc.data.status)) open.set(inc.data.service, (open.get(inc.data.service) ?? 0) + 1);
  return recordsOf(ws, 'service')
    .sort(
      (a, b) =>
        Number(a.data.status === 'retired') - Number(b.data.status === 'retired') || a.data.tier - b.data.tier || a.data.name.localeCompare(b.data.name),
    )
    .map((s) => {
      const cal = s.data.support_calendar ? calendars.get(s.data.support_calendar) : undefined;
      return {
        ...refOf(s, links),
        summary: s.data.summary ?? '',
        tier: s.data.tier,
        owner: s.data.owner ? refOfId(s.data.owner, ws.byId, links) : null,
        offerings: (s.data.offerings ?? []).map((o) => {
          const requestHref = forge ? requestLink(ws, forge, now, s.id, o, nextRequest) : undefined;
          return { id: o.id, name: o.name, description: o.description ?? '', target: o.fulfillment_target ?? '', ...(requestHref ? { requestHref } : {}) };
        }),
        support: cal ? supportHours(cal, now) : null,
        supportCalendarId: s.data.support_calendar ?? null,
        openIncidents: open.get(s.id) ?? 0,
        dependsOn: (s.data.depends_on ?? []).map((id) => refOfId(id, ws.byId, links)),
      };
    });
}
