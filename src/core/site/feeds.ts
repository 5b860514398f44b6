/**
 * Atom feeds (RFC 4287): incidents, changes, knowledge and status, newest first. Dates come from the
 * records, never the build clock, so an unchanged workspace gives the same feed.
 */
import { recordsOf, type Workspace } from '../model.ts';
import { statusLabel } from '../format.ts';
import { escapeXml } from './graph-svg.ts';
import type { SiteLinks } from './links.ts';
import type { StatusReport } from '../status.ts';
import { STATUS_LABEL } from '../status.ts';

export interface FeedEntry {
  id: string;
  title: string;
  updated: string;
  href: string;
  summary: string;
}

export interface Feed {
  /** File name under feeds/, e.g. incidents.xml. */
  name: string;
  title: string;
  entries: FeedEntry[];
}

const LIMIT = 50;

/** The feeds a site publishes (the status feed only with a status page): what each page links to in its head. */
export function feedLinks(workspaceName: string, withStatus: boolean): Array<Pick<Feed, 'name' | 'title'>> {
  return [
    { name: 'incidents.xml', title: `${workspaceName}: incidents` },
    { name: 'changes.xml', title: `${workspaceName}: changes` },
    { name: 'knowledge.xml', title: `${workspaceName}: knowledge base` },
    ...(withStatus ? [{ name: 'status.xml', title: `${workspaceName}: service status` }] : []),
  ];
}

/** The latest instant a record mentions (timeline entries and milestone fields). */
function lastTouched(data: Record<string, unknown>, fields: readonly string[]): string {
  const times: string[] = [];
  for (const f of fields) if (typeof data[f] === 'string') times.push(data[f]);
  if (Array.isArray(data.timeline)) for (const e of data.timeline as Array<{ at?: string }>) if (e.at) times.push(e.at);
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a), times[0] ?? '1970-01-01T00:00:00Z');
}

const newestFirst = (a: FeedEntry, b: FeedEntry) => Date.parse(b.updated) - Date.parse(a.updated) || a.id.localeCompare(b.id);

export function feeds(ws: Workspace, links: SiteLinks, status: StatusReport | null): Feed[] {
  const name = ws.settings.name;
  const incidents = recordsOf(ws, 'incident').map((r) => ({
    id: r.id,
    title: `${r.id} ${r.data.title} [${statusLabel(r.data.status)}, ${r.data.priority}]`,
    updated: lastTouched(r.data as unknown as Record<string, unknown>, ['reported_at', 'acknowledged_at', 'resolved_at', 'closed_at']),
    href: links.record(r.id),
    summary: `${r.data.service}: ${statusLabel(r.data.status)}${r.data.resolution ? `. Resolution: ${r.data.resolution}` : ''}`,
  }));
  const changes = recordsOf(ws, 'change').map((r) => ({
    id: r.id,
    title: `${r.id} ${r.data.title} [${statusLabel(r.data.status)}]`,
    updated: lastTouched(r.data as unknown as Record<string, unknown>, ['planned_start', 'actual_start', 'actual_end']),
    href: links.record(r.id),
    summary: `${r.data.type} change, ${r.data.risk} risk, planned ${r.data.planned_start} to ${r.data.planned_end}`,
  }));
  const kb = recordsOf(ws, 'kb')
    .filter((r) => r.data.status === 'published')
    .map((r) => ({
      id: r.id,
      title: `${r.id} ${r.data.title}`,
      updated: r.data.published_at ? `${r.data.published_at}T00:00:00Z` : '1970-01-01T00:00:00Z',
      href: links.record(r.id),
      summary: `${r.data.category} article`,
    }));
  const [incidentFeed, changeFeed, kbFeed, statusFeed] = feedLinks(name, status !== null);
  const out: Feed[] = [
    { ...incidentFeed!, entries: incidents.sort(newestFirst).slice(0, LIMIT) },
    { ...changeFeed!, entries: changes.sort(newestFirst).slice(0, LIMIT) },
    { ...kbFeed!, entries: kb.sort(newestFirst).slice(0, LIMIT) },
  ];
  if (status && statusFeed) {
    const entries: FeedEntry[] = [];
    for (const s of status.services) {
      for (const i of s.openIncidents)
        entries.push({
          id: `${s.id}/${i.id}`,
          title: `${s.name}: ${STATUS_LABEL[i.effect]} (${i.id})`,
          updated: i.updates.at(-1)?.at ?? i.reported_at,
          href: links.page('status/'),
          summary: [i.summary, ...i.updates.map((u) => u.note)].join(' '),
        });
      for (const m of s.maintenance)
        entries.push({
          id: `${s.id}/${m.id}`,
          title: `${s.name}: maintenance ${m.ongoing ? 'in progress' : 'planned'} (${m.id})`,
          updated: m.planned_start,
          href: links.page('status/'),
          summary: `From ${m.planned_start} to ${m.planned_end}.`,
        });
    }
    out.push({ ...statusFeed, entries: entries.sort(newestFirst).slice(0, LIMIT) });
  }
  return out;
}

/** The feed as Atom XML. `self` is the feed's own address, `home` the site's. */
export function atomXml(feed: Feed, self: string, home: string, workspace: string): string {
  // encodeURIComponent throws on a lone surrogate, which a YAML escape ("\ud800") can produce.
  const wellFormed = (s: string) => s.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
  const urn = (id: string) => `urn:itsm:${encodeURIComponent(wellFormed(workspace))}:${encodeURIComponent(wellFormed(id))}`;
  const updated = feed.entries.reduce((a, e) => (Date.parse(e.updated) > Date.parse(a) ? e.updated : a), '1970-01-01T00:00:00Z');
  const iso = (s: string) => new Date(Date.parse(s)).toISOString();
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(urn(feed.name))}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${iso(updated)}</updated>`,
    `  <link rel="self" href="${escapeXml(self)}"/>`,
    `  <link rel="alternate" href="${escapeXml(home)}"/>`,
    `  <author><name>${escapeXml(workspace)}</name></author>`,
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(urn(e.id))}</id>`,
      `    <title>${escapeXml(e.title)}</title>`,
      `    <updated>${iso(e.updated)}</updated>`,
      `    <link rel="alternate" href="${escapeXml(e.href)}"/>`,
      `    <summary>${escapeXml(e.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return lines.join('\n') + '\n';
}
