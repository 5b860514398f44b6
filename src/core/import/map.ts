/**
 * The shape of a vendor column map and the one function that applies it to a row. A map names
 * every column it knows: the ones it imports (with a setter), the documented ones it leaves out,
 * and the columns an export must have. Pure: lookups of existing teams, CIs and services come in.
 */
import type { Kind } from '../ids.ts';
import type { PriorityMatrix } from '../model.ts';
import { normalizeHeader } from './convert.ts';

export interface Lookups {
  /** Lowercased name or ID -> record ID, per kind. */
  team: ReadonlyMap<string, string>;
  ci: ReadonlyMap<string, string>;
  service: ReadonlyMap<string, string>;
  /** Lowercased offering name or id -> "SVC-id/offering-id". */
  offering: ReadonlyMap<string, string>;
  /** Lowercased login (any of a person's), name or email -> the person's handle (team files). */
  person?: ReadonlyMap<string, string>;
}

/** The lookups of records by name or ID (not of people). */
export type RecordLookup = Exclude<keyof Lookups, 'person'>;

export interface MapContext {
  timeZone: string;
  lookups: Lookups;
  matrix?: PriorityMatrix;
  /** Values for fields a row leaves empty (from --default field=value). */
  defaults: Readonly<Record<string, string>>;
}

/** One row being turned into a record. */
export interface Draft {
  kind: Kind;
  data: Record<string, unknown>;
  body: string;
  /** The vendor's ID of the row (INC0010001, ITSM-42, a sys_id). */
  sourceId: string;
  /** Values no mapping knew: column -> value, for the report. */
  unmapped: Array<{ column: string; value: string }>;
  /** Things filled in or changed that the report should count, e.g. "acknowledged_at set to opened_at". */
  notes: string[];
  /** Why the row cannot become a record, when it cannot. */
  skip?: string;
  /** The row is for another map of the same export (a Jira service request, for the incident map). */
  notMine?: string;
}

export type Setter = (value: string, d: Draft, ctx: MapContext, column: string) => void;

export interface TableMap {
  vendor: 'servicenow' | 'jira';
  /** The vendor's name of the table, e.g. incident, change_request. */
  table: string;
  kind: Kind;
  /** The column holding the vendor's ID (normalized). */
  idColumn: string;
  /** Columns an export of this table must have (normalized). */
  required: readonly string[];
  /** Imported columns (normalized names, several spellings allowed). */
  columns: Readonly<Record<string, Setter>>;
  /** Documented columns that are deliberately not imported. */
  ignored: readonly string[];
  /** Custom columns the vendor lets customers add (reported as unmapped, never an error). */
  custom: RegExp;
  /** Fills derived and required fields once every column is read; may set `skip`. */
  finish(d: Draft, ctx: MapContext): void;
}

/** How the columns of an export's header line up with a map. */
export interface HeaderPlan {
  /** For each position: the normalized column, or undefined when it is not imported. */
  use: Array<string | undefined>;
  /** Headers as written that the map does not know at all (neither imported, ignored nor custom). */
  unknown: string[];
  /** Known columns the map leaves out, and custom columns, as written. */
  notImported: string[];
  missing: string[];
}

export function planHeader(map: TableMap, header: readonly string[]): HeaderPlan {
  const plan: HeaderPlan = { use: [], unknown: [], notImported: [], missing: [] };
  const ignored = new Set(map.ignored);
  const seen = new Set<string>();
  for (const raw of header) {
    const col = normalizeHeader(raw);
    seen.add(col);
    if (map.columns[col]) plan.use.push(col);
    else {
      plan.use.push(undefined);
      if (ignored.has(col) || map.custom.test(col)) {
        if (!plan.notImported.includes(raw)) plan.notImported.push(raw);
      } else if (!plan.unknown.includes(raw)) plan.unknown.push(raw);
    }
  }
  plan.missing = map.required.filter((c) => !seen.has(c));
  return plan;
}

/** Applies a map to one row of cells (positions as in the header). */
export function mapRow(map: TableMap, plan: HeaderPlan, cells: readonly string[], ctx: MapContext): Draft {
  const d: Draft = { kind: map.kind, data: {}, body: '', sourceId: '', unmapped: [], notes: [] };
  const idAt = plan.use.indexOf(map.idColumn);
  d.sourceId = (idAt >= 0 ? cells[idAt] : '')?.trim() ?? '';
  plan.use.forEach((col, i) => {
    const value = cells[i] ?? '';
    if (col && value.trim() !== '') map.columns[col]!(value, d, ctx, col);
  });
  if (d.notMine) return d;
  if (!d.sourceId && !d.skip) d.skip = `no ${map.idColumn} (the row has no ${map.vendor} ID)`;
  if (!d.skip) map.finish(d, ctx);
  return d;
}

// Setters shared by the maps.

export const text =
  (field: string): Setter =>
  (v, d) => {
    d.data[field] = v.trim();
  };

export const body: Setter = (v, d) => {
  d.body = v.replace(/\r\n/g, '\n').trim() + '\n';
};

/** A reference by name or ID to an existing record; an unknown value is reported and left out. */
export const ref =
  (field: string, kind: RecordLookup, many = false): Setter =>
  (v, d, ctx, column) => {
    const names = many
      ? v
          .split(/[,;\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [v.trim()];
    const ids: string[] = [];
    for (const name of names) {
      const id = ctx.lookups[kind].get(name.toLowerCase());
      if (id) ids.push(id);
      else d.unmapped.push({ column, value: name });
    }
    if (!ids.length) return;
    d.data[field] = many ? [...new Set([...((d.data[field] as string[] | undefined) ?? []), ...ids])] : ids[0];
  };

/** A person (assignee...) by login, name or email; one the team files do not know is reported and left out. */
export const person =
  (field: string): Setter =>
  (v, d, ctx, column) => {
    const handle = ctx.lookups.person?.get(v.trim().toLowerCase());
    if (handle) d.data[field] = handle;
    else d.unmapped.push({ column, value: v.trim() });
  };

/**
 * A contact (caller, requester): the person when the team files know them, else an external
 * contact named as the export names them (an email address goes in `email` too). `fallback`: only
 * when no other column set it (opened_by stands in for a missing caller_id).
 */
export const contact =
  (field: string, fallback = false): Setter =>
  (v, d, ctx) => {
    if (fallback && d.data[field] !== undefined) return;
    const name = v.trim();
    const handle = ctx.lookups.person?.get(name.toLowerCase());
    if (handle) d.data[field] = handle;
    else {
      d.data[field] = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(name) ? { name, email: name } : { name };
      d.notes.push(`${field} not in the team files: kept as an external contact`);
    }
  };

/** A value read through a table of choices; an unknown one is reported. */
export const choice =
  (field: string, read: (v: string) => unknown): Setter =>
  (v, d, _ctx, column) => {
    const out = read(v);
    if (out === undefined) d.unmapped.push({ column, value: v.trim() });
    else d.data[field] = out;
  };

/** Keeps the vendor's own words next to the mapped value, for messages (`priority_text`). */
export const withText =
  (setter: Setter, field: string): Setter =>
  (v, d, ctx, column) => {
    setter(v, d, ctx, column);
    d.data[`${field}_text`] = v.trim();
  };

/** Applies --default values to fields the row left empty, then checks the required ones. */
export function applyDefaults(d: Draft, ctx: MapContext, fields: readonly string[]): void {
  for (const f of fields) {
    if (d.data[f] === undefined && ctx.defaults[f] !== undefined) d.data[f] = ctx.defaults[f];
  }
}

export function requireFields(d: Draft, fields: readonly string[], hint: string): void {
  const missing = fields.filter((f) => d.data[f] === undefined || d.data[f] === '');
  if (missing.length && !d.skip) d.skip = `no ${missing.join(', ')}${hint ? ` (${hint})` : ''}`;
}
