/**
 * Catalog tables, one per kind: the columns people sort by and the facets they filter on. Rows are
 * complete in the HTML (readable without JavaScript); a little script sorts and filters them.
 */
import type { Kind } from '../ids.ts';
import type { ColumnSpec } from '../kinds/definition.ts';
import { displayName, REGISTRY } from '../kinds/index.ts';
import type { KindRegistry } from '../kinds/registry.ts';
import type { AnyRecord, Workspace } from '../model.ts';
import { formatInstant, statusLabel } from '../format.ts';
import type { SiteLinks } from './links.ts';
import { nextDue, worstState, type DueView, type SlaView } from './sla-view.ts';

export interface Cell {
  text: string;
  /** Sort key: numbers sort numerically, strings by code point (ISO times sort as text). */
  sort: string | number;
  href?: string;
  /** Several linked values in one cell (e.g. services). */
  parts?: Array<{ text: string; href?: string }>;
  /** SLA cells of records with a live clock: its due time and the time left. */
  due?: DueView;
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
  /** Not in an open status of a kind that has some: hidden until "all" is chosen. */
  closed?: true;
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
  /** Kinds with open statuses list the open records first, with a switch to all: the counts of both. */
  openSwitch: { open: number; all: number } | null;
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
  /** The build instant, epoch ms (SLA cells count time left from it). */
  nowMs: number;
  registry: KindRegistry;
}

const valueOf = (rec: AnyRecord, name: string): unknown => (rec.data as unknown as Record<string, unknown>)[name];
const label =
  (name: string) =>
  (rec: AnyRecord): Cell => {
    const v = valueOf(rec, name);
    if (v === undefined || v === null) return { text: '', sort: '' };
    if (typeof v === 'number') return { text: String(v), sort: v };
    if (typeof v === 'boolean') return { text: v ? 'yes' : 'no', sort: v ? 1 : 0 };
    return { text: statusLabel(String(v)), sort: String(v) };
  };
const text =
  (name: string) =>
  (rec: AnyRecord): Cell => {
    const v = valueOf(rec, name);
    return { text: v === undefined ? '' : String(v), sort: v === undefined ? '' : String(v) };
  };
const time =
  (name: string) =>
  (rec: AnyRecord, ctx: Ctx): Cell => {
    const v = valueOf(rec, name);
    if (typeof v !== 'string') return { text: '', sort: '' };
    const ms = Date.parse(v);
    return { text: formatInstant(v, ctx.tz), sort: Number.isNaN(ms) ? v : new Date(ms).toISOString() };
  };
const ref =
  (name: string) =>
  (rec: AnyRecord, ctx: Ctx): Cell[] => {
    const v = valueOf(rec, name);
    const ids = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    return ids.map((id) => ({ text: id, sort: id, href: ctx.links.record(id) }));
  };
const list =
  (name: string) =>
  (rec: AnyRecord): Cell[] => {
    const v = valueOf(rec, name);
    return (Array.isArray(v) ? v : []).map((x) => ({ text: String(x), sort: String(x) }));
  };
const count =
  (name: string) =>
  (rec: AnyRecord): Cell => {
    const v = valueOf(rec, name);
    const n = Array.isArray(v) ? v.length : 0;
    return { text: String(n), sort: n };
  };
const slaCell: Getter = (rec, ctx) => {
  const view = ctx.sla.get(rec.id);
  const state = worstState(view);
  const due = Number.isNaN(ctx.nowMs) ? null : nextDue(view, ctx.nowMs, ctx.tz);
  return { text: state === 'none' ? '' : state, sort: { breached: 0, 'at risk': 1, ok: 2, none: 3 }[state], ...(due ? { due } : {}) };
};
const nameCell: Getter = (rec, ctx) => {
  const name = displayName(rec, ctx.registry);
  return { text: name, sort: name.toLowerCase() };
};
const idCell: ColumnDef = { key: 'id', label: 'ID', get: (rec, ctx) => ({ text: rec.id, sort: rec.id, href: ctx.links.record(rec.id) }) };

/** How a column the kind's definition declares reads its cells. */
function getter(spec: ColumnSpec): Getter {
  const v = spec.value;
  switch (v.from) {
    case 'name':
      return nameCell;
    case 'label':
      return label(v.field);
    case 'text':
      return text(v.field);
    case 'time':
      return time(v.field);
    case 'ref':
      return ref(v.field);
    case 'list':
      return list(v.field);
    case 'count':
      return count(v.field);
    case 'sla':
      return slaCell;
  }
}

/** The ID column, then the columns the kind's definition declares. */
function columnsOf(kind: string, registry: KindRegistry): ColumnDef[] {
  return [
    idCell,
    ...registry.get(kind).columns.map((spec) => ({ key: spec.key, label: spec.label, ...(spec.facet ? { facet: true } : {}), get: getter(spec) })),
  ];
}

/**
 * The catalog of one kind: numbered records (incidents, changes...) newest first, others by ID.
 * `now` (the build instant) gives SLA cells their due time and time left.
 */
export function catalog(
  ws: Workspace,
  kind: Kind,
  links: SiteLinks,
  sla: ReadonlyMap<string, SlaView> = new Map(),
  { now, registry = REGISTRY }: { now?: string; registry?: KindRegistry } = {},
): Catalog {
  const ctx: Ctx = { ws, links, sla, tz: ws.settings.time_zone, nowMs: now === undefined ? NaN : Date.parse(now), registry };
  const defs = columnsOf(kind, registry);
  const info = registry.get(kind);
  const order = info.numbered ? 'descending' : 'ascending';
  const open = new Set(info.lifecycle.open);
  const records = ws.records.filter((r) => r.kind === kind).sort((a, b) => (order === 'descending' ? compareIds(b.id, a.id) : compareIds(a.id, b.id)));
  const rows: CatalogRow[] = records.map((rec) => {
    const facets: Record<string, string[]> = {};
    const cells = defs.map((def) => {
      const got = def.get(rec, ctx);
      const list = Array.isArray(got) ? got : [got];
      if (def.facet) facets[def.key] = list.map((c) => c.text).filter((t) => t !== '');
      if (!Array.isArray(got)) return got;
      return {
        text: list.map((c) => c.text).join(', '),
        sort: list[0]?.sort ?? '',
        parts: list.map((c) => (c.href ? { text: c.text, href: c.href } : { text: c.text })),
      };
    });
    const closed = open.size > 0 && !open.has(String((rec.data as { status?: unknown }).status));
    return { id: rec.id, href: links.record(rec.id), cells, facets, ...(closed ? { closed: true as const } : {}) };
  });
  const facets: Facet[] = defs
    .filter((d) => d.facet)
    .map((d) => {
      const counts = new Map<string, number>();
      for (const row of rows) for (const v of row.facets[d.key] ?? []) counts.set(v, (counts.get(v) ?? 0) + 1);
      return {
        key: d.key,
        label: d.label,
        options: [...counts].sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true })).map(([value, count]) => ({ value, count })),
      };
    })
    .filter((f) => f.options.length > 0);
  const openSwitch = open.size > 0 ? { open: rows.filter((r) => !r.closed).length, all: rows.length } : null;
  return {
    kind,
    title: capital(info.plural),
    order,
    columns: defs.map((d) => ({ key: d.key, label: d.label, facet: Boolean(d.facet) })),
    rows,
    facets,
    openSwitch,
  };
}

const collator = new Intl.Collator('en', { numeric: true });

/** Numbered IDs in number order (INC-0999 before INC-1000), slugs alphabetically. */
export function compareIds(a: string, b: string): number {
  return collator.compare(a, b);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
