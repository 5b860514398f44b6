/**
 * `itsm import` behind the command: reads the export's header, the workspace and the mapping file
 * (bad input there writes nothing), then streams the rows, mapping and folding each ticket as its
 * rows arrive (only per-ticket state is held, see ticketFolder). A new record goes to the writer
 * thread, which checks it and (unless this is a dry run) writes it, as soon as its ticket is
 * finished and the export's date layout is settled (an export whose dates never say writes
 * nothing). New files never overwrite anything; a record imported before is rewritten, at the end,
 * only while its text still has the hash the import stamped in `source`.
 */
import { lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_INFO, type Kind } from '../core/ids.ts';
import {
  importReport,
  readDefaults,
  ticketFolder,
  unclaimedRow,
  workspaceFacts,
  type BuildResult,
  type ExistingRecord,
  type RecordCheck,
  type RecordFile,
} from '../core/import/build.ts';
import { detectDateFormat, isNumericDate, normalizeHeader, parseDateFormat, settlesDateLayout, type DateFormat } from '../core/import/convert.ts';
import { planChangelog, type ChangeRow } from '../core/import/changelog.ts';
import { JIRA_INCIDENTS } from '../core/import/jira.ts';
import { planHeader, readTime, type Lookups, type MapContext, type TableMap } from '../core/import/map.ts';
import { EMPTY_MAPPING, emptyDistinct, readMapping, SECTIONS, suggestMapping, type ImportMapping } from '../core/import/mapping-file.ts';
import { guessMapping } from '../core/import/suggest.ts';
import { lifecycle } from '../core/kinds/index.ts';
import { loadYaml } from '../core/yaml-load.ts';
import type { Policies } from '../core/model.ts';
import { closeCodesOf } from '../core/validate/closing-rules.ts';
import { parseFrontMatter } from '../core/front-matter.ts';
import { checkExportFile, ImportInputError, openExportRows } from './import-rows.ts';
import { startFileWriter } from './import-files.ts';
import { safeJoin, symlinkOnPath } from './safe-fs.ts';
import { readSchemas } from './schemas.ts';
import { getValidators, loadWorkspace, type LoadResult } from './workspace.ts';
import { checkRecord } from '../core/validate/check-record.ts';

export { ImportInputError } from './import-rows.ts';

/** Writing stopped part-way; the files written before stay (running the import again continues). */
export class ImportWriteError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ImportWriteError';
  }
}

export interface ImportOptions {
  root: string;
  /** The export's absolute path, and how the user named it (for messages). */
  path: string;
  file: string;
  vendor: 'servicenow' | 'jira';
  /** One map per kind of record the export holds: a ServiceNow table is one kind, a Jira export two. */
  maps: readonly TableMap[];
  timeZone: string;
  defaults: readonly string[];
  dryRun: boolean;
  /** The mapping file (--map): absolute path and how the user named it. */
  mapping?: { path: string; file: string };
  /** The layout of numeric dates (--date-format), e.g. DD-MM-YYYY HH:mm. */
  dateFormat?: string;
  /** Write a starting mapping file here instead of importing (--suggest-map). */
  suggestMap?: { path: string; file: string };
  /** A Jira changelog export (--changelog): one row per field change. */
  changelog?: { path: string; file: string };
}

export interface ImportOutcome {
  report: string;
  /** Rows not imported (bad, skipped or of another type) and records left unupdated: the command exits 1 when there are any. */
  notImported: number;
}

/** Imports an export; throws ImportInputError (nothing written) or ImportWriteError. */
export async function importExport(o: ImportOptions): Promise<ImportOutcome> {
  checkExportFile(o.path, o.file);
  let dateFormat: DateFormat | undefined;
  if (o.dateFormat !== undefined) {
    dateFormat = parseDateFormat(o.dateFormat);
    if (!dateFormat)
      throw new ImportInputError(`--date-format "${o.dateFormat}" needs a day (DD), a month (MM or MMM) and a year (YYYY or YY), e.g. "DD-MM-YYYY HH:mm".`);
  }
  const input = await openExportRows(o.path, o.file);
  let maps = o.maps;
  // Without an Issue Type column every Jira row is taken for an incident.
  if (o.vendor === 'jira' && !input.header.some((h) => normalizeHeader(h) === 'issue_type')) maps = [JIRA_INCIDENTS];
  const plans = maps.map((m) => planHeader(m, input.header));
  const missing = plans[0]!.missing;
  if (missing.length) {
    throw new ImportInputError(
      `${o.file} does not look like a ${o.vendor} ${maps[0]!.table} export: it has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}. Nothing was written.\nIts columns: ${input.header.join(', ')}`,
    );
  }
  // Where each column went: to the first map that takes it (a Jira column may serve requests only).
  const where = plans[0]!.where.map((w) => {
    if (w.to !== 'dropped') return w;
    const other = plans.map((p) => p.where.find((x) => x.column === w.column)).find((x) => x && x.to !== 'dropped');
    return other ?? { column: w.column, to: 'dropped (the model has no place for it)' };
  });

  const loaded = await loadWorkspace(o.root);
  // Teams, CIs and services to match names against, and the records of the kinds imported.
  const existing = readRecords(o.root, loaded, [...new Set<Kind>(['team', 'ci', 'service', ...maps.map((m) => m.kind)])]);
  const matrix = loaded.workspace.policies.priorityMatrix;
  const facts = maps.map((m) => workspaceFacts(m.kind, existing, matrix));
  const lookups = facts[0]!.lookups;
  const defaults = readDefaults(o.defaults, maps, fieldsOf, lookups);
  if (!defaults.ok) throw new ImportInputError(defaults.message);
  const mapping = o.mapping
    ? readMappingFile(
        o.mapping,
        lookups,
        maps.map((m) => m.kind),
        loaded.workspace.policies,
      )
    : EMPTY_MAPPING;
  const history = o.changelog
    ? await readChangelog(o.changelog, { timeZone: o.timeZone, lookups, defaults: {}, mapping, ...(dateFormat ? { dateFormat } : {}) })
    : undefined;
  const contexts = maps.map((m, i): MapContext => {
    const ws = facts[i]!;
    return {
      timeZone: o.timeZone,
      lookups: ws.lookups,
      defaults: defaults.defaults[i]!,
      mapping,
      ...(ws.matrix ? { matrix: ws.matrix } : {}),
      ...(dateFormat ? { dateFormat } : {}),
      ...(o.suggestMap ? { found: emptyDistinct() } : {}),
      ...(history ? { history } : {}),
    };
  });
  // Each record rendered is checked on its own, as `itsm validate` would (its references come from the workspace).
  const validators = getValidators();
  const check: RecordCheck = (kind, file, data, body) =>
    checkRecord(kind, file, data, body, validators, loaded.workspace.policies)
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => `${file}: ${d.rule}: ${d.message}`);
  // New records are checked and written (only checked in a dry run) on another thread as their
  // tickets are finished, while the rows are read; those finished before the date layout is settled
  // wait for it, so an export whose dates never say writes nothing.
  const writer = o.suggestMap ? undefined : startFileWriter({ root: o.root, write: !o.dryRun, policies: loaded.workspace.policies });
  const waiting: RecordFile[] = [];
  let writing = dateFormat !== undefined;
  const startWriting = () => {
    writing = true;
    for (const file of waiting) writer?.write(file);
    waiting.length = 0;
  };
  const emit = writer && ((file: RecordFile) => (writing ? writer.write(file) : waiting.push(file)));
  const folders = maps.map((m, i) => ticketFolder(m, plans[i]!, contexts[i]!, facts[i]!, fieldsOf(m.kind), check, emit));
  const others: BuildResult['skipped'] = [];
  const take = (row: Row) => {
    let what: string | undefined;
    let claimed = false;
    for (const f of folders) {
      const notMine = f.add(row.line, row.cells);
      if (notMine === undefined) claimed = true;
      else what ??= notMine;
    }
    if (!claimed) others.push(unclaimedRow(row.line, what!, maps, o.vendor));
  };
  // Rows are mapped and folded as they are read. Numeric dates wait until the export has shown
  // whether they are day-first or month-first: the rows from the first such date on are held until
  // a date settles it (usually within a few rows), or to the end, where an export that never says is an error.
  const timeAt = plans[0]!.use.flatMap((col, i) => (col && maps[0]!.columns[col]!.time ? [i] : []));
  const held: Row[] = [];
  let settled = dateFormat !== undefined;
  let dates: string | undefined = settled ? `Dates read as ${dateFormat!.text} (--date-format).` : undefined;
  const settle = () => {
    const found = detectDateFormat(timeCells(held, timeAt, input.header), input.unit);
    if (!found.ok) throw new ImportInputError(`${o.file}: ${found.message} Nothing was written.`);
    settled = true;
    startWriting();
    if (found.format) {
      for (const c of contexts) c.dateFormat = found.format;
      dates = `Dates read as ${found.format.text} (detected: ${found.evidence}); give --date-format to read them otherwise.`;
    }
    for (const row of held) take(row);
    held.length = 0;
  };
  let results: BuildResult[];
  try {
    for await (const row of input.rows) {
      if (settled) take(row);
      else if (held.length || timeAt.some((i) => isNumericDate(row.cells[i] ?? ''))) {
        held.push(row);
        if (timeAt.some((i) => settlesDateLayout(row.cells[i] ?? ''))) settle();
      } else take(row);
    }
    if (held.length) settle();
    startWriting();
    // An export not grouped by ticket: the tickets finished before their rows came back are read again.
    if (folders.some((f) => f.scattered().size)) {
      for await (const row of (await openExportRows(o.path, o.file)).rows) for (const f of folders) if (f.scattered().size) f.again(row.line, row.cells);
    }
    results = folders.map((f) => f.end());
  } catch (err) {
    const written = writer ? (await writer.close()).written : 0;
    if (err instanceof ImportInputError && written)
      throw new ImportWriteError(
        `${err.message.replace(/ Nothing was written\.$/, '')} The ${written} records finished before it were written; run the import again once the export is fixed to import the rest.`,
        { cause: err },
      );
    throw err;
  }
  if (o.suggestMap) return suggest(o, results, maps, contexts[0]!);
  const done = writer && (await writer.close());
  const stopped = done?.failed;
  if (stopped)
    throw new ImportWriteError(`stopped at ${stopped.file}: ${stopped.message}. Files written before it stay; run the same import again to continue.`);
  if (!o.dryRun) for (const result of results) rewriteAll(o.root, result.updates);
  const invalid = [...(done?.invalid ?? []), ...results.flatMap((r) => r.invalid)];
  const report = importReport({
    parts: results.map((r, i) => ({ map: maps[i]!, result: r })),
    others,
    where,
    file: o.file,
    rows: input,
    dry: o.dryRun,
    ...(dates ? { dates } : {}),
    invalid,
  });
  const skipped = results.reduce((n, r) => n + r.skipped.length + r.refused.length, 0) + others.length;
  return { report, notImported: skipped + input.badRows.length };
}

type Row = { line: number; cells: string[] };

/**
 * Reads a changelog export into each ticket's changes; a row without a readable time is an error
 * naming it. Its numeric dates are read as --date-format says, else as its own dates show.
 */
async function readChangelog(file: { path: string; file: string }, ctx: MapContext): Promise<Map<string, ChangeRow[]>> {
  checkExportFile(file.path, file.file);
  const input = await openExportRows(file.path, file.file);
  const plan = planChangelog(input.header);
  if ('missing' in plan)
    throw new ImportInputError(
      `${file.file} does not look like a changelog export: it has no ${plan.missing.join(', ')} column. Nothing was written.\nIts columns: ${input.header.join(', ')}`,
    );
  const rows: Row[] = [];
  for await (const row of input.rows) rows.push(row);
  let read = ctx;
  if (!ctx.dateFormat) {
    const found = detectDateFormat(timeCells(rows, [plan.at.at], input.header), input.unit);
    if (!found.ok) throw new ImportInputError(`${file.file}: ${found.message} Nothing was written.`);
    if (found.format) read = { ...ctx, dateFormat: found.format };
  }
  const out = new Map<string, ChangeRow[]>();
  for (const row of rows) {
    const cell = (k: keyof typeof plan.at) => (row.cells[plan.at[k]] ?? '').trim();
    const at = readTime(cell('at'), read);
    if (!at) throw new ImportInputError(`${file.file}: ${input.unit} ${row.line}: "${cell('at')}" is not a time. Nothing was written.`);
    const change: ChangeRow = { line: row.line, field: cell('field'), from: cell('from'), to: cell('to'), at, by: cell('by') };
    const list = out.get(cell('key'));
    if (list) list.push(change);
    else out.set(cell('key'), [change]);
  }
  return out;
}

/** The cells of the columns that hold times, for detecting the date layout. */
function* timeCells(rows: readonly Row[], at: readonly number[], header: readonly string[]): Generator<{ line: number; column: string; text: string }> {
  for (const row of rows) for (const i of at) yield { line: row.line, column: header[i]!, text: row.cells[i] ?? '' };
}

/** Reads and checks --map: every team, person, CI, service and status it names must exist. */
function readMappingFile(file: { path: string; file: string }, lookups: Lookups, kinds: readonly Kind[], policies: Policies): ImportMapping {
  checkExportFile(file.path, file.file);
  let doc: unknown;
  try {
    doc = loadYaml(readFileSync(file.path, 'utf8'));
  } catch (err) {
    throw new ImportInputError(`cannot read the mapping file ${file.file}: ${(err as Error).message}. Nothing was written.`);
  }
  const people = new Set([...lookups.members.values()].flatMap((m) => [...m]));
  const result = readMapping(doc, file.file, {
    teams: new Set(lookups.team.values()),
    people,
    cis: new Set(lookups.ci.values()),
    services: new Set(lookups.service.values()),
    statuses: [...new Set(kinds.flatMap((k) => lifecycle(k).statuses))],
    closeCodes: closeCodesOf(policies),
    ...(policies.vocabulary?.categories ? { categories: policies.vocabulary.categories } : {}),
  });
  if (!result.ok) throw new ImportInputError(`${result.errors.join('\n')}\nNothing was written.`);
  return result.mapping;
}

/** --suggest-map: a starting mapping file from the distinct values of the export; nothing imported. */
function suggest(o: ImportOptions, results: readonly BuildResult[], maps: readonly TableMap[], ctx: MapContext): ImportOutcome {
  const found = results[0]!.found;
  for (const r of results.slice(1)) for (const s of SECTIONS) r.found[s].forEach((n, v) => found[s].set(v, (found[s].get(v) ?? 0) + n));
  const text = suggestMapping(found, (section, value) => guessMapping(section, value, maps[0]!, ctx), o.file);
  try {
    writeFileSync(o.suggestMap!.path, text, { flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImportInputError(
      `cannot write ${o.suggestMap!.file}: ${code === 'EEXIST' ? 'it exists (the mapping is never overwritten; remove it or name another file)' : (err as Error).message}.`,
    );
  }
  const counts = SECTIONS.filter((s) => found[s].size).map((s) => `${s} ${found[s].size}`);
  return {
    report: `Wrote a starting mapping to ${o.suggestMap!.file}${counts.length ? `: ${counts.join(', ')}` : ''}. Nothing was imported.\nFill in the empty values, then run the import with --map ${o.suggestMap!.file}.\n`,
    notImported: 0,
  };
}

/** A kind's fields in schema order (the order imported front matter is written in). */
function fieldsOf(kind: Kind): string[] {
  return Object.keys((readSchemas().documents[kind] as { properties: Record<string, unknown> }).properties);
}

/** Rewrites records imported before and untouched since (checked again just before, never through a link). */
function rewriteAll(root: string, files: ReadonlyArray<{ file: string; text: string }>): void {
  for (const out of files) {
    try {
      const path = safeJoin(root, out.file);
      if (symlinkOnPath(root, out.file) || !lstatSync(path).isFile()) throw new Error('not a regular file');
      writeFileSync(path, out.text);
    } catch (err) {
      throw new ImportWriteError(`stopped at ${out.file}: ${(err as Error).message}. Files written before it stay; run the same import again to continue.`, {
        cause: err,
      });
    }
  }
}

/**
 * Every record file of these kinds, valid or not. The loaded workspace holds only valid
 * records; a file it left out for an error is read as it stands (its source still counts as imported).
 */
function readRecords(root: string, loaded: LoadResult, kinds: readonly Kind[]): ExistingRecord[] {
  const valid = new Map<string, unknown>();
  for (const r of loaded.workspace.records) valid.set(r.file, r.data);
  const out: ExistingRecord[] = [];
  for (const kind of kinds) {
    const folder = `content/${KIND_INFO[kind].folder}`;
    const dir = join(root, folder);
    let names: string[];
    try {
      // Regular files only: a symlink is never followed (`itsm validate` reports it).
      names = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.md'))
        .map((e) => e.name);
    } catch {
      continue;
    }
    for (const name of names) {
      const file = `${folder}/${name}`;
      let text = valid.has(file) ? undefined : readFileSync(join(root, file), 'utf8');
      const data = valid.has(file) ? valid.get(file) : parseFrontMatter(text!, file).data;
      // An import stamped it: its text tells whether it was edited since.
      const stamped = (data as { source?: { hash?: unknown } } | undefined)?.source?.hash !== undefined;
      if (stamped) text ??= readFileSync(join(root, file), 'utf8');
      out.push({ kind, id: name.slice(0, -3), file, data, ...(stamped && text !== undefined ? { text } : {}) });
    }
  }
  return out;
}
