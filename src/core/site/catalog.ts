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

/** Where a page of a paged catalog sits: the open records (index) or page `page` of every record. */
export interface CatalogPager {
  /** 0: the kind's index page (its open records, or page 1 for kinds without open statuses); else the page number. */
  page: number;
  pages: number;
  /** The index page, and each page of every record (hrefs[0] is page 1). */
  indexHref: string;
  hrefs: string[];
  /** How many records the kind has, and how many are open (kinds with open statuses). */
  all: number;
  open: number | null;
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
  /** A kind with more records than one page holds: this page's place (rows and facets are this page's). */
  pager?: CatalogPager;
}

/** The default of itsm.yaml's catalog_page_size. */
export const CATALOG_PAGE_SIZE = 1000;

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
  return wholeCatalog(catalogSource(ws, kind, links, sla, now, registry));
}

/** Every record of the kind on one page, open ones first where the kind has open statuses. */
function wholeCatalog(source: CatalogSource): Catalog {
  const rows = source.records.map(source.row);
  const openSwitch = source.open.size > 0 ? { open: rows.filter((r) => !r.closed).length, all: rows.length } : null;
  return { ...source.head, rows, facets: facetsOf(source.defs, rows), openSwitch };
}

/**
 * A kind's catalog as the site shows it: one page while the kind has at most `pageSize` records;
 * beyond that, an index page (the open records; page 1 for kinds without open statuses) and numbered
 * pages of every record. Rows are made when a page is asked for, so a build holds one page of rows at
 * a time, not 100,000 (facets count the page's own rows).
 */
export interface CatalogSet {
  kind: Kind;
  /** Numbered pages of every record: 0 when the kind fits on its index page. */
  pages: number;
  index(): Catalog;
  /** Page `n` (1-based) of every record. */
  page(n: number): Catalog;
}

export function catalogSet(
  ws: Workspace,
  kind: Kind,
  links: SiteLinks,
  sla: ReadonlyMap<string, SlaView> = new Map(),
  { now, registry = REGISTRY, pageSize = CATALOG_PAGE_SIZE }: { now?: string; registry?: KindRegistry; pageSize?: number } = {},
): CatalogSet {
  const source = catalogSource(ws, kind, links, sla, now, registry);
  const { records, open } = source;
  if (records.length <= pageSize) return { kind, pages: 0, index: () => wholeCatalog(source), page: noPage(kind) };
  const pages = Math.ceil(records.length / pageSize);
  const isOpen = (rec: AnyRecord) => open.has(String((rec.data as { status?: unknown }).status));
  const openCount = open.size > 0 ? records.filter(isOpen).length : null;
  const folder = links.catalog(kind);
  const pager = (page: number): CatalogPager => ({
    page,
    pages,
    indexHref: folder,
    hrefs: Array.from({ length: pages }, (_, i) => (i === 0 ? `${folder}all/` : `${folder}all/${i + 1}/`)),
    all: records.length,
    open: openCount,
  });
  const build = (list: readonly AnyRecord[], page: number): Catalog => {
    const rows = list.map(source.row);
    return { ...source.head, rows, facets: facetsOf(source.defs, rows), openSwitch: null, pager: pager(page) };
  };
  const slice = (n: number) => records.slice((n - 1) * pageSize, n * pageSize);
  return {
    kind,
    pages,
    index: () => build(openCount === null ? slice(1) : records.filter(isOpen), 0),
    page: (n) => {
      if (!Number.isInteger(n) || n < 1 || n > pages) throw new RangeError(`${kind} catalog has pages 1 to ${pages}, not ${n}`);
      return build(slice(n), n);
    },
  };
}

function noPage(kind: Kind): (n: number) => Catalog {
  return (n) => {
    throw new RangeError(`${kind} catalog fits on one page, it has no page ${n}`);
  };
}

/** What every page of a kind's catalog shares: its records in catalog order and how a row is made. */
interface CatalogSource {
  records: AnyRecord[];
  open: ReadonlySet<string>;
  defs: ColumnDef[];
  head: Pick<Catalog, 'kind' | 'title' | 'order' | 'columns'>;
  row: (rec: AnyRecord) => CatalogRow;
}

function catalogSource(
  ws: Workspace,
  kind: Kind,
  links: SiteLinks,
  sla: ReadonlyMap<string, SlaView>,
  now: string | undefined,
  registry: KindRegistry,
): CatalogSource {
  const ctx: Ctx = { ws, links, sla, tz: ws.settings.time_zone, nowMs: now === undefined ? NaN : Date.parse(now), registry };
  const defs = columnsOf(kind, registry);
  const info = registry.get(kind);
  const order: Catalog['order'] = info.numbered ? 'descending' : 'ascending';
  const open = new Set(info.lifecycle.open);
  const records = ws.records.filter((r) => r.kind === kind).sort((a, b) => (order === 'descending' ? compareIds(b.id, a.id) : compareIds(a.id, b.id)));
  const head = { kind, title: capital(info.plural), order, columns: defs.map((d) => ({ key: d.key, label: d.label, facet: Boolean(d.facet) })) };
  const row = (rec: AnyRecord): CatalogRow => {
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
  };
  return { records, open, defs, head, row };
}

/** Each facet column's values among `rows`, with their counts. */
function facetsOf(defs: readonly ColumnDef[], rows: readonly CatalogRow[]): Facet[] {
  return defs
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
}

const collator = new Intl.Collator('en', { numeric: true });

/** Numbered IDs in number order (INC-0999 before INC-1000), slugs alphabetically. */
export function compareIds(a: string, b: string): number {
  return collator.compare(a, b);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
