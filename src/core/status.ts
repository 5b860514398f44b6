/**
 * The status page, computed: each active service's current status rolled up from its open
 * incidents, upcoming maintenance from changes not yet done, and availability over 30 and 90 days
 * from incident impact windows. Pure: `now` is a parameter.
 *
 * Status from the worst open incident: impact low -> degraded, medium -> partial outage,
 * high (or `major: true`) -> major outage. Availability weights downtime like the common status
 * pages do: a major outage counts fully, a partial outage at 30 %, degraded performance not at all.
 * Overlapping incidents are never counted twice: at each instant only the worst one counts.
 *
 * The status page is public: an incident shows only its `public_summary` (or a neutral sentence
 * naming the service) and its public timeline entries, never its title, CIs, internal notes or
 * assignee; maintenance shows its window and the service, never the change's title.
 */
import { Temporal } from 'temporal-polyfill';
import type { AnyRecord, Change, Incident, Service } from './model.ts';
import { isOpen } from './kinds/index.ts';

export const SERVICE_STATUSES = ['operational', 'degraded', 'partial_outage', 'major_outage'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const STATUS_LABEL: Record<ServiceStatus, string> = {
  operational: 'Operational',
  degraded: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

/** Share of an interval counted as downtime, per status. */
export const DOWNTIME_WEIGHT: Record<ServiceStatus, number> = { operational: 0, degraded: 0, partial_outage: 0.3, major_outage: 1 };

const UPCOMING_CHANGE = new Set(['approved', 'scheduled', 'implementing']);
const DAY_MS = 86_400_000;

/** What an incident does to its service while it lasts. */
export function incidentStatus(i: Pick<Incident, 'impact' | 'major'>): ServiceStatus {
  if (i.major || i.impact === 'high') return 'major_outage';
  return i.impact === 'medium' ? 'partial_outage' : 'degraded';
}

function worse(a: ServiceStatus, b: ServiceStatus): ServiceStatus {
  return SERVICE_STATUSES.indexOf(a) >= SERVICE_STATUSES.indexOf(b) ? a : b;
}

/** One stretch of time with a status (ms since epoch, end exclusive). */
export interface Window {
  start: number;
  end: number;
  status: ServiceStatus;
}

export interface Availability {
  days: number;
  /** 0..1, rounded to 6 decimals. */
  availability: number;
  /** Weighted downtime in minutes (a partial outage minute counts 0.3). */
  downtimeMinutes: number;
}

/**
 * Availability over [from, to) from impact windows: a sweep over window edges, taking the worst
 * status at each instant, so overlaps count once.
 */
export function availability(windows: readonly Window[], from: number, to: number): number {
  const span = to - from;
  if (span <= 0) return 1;
  return 1 - weightedDowntime(windows, from, to) / span;
}

function weightedDowntime(windows: readonly Window[], from: number, to: number): number {
  const edges: Array<{ at: number; delta: 1 | -1; status: ServiceStatus }> = [];
  for (const w of windows) {
    const s = Math.max(w.start, from);
    const e = Math.min(w.end, to);
    if (e <= s || DOWNTIME_WEIGHT[w.status] === 0) continue;
    edges.push({ at: s, delta: 1, status: w.status }, { at: e, delta: -1, status: w.status });
  }
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  const active: Record<ServiceStatus, number> = { operational: 0, degraded: 0, partial_outage: 0, major_outage: 0 };
  let down = 0;
  let last = from;
  for (const e of edges) {
    down += (e.at - last) * currentWeight(active);
    last = e.at;
    active[e.status] += e.delta;
  }
  return down;
}

function currentWeight(active: Record<ServiceStatus, number>): number {
  if (active.major_outage > 0) return 1;
  if (active.partial_outage > 0) return DOWNTIME_WEIGHT.partial_outage;
  return 0;
}

/** One customer-visible update: a timeline entry marked `visibility: public`. */
export interface PublicUpdate {
  at: string;
  note: string;
}

export interface StatusIncident {
  id: string;
  /** What customers may read: the incident's public_summary, or a neutral sentence naming the service. */
  summary: string;
  /** The public timeline entries with a note, oldest first. */
  updates: PublicUpdate[];
  status: string;
  impact: string;
  effect: ServiceStatus;
  reported_at: string;
  resolved_at?: string;
}

export interface Maintenance {
  id: string;
  /** A neutral sentence naming the service (a change's title is internal). */
  summary: string;
  status: string;
  planned_start: string;
  planned_end: string;
  /** True when the window has begun (or the change is implementing). */
  ongoing: boolean;
}

export interface ServiceStatusReport {
  id: string;
  name: string;
  tier: number;
  status: ServiceStatus;
  openIncidents: StatusIncident[];
  maintenance: Maintenance[];
  availability: Availability[];
  /** Incidents reported in the longest window, newest first. */
  history: StatusIncident[];
  /** One entry per calendar day (workspace zone) of the longest window, oldest first: for uptime bars. */
  daily: Array<{ date: string; availability: number; worst: ServiceStatus }>;
}

export interface StatusReport {
  now: string;
  timeZone: string;
  /** Worst status over all services. */
  overall: ServiceStatus;
  services: ServiceStatusReport[];
}

export interface StatusOptions {
  now: string;
  timeZone: string;
  /** Availability windows in days (default 30 and 90). */
  windows?: readonly number[];
  /** Only these services (IDs); default every active service. */
  only?: readonly string[];
}

/** The status page of every active service. */
export function statusReport(records: readonly AnyRecord[], opts: StatusOptions): StatusReport {
  const now = Temporal.Instant.from(opts.now).epochMilliseconds;
  const windows = opts.windows ?? [30, 90];
  const longest = Math.max(...windows);
  const only = opts.only ? new Set(opts.only) : undefined;
  const services = records.filter(
    (r): r is Extract<AnyRecord, { kind: 'service' }> => r.kind === 'service' && r.data.status === 'active' && (!only || only.has(r.id)),
  );
  const incidentsBy = new Map<string, Incident[]>();
  const changes: Change[] = [];
  for (const r of records) {
    if (r.kind === 'incident' && r.data.status !== 'cancelled') {
      const list = incidentsBy.get(r.data.service) ?? [];
      list.push(r.data);
      incidentsBy.set(r.data.service, list);
    } else if (r.kind === 'change' && UPCOMING_CHANGE.has(r.data.status)) changes.push(r.data);
  }
  const reports = services.map((s) => serviceReport(s.data, incidentsBy.get(s.id) ?? [], changes, now, windows, longest, opts.timeZone));
  reports.sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name));
  return {
    now: opts.now,
    timeZone: opts.timeZone,
    overall: reports.reduce<ServiceStatus>((w, r) => worse(w, r.status), 'operational'),
    services: reports,
  };
}

function serviceReport(
  service: Service,
  incidents: Incident[],
  changes: Change[],
  now: number,
  windows: readonly number[],
  longest: number,
  timeZone: string,
): ServiceStatusReport {
  const ms = (ts: string) => Temporal.Instant.from(ts).epochMilliseconds;
  const started = incidents.filter((i) => ms(i.reported_at) <= now);
  const impactWindows: Window[] = started.map((i) => ({
    start: ms(i.reported_at),
    end: Math.min(now, i.resolved_at ? ms(i.resolved_at) : isOpen('incident', i.status) ? now : ms(i.closed_at ?? i.reported_at)),
    status: incidentStatus(i),
  }));
  const open = started.filter((i) => isOpen('incident', i.status));
  const status = open.reduce<ServiceStatus>((w, i) => worse(w, incidentStatus(i)), 'operational');
  const cis = new Set(service.cis ?? []);
  const maintenance = changes
    .filter((c) => ms(c.planned_end) > now && ((c.services ?? []).includes(service.id) || (c.cis ?? []).some((ci) => cis.has(ci))))
    .map((c) => ({
      id: c.id,
      summary: `Planned maintenance of ${service.name}.`,
      status: c.status,
      planned_start: c.planned_start,
      planned_end: c.planned_end,
      ongoing: c.status === 'implementing' || ms(c.planned_start) <= now,
    }))
    .sort((a, b) => ms(a.planned_start) - ms(b.planned_start) || a.id.localeCompare(b.id));
  const toItem = (i: Incident): StatusIncident => ({
    id: i.id,
    summary: publicSummary(i, service.name),
    updates: publicUpdates(i),
    status: i.status,
    impact: i.impact,
    effect: incidentStatus(i),
    reported_at: i.reported_at,
    ...(i.resolved_at ? { resolved_at: i.resolved_at } : {}),
  });
  return {
    id: service.id,
    name: service.name,
    tier: service.tier,
    status,
    openIncidents: open.map(toItem).sort((a, b) => a.reported_at.localeCompare(b.reported_at)),
    maintenance,
    availability: windows.map((days) => {
      const from = now - days * DAY_MS;
      const down = weightedDowntime(impactWindows, from, now);
      return { days, availability: round6(1 - down / (now - from)), downtimeMinutes: Math.round((down / 60_000) * 10) / 10 };
    }),
    history: started
      .filter((i, k) => impactWindows[k]!.end > now - longest * DAY_MS || isOpen('incident', i.status))
      .map(toItem)
      .sort((a, b) => ms(b.reported_at) - ms(a.reported_at) || b.id.localeCompare(a.id)),
    daily: daily(impactWindows, now, longest, timeZone),
  };
}

/** The incident as customers may read it: its public_summary, or a neutral sentence. */
export function publicSummary(i: Pick<Incident, 'public_summary' | 'status'>, serviceName: string): string {
  const written = i.public_summary?.trim();
  if (written) return written;
  return isOpen('incident', i.status) ? `We are investigating an issue affecting ${serviceName}.` : `An issue affecting ${serviceName} has been resolved.`;
}

/** The timeline entries marked public that say something (internal is the default). */
export function publicUpdates(i: Pick<Incident, 'timeline'>): PublicUpdate[] {
  return (i.timeline ?? []).filter((e) => e.visibility === 'public' && e.note?.trim()).map((e) => ({ at: e.at, note: e.note!.trim() }));
}

/** Calendar days in the zone, the last one being today (so far). */
function daily(windows: readonly Window[], now: number, days: number, timeZone: string): ServiceStatusReport['daily'] {
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone).toPlainDate();
  const out: ServiceStatusReport['daily'] = [];
  for (let k = days - 1; k >= 0; k--) {
    const date = today.subtract({ days: k });
    const from = date.toZonedDateTime({ timeZone }).epochMilliseconds;
    const to = Math.min(now, date.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds);
    let worst: ServiceStatus = 'operational';
    for (const w of windows) if (w.start < to && w.end > from) worst = worse(worst, w.status);
    out.push({ date: date.toString(), availability: round6(availability(windows, from, to)), worst });
  }
  return out;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
