/** The status page's data: the status report (src/core/status.ts) ready to show, with uptime bars. */
import { STATUS_LABEL, type ServiceStatus, type StatusReport } from '../status.ts';
import { escapeXml } from './graph-svg.ts';
import { formatInstant } from '../format.ts';
import type { SiteLinks } from './links.ts';

export interface StatusServiceView {
  id: string;
  name: string;
  href: string;
  status: ServiceStatus;
  statusText: string;
  availability: Array<{ days: number; percent: string; downtime: string }>;
  uptimeSvg: string;
  /** What customers may read (core/status.ts): the public summary and public updates, never the internal title. */
  openIncidents: Array<{ id: string; summary: string; updates: Array<{ at: string; note: string }>; href: string; effect: string; since: string }>;
  maintenance: Array<{ id: string; summary: string; href: string; when: string; ongoing: boolean }>;
  history: Array<{ id: string; summary: string; href: string; effect: string; reported: string; resolved: string }>;
}

export interface StatusPage {
  overall: ServiceStatus;
  overallText: string;
  services: StatusServiceView[];
}

const COLOURS: Record<ServiceStatus, string> = { operational: '#2e9d6a', degraded: '#d6a21e', partial_outage: '#d9822b', major_outage: '#c2414b' };

export function statusPage(report: StatusReport, links: SiteLinks, historyLimit = 10): StatusPage {
  const tz = report.timeZone;
  return {
    overall: report.overall,
    overallText: report.overall === 'operational' ? 'All services operational' : STATUS_LABEL[report.overall],
    services: report.services.map((s) => ({
      id: s.id,
      name: s.name,
      href: links.record(s.id),
      status: s.status,
      statusText: STATUS_LABEL[s.status],
      availability: s.availability.map((a) => ({
        days: a.days,
        percent: `${(Math.floor(a.availability * 100_000) / 1000).toFixed(3)}%`,
        downtime: `${a.downtimeMinutes} min`,
      })),
      uptimeSvg: uptimeBars(s.daily, `Daily availability of ${s.name}, last ${s.daily.length} days`),
      openIncidents: s.openIncidents.map((i) => ({
        id: i.id,
        summary: i.summary,
        updates: i.updates.map((u) => ({ at: formatInstant(u.at, tz), note: u.note })),
        href: links.record(i.id),
        effect: STATUS_LABEL[i.effect],
        since: formatInstant(i.reported_at, tz),
      })),
      maintenance: s.maintenance.map((m) => ({
        id: m.id,
        summary: m.summary,
        href: links.record(m.id),
        when: `${formatInstant(m.planned_start, tz)} to ${formatInstant(m.planned_end, tz)}`,
        ongoing: m.ongoing,
      })),
      history: s.history.slice(0, historyLimit).map((i) => ({
        id: i.id,
        summary: i.summary,
        href: links.record(i.id),
        effect: STATUS_LABEL[i.effect],
        reported: formatInstant(i.reported_at, tz),
        resolved: i.resolved_at ? formatInstant(i.resolved_at, tz) : '',
      })),
    })),
  };
}

/** One bar per day, coloured by the day's worst status, each with its date and availability as a tooltip. */
export function uptimeBars(daily: StatusReport['services'][number]['daily'], title: string): string {
  const w = 6;
  const gap = 2;
  const h = 28;
  const width = Math.max(1, daily.length * (w + gap) - gap);
  const bars = daily
    .map(
      (d, i) =>
        `<rect x="${i * (w + gap)}" y="0" width="${w}" height="${h}" rx="1.5" fill="${COLOURS[d.worst]}"><title>${escapeXml(`${d.date}: ${(d.availability * 100).toFixed(2)}% (${STATUS_LABEL[d.worst]})`)}</title></rect>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="uptime" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>${bars}</svg>`;
}
