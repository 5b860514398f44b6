/**
 * From an export's rows to record files and a report: the IDs new records get, which rows were
 * imported before, the rendering, and what the report says. Pure: rows, the workspace's facts and
 * the schema's field order come in; texts come out (nothing is written here).
 */
import { formatNumberedId, idNumber, KIND_INFO, type Kind } from '../ids.ts';
import { nextNumberedId, slugify } from '../new-record.ts';
import { renderRecord } from '../record-writer.ts';
import type { Team } from '../model.ts';
import { loginsOf, peopleFrom } from '../people.ts';
import { tagOf } from './convert.ts';
import { mapRow, type Draft, type HeaderPlan, type Lookups, type MapContext, type TableMap } from './map.ts';
import { sourceKey, sourceKeysOf } from './source.ts';

/** An export read into rows. */
export interface ExportRows {
  header: string[];
  /** How rows are numbered in the report: CSV by the line a row ends on, JSON by position. */
  unit: 'line' | 'record';
  /** Cells per row, with its number. */
  rows: Array<{ line: number; cells: string[] }>;
  badRows: Array<{ line: number; reason: string }>;
}

/** What the mapping needs from the workspace for one kind: names to match, IDs in use, sources imported before. */
export interface WorkspaceFacts {
  lookups: Lookups;
  matrix: MapContext['matrix'];
  /** IDs in use for the kind being imported (file names). */
  ids: Set<string>;
  /** Source keys (see sourceKey) already present in that kind's records. */
  sources: Set<string>;
}

/** A record file in the workspace, valid or not: its kind, ID (file name) and front matter. */
export interface ExistingRecord {
  kind: Kind;
  id: string;
  file: string;
  data: unknown;
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
  };
  for (const { kind: k, id, data } of existing) {
    if (k !== 'team' && k !== 'ci' && k !== 'service') continue;
    const d = data as { name?: unknown; offerings?: unknown } | undefined;
    lookups[k].set(id.toLowerCase(), id);
    if (typeof d?.name === 'string') lookups[k].set(d.name.toLowerCase(), id);
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
  const sources = new Set<string>();
  for (const r of existing) {
    if (r.kind !== kind) continue;
    ids.add(r.id);
    for (const key of sourceKeysOf(r.data)) sources.add(key);
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
  files: Array<{ file: string; text: string; id: string }>;
  /** Rows left to another map of the same export: line -> what they are. */
  notMine: Map<number, string>;
  skipped: Array<{ line: number; sourceId: string; reason: string }>;
  already: number;
  unmapped: Map<string, number>;
  notes: Map<string, number>;
}

/** Maps rows, gives new IDs, and renders the files; `order` is the kind's fields in schema order. */
export function buildRecords(
  map: TableMap,
  plan: HeaderPlan,
  rows: ExportRows['rows'],
  ctx: MapContext,
  ws: WorkspaceFacts,
  order: readonly string[],
): BuildResult {
  const out: BuildResult = { files: [], notMine: new Map(), skipped: [], already: 0, unmapped: new Map(), notes: new Map() };
  const info = KIND_INFO[map.kind];
  // Numbering continues from the highest ID in use, as wide as it is (see nextNumberedId).
  const first = info.numbered ? nextNumberedId(map.kind, ws.ids) : '';
  const width = first.length - info.prefix.length;
  let next = info.numbered ? idNumber(first)! : 0n;
  const seen = new Set(ws.sources);
  for (const row of rows) {
    const d = mapRow(map, plan, row.cells, ctx);
    if (d.notMine) {
      out.notMine.set(row.line, d.notMine);
      continue;
    }
    for (const u of d.unmapped) out.unmapped.set(`${u.column} "${u.value}"`, (out.unmapped.get(`${u.column} "${u.value}"`) ?? 0) + 1);
    if (d.skip) {
      out.skipped.push({ line: row.line, sourceId: d.sourceId, reason: d.skip });
      continue;
    }
    const key = sourceKey(map.vendor, d.sourceId);
    // A CI is known by its name too: one entered by hand before the import is the same item.
    const byName = map.kind === 'ci' && ws.lookups.ci.has(String(d.data.name).toLowerCase());
    if (seen.has(key) || byName) {
      out.already++;
      continue;
    }
    seen.add(key);
    for (const n of d.notes) out.notes.set(n, (out.notes.get(n) ?? 0) + 1);
    let id: string;
    if (info.numbered) id = formatNumberedId(map.kind, next++, width);
    else {
      const base = info.prefix + (slugify(String(d.data.name ?? d.data.title ?? d.sourceId)) || tagOf(d.sourceId));
      id = base;
      for (let k = 2; ws.ids.has(id); k++) id = `${base}-${k}`;
    }
    ws.ids.add(id);
    d.data.source = { system: map.vendor, id: d.sourceId };
    out.files.push({ id, file: `content/${info.folder}/${id}.md`, text: renderImported(id, d, order) });
  }
  return out;
}

/** Front matter in the schema's field order, as plain YAML like hand-written records. */
function renderImported(id: string, d: Draft, order: readonly string[]): string {
  const data: Record<string, unknown> = { id };
  for (const key of order) if (key !== 'id' && d.data[key] !== undefined) data[key] = d.data[key];
  return renderRecord(data, d.body, { flowLevel: 1 });
}

/** The rows no map took (a Jira task, say), as skipped rows of the report. */
export function unclaimedRows(rows: ExportRows['rows'], results: readonly BuildResult[], maps: readonly TableMap[], vendor: string): BuildResult['skipped'] {
  const unclaimed = rows.filter((row) => results.every((r) => r.notMine.has(row.line)));
  const kinds = maps.map((m) => KIND_INFO[m.kind].plural).join(' and ');
  return unclaimed.map((row) => ({
    line: row.line,
    sourceId: '',
    reason: `issue type ${results[0]!.notMine.get(row.line)} (only ${kinds} are imported from ${vendor === 'jira' ? 'Jira' : vendor})`,
  }));
}

/** The report printed after an import (or a dry run). */
export function importReport(
  parts: ReadonlyArray<{ map: TableMap; result: BuildResult }>,
  others: BuildResult['skipped'],
  notImported: readonly string[],
  file: string,
  rows: Pick<ExportRows, 'badRows' | 'unit'>,
  dry: boolean,
): string {
  const { badRows, unit } = rows;
  const lines: string[] = [];
  const verb = dry ? 'Would import' : 'Imported';
  const count = (m: Map<string, number>, into: Map<string, number>) => m.forEach((n, k) => into.set(k, (into.get(k) ?? 0) + n));
  const unmapped = new Map<string, number>();
  const notes = new Map<string, number>();
  const skipped = [...others];
  for (const { map, result: r } of parts) {
    const info = KIND_INFO[map.kind];
    const range = r.files.length ? ` (${r.files[0]!.id}${r.files.length > 1 ? ` .. ${r.files.at(-1)!.id}` : ''})` : '';
    // A Jira export without service requests need not say so.
    if (r.files.length || r.already || r.skipped.length || parts.length === 1)
      lines.push(
        `${verb} ${r.files.length} ${r.files.length === 1 ? info.label : info.plural} from ${file} into content/${info.folder}/${range}.${dry ? ' Dry run: nothing written.' : ''}`,
      );
    if (r.already)
      lines.push(
        `Already in the workspace (imported before${map.kind === 'ci' ? ', or a CI of the same name' : ''}): ${r.already} ${r.already === 1 ? info.label : info.plural}, left as they are.`,
      );
    count(r.unmapped, unmapped);
    count(r.notes, notes);
    skipped.push(...r.skipped);
  }
  if (!lines.length) lines.push(`${verb} nothing from ${file}.`);
  const problems = [
    ...badRows.map((b) => ({ line: b.line, text: b.reason })),
    ...skipped.map((s) => ({ line: s.line, text: `${s.sourceId ? s.sourceId + ': ' : ''}${s.reason}` })),
  ].sort((a, b) => a.line - b.line);
  if (problems.length) {
    lines.push('', `Rows not imported: ${problems.length}`);
    for (const p of problems.slice(0, 50)) lines.push(`  ${unit} ${p.line}: ${p.text}`);
    if (problems.length > 50) lines.push(`  ... and ${problems.length - 50} more`);
  }
  if (notImported.length) lines.push('', `Columns not imported: ${notImported.join(', ')}`);
  if (unmapped.size) {
    lines.push('', 'Values that match nothing in the workspace or the mapping (left out of the records):');
    for (const [what, n] of [...unmapped].sort((a, b) => b[1] - a[1]).slice(0, 50)) lines.push(`  ${what}: ${n} row${n === 1 ? '' : 's'}`);
  }
  if (notes.size) {
    lines.push('', 'Filled in because the export does not say:');
    for (const [note, n] of notes) lines.push(`  ${note}: ${n} record${n === 1 ? '' : 's'}`);
  }
  if (parts.some((p) => p.result.files.length) && !dry) lines.push('', 'Next: run `itsm validate` to check the new records against the workspace rules.');
  return lines.join('\n') + '\n';
}
