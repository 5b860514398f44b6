/**
 * From an export's rows to record files and a report: the IDs new records get, which rows were
 * imported before, the rendering, and what the report says. Pure: rows (one at a time), the
 * workspace's facts and the schema's field order come in; texts come out (nothing is written here).
 */
import { formatNumberedId, idNumber, KIND_INFO, type Kind } from '../ids.ts';
import { nextNumberedId, slugify } from '../new-record.ts';
import { renderRecord } from '../record-writer.ts';
import type { Team } from '../model.ts';
import { loginsOf, peopleFrom } from '../people.ts';
import { tagOf } from './convert.ts';
import { changelogSteps } from './changelog.ts';
import { addRow, foldTicket, type TicketRows } from './fold.ts';
import { readRow, type Draft, type HeaderPlan, type Lookups, type MapContext, type TableMap } from './map.ts';
import { emptyDistinct, type DistinctValues } from './mapping-file.ts';
import { sourceKey, sourceKeysOf } from './source.ts';

/** An export being read: its header, how its rows are numbered, and the rows that could not be read. */
export interface ExportRows {
  header: string[];
  /** How rows are numbered in the report: CSV by the line a row ends on, JSON by position. */
  unit: 'line' | 'record';
  /** Rows that could not be read (filled in as the rows are read). */
  badRows: Array<{ line: number; reason: string }>;
}

/** What the mapping needs from the workspace for one kind: names to match, IDs in use, sources imported before. */
export interface WorkspaceFacts {
  lookups: Lookups;
  matrix: MapContext['matrix'];
  /** IDs in use for the kind being imported (file names). */
  ids: Set<string>;
  /** Source keys (see sourceKey) already present in that kind's records, with the record. */
  sources: Map<string, ImportedBefore>;
}

/** A record imported before: its ID and file, and, when the import stamped it, whether it was edited since. */
export interface ImportedBefore {
  id: string;
  file: string;
  /** The hash the import wrote (source.hash), if it wrote one. */
  hash?: string;
  /** The file no longer matches that hash: someone edited it. */
  edited?: boolean;
}

/** A record file in the workspace, valid or not: its kind, ID (file name) and front matter (and text, for imported ones). */
export interface ExistingRecord {
  kind: Kind;
  id: string;
  file: string;
  data: unknown;
  text?: string;
}

/** Every login, name and email of the people in the team files -> their handle. */
function personLookup(existing: readonly ExistingRecord[]): Map<string, string> {
  const teams = existing.flatMap((r) => {
    const members = (r.data as { members?: unknown } | undefined)?.members;
    return r.kind === 'team' && Array.isArray(members) ? [{ members: members.filter(isMember) as Team['members'] }] : [];
  });
  const people = peopleFrom(teams);
  const out = new Map<string, string>();
  for (const t of teams) {
    for (const m of t.members) {
      const handle = people.personOf(m.login).handle;
      for (const key of [...loginsOf(m), m.name, ...(m.email ? [m.email] : [])]) if (!out.has(key.toLowerCase())) out.set(key.toLowerCase(), handle);
    }
  }
  return out;
}

function isMember(m: unknown): boolean {
  const x = m as { name?: unknown; login?: unknown; other_logins?: unknown; email?: unknown } | null;
  const others = x?.other_logins;
  return (
    typeof x?.name === 'string' &&
    typeof x.login === 'string' &&
    (others === undefined || (Array.isArray(others) && others.every((o) => typeof o === 'string'))) &&
    (x.email === undefined || typeof x.email === 'string')
  );
}

/** The facts for importing records of `kind`. */
export function workspaceFacts(kind: Kind, existing: readonly ExistingRecord[], matrix: MapContext['matrix']): WorkspaceFacts {
  const lookups = {
    team: new Map<string, string>(),
    ci: new Map<string, string>(),
    service: new Map<string, string>(),
    offering: new Map<string, string>(),
    person: personLookup(existing),
    members: new Map<string, Set<string>>(),
  };
  for (const { kind: k, id, data } of existing) {
    if (k !== 'team' && k !== 'ci' && k !== 'service') continue;
    const d = data as { name?: unknown; offerings?: unknown; members?: unknown } | undefined;
    lookups[k].set(id.toLowerCase(), id);
    if (typeof d?.name === 'string') lookups[k].set(d.name.toLowerCase(), id);
    if (k === 'team' && Array.isArray(d?.members)) {
      const handles = new Set<string>();
      for (const m of d.members as Array<{ login?: unknown }>)
        if (typeof m?.login === 'string') handles.add(lookups.person.get(m.login.toLowerCase()) ?? m.login);
      lookups.members.set(id, handles);
    }
    if (k !== 'service' || !Array.isArray(d?.offerings)) continue;
    for (const o of d.offerings as Array<{ id?: unknown; name?: unknown }>) {
      if (typeof o?.id !== 'string') continue;
      lookups.offering.set(o.id.toLowerCase(), `${id}/${o.id}`);
      if (typeof o.name === 'string') lookups.offering.set(o.name.toLowerCase(), `${id}/${o.id}`);
    }
  }
  // Imported before: the `source` of the kind's records (sourceKeysOf also reads the tags that
  // marked imports before the field existed), valid or not: fixing a record later must not bring a duplicate.
  const ids = new Set<string>();
  const sources = new Map<string, ImportedBefore>();
  for (const r of existing) {
    if (r.kind !== kind) continue;
    ids.add(r.id);
    const stamp = r.text === undefined ? undefined : importStamp(r.text);
    for (const key of sourceKeysOf(r.data))
      sources.set(key, { id: r.id, file: r.file, ...(stamp ? { hash: stamp.stored, edited: stamp.stored !== stamp.actual } : {}) });
  }
  return { lookups, matrix, ids, sources };
}

export type DefaultsResult = { ok: true; defaults: Array<Record<string, string>> } | { ok: false; message: string };

/** --default values, per map: a field goes to every map whose kind has it, and must fit one. */
export function readDefaults(
  pairs: readonly string[],
  maps: readonly TableMap[],
  fieldsOf: (kind: Kind) => readonly string[],
  lookups: Lookups,
): DefaultsResult {
  const propsOf = maps.map((m) => new Set(fieldsOf(m.kind)));
  const out = maps.map((): Record<string, string> => ({}));
  for (const p of pairs) {
    const eq = p.indexOf('=');
    const field = p.slice(0, eq);
    if (eq <= 0 || !propsOf.some((props) => props.has(field))) {
      return {
        ok: false,
        message: `--default "${p}" must be FIELD=VALUE with a field of ${maps.map((m) => KIND_INFO[m.kind].plural).join(' or ')}: ${[...new Set(propsOf.flatMap((props) => [...props]))].join(', ')}.`,
      };
    }
    const value = p.slice(eq + 1);
    const kind = field === 'service' || field === 'services' ? 'service' : field === 'team' || field === 'owner' ? 'team' : undefined;
    if (kind && !lookups[kind].has(value.toLowerCase())) return { ok: false, message: `--default ${field}=${value}: the workspace has no ${kind} ${value}.` };
    propsOf.forEach((props, i) => {
      if (props.has(field)) out[i]![field] = kind ? lookups[kind].get(value.toLowerCase())! : value;
    });
  }
  return { ok: true, defaults: out };
}

export interface BuildResult {
  /** New records (their text is empty once handed to `emit`). */
  files: Array<{ file: string; text: string; id: string }>;
  /** Records imported before, not edited since, that the export has more to say about: rewritten. */
  updates: Array<{ file: string; text: string; id: string }>;
  /** Records imported before that the export has more to say about, but that were edited here since. */
  refused: Array<{ line: number; sourceId: string; id: string }>;
  skipped: Array<{ line: number; sourceId: string; reason: string }>;
  already: number;
  /** Tickets in the export (one record each), and rows they were folded from. */
  tickets: number;
  /** Tickets whose timeline came from a changelog export. */
  replayed: number;
  rows: number;
  unmapped: Map<string, number>;
  notes: Map<string, number>;
  /** The values the mapping file's sections cover, with their row counts (for --suggest-map). */
  found: DistinctValues;
  /** Problems `check` found in the records rendered (written or rewritten), one line each. */
  invalid: string[];
}

/** Checks one rendered record on its own (schema and the kind's rules): its problems, one line each. */
export type RecordCheck = (kind: Kind, file: string, data: Record<string, unknown>, body: string) => string[];

/**
 * A new record's file as soon as its ticket is finished, for writing while the export is read:
 * `again` when a ticket finished too early was folded again (its file replaced, or removed when
 * `text` is absent because it no longer makes a new record).
 */
export interface RecordFile {
  file: string;
  text?: string;
  again?: boolean;
  /** What to check of the record (with the text): the receiver checks it, not the folder. */
  record?: { kind: Kind; data: Record<string, unknown>; body: string };
}

/** What became of one ticket once folded: at most one of file, update, refused, skipped, already. */
interface Outcome {
  file?: { file: string; text: string; id: string };
  update?: { file: string; text: string; id: string };
  refused?: { line: number; sourceId: string; id: string };
  skipped?: { line: number; sourceId: string; reason: string };
  already?: boolean;
  replayed: boolean;
  /** Values that only finishing the folded ticket found unmapped (the rows' own are counted as read). */
  unmapped: string[];
  notes: string[];
  invalid: string[];
  /** A new record to be checked by whoever `emit` hands it to. */
  unchecked?: RecordFile['record'];
}

/**
 * Folds an export's rows into records as they are read, one ticket at a time. Only per-ticket
 * state is held (the steps the timeline needs and the latest row's draft), never the rows. While
 * the rows of each ticket come together, a ticket is finished (folded, rendered, checked) as soon
 * as the next one starts, and only its text is kept. A ticket whose rows come back after another
 * ticket's means the export is not grouped: from then on every ticket stays open to the end, and
 * the tickets finished too early are listed by `scattered()` for their rows to be read again.
 */
export interface TicketFolder {
  /** Maps one row; returns what the row is when it is for another map of the export (a Jira task), else undefined. */
  add(line: number, cells: readonly string[]): string | undefined;
  /** Source keys of tickets finished before all their rows were read (rows come back through `again`). */
  scattered(): ReadonlySet<string>;
  /** A row read a second time, for a scattered ticket: added to it (nothing counted twice); other rows are ignored. */
  again(line: number, cells: readonly string[]): void;
  /** Finishes the tickets still open: the records and what the report says. */
  end(): BuildResult;
}

/**
 * Maps rows, folds the rows of each ticket into one record, gives new IDs, and renders the files;
 * `order` is the kind's fields in schema order. A ticket imported before is rewritten only when
 * the export says more about it and nobody has edited the record since. Records are checked with
 * `check`, except new ones handed to `emit`, which come with what to check (`record`).
 */
export function ticketFolder(
  map: TableMap,
  plan: HeaderPlan,
  ctx: MapContext,
  ws: WorkspaceFacts,
  order: readonly string[],
  check: RecordCheck = () => [],
  emit?: (file: RecordFile) => void,
): TicketFolder {
  const found = ctx.found ?? emptyDistinct();
  // Rows read again count no values a second time (--suggest-map counts them); made when first needed,
  // once the export's date layout is known.
  let quiet: MapContext | undefined;
  const info = KIND_INFO[map.kind];
  // Numbering continues from the highest ID in use, as wide as it is (see nextNumberedId).
  const first = info.numbered ? nextNumberedId(map.kind, ws.ids) : '';
  const width = first.length - info.prefix.length;
  let next = info.numbered ? idNumber(first)! : 0n;
  const vendorName = map.vendor === 'jira' ? 'Jira' : 'ServiceNow';
  let rows = 0;
  // Column -> value -> rows: counted without making a string per value of every row.
  const unmapped = new Map<string, Map<string, number>>();
  let lastId: string | undefined;
  let lastKey = '';
  const rowSkips: BuildResult['skipped'] = [];
  const open = new Map<string, TicketRows>();
  /** Finished tickets, in the order they were first finished (the order IDs are given in). */
  const outcomes = new Map<string, Outcome>();
  const scattered = new Set<string>();
  /** The ticket whose rows are being read, while the export is grouped by ticket. */
  let current: string | undefined;
  let grouped = true;

  function finish(key: string, group: TicketRows): void {
    // A ticket folded again keeps its place and its ID.
    const earlier = outcomes.get(key)?.file;
    const o = fold(key, group, earlier?.id);
    outcomes.set(key, o);
    const record = o.unchecked;
    delete o.unchecked;
    if (!emit) return;
    if (o.file) {
      emit({ file: o.file.file, text: o.file.text, ...(earlier ? { again: true } : {}), ...(record ? { record } : {}) });
      // Handed on: only its ID and file are kept, for the report.
      o.file.text = '';
    } else if (earlier) emit({ file: earlier.file, again: true });
  }

  function fold(key: string, group: TicketRows, reuseId: string | undefined): Outcome {
    const o: Outcome = { replayed: false, unmapped: [], notes: [], invalid: [] };
    const changes = ctx.history?.get(group.latest.draft.sourceId);
    if (changes?.length && group.steps.length === 1) {
      group.steps = changelogSteps(group.latest.draft, group.latest.line, changes, map, ctx);
      o.replayed = true;
    }
    const counted = group.latest.draft.unmapped.length;
    const d = foldTicket(group, vendorName);
    map.finish(d, ctx);
    const line = group.latest.line;
    for (const u of d.unmapped.slice(counted)) o.unmapped.push(`${u.column} "${u.value}"`);
    if (d.skip) {
      o.skipped = { line, sourceId: d.sourceId, reason: d.skip };
      return o;
    }
    // A CI is known by its name too: one entered by hand before the import is the same item.
    const byName = map.kind === 'ci' && ws.lookups.ci.has(String(d.data.name).toLowerCase());
    const before = ws.sources.get(key);
    if (byName || (before && before.hash === undefined)) {
      o.already = true;
      return o;
    }
    d.data.source = { system: map.vendor, id: d.sourceId };
    if (before) {
      const again = renderImported(before.id, d, order);
      if (again.hash === before.hash) o.already = true;
      else if (before.edited) o.refused = { line, sourceId: d.sourceId, id: before.id };
      else {
        o.update = { id: before.id, file: before.file, text: again.text };
        o.invalid = check(map.kind, before.file, again.data, d.body);
      }
      return o;
    }
    o.notes = d.notes;
    let id = reuseId;
    if (id === undefined && info.numbered) id = formatNumberedId(map.kind, next++, width);
    else if (id === undefined) {
      const base = info.prefix + (slugify(String(d.data.name ?? d.data.title ?? d.sourceId)) || tagOf(d.sourceId));
      id = base;
      for (let k = 2; ws.ids.has(id); k++) id = `${base}-${k}`;
    }
    ws.ids.add(id);
    const file = `content/${info.folder}/${id}.md`;
    const rendered = renderImported(id, d, order);
    o.file = { id, file, text: rendered.text };
    // Where the files are handed on as they are made, their receiver checks them (on another thread).
    if (emit) o.unchecked = { kind: map.kind, data: rendered.data, body: d.body };
    else o.invalid = check(map.kind, file, rendered.data, d.body);
    return o;
  }

  let retold: Map<string, TicketRows> | undefined;

  return {
    add(line, cells) {
      const d = readRow(map, plan, cells, ctx);
      if (d.notMine) return d.notMine;
      rows++;
      for (const u of d.unmapped) {
        let values = unmapped.get(u.column);
        if (!values) unmapped.set(u.column, (values = new Map<string, number>()));
        count(values, u.value);
      }
      if (d.skip) {
        rowSkips.push({ line, sourceId: d.sourceId, reason: d.skip });
        return undefined;
      }
      // The rows of a ticket usually come together: its key is made once.
      if (d.sourceId !== lastId) {
        lastId = d.sourceId;
        lastKey = sourceKey(map.vendor, d.sourceId);
      }
      const key = lastKey;
      if (key !== current) {
        if (outcomes.has(key)) {
          // Finished, and its rows come back after another ticket's: the export is not grouped by
          // ticket (from the first such ticket on), and this one is read again at the end.
          grouped = false;
          scattered.add(key);
        }
        if (grouped && current !== undefined) {
          finish(current, open.get(current)!);
          open.delete(current);
        }
        current = key;
      }
      open.set(key, addRow(open.get(key), line, d));
      return undefined;
    },
    scattered: () => scattered,
    again(line, cells) {
      if (!quiet) {
        const { found: _counted, ...rest } = ctx;
        quiet = rest;
      }
      const d = readRow(map, plan, cells, quiet);
      if (d.notMine || d.skip) return;
      const key = sourceKey(map.vendor, d.sourceId);
      if (!scattered.has(key)) return;
      (retold ??= new Map()).set(key, addRow(retold.get(key), line, d));
    },
    end() {
      // A scattered ticket is folded from all its rows, read again (those after its return, too).
      for (const [key, group] of retold ?? []) {
        open.delete(key);
        finish(key, group);
      }
      for (const [key, group] of open) finish(key, group);
      open.clear();
      const out: BuildResult = {
        files: [],
        updates: [],
        refused: [],
        skipped: [...rowSkips],
        already: 0,
        tickets: outcomes.size,
        replayed: 0,
        rows,
        unmapped: new Map(),
        notes: new Map(),
        found,
        invalid: [],
      };
      for (const [column, values] of unmapped) for (const [value, n] of values) out.unmapped.set(`${column} "${value}"`, n);
      for (const o of outcomes.values()) {
        if (o.file) out.files.push(o.file);
        if (o.update) out.updates.push(o.update);
        if (o.refused) out.refused.push(o.refused);
        if (o.skipped) out.skipped.push(o.skipped);
        if (o.already) out.already++;
        if (o.replayed) out.replayed++;
        for (const u of o.unmapped) count(out.unmapped, u);
        for (const n of o.notes) count(out.notes, n);
        out.invalid.push(...o.invalid);
      }
      return out;
    },
  };
}

function count(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

const PLACEHOLDER = 'ffffffffffffffff';

/**
 * Front matter in the schema's field order, as plain YAML like hand-written records, stamped with
 * a hash of the text itself (source.hash): a later import tells an untouched record from an edited one.
 */
function renderImported(id: string, d: Draft, order: readonly string[]): { text: string; hash: string; data: Record<string, unknown> } {
  const data: Record<string, unknown> = { id };
  const source = d.data.source as Record<string, unknown>;
  const stamped: Record<string, unknown> = { ...d.data, source: { ...source, hash: PLACEHOLDER } };
  for (const key of order) if (key !== 'id' && stamped[key] !== undefined) data[key] = stamped[key];
  const text = renderRecord(data, d.body, { flowLevel: 1, blockLists: ['timeline'] });
  const hash = textHash(unstamped(text));
  // A hash of digits only would read back as a number: quoted, as YAML would write it.
  const written = /^\d+(e\d+)?$/.test(hash) ? `'${hash}'` : hash;
  data.source = { ...source, hash };
  return { text: text.replace(`hash: ${PLACEHOLDER}`, `hash: ${written}`), hash, data };
}

/** The text with its stamp blanked, however YAML quoted it. */
function unstamped(text: string): string {
  return text.replace(/(\bhash: )'?[0-9a-f]{16}'?/, '$1#');
}

/** The hash an imported record's text carries, and the hash its text has now (they differ once edited). */
export function importStamp(text: string): { stored: string; actual: string } | undefined {
  const m = /\bhash: '?([0-9a-f]{16})'?/.exec(text);
  return m ? { stored: m[1]!, actual: textHash(unstamped(text)) } : undefined;
}

/** 64 bits of FNV-1a (two 32-bit lanes): enough to notice an edit, cheap on 25,000 records. */
export function textHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** A row no map took (a Jira task, say), as a skipped row of the report; `what` is what the first map said it is. */
export function unclaimedRow(line: number, what: string, maps: readonly TableMap[], vendor: string): BuildResult['skipped'][number] {
  const kinds = maps.map((m) => KIND_INFO[m.kind].plural).join(' and ');
  return { line, sourceId: '', reason: `issue type ${what} (only ${kinds} are imported from ${vendor === 'jira' ? 'Jira' : vendor})` };
}

/** What the report is made of. */
export interface ReportInput {
  parts: ReadonlyArray<{ map: TableMap; result: BuildResult }>;
  others: BuildResult['skipped'];
  /** Every column of the export as written, and where it went. */
  where: ReadonlyArray<{ column: string; to: string }>;
  file: string;
  rows: Pick<ExportRows, 'badRows' | 'unit'>;
  dry: boolean;
  /** How numeric dates were read, when the export has any. */
  dates?: string;
  /** Diagnostics of the records written, one line each. */
  invalid?: readonly string[];
}

/** The report printed after an import (or a dry run). */
export function importReport(input: ReportInput): string {
  const { parts, others, where, file, rows, dry } = input;
  const { badRows, unit } = rows;
  const lines: string[] = [];
  const verb = dry ? 'Would import' : 'Imported';
  const count = (m: Map<string, number>, into: Map<string, number>) => m.forEach((n, k) => into.set(k, (into.get(k) ?? 0) + n));
  const unmapped = new Map<string, number>();
  const notes = new Map<string, number>();
  const skipped = [...others];
  let changed = 0;
  let unchanged = 0;
  for (const { map, result: r } of parts) {
    const info = KIND_INFO[map.kind];
    const name = (n: number) => `${n} ${n === 1 ? info.label : info.plural}`;
    const range = r.files.length ? ` (${r.files[0]!.id}${r.files.length > 1 ? ` .. ${r.files.at(-1)!.id}` : ''})` : '';
    const folded = r.rows > r.tickets ? `, folded from ${r.rows} rows of ${r.tickets} tickets` : '';
    // A Jira export without service requests need not say so.
    if (r.files.length || r.already || r.skipped.length || r.updates.length || r.refused.length || parts.length === 1)
      lines.push(`${verb} ${name(r.files.length)} from ${file} into content/${info.folder}/${range}${folded}.${dry ? ' Dry run: nothing written.' : ''}`);
    if (r.replayed) lines.push(`Timelines replayed from the changelog: ${name(r.replayed)}.`);
    if (r.updates.length)
      lines.push(
        `${dry ? 'Would update' : 'Updated'} ${name(r.updates.length)} imported before, untouched since, with what the export adds: ${listIds(r.updates.map((u) => u.id))}.`,
      );
    if (r.already)
      lines.push(
        `Already in the workspace (imported before${map.kind === 'ci' ? ', or a CI of the same name' : ''}, nothing new in the export): ${name(r.already)}, left as they are.`,
      );
    if (r.refused.length)
      lines.push(
        `Not updated, edited here since the import (the export has more about them): ${name(r.refused.length)}: ${listIds(r.refused.map((x) => `${x.id} (${x.sourceId})`))}.`,
      );
    count(r.unmapped, unmapped);
    count(r.notes, notes);
    skipped.push(...r.skipped);
    changed += r.files.length + r.updates.length;
    unchanged += r.already;
  }
  if (!lines.length) lines.push(`${verb} nothing from ${file}.`);
  if (!changed && unchanged) lines.push(`Nothing new to import: every ticket in ${file} is already in the workspace as exported.`);
  if (input.dates) lines.push('', input.dates);
  const problems = [
    ...badRows.map((b) => ({ line: b.line, text: b.reason })),
    ...skipped.map((s) => ({ line: s.line, text: `${s.sourceId ? s.sourceId + ': ' : ''}${s.reason}` })),
  ].sort((a, b) => a.line - b.line);
  if (problems.length) {
    lines.push('', `Rows not imported: ${problems.length}`);
    for (const p of problems.slice(0, 50)) lines.push(`  ${unit} ${p.line}: ${p.text}`);
    if (problems.length > 50) lines.push(`  ... and ${problems.length - 50} more`);
  }
  if (where.length) {
    lines.push('', 'Where each column went:');
    const width = Math.min(32, Math.max(...where.map((w) => w.column.length)));
    for (const w of where) lines.push(`  ${w.column.padEnd(width)}  ${w.to}`);
  }
  if (unmapped.size) {
    lines.push('', 'Values that match nothing in the workspace or the mapping (left out of the records, or kept as written):');
    for (const [what, n] of [...unmapped].sort((a, b) => b[1] - a[1]).slice(0, 50)) lines.push(`  ${what}: ${n} row${n === 1 ? '' : 's'}`);
    if (unmapped.size > 50) lines.push(`  ... and ${unmapped.size - 50} more (itsm import --suggest-map writes them all to a mapping file)`);
  }
  if (notes.size) {
    lines.push('', 'Filled in because the export does not say:');
    for (const [note, n] of notes) lines.push(`  ${note}: ${n} record${n === 1 ? '' : 's'}`);
  }
  if (input.invalid?.length) {
    lines.push('', `Problems in the records ${dry ? 'that would be written' : 'written'} (fix them by hand or in the export): ${input.invalid.length}`);
    for (const d of input.invalid.slice(0, 50)) lines.push(`  ${d}`);
    if (input.invalid.length > 50) lines.push(`  ... and ${input.invalid.length - 50} more (itsm validate lists them all)`);
  } else if (changed) lines.push('', `Every record ${dry ? 'that would be written' : 'written'} validates.`);
  return lines.join('\n') + '\n';
}

function listIds(ids: readonly string[]): string {
  return ids.length > 20 ? `${ids.slice(0, 20).join(', ')} and ${ids.length - 20} more` : ids.join(', ');
}
