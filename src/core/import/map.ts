/**
 * The shape of a vendor column map and the one function that applies it to a row. A map names
 * every column it knows: the ones it imports (with a setter), the documented ones it leaves out,
 * and the columns an export must have. Pure: lookups of existing teams, CIs and services come in.
 */
import type { Kind } from '../ids.ts';
import { lifecycle } from '../kinds/index.ts';
import type { PriorityMatrix } from '../model.ts';
import { isNullCell, keptValue, normalizeHeader, timeInFormat, vendorTime, type DateFormat } from './convert.ts';
import type { ChangeRow } from './changelog.ts';
import type { DistinctValues, ImportMapping, Section } from './mapping-file.ts';

export interface Lookups {
  /** Lowercased name or ID -> record ID, per kind. */
  team: ReadonlyMap<string, string>;
  ci: ReadonlyMap<string, string>;
  service: ReadonlyMap<string, string>;
  /** Lowercased offering name or id -> "SVC-id/offering-id". */
  offering: ReadonlyMap<string, string>;
  /** Lowercased login (any of a person's), name or email -> the person's handle (team files). */
  person: ReadonlyMap<string, string>;
  /** Team ID -> the handles of its members. */
  members: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface MapContext {
  timeZone: string;
  lookups: Lookups;
  matrix?: PriorityMatrix;
  /** Values for fields a row leaves empty (from --default field=value). */
  defaults: Readonly<Record<string, string>>;
  /** The mapping file (--map); empty when none was given. */
  mapping: ImportMapping;
  /** The layout of numeric dates (--date-format, or detected from the export). */
  dateFormat?: DateFormat;
  /** When set (--suggest-map), the distinct values of each mapping section are counted here. */
  found?: DistinctValues;
  /** A changelog export (Jira): the changes of each ticket, by the vendor's ID. */
  history?: ReadonlyMap<string, readonly ChangeRow[]>;
}

/** Counts a value of a mapping section, when the import is collecting them (--suggest-map). */
export function seen(ctx: MapContext, section: Section, value: string): void {
  const m = ctx.found?.[section];
  if (m) m.set(value, (m.get(value) ?? 0) + 1);
}

/** One row being turned into a record (or, for an event log, one update of a ticket). */
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
  /** Values the model has no field for, kept as the export gave them (the `imported` block). */
  kept: Record<string, string | number | boolean>;
  /** An update in an event log: when it was made (ISO), by whom (a handle, or the vendor's name), its sequence. */
  event: { at?: string; by?: string; byName?: string; seq?: number };
  /** The vendor's text of fields the timeline follows (team, assignee), mapped or not. */
  raw: Record<string, string>;
  /** Comments with their time and author (Jira's Comment columns), for the timeline. */
  comments: Array<{ at: string; by?: string; text: string }>;
}

export type Setter = ((value: string, d: Draft, ctx: MapContext, column: string) => void) & {
  /** Where the column goes, for the report: a field, `body`, `timeline`... */
  target?: string;
  /** The column holds times (read with the export's date layout). */
  time?: boolean;
};

export interface TableMap {
  vendor: 'servicenow' | 'jira';
  /** The vendor's name of the table, e.g. incident, change_request. */
  table: string;
  kind: Kind;
  /** The column holding the vendor's ID (normalized). */
  idColumn: string;
  /** Columns an export of this table must have (normalized); a list is "one of these". */
  required: ReadonlyArray<string | readonly string[]>;
  /** Imported columns (normalized names, several spellings allowed). */
  columns: Readonly<Record<string, Setter>>;
  /** Display labels that differ from the dictionary name (normalized): `opened` -> `opened_at`. */
  labels?: Readonly<Record<string, string>>;
  /**
   * Columns kept as they are in the record's `imported` block, named because the form has them
   * (every importable kind's schema has the block; a column the map does not know goes there too).
   */
  kept: readonly string[];
  /** Documented columns that are deliberately not imported. */
  ignored: readonly string[];
  /** Custom columns the vendor lets customers add: kept, even where a documented column of that name is ignored. */
  custom: RegExp;
  /** Fills derived and required fields once every column is read; may set `skip`. */
  finish(d: Draft, ctx: MapContext): void;
}

/** How the columns of an export's header line up with a map. */
export interface HeaderPlan {
  /** For each position: the normalized column, or undefined when it is not imported. */
  use: Array<string | undefined>;
  /** For each position: the key it is kept under in the `imported` block, if it is. */
  keep: Array<string | undefined>;
  /** Every column as written and where it goes. */
  where: Array<{ column: string; to: string }>;
  missing: string[];
}

export function planHeader(map: TableMap, header: readonly string[]): HeaderPlan {
  const plan: HeaderPlan = { use: [], keep: [], where: [], missing: [] };
  const ignored = new Set(map.ignored);
  const kept = new Set(map.kept);
  const seen = new Set<string>();
  for (const raw of header) {
    const name = normalizeHeader(raw);
    const col = map.columns[name] || kept.has(name) ? name : (map.labels?.[name] ?? name);
    const first = !seen.has(col);
    seen.add(col);
    // A column the map does not know is kept in the `imported` block rather than refusing the file:
    // real instances add columns of their own, and nothing is dropped unseen.
    const keep = col !== '' && !map.columns[col] && (kept.has(col) || map.custom.test(col) || !ignored.has(col));
    plan.use.push(map.columns[col] ? col : undefined);
    plan.keep.push(!map.columns[col] && keep ? col : undefined);
    let to: string;
    if (map.columns[col]) to = col === map.idColumn ? 'source.id' : (map.columns[col].target ?? col);
    else if (keep) to = `imported.${col}`;
    else to = 'dropped';
    if (first) plan.where.push({ column: raw, to });
  }
  plan.missing = map.required
    .filter((c) => (typeof c === 'string' ? !seen.has(c) : !c.some((x) => seen.has(x))))
    .map((c) => (typeof c === 'string' ? c : c.join(' or ')));
  return plan;
}

export function newDraft(kind: Kind): Draft {
  return { kind, data: {}, body: '', sourceId: '', unmapped: [], notes: [], kept: {}, event: {}, raw: {}, comments: [] };
}

/**
 * Applies a map's setters to one row of cells (positions as in the header): the state of the
 * ticket the row shows. `?` and empty cells are null. `finish` runs later, once per ticket.
 */
export function readRow(map: TableMap, plan: HeaderPlan, cells: readonly string[], ctx: MapContext): Draft {
  const d = newDraft(map.kind);
  const idAt = plan.use.indexOf(map.idColumn);
  d.sourceId = (idAt >= 0 ? cells[idAt] : '')?.trim() ?? '';
  for (let i = 0; i < plan.use.length; i++) {
    const value = cells[i] ?? '';
    if (isNullCell(value)) continue;
    const col = plan.use[i];
    if (col) map.columns[col]!(value, d, ctx, col);
    else {
      const key = plan.keep[i];
      if (!key) continue;
      const v = keptValue(value);
      // A repeated column (Jira's Watchers) keeps every value.
      d.kept[key] = d.kept[key] === undefined ? v : `${String(d.kept[key])}, ${String(v)}`;
    }
  }
  if (!d.sourceId && !d.skip && !d.notMine) d.skip = `no ${map.idColumn} (the row has no ${map.vendor} ID)`;
  return d;
}

/** Applies a map to one row of cells and finishes it: a list export's row is a whole record. */
export function mapRow(map: TableMap, plan: HeaderPlan, cells: readonly string[], ctx: MapContext): Draft {
  const d = readRow(map, plan, cells, ctx);
  if (!d.notMine && !d.skip) map.finish(d, ctx);
  return d;
}

// Setters shared by the maps.

/** Names where a setter puts its column, for the report. */
export function to(target: string, setter: (value: string, d: Draft, ctx: MapContext, column: string) => void, time = false): Setter {
  return Object.assign(setter, { target, time });
}

export const text = (field: string): Setter =>
  to(field, (v, d) => {
    d.data[field] = v.trim();
  });

export const body: Setter = to('body', (v, d) => {
  d.body = v.replace(/\r\n/g, '\n').trim() + '\n';
});

/** A vendor's local time: with the export's date layout when there is one, else the forms vendorTime knows. */
export function readTime(v: string, ctx: MapContext): string | undefined {
  return (ctx.dateFormat && timeInFormat(v, ctx.dateFormat, ctx.timeZone)) ?? vendorTime(v, ctx.timeZone);
}

/**
 * readTime that remembers its last answer: one per column, whose rows of a ticket repeat the same
 * time one after another (opened_at). A map of every time cost more than it saved (150,000 rows).
 */
export function timeReader(): (v: string, ctx: MapContext) => string | undefined {
  let last: { text: string; ctx: MapContext; time: string | undefined } | undefined;
  return (v, ctx) => {
    if (last && last.text === v && last.ctx === ctx) return last.time;
    last = { text: v, ctx, time: readTime(v, ctx) };
    return last.time;
  };
}

export const time = (field: string): Setter => {
  const read = timeReader();
  return to(
    field,
    (v, d, ctx, column) => {
      const t = read(v, ctx);
      if (t) d.data[field] = t;
      else d.unmapped.push({ column, value: v.trim() });
    },
    true,
  );
};

const SECTION_OF = { team: 'groups', ci: 'cis', service: 'services' } as const;

/**
 * A reference by name or ID to an existing record: through the mapping file's section first, then
 * by the record's name or ID; an unknown value is reported and left out.
 */
export const ref = (field: string, kind: 'team' | 'ci' | 'service', many = false): Setter =>
  to(field, (v, d, ctx, column) => {
    const names = many
      ? v
          .split(/[,;\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [v.trim()];
    const section = SECTION_OF[kind];
    const ids: string[] = [];
    for (const name of names) {
      seen(ctx, section, name);
      const key = name.toLowerCase();
      const mapped = ctx.mapping[section].get(key);
      const id = mapped === undefined ? ctx.lookups[kind].get(key) : (mapped ?? undefined);
      if (id) ids.push(id);
      else d.unmapped.push({ column, value: name });
    }
    if (!many) d.raw[field] = names[0] ?? '';
    if (!ids.length) return;
    d.data[field] = many ? [...new Set([...((d.data[field] as string[] | undefined) ?? []), ...ids])] : ids[0];
  });

/** A user of the old tool as a person here: through the mapping file's users, else by name or login in the team files. */
export function personOf(name: string, ctx: MapContext): string | undefined {
  const key = name.trim().toLowerCase();
  const mapped = ctx.mapping.users.get(key);
  return mapped === undefined ? ctx.lookups.person.get(key) : (mapped ?? undefined);
}

/** A person field (assignee): a handle, or left out and reported when the user maps to nobody. */
export const person = (field: string): Setter =>
  to(field, (v, d, ctx, column) => {
    seen(ctx, 'users', v.trim());
    d.raw[field] = v.trim();
    const handle = personOf(v, ctx);
    if (handle) d.data[field] = handle;
    else d.unmapped.push({ column, value: v.trim() });
  });

/**
 * A contact (caller, requester): a person's handle, or else an external contact named as the
 * export names them (an email address goes in `email` too), reported. `fallback`: only when no
 * other column set it (opened_by stands in for a missing caller_id).
 */
export const contact = (field: string, fallback = false): Setter =>
  to(field, (v, d, ctx, column) => {
    if (fallback && d.data[field] !== undefined) return;
    const name = v.trim();
    seen(ctx, 'users', name);
    const handle = personOf(name, ctx);
    if (handle) d.data[field] = handle;
    else {
      d.data[field] = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(name) ? { name, email: name } : { name };
      d.unmapped.push({ column, value: `${name} (kept as a name)` });
    }
  });

/** A user kept under a column of the `imported` block, as a handle when one maps, else as written. */
export const keptUser = (key: string): Setter =>
  to(`imported.${key}`, (v, d, ctx) => {
    seen(ctx, 'users', v.trim());
    d.kept[key] = personOf(v, ctx) ?? v.trim();
  });

/** A category (or close code) slug: through the mapping file, else the vendor's words as a slug. */
export const category = (field: string, section: 'categories' | 'close_codes' = 'categories'): Setter =>
  to(field, (v, d, ctx) => {
    seen(ctx, section, v.trim());
    const mapped = ctx.mapping[section].get(v.trim().toLowerCase());
    const slug = mapped === undefined ? slugOf(v) : mapped;
    if (slug) d.data[field] = slug;
    d.raw[field] = v.trim();
  });

/** A location, renamed through the mapping file, kept in the `imported` block. */
export const location: Setter = to('imported.location', (v, d, ctx) => {
  seen(ctx, 'locations', v.trim());
  const mapped = ctx.mapping.locations.get(v.trim().toLowerCase());
  d.kept.location = mapped ?? v.trim();
});

/** A state through the mapping file, then the map's table, then the defaults every tool shares. */
export const status = (field: string, read: (v: string) => string | undefined): Setter =>
  to(field, (v, d, ctx, column) => {
    seen(ctx, 'states', v.trim());
    // A Jira map serves incidents and requests: a state mapped to a status the kind lacks is read as if unmapped.
    const given = ctx.mapping.states.get(v.trim().toLowerCase());
    const mapped = given && !lifecycle(d.kind).statuses.includes(given) ? undefined : given;
    const out = mapped === undefined ? (read(v) ?? defaultStatus(v, d.kind)) : (mapped ?? undefined);
    if (out === undefined) d.unmapped.push({ column, value: v.trim() });
    else d.data[field] = out;
  });

/** States beyond the out-of-box ones: awaiting, pending, waiting for someone -> on hold. */
export function defaultStatus(v: string, kind: Kind): string | undefined {
  const w = v.toLowerCase();
  if (/\b(awaiting|waiting|pending|on hold|suspended)\b/.test(w)) return 'on_hold';
  if (kind === 'incident' && /\b(reopened|re-opened|active|assigned|work in progress)\b/.test(w)) return 'in_progress';
  return undefined;
}

function slugOf(v: string): string {
  return v
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A value read through a table of choices; an unknown one is reported. */
export const choice = (field: string, read: (v: string) => unknown): Setter =>
  to(field, (v, d, _ctx, column) => {
    const out = read(v);
    if (out === undefined) d.unmapped.push({ column, value: v.trim() });
    else d.data[field] = out;
  });

/** Keeps the vendor's own words next to the mapped value, for messages (`priority_text`). */
export const withText = (setter: Setter, field: string): Setter =>
  to(setter.target ?? field, (v, d, ctx, column) => {
    setter(v, d, ctx, column);
    d.data[`${field}_text`] = v.trim();
  });

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
