/** The known-error database and the knowledge base by category. */
import { recordsOf, type Workspace } from '../model.ts';
import { isKnownError } from './dashboard.ts';
import { formatInstant, statusLabel } from '../format.ts';
import type { SiteLinks } from './links.ts';
import { refOf, refOfId, type RecordRef } from './refs.ts';
import { isDone } from '../kinds/index.ts';

export interface KnownError extends RecordRef {
  rootCause: string;
  workaround: string;
  services: RecordRef[];
  cis: RecordRef[];
  incidents: number;
  fix: RecordRef | null;
  articles: RecordRef[];
  opened: string;
  statusText: string;
}

/** Problems whose root cause and workaround are known, open ones first, newest first. */
export function knownErrors(ws: Workspace, links: SiteLinks): KnownError[] {
  const tz = ws.settings.time_zone;
  const articles = recordsOf(ws, 'kb');
  // Incidents name their problem and problems list incidents: count both sides once.
  const incidentsOf = new Map<string, Set<string>>();
  for (const inc of recordsOf(ws, 'incident'))
    if (inc.data.problem) (incidentsOf.get(inc.data.problem) ?? incidentsOf.set(inc.data.problem, new Set()).get(inc.data.problem)!).add(inc.id);
  return recordsOf(ws, 'problem')
    .filter((p) => isKnownError(p.data))
    .sort(
      (a, b) =>
        Number(isDone('problem', a.data.status)) - Number(isDone('problem', b.data.status)) ||
        Date.parse(b.data.opened_at) - Date.parse(a.data.opened_at) ||
        a.id.localeCompare(b.id),
    )
    .map((p) => {
      const linked = new Set([...(p.data.incidents ?? []), ...(incidentsOf.get(p.id) ?? [])]);
      return {
        ...refOf(p, links),
        rootCause: p.data.root_cause ?? '',
        workaround: p.data.workaround ?? '',
        services: (p.data.services ?? []).map((id) => refOfId(id, ws.byId, links)),
        cis: (p.data.cis ?? []).map((id) => refOfId(id, ws.byId, links)),
        incidents: linked.size,
        fix: p.data.fix_change ? refOfId(p.data.fix_change, ws.byId, links) : null,
        articles: articles.filter((k) => k.data.problem === p.id).map((k) => refOf(k, links)),
        opened: formatInstant(p.data.opened_at, tz),
        statusText: statusLabel(p.data.status),
      };
    });
}

export const KB_CATEGORIES = ['how-to', 'troubleshooting', 'known-error', 'reference', 'policy'] as const;

export interface KbCategory {
  category: string;
  label: string;
  articles: Array<RecordRef & { services: string[]; published: string; reviewBy: string; overdue: boolean }>;
}

/** Published and draft articles grouped by category (retired ones left out), titles A-Z. */
export function knowledgeBase(ws: Workspace, links: SiteLinks, now: string): KbCategory[] {
  const nowMs = Date.parse(now);
  const labels: Record<string, string> = {
    'how-to': 'How-to guides',
    troubleshooting: 'Troubleshooting',
    'known-error': 'Known errors',
    reference: 'Reference',
    policy: 'Policies',
  };
  const kb = recordsOf(ws, 'kb').filter((k) => k.data.status !== 'retired');
  return KB_CATEGORIES.map((category) => ({
    category,
    label: labels[category] ?? category,
    articles: kb
      .filter((k) => k.data.category === category)
      .sort((a, b) => a.data.title.localeCompare(b.data.title) || a.id.localeCompare(b.id))
      .map((k) => ({
        ...refOf(k, links),
        services: k.data.services ?? [],
        published: k.data.published_at ?? '',
        reviewBy: k.data.review_by ?? '',
        overdue: Boolean(k.data.review_by) && Date.parse(k.data.review_by!) < nowMs,
      })),
  })).filter((c) => c.articles.length > 0);
}
