/**
 * `itsm import` behind the command: reads the whole export first, maps every row, and only then
 * writes, so bad input (unknown columns, an unreadable file, an unknown --default) writes nothing.
 * Existing files are never overwritten, and rows imported before (found by the `source` field of
 * the records) are skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_INFO, type Kind } from '../core/ids.ts';
import { buildRecords, importReport, readDefaults, unclaimedRows, workspaceFacts, type ExistingRecord } from '../core/import/build.ts';
import { normalizeHeader } from '../core/import/convert.ts';
import { JIRA_INCIDENTS } from '../core/import/jira.ts';
import { planHeader, type MapContext, type TableMap } from '../core/import/map.ts';
import { parseFrontMatter } from '../core/front-matter.ts';
import { checkExportFile, ImportInputError, readExportRows } from './import-rows.ts';
import { writeFileInside } from './safe-fs.ts';
import { readSchemas } from './schemas.ts';
import { loadWorkspace, type LoadResult } from './workspace.ts';

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
}

export interface ImportOutcome {
  report: string;
  /** Rows not imported (bad, skipped or of another type): the command exits 1 when there are any. */
  notImported: number;
}

/** Imports an export; throws ImportInputError (nothing written) or ImportWriteError. */
export async function importExport(o: ImportOptions): Promise<ImportOutcome> {
  checkExportFile(o.path, o.file);
  const rows = await readExportRows(o.path, o.file);
  let maps = o.maps;
  // Without an Issue Type column every Jira row is taken for an incident.
  if (o.vendor === 'jira' && !rows.header.some((h) => normalizeHeader(h) === 'issue_type')) maps = [JIRA_INCIDENTS];
  const plans = maps.map((m) => planHeader(m, rows.header));
  const missing = plans[0]!.missing;
  const what = `${o.vendor} ${maps[0]!.table}`;
  if (missing.length) {
    throw new ImportInputError(
      `${o.file} does not look like a ${what} export: it has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}. Nothing was written.\nIts columns: ${rows.header.join(', ')}`,
    );
  }
  const unknown = plans[0]!.unknown.filter((h) => plans.every((p) => p.unknown.includes(h)));
  if (unknown.length) {
    throw new ImportInputError(
      `${o.file} has column${unknown.length === 1 ? '' : 's'} that ${what} exports do not have: ${unknown.join(', ')}. Nothing was written.\n${o.vendor === 'jira' ? 'Export with "CSV (all fields)"; custom fields are named "Custom field (...)".' : 'Check that --table matches the export; custom columns start with u_.'}`,
    );
  }
  const notImported = [...new Set(rows.header.filter((h, i) => plans.every((p) => p.use[i] === undefined) && !unknown.includes(h)))];

  const loaded = await loadWorkspace(o.root);
  // Teams, CIs and services to match names against, and the records of the kinds imported.
  const existing = readRecords(o.root, loaded, [...new Set<Kind>(['team', 'ci', 'service', ...maps.map((m) => m.kind)])]);
  const matrix = loaded.workspace.policies.priorityMatrix;
  const facts = maps.map((m) => workspaceFacts(m.kind, existing, matrix));
  const defaults = readDefaults(o.defaults, maps, fieldsOf, facts[0]!.lookups);
  if (!defaults.ok) throw new ImportInputError(defaults.message);
  const results = maps.map((m, i) => {
    const ws = facts[i]!;
    const ctx: MapContext = { timeZone: o.timeZone, lookups: ws.lookups, defaults: defaults.defaults[i]!, ...(ws.matrix ? { matrix: ws.matrix } : {}) };
    return buildRecords(m, plans[i]!, rows.rows, ctx, ws, fieldsOf(m.kind));
  });
  const others = unclaimedRows(rows.rows, results, maps, o.vendor);
  if (!o.dryRun) for (const result of results) writeAll(o.root, result.files);
  const report = importReport(
    results.map((r, i) => ({ map: maps[i]!, result: r })),
    others,
    notImported,
    o.file,
    rows,
    o.dryRun,
  );
  const skipped = results.reduce((n, r) => n + r.skipped.length, 0) + others.length;
  return { report, notImported: skipped + rows.badRows.length };
}

/** A kind's fields in schema order (the order imported front matter is written in). */
function fieldsOf(kind: Kind): string[] {
  return Object.keys((readSchemas().documents[kind] as { properties: Record<string, unknown> }).properties);
}

/** Writes the new files one after another (never overwriting). Measured: on this kind of file
 * system, concurrent creates in one folder contend and are slower than a plain loop. */
function writeAll(root: string, files: ReadonlyArray<{ file: string; text: string }>): void {
  for (const out of files) {
    try {
      writeFileInside(root, out.file, out.text);
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
      const data = valid.has(file) ? valid.get(file) : parseFrontMatter(readFileSync(join(root, file), 'utf8'), file).data;
      out.push({ kind, id: name.slice(0, -3), file, data });
    }
  }
  return out;
}
