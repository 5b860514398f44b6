/**
 * Catalog tables, one per kind: the columns people sort by and the facets they filter on. Rows are
 * complete in the HTML (readable without JavaScript); a little script sorts and filters them.
 */
import { KIND_INFO, type Kind } from '../ids.ts';
import type { AnyRecord, Workspace } from '../model.ts';
import { formatInstant, statusLabel } from '../format.ts';
import { recordTitle } from './format.ts';
import type { SiteLinks } from './links.ts';
import { worstState, type SlaView } from './sla-view.ts';

export interface Cell {
  text: string;
  /** Sort key: numbers sort numerically, strings by code point (ISO times sort as text). */
  sort: string | number;
  href?: string;
  /** Several linked values in one cell (e.g. services). */
  parts?: Array<{ text: string; href?: string }>;
}

export interface Column {
  key: string;
  label: string;
  /** Filterable columns get a select above the table. */
  facet: boolean;
}

export interface CatalogRow {
  id: string;
  href: string;
  cells: Cell[];
  /** Facet key -> values, for data attributes the filter script reads. */
  facets: Record<string, string[]>;
}

export interface Facet {
  key: string;
  label: string;
  options: Array<{ value: string; count: number }>;
}

export interface Catalog {
  kind: Kind;
  title: string;
  /** How the rows arrive: numbered records newest first, named ones A-Z. */
  order: 'ascending' | 'descending';
  columns: Column[];
  rows: CatalogRow[];
  facets: Facet[];
}

type Getter = (rec: AnyRecord, ctx: Ctx) => Cell | Cell[];
interface ColumnDef {
  key: string;
  label: string;
  facet?: boolean;
  get: Getter;
}
interface Ctx {
  ws: Workspace;
  links: SiteLinks;
  sla: ReadonlyMap<string, SlaView>;
  tz: string;
}

const field = (name: string) => (rec: AnyRecord): Cell => {
  const v = (rec.data as unknown as Record<string, unknown>)[name];
  if (v === undefined || v === null) return { text: '', sort: '' };
  if (typeof v === 'number') return { text: String(v), sort: v };
  if (typeof v === 'boolean') return { text: v ? 'yes' : 'no', sort: v ? 1 : 0 };
  return { text: statusLabel(String(v)), sort: String(v) };
};
const text = (name: string) => (rec: AnyRecord): Cell => {
  const v = (rec.data as unknown as Record<string, unknown>)[name];
  return { text: v === undefined ? '' : String(v), sort: v === undefined ? '' : String(v) };
};
const time = (name: string) => (rec: AnyRecord, ctx: Ctx): Cell => {
  const v = (rec.data as unknown as Record<string, unknown>)[name];
  if (typeof v !== 'string') return { text: '', sort: '' };
  const ms = Date.parse(v);
  return { text: formatInstant(v, ctx.tz), sort: Number.isNaN(ms) ? v : new Date(ms).toISOString() };
};
const ref = (name: string) => (rec: AnyRecord, ctx: Ctx): Cell[] => {
  const v = (rec.data as unknown as Record<string, unknown>)[name];
  const ids = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  return ids.map((id) => ({ text: id, sort: id, href: ctx.links.record(id) }));
};
const slaCell: Getter = (rec, ctx) => {
  const state = worstState(ctx.sla.get(rec.id));
  return { text: state === 'none' ? '' : state, sort: { breached: 0, 'at risk': 1, ok: 2, none: 3 }[state] };
};
const idCell: ColumnDef = { key: 'id', label: 'ID', get: (rec, ctx) => ({ text: rec.id, sort: rec.id, href: ctx.links.record(rec.id) }) };
const titleCell: ColumnDef = { key: 'title', label: 'Title', get: (rec) => ({ text: recordTitle(rec.data), sort: recordTitle(rec.data).toLowerCase() }) };
const nameCell: ColumnDef = { key: 'name', label: 'Name', get: titleCell.get };
const status: ColumnDef = { key: 'status', label: 'Status', facet: true, get: field('status') };

const COLUMNS: Record<Kind, ColumnDef[]> = {
  incident: [idCell, titleCell, status, { key: 'priority', label: 'Priority', facet: true, get: text('priority') }, { key: 'service', label: 'Service', facet: true, get: ref('service') }, { key: 'team', label: 'Team', facet: true, get: ref('team') }, { key: 'reported_at', label: 'Reported', get: time('reported_at') }, { key: 'sla', label: 'SLA', facet: true, get: slaCell }],
  problem: [idCell, titleCell, status, { key: 'known_error', label: 'Known error', facet: true, get: field('known_error') }, { key: 'service', label: 'Services', facet: true, get: ref('services') }, { key: 'team', label: 'Team', facet: true, get: ref('team') }, { key: 'opened_at', label: 'Opened', get: time('opened_at') }],
  change: [idCell, titleCell, { key: 'type', label: 'Type', facet: true, get: field('type') }, { key: 'risk', label: 'Risk', facet: true, get: field('risk') }, status, { key: 'service', label: 'Services', facet: true, get: ref('services') }, { key: 'team', label: 'Team', facet: true, get: ref('team') }, { key: 'planned_start', label: 'Planned start', get: time('planned_start') }],
  request: [idCell, titleCell, { key: 'service', label: 'Service', facet: true, get: ref('service') }, { key: 'offering', label: 'Offering', get: text('offering') }, status, { key: 'priority', label: 'Priority', facet: true, get: text('priority') }, { key: 'requested_at', label: 'Requested', get: time('requested_at') }, { key: 'sla', label: 'SLA', facet: true, get: slaCell }],
  service: [idCell, nameCell, status, { key: 'tier', label: 'Tier', facet: true, get: field('tier') }, { key: 'team', label: 'Owner', facet: true, get: ref('owner') }, { key: 'support_calendar', label: 'Support calendar', get: text('support_calendar') }],
  ci: [idCell, nameCell, { key: 'type', label: 'Type', facet: true, get: field('type') }, { key: 'environment', label: 'Environment', facet: true, get: field('environment') }, status, { key: 'team', label: 'Owner', facet: true, get: ref('owner') }],
  release: [idCell, titleCell, status, { key: 'target_date', label: 'Target date', get: time('target_date') }, { key: 'team', label: 'Team', facet: true, get: ref('team') }],
  kb: [idCell, titleCell, { key: 'category', label: 'Category', facet: true, get: field('category') }, status, { key: 'service', label: 'Services', facet: true, get: ref('services') }, { key: 'team', label: 'Owner', facet: true, get: ref('owner') }, { key: 'published_at', label: 'Published', get: time('published_at') }],
  team: [idCell, nameCell, status, { key: 'roles', label: 'Roles', facet: true, get: (rec) => ((rec.data as { roles?: string[] }).roles ?? []).map((r) => ({ text: r, sort: r })) }, { key: 'members', label: 'Members', get: (rec) => { const n = (rec.data as { members?: unknown[] }).members?.length ?? 0; return { text: String(n), sort: n }; } }],
};

/** The catalog of one kind: numbered records (incidents, changes...) newest first, others by ID. */
export function catalog(ws: Workspace, kind: Kind, links: SiteLinks, sla: ReadonlyMap<string, SlaView> = new Map()): Catalog {
  const ctx: Ctx = { ws, links, sla, tz: ws.settings.time_zone };
  const defs = COLUMNS[kind];
  const order = KIND_INFO[kind].numbered ? 'descending' : 'ascending';
  const records = ws.records.filter((r) => r.kind === kind).sort((a, b) => (order === 'descending' ? compareIds(b.id, a.id) : compareIds(a.id, b.id)));
  const rows: CatalogRow[] = records.map((rec) => {
    const facets: Record<string, string[]> = {};
    const cells = defs.map((def) => {
      const got = def.get(rec, ctx);
      const list = Array.isArray(got) ? got : [got];
      if (def.facet) facets[def.key] = list.map((c) => c.text).filter((t) => t !== '');
      if (!Array.isArray(got)) return got;
      return { text: list.map((c) => c.text).join(', '), sort: list[0]?.sort ?? '', parts: list.map((c) => (c.href ? { text: c.text, href: c.href } : { text: c.text })) };
    });
    return { id: rec.id, href: links.record(rec.id), cells, facets };
  });
  const facets: Facet[] = defs
    .filter((d) => d.facet)
    .map((d) => {
      const counts = new Map<string, number>();
      for (const row of rows) for (const v of row.facets[d.key] ?? []) counts.set(v, (counts.get(v) ?? 0) + 1);
      return { key: d.key, label: d.label, options: [...counts].sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true })).map(([value, count]) => ({ value, count })) };
    })
    .filter((f) => f.options.length > 0);
  return { kind, title: capital(KIND_INFO[kind].plural), order, columns: defs.map((d) => ({ key: d.key, label: d.label, facet: Boolean(d.facet) })), rows, facets };
}

const collator = new Intl.Collator('en', { numeric: true });

/** Numbered IDs in number order (INC-0999 before INC-1000), slugs alphabetically. */
export function compareIds(a: string, b: string): number {
  return collator.compare(a, b);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
