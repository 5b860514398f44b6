/** Small in-memory workspaces for SLA tests: one calendar, one policy, a few records. */
import { indexById, type AnyRecord, type Calendar, type Incident, type ServiceRequest, type SlaPolicy, type Workspace } from '../../../src/core/model.ts';
import { computeSla, type SlaResult } from '../../../src/core/sla/index.ts';

const weekdays = (intervals: string[]) => ({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals });

/** Berlin office: Mon-Fri 09:00-12:00 and 13:00-17:00 (lunch 12-13), Christmas Day 2026 off. */
export const OFFICE: Calendar = {
  id: 'office',
  name: 'Berlin office',
  time_zone: 'Europe/Berlin',
  hours: weekdays(['09:00-12:00', '13:00-17:00']),
  holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
};
/** Around the clock in UTC. */
export const ALWAYS: Calendar = { id: 'always', name: '24x7', time_zone: 'UTC', hours: '24x7' };
/** A Berlin night shift on Sundays only, 01:00-04:00: it contains both DST switches of the year. */
export const BERLIN_SUNDAY_NIGHTS: Calendar = {
  id: 'berlin-nights',
  name: 'Berlin Sunday nights',
  time_zone: 'Europe/Berlin',
  hours: { sun: ['01:00-04:00'] },
};
/** New York, Sundays all day: the DST switches fall on Sundays. */
export const NEW_YORK_SUNDAYS: Calendar = { id: 'ny-sundays', name: 'New York Sundays', time_zone: 'America/New_York', hours: { sun: ['00:00-24:00'] } };
/** Tokyo office: Mon-Fri 09:00-18:00 JST (UTC+9, no DST). */
export const TOKYO: Calendar = { id: 'tokyo', name: 'Tokyo office', time_zone: 'Asia/Tokyo', hours: weekdays(['09:00-18:00']) };
/** 24x7 in Berlin, but Christmas Day off. */
export const BERLIN_24X7_CHRISTMAS: Calendar = {
  id: 'berlin-24x7',
  name: 'Berlin 24x7 except Christmas',
  time_zone: 'Europe/Berlin',
  hours: '24x7',
  holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
};

export const ALL_CALENDARS = [OFFICE, ALWAYS, BERLIN_SUNDAY_NIGHTS, NEW_YORK_SUNDAYS, TOKYO, BERLIN_24X7_CHRISTMAS];

export interface Targets {
  response?: string;
  resolution?: string;
}

/** A general policy for `kind` on `calendar`, pausing on on_hold, with the same targets for every priority. */
export function policyOn(calendar: string, targets: Targets, kind: 'incident' | 'request' = 'incident'): SlaPolicy {
  const t = { ...targets };
  return {
    id: `${kind}-policy`,
    name: 'Test policy',
    applies_to: { kind },
    calendar,
    pause_statuses: ['on_hold'],
    warning_threshold: 75,
    targets: { P1: t, P2: t, P3: t, P4: t, P5: t },
  };
}

/** A timeline written as [at, status] pairs. */
export type Steps = Array<[string, string]>;

export function incident(fields: Partial<Incident> & { reported_at: string; status: Incident['status'] }, steps?: Steps): AnyRecord {
  const data: Incident = {
    id: fields.id ?? 'INC-0001',
    title: 'Something broke',
    service: 'SVC-shop',
    impact: 'medium',
    urgency: 'high',
    priority: 'P2',
    ...fields,
    ...(steps ? { timeline: steps.map(([at, status]) => ({ at, status })) } : {}),
  };
  return { kind: 'incident', id: data.id, file: `content/incidents/${data.id}.md`, data, body: '' };
}

export function request(fields: Partial<ServiceRequest> & { requested_at: string; status: ServiceRequest['status'] }, steps?: Steps): AnyRecord {
  const data: ServiceRequest = {
    id: fields.id ?? 'REQ-0001',
    title: 'A new laptop',
    service: 'SVC-shop',
    offering: 'laptop',
    requester: 'lin',
    ...fields,
    ...(steps ? { timeline: steps.map(([at, status]) => ({ at, status })) } : {}),
  };
  return { kind: 'request', id: data.id, file: `content/requests/${data.id}.md`, data, body: '' };
}

export const SHOP: AnyRecord = {
  kind: 'service',
  id: 'SVC-shop',
  file: 'content/services/SVC-shop.md',
  data: { id: 'SVC-shop', name: 'Shop', status: 'active', owner: 'TEAM-ops', tier: 1, support_calendar: 'office' },
  body: '',
};

/** A workspace with the test calendars, the given policies and records (plus SVC-shop). */
export function workspaceWith(
  policies: SlaPolicy[],
  records: AnyRecord[],
  calendars: Calendar[] = ALL_CALENDARS,
): Pick<Workspace, 'records' | 'policies' | 'byId'> {
  const all = [SHOP, ...records];
  return {
    records: all,
    byId: indexById(all),
    policies: {
      sla: { policies: policies as [SlaPolicy, ...SlaPolicy[]] },
      calendars: { calendars: calendars as [Calendar, ...Calendar[]] },
    },
  };
}

/** SLA results of one record on one calendar and policy, keyed by metric. */
export function clocksOf(calendar: Calendar, targets: Targets, record: AnyRecord, now: string): Record<string, SlaResult> {
  const kind = record.kind === 'request' ? 'request' : 'incident';
  const results = computeSla(workspaceWith([policyOn(calendar.id, targets, kind)], [record]), now);
  return Object.fromEntries(results.map((r) => [r.metric, r]));
}

export const HOUR = 3600;
export const MINUTE = 60;
