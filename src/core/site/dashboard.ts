/** The home dashboard: what a service desk lead checks first thing in the morning. */
import { KINDS, type Kind } from '../ids.ts';
import { recordsOf, type Workspace } from '../model.ts';
import { formatInstant } from '../format.ts';
import type { SiteLinks } from './links.ts';
import { refOf, type RecordRef } from './refs.ts';
import type { SlaView } from './sla-view.ts';
import type { QueuePages, QueueRowView } from './queues.ts';
import { isOpen } from '../kinds/index.ts';

/** Changes that may still run: shown on the dashboard and the calendar. */
export const LIVE_CHANGE = new Set(['submitted', 'approved', 'scheduled', 'implementing']);
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
const DAY_MS = 86_400_000;

export interface SlaAlert extends RecordRef {
  clock: string;
  /** e.g. "breached 2026-03-04 11:15 CET" or "82% used". */
  detail: string;
}

export interface Dashboard {
  openIncidents: number;
  openByPriority: Array<{ priority: string; name: string; count: number; href: string }>;
  majorOpen: RecordRef[];
  /** One entry per breached clock still running or paused. */
  slaBreached: SlaAlert[];
  /** One entry per running or paused clock past its warning threshold. */
  slaAtRisk: SlaAlert[];
  /** Changes planned to start in the next 14 days, soonest first. */
  upcomingChanges: Array<RecordRef & { start: string; startDisplay: string; type: string; risk: string }>;
  recentKnownErrors: Array<RecordRef & { opened: string; workaround: string }>;
  recentArticles: Array<RecordRef & { published: string; category: string }>;
  counts: Array<{ kind: Kind; count: number; href: string }>;
  /** Open work of priority P1 or P2, of every kind with a queue, most urgent first. */
  urgent: QueueRowView[];
  /** Running clocks not yet breached, soonest due first. */
  nextBreaches: QueueRowView[];
  /** Work nobody has taken: how much, the most urgent of it, and its queue page. */
  unassigned: { count: number; rows: QueueRowView[]; href: string };
}

export interface DashboardInput {
  ws: Workspace;
  sla: ReadonlyMap<string, SlaView>;
  now: string;
  links: SiteLinks;
  /** How many items the "recent" lists show. */
  recent?: number;
  /** The queue pages' rows (computed once for the site). */
  queues?: QueuePages;
}

export function dashboard({ ws, sla, now, links, recent = 5, queues }: DashboardInput): Dashboard {
  const tz = ws.settings.time_zone;
  const nowMs = Date.parse(now);
  const incidents = recordsOf(ws, 'incident');
  const open = incidents.filter((r) => isOpen('incident', r.data.status));
  const names = ws.policies.priorityMatrix?.names ?? {};
  const openByPriority = PRIORITIES.map((p) => ({
    priority: p,
    name: names[p] ?? p,
    count: open.filter((r) => r.data.priority === p).length,
    href: links.catalog('incident') + `?status=open&priority=${p}`,
  }));

  // Actionable SLA alerts, one per clock still running or paused: the figures `itsm sla` sums up
  // as open_breaches and at_risk.
  const slaBreached: SlaAlert[] = [];
  const slaAtRisk: SlaAlert[] = [];
  for (const view of [...sla.values()].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))) {
    const rec = ws.byId.get(view.id);
    if (!rec) continue;
    for (const c of view.clocks) {
      if (c.live && c.state === 'breached')
        slaBreached.push({
          ...refOf(rec, links),
          clock: c.clock,
          detail: `${c.clock} target missed${c.breachAt ? ` at ${formatInstant(c.breachAt, tz)}` : ''}`,
        });
      else if (c.atRisk) slaAtRisk.push({ ...refOf(rec, links), clock: c.clock, detail: `${c.clock}: ${Math.floor(c.percent ?? 0)}% of target used` });
    }
  }

  const horizon = nowMs + 14 * DAY_MS;
  const upcomingChanges = recordsOf(ws, 'change')
    .filter((c) => LIVE_CHANGE.has(c.data.status))
    .filter((c) => {
      const start = Date.parse(c.data.planned_start);
      return start >= nowMs && start < horizon;
    })
    .sort((a, b) => Date.parse(a.data.planned_start) - Date.parse(b.data.planned_start) || a.id.localeCompare(b.id))
    .map((c) => ({
      ...refOf(c, links),
      start: c.data.planned_start,
      startDisplay: formatInstant(c.data.planned_start, tz),
      type: c.data.type,
      risk: c.data.risk,
    }));

  const recentKnownErrors = recordsOf(ws, 'problem')
    .filter((p) => isKnownError(p.data))
    .sort((a, b) => Date.parse(b.data.opened_at) - Date.parse(a.data.opened_at) || a.id.localeCompare(b.id))
    .slice(0, recent)
    .map((p) => ({ ...refOf(p, links), opened: formatInstant(p.data.opened_at, tz), workaround: shorten(p.data.workaround ?? '', 160) }));

  const recentArticles = recordsOf(ws, 'kb')
    .filter((k) => k.data.status === 'published')
    .sort((a, b) => instant(b.data.published_at) - instant(a.data.published_at) || a.id.localeCompare(b.id))
    .slice(0, recent)
    .map((k) => ({ ...refOf(k, links), published: k.data.published_at ?? '', category: k.data.category }));

  const counts = KINDS.map((kind) => ({ kind, count: ws.records.filter((r) => r.kind === kind).length, href: links.catalog(kind) }));

  return {
    openIncidents: open.length,
    openByPriority,
    majorOpen: open.filter((r) => r.data.major).map((r) => refOf(r, links)),
    slaBreached,
    slaAtRisk,
    upcomingChanges,
    recentKnownErrors,
    recentArticles,
    counts,
    urgent: (queues?.all ?? []).filter((r) => r.priority === 'P1' || r.priority === 'P2'),
    nextBreaches: (queues?.all ?? []).filter((r) => r.due && !r.due.paused && !r.due.overdue).slice(0, recent),
    unassigned: { count: queues?.unassigned.rows.length ?? 0, rows: queues?.unassigned.rows.slice(0, recent) ?? [], href: links.queue('unassigned') },
  };
}

/** A problem is in the known-error database once root cause and workaround are documented. */
export function isKnownError(p: { known_error?: boolean; status: string }): boolean {
  return p.known_error === true || p.status === 'known_error';
}

function instant(iso: string | undefined): number {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** A long text cut at a word boundary with an ellipsis (the record page has the whole of it). */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,.;:]+$/, '') + '…';
}
