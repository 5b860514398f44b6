/**
 * `itsm import servicenow|jira`: turns a vendor export into record files. Reads the whole export
 * first (CSV streamed through csv-parse, or ServiceNow JSON), maps every row, and only then writes,
 * so bad input (unknown columns, an unreadable file, a missing --tz) writes nothing. Existing files
 * are never overwritten, and rows imported before (found by the `source` field of the records) are
 * skipped.
 */
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as csvParse } from 'csv-parse';
import { CORE_SCHEMA, dump } from 'js-yaml';
import { formatNumberedId, idNumber, KIND_INFO, type Kind } from '../core/ids.ts';
import { isTimeZone, normalizeHeader, tagOf } from '../core/import/convert.ts';
import { JIRA_INCIDENTS, JIRA_REQUESTS } from '../core/import/jira.ts';
import { mapRow, planHeader, type Draft, type Lookups, type MapContext, type TableMap } from '../core/import/map.ts';
import { SERVICENOW_TABLES } from '../core/import/servicenow.ts';
import { sourceKey, sourceKeysOf } from '../core/import/source.ts';
import { nextNumberedId, slugify } from '../core/new-record.ts';
import { parseFrontMatter } from '../core/front-matter.ts';
import { readSchemas } from '../io/schemas.ts';
import { writeFileInside } from '../io/safe-fs.ts';
import { loadWorkspace, type LoadResult } from '../io/workspace.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';

const TABLES = Object.keys(SERVICENOW_TABLES) as Array<keyof typeof SERVICENOW_TABLES>;

const HELP = `Usage: itsm import servicenow --table ${TABLES.join('|')} FILE --tz ZONE [options]
       itsm import jira FILE.csv --tz ZONE [options]

Turns a vendor export into records under content/:
  servicenow  a list export (CSV or JSON) of incident, change_request, cmdb_ci (any CI class)
              or kb_knowledge, with the dictionary column names (number, short_description,
              priority "1 - Critical", state, opened_at, resolved_at, assignment_group, cmdb_ci...)
              or the display labels (Number, Short description...)
  jira        a Jira Service Management CSV export (Issue key, Issue Type, Summary, Priority,
              Status, Created, Resolved, Component/s, Labels...): its incidents, and its service
              requests, whose Customer Request Type names an offering of a service

Exports carry local times without a zone: --tz says which zone they are in (the exporting
user's zone in ServiceNow or Jira). Teams, CIs and services are matched to the workspace by
name or ID; values that match nothing are listed. Each record keeps its vendor ID in its
source field (source: {system: servicenow, id: INC0010001}), so running the same import again
skips what is already there.
New numbered IDs follow the highest in use. Nothing is ever overwritten.

Options:
  --table T               the ServiceNow table exported (required for servicenow)
  --tz ZONE               the export's time zone, e.g. Europe/Berlin or America/New_York (required)
  --default FIELD=VALUE   a value for rows that have none, e.g. --default service=SVC-shop
                          (repeatable)
  --dry-run               report what would be imported, write nothing
  --root DIR              the workspace (default: the current directory)

Examples:
  itsm import servicenow --table incident incidents.csv --tz Europe/Berlin
  itsm import servicenow --table cmdb_ci cmdb_ci_server.json --tz UTC --default owner=TEAM-ops
  itsm import jira JSM-export.csv --tz America/New_York --default service=SVC-helpdesk

Exit codes: 0 every row imported (or imported before), 1 some rows skipped (see the report),
2 bad input: nothing written.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('import', args, {
    root: { type: 'string' },
    table: { type: 'string' },
    tz: { type: 'string' },
    default: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' },
  }, HELP, io);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const [vendor, file, ...extra] = positionals;
  if (!vendor || !file || extra.length) throw usageError('itsm import: give the vendor and the export file, e.g. `itsm import servicenow --table incident incidents.csv --tz Europe/Berlin`.');
  // One map per kind of record the export holds: a ServiceNow table is one kind, a Jira export two.
  let maps: TableMap[];
  if (vendor === 'servicenow') {
    if (!values.table) throw usageError(`itsm import servicenow: which table was exported? Give --table ${TABLES.join('|')}.`);
    const m = SERVICENOW_TABLES[values.table as keyof typeof SERVICENOW_TABLES];
    if (!m) throw usageError(`itsm import servicenow: --table must be one of ${TABLES.join(', ')}; got "${values.table}".`);
    maps = [m];
  } else if (vendor === 'jira') {
    if (values.table) throw usageError('itsm import jira: --table is for ServiceNow; a Jira export is one CSV of issues.');
    maps = [JIRA_INCIDENTS, JIRA_REQUESTS];
  } else throw usageError(`itsm import: unknown vendor "${vendor}"; use servicenow or jira.`);
  if (!values.tz) throw usageError(`itsm import: give the export's time zone with --tz, e.g. --tz Europe/Berlin. ${vendor === 'jira' ? 'Jira' : 'ServiceNow'} exports carry local times without a zone, so they cannot be read without it.`);
  if (!isTimeZone(values.tz)) throw usageError(`itsm import: --tz "${values.tz}" is not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC.`);
  const root = rootDir(io, values.root);
  if (!existsSync(join(root, 'content'))) throw usageError(`itsm import: ${root} has no content/ folder. Run it in a workspace, or pass --root DIR.`);
  const path = resolve(io.cwd, file);
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
  } catch (err) {
    throw usageError(`itsm import: cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
  }

  const rows = await readRows(path, file);
  // Without an Issue Type column every Jira row is taken for an incident.
  if (vendor === 'jira' && !rows.header.some((h) => normalizeHeader(h) === 'issue_type')) maps = [JIRA_INCIDENTS];
  const plans = maps.map((m) => planHeader(m, rows.header));
  const missing = plans[0]!.missing;
  const what = `${vendor} ${maps[0]!.table}`;
  if (missing.length) {
    throw usageError(`itsm import: ${file} does not look like a ${what} export: it has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}. Nothing was written.\nIts columns: ${rows.header.join(', ')}`);
  }
  const unknown = plans[0]!.unknown.filter((h) => plans.every((p) => p.unknown.includes(h)));
  if (unknown.length) {
    throw usageError(`itsm import: ${file} has column${unknown.length === 1 ? '' : 's'} that ${what} exports do not have: ${unknown.join(', ')}. Nothing was written.\n${vendor === 'jira' ? 'Export with "CSV (all fields)"; custom fields are named "Custom field (...)".' : 'Check that --table matches the export; custom columns start with u_.'}`);
  }
  const notImported = [...new Set(rows.header.filter((h, i) => plans.every((p) => p.use[i] === undefined) && !unknown.includes(h)))];

  const loaded = await loadWorkspace(root);
  const facts = maps.map((m) => readWorkspaceFacts(root, m.kind, loaded));
  const defaults = readDefaults(values.default ?? [], maps, facts[0]!.lookups);
  const results = maps.map((m, i) => {
    const ws = facts[i]!;
    const ctx: MapContext = { timeZone: values.tz!, lookups: ws.lookups, defaults: defaults[i]!, ...(ws.matrix ? { matrix: ws.matrix } : {}) };
    return buildRecords(m, plans[i]!, rows.rows, ctx, ws);
  });
  // A row every map left to another (a Jira task, say) is not imported at all.
  const unclaimed = rows.rows.filter((row) => results.every((r) => r.notMine.has(row.line)));
  const others = unclaimed.map((row) => ({ line: row.line, sourceId: '', reason: `issue type ${results[0]!.notMine.get(row.line)} (only ${maps.map((m) => KIND_INFO[m.kind].plural).join(' and ')} are imported from ${vendor === 'jira' ? 'Jira' : vendor})` }));
  if (!values['dry-run']) {
    results.forEach((result, i) => {
      // writeFileInside makes the folders itself, one at a time and through no link.
      if (result.files.length) writeAll(root, result.files);
    });
  }
  io.stdout(report(results.map((r, i) => ({ map: maps[i]!, result: r })), others, notImported, file, rows, values['dry-run'] === true));
  const skipped = results.reduce((n, r) => n + r.skipped.length, 0) + others.length;
  return skipped + rows.badRows.length > 0 ? EXIT.failed : EXIT.ok;
}

/** Writes the new files one after another ('wx': never overwrite). Measured: on this kind of file
 * system, concurrent creates in one folder contend and are slower than a plain loop. */
function writeAll(root: string, files: ReadonlyArray<{ file: string; text: string }>): void {
  for (const out of files) {
    try {
      writeFileInside(root, out.file, out.text);
    } catch (err) {
      throw new ExitError(EXIT.failed, `itsm import: stopped at ${out.file}: ${(err as Error).message}. Files written before it stay; run the same import again to continue.`);
    }
  }
}

interface WorkspaceFacts {
  lookups: Lookups;
  matrix: MapContext['matrix'];
  /** IDs in use for the kind being imported (file names). */
  ids: Set<string>;
  /** Source keys (see sourceKey) already present in that kind's records. */
  sources: Set<string>;
}

/** What the mapping needs from the workspace: names to match, IDs in use, sources imported before. */
function readWorkspaceFacts(root: string, kind: Kind, loaded: LoadResult): WorkspaceFacts {
  const lookups = { team: new Map<string, string>(), ci: new Map<string, string>(), service: new Map<string, string>(), offering: new Map<string, string>() };
  for (const k of ['team', 'ci', 'service'] as const) {
    for (const [id, text] of recordTexts(root, k)) {
      const data = parseFrontMatter(text, id).data;
      lookups[k].set(id.toLowerCase(), id);
      if (typeof data?.name === 'string') lookups[k].set(data.name.toLowerCase(), id);
      if (k !== 'service' || !Array.isArray(data?.offerings)) continue;
      for (const o of data.offerings as Array<{ id?: unknown; name?: unknown }>) {
        if (typeof o?.id !== 'string') continue;
        lookups.offering.set(o.id.toLowerCase(), `${id}/${o.id}`);
        if (typeof o.name === 'string') lookups.offering.set(o.name.toLowerCase(), `${id}/${o.id}`);
      }
    }
  }
  // Imported before: the `source` of the kind's records (sourceKeysOf also reads the tags that
  // marked imports before the field existed). The loaded workspace holds only valid records, so a
  // file it left out for an error is read as it stands: fixing it later must not bring a duplicate.
  const sources = new Set<string>();
  const valid = new Set<string>();
  for (const r of loaded.workspace.records) {
    if (r.kind !== kind) continue;
    valid.add(r.file);
    for (const key of sourceKeysOf(r.data)) sources.add(key);
  }
  const ids = new Set<string>();
  const folder = `content/${KIND_INFO[kind].folder}`;
  for (const name of recordNames(root, kind)) {
    ids.add(name.slice(0, -3));
    const file = `${folder}/${name}`;
    if (!valid.has(file)) for (const key of sourceKeysOf(parseFrontMatter(readFileSync(join(root, file), 'utf8'), file).data)) sources.add(key);
  }
  return { lookups, matrix: loaded.workspace.policies.priorityMatrix, ids, sources };
}

/** The record file names (ID.md) in a kind's folder. */
function recordNames(root: string, kind: Kind): string[] {
  const dir = join(root, 'content', KIND_INFO[kind].folder);
  // Regular files only: a symlink is never followed (`itsm validate` reports it).
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => e.name) : [];
}

function recordTexts(root: string, kind: Kind): Array<[string, string]> {
  return recordNames(root, kind).map((f) => [f.slice(0, -3), readFileSync(join(root, 'content', KIND_INFO[kind].folder, f), 'utf8')]);
}

/** --default values, per map: a field goes to every map whose kind has it, and must fit one. */
function readDefaults(pairs: string[], maps: readonly TableMap[], lookups: Lookups): Array<Record<string, string>> {
  const propsOf = maps.map((m) => (readSchemas().documents[m.kind] as { properties: Record<string, unknown> }).properties);
  const out = maps.map(() => ({}) as Record<string, string>);
  for (const p of pairs) {
    const eq = p.indexOf('=');
    const field = p.slice(0, eq);
    if (eq <= 0 || !propsOf.some((props) => props[field])) {
      throw usageError(`itsm import: --default "${p}" must be FIELD=VALUE with a field of ${maps.map((m) => KIND_INFO[m.kind].plural).join(' or ')}: ${[...new Set(propsOf.flatMap((props) => Object.keys(props)))].join(', ')}.`);
    }
    const value = p.slice(eq + 1);
    const kind = field === 'service' || field === 'services' ? 'service' : field === 'team' || field === 'owner' ? 'team' : undefined;
    if (kind && !lookups[kind].has(value.toLowerCase())) throw usageError(`itsm import: --default ${field}=${value}: the workspace has no ${kind} ${value}.`);
    propsOf.forEach((props, i) => {
      if (props[field]) out[i]![field] = kind ? lookups[kind].get(value.toLowerCase())! : value;
    });
  }
  return out;
}

interface Rows {
  header: string[];
  /** How rows are numbered in the report: CSV by the line a row ends on, JSON by position. */
  unit: 'line' | 'record';
  /** Cells per row, with its number. */
  rows: Array<{ line: number; cells: string[] }>;
  badRows: Array<{ line: number; reason: string }>;
}

/** Reads a CSV (streamed) or a ServiceNow JSON export into header and rows. */
async function readRows(path: string, file: string): Promise<Rows> {
  const head = firstBytes(path, 64).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return readJson(path, file);
  const out: Rows = { header: [], unit: 'line', rows: [], badRows: [] };
  const parser = createReadStream(path).pipe(
    csvParse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        const line = Number((err as { lines?: unknown } | undefined)?.lines ?? 0);
        // One broken row can raise several errors; report it once.
        if (out.badRows.at(-1)?.line !== line) out.badRows.push({ line, reason: err?.message ?? 'unreadable row' });
        return undefined;
      },
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!out.header.length) {
        out.header = record;
        continue;
      }
      if (record.length !== out.header.length) {
        out.badRows.push({ line: info.lines, reason: `the row has ${record.length} fields, the header ${out.header.length} (a stray comma or an unclosed quote?)` });
        continue;
      }
      out.rows.push({ line: info.lines, cells: record });
    }
  } catch (err) {
    throw usageError(`itsm import: cannot read ${file} as CSV: ${(err as Error).message}. Nothing was written.`);
  }
  if (!out.header.length) throw usageError(`itsm import: ${file} is empty. Nothing was written.`);
  return out;
}

function firstBytes(path: string, n: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** ServiceNow JSON: {"records": [...]} (list export), {"result": [...]} (Table API), or an array. */
function readJson(path: string, file: string): Rows {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw usageError(`itsm import: cannot read ${file} as JSON: ${(err as Error).message}. Nothing was written.`);
  }
  const list = Array.isArray(doc) ? doc : ((doc as { records?: unknown }).records ?? (doc as { result?: unknown }).result);
  if (!Array.isArray(list)) throw usageError(`itsm import: ${file} is JSON but has no "records" or "result" list. Nothing was written.`);
  const header: string[] = [];
  const seen = new Set<string>();
  for (const row of list) for (const k of Object.keys(row ?? {})) if (!seen.has(k)) (seen.add(k), header.push(k));
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object') return cell((v as { display_value?: unknown; value?: unknown }).display_value ?? (v as { value?: unknown }).value);
    return String(v);
  };
  return { header, unit: 'record', rows: list.map((row, i) => ({ line: i + 1, cells: header.map((h) => cell((row as Record<string, unknown>)?.[h])) })), badRows: [] };
}

interface BuildResult {
  files: Array<{ file: string; text: string; id: string }>;
  /** Rows left to another map of the same export: line -> what they are. */
  notMine: Map<number, string>;
  skipped: Array<{ line: number; sourceId: string; reason: string }>;
  already: number;
  unmapped: Map<string, number>;
  notes: Map<string, number>;
}

/** Maps rows, gives new IDs, and renders the files (nothing written here). */
function buildRecords(map: TableMap, plan: ReturnType<typeof planHeader>, rows: Rows['rows'], ctx: MapContext, ws: WorkspaceFacts): BuildResult {
  const out: BuildResult = { files: [], notMine: new Map(), skipped: [], already: 0, unmapped: new Map(), notes: new Map() };
  const info = KIND_INFO[map.kind];
  const order = Object.keys((readSchemas().documents[map.kind] as { properties: Record<string, unknown> }).properties);
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
    out.files.push({ id, file: `content/${info.folder}/${id}.md`, text: render(id, d, order) });
  }
  return out;
}

/** Front matter in the schema's field order, as plain YAML like hand-written records. */
function render(id: string, d: Draft, order: readonly string[]): string {
  const data: Record<string, unknown> = { id };
  for (const key of order) if (key !== 'id' && d.data[key] !== undefined) data[key] = d.data[key];
  return `---\n${dump(data, { schema: CORE_SCHEMA, lineWidth: -1, flowLevel: 1, noRefs: true })}---\n\n${d.body}`;
}

function report(parts: ReadonlyArray<{ map: TableMap; result: BuildResult }>, others: BuildResult['skipped'], notImported: readonly string[], file: string, rows: Pick<Rows, 'badRows' | 'unit'>, dry: boolean): string {
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
    if (r.files.length || r.already || r.skipped.length || parts.length === 1) lines.push(`${verb} ${r.files.length} ${r.files.length === 1 ? info.label : info.plural} from ${file} into content/${info.folder}/${range}.${dry ? ' Dry run: nothing written.' : ''}`);
    if (r.already) lines.push(`Already in the workspace (imported before${map.kind === 'ci' ? ', or a CI of the same name' : ''}): ${r.already} ${r.already === 1 ? info.label : info.plural}, left as they are.`);
    count(r.unmapped, unmapped);
    count(r.notes, notes);
    skipped.push(...r.skipped);
  }
  if (!lines.length) lines.push(`${verb} nothing from ${file}.`);
  const problems = [...badRows.map((b) => ({ line: b.line, text: b.reason })), ...skipped.map((s) => ({ line: s.line, text: `${s.sourceId ? s.sourceId + ': ' : ''}${s.reason}` }))].sort((a, b) => a.line - b.line);
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
