/**
 * The site's queue pages: one per team and one for unassigned work, with the columns `itsm queue`
 * prints. The rows are computed once (src/core/queue.ts, on the build's SLA results) and grouped here.
 */
import { formatSeconds, statusLabel } from '../format.ts';
import type { Workspace } from '../model.ts';
import { isUnassigned, type QueueRow } from '../queue.ts';
import type { SiteLinks } from './links.ts';
import { refOf, refOfId, type RecordRef } from './refs.ts';
import { dueView, type DueView } from './sla-view.ts';

export interface QueueRowView {
  ref: RecordRef;
  priority: string;
  status: string;
  team: RecordRef | null;
  assignee: string;
  age: string;
  ageSeconds: number | null;
  due: DueView | null;
}

export interface QueuePage {
  /** The path segment under queues/: a team's ID, or "unassigned". */
  key: string;
  title: string;
  href: string;
  /** Team queues: the team. */
  team?: RecordRef;
  rows: QueueRowView[];
}

export interface QueuePages {
  /** One per team (retired teams only when work is still assigned to them), in ID order. */
  teams: QueuePage[];
  unassigned: QueuePage;
  /** Every open row, in queue order (the dashboard's source). */
  all: QueueRowView[];
}

export const UNASSIGNED = 'unassigned';

export function queuePages(ws: Pick<Workspace, 'records' | 'byId' | 'settings'>, rows: readonly QueueRow[], now: string, links: SiteLinks): QueuePages {
  const nowMs = Date.parse(now);
  const tz = ws.settings.time_zone;
  const view = (r: QueueRow): QueueRowView => ({
    ref: refOfId(r.id, ws.byId, links),
    priority: r.priority ?? '',
    status: statusLabel(r.status),
    team: r.team ? refOfId(r.team, ws.byId, links) : null,
    assignee: r.assignee ?? '',
    age: r.age_seconds === null ? '' : formatSeconds(r.age_seconds),
    ageSeconds: r.age_seconds,
    due: r.sla ? dueView({ metric: r.sla.metric, paused: r.sla.clock === 'paused', dueAt: r.sla.due_at, atRisk: r.sla.at_risk }, nowMs, tz) : null,
  });
  const views = rows.map((r) => ({ row: r, view: view(r) }));
  const teams = ws.records
    .filter((rec) => rec.kind === 'team')
    .map((team) => ({ team, rows: views.filter((v) => v.row.team === team.id).map((v) => v.view) }))
    .filter(({ team, rows }) => (team.data as { status?: string }).status !== 'retired' || rows.length > 0)
    .sort((a, b) => a.team.id.localeCompare(b.team.id, 'en', { numeric: true }))
    .map(({ team, rows }) => ({ key: team.id, title: `Queue of ${refOf(team, links).title}`, href: links.queue(team.id), team: refOf(team, links), rows }));
  return {
    teams,
    unassigned: { key: UNASSIGNED, title: 'Unassigned work', href: links.queue(UNASSIGNED), rows: views.filter((v) => isUnassigned(v.row)).map((v) => v.view) },
    all: views.map((v) => v.view),
  };
}
