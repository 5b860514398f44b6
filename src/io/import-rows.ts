/**
 * Reading a vendor export into rows: a CSV streamed through csv-parse (a bad row is reported, the
 * rest still read), or a ServiceNow JSON export. The whole export is read before anything is mapped.
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { parse as csvParse } from 'csv-parse';
import type { ExportRows } from '../core/import/build.ts';

/** The export cannot be read at all: nothing is imported. */
export class ImportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportInputError';
  }
}

/** Throws ImportInputError unless `path` is a readable regular file (`file` is how the user named it). */
export function checkExportFile(path: string, file: string): void {
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
  } catch (err) {
    throw new ImportInputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
  }
}

/** Reads a CSV (streamed) or a ServiceNow JSON export into header and rows. */
export async function readExportRows(path: string, file: string): Promise<ExportRows> {
  const head = firstBytes(path, 64)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return readJson(path, file);
  const out: ExportRows = { header: [], unit: 'line', rows: [], badRows: [] };
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
        out.badRows.push({
          line: info.lines,
          reason: `the row has ${record.length} fields, the header ${out.header.length} (a stray comma or an unclosed quote?)`,
        });
        continue;
      }
      out.rows.push({ line: info.lines, cells: record });
    }
  } catch (err) {
    throw new ImportInputError(`cannot read ${file} as CSV: ${(err as Error).message}. Nothing was written.`);
  }
  if (!out.header.length) throw new ImportInputError(`${file} is empty. Nothing was written.`);
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
function readJson(path: string, file: string): ExportRows {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportInputError(`cannot read ${file} as JSON: ${(err as Error).message}. Nothing was written.`);
  }
  const list = Array.isArray(doc) ? doc : ((doc as { records?: unknown }).records ?? (doc as { result?: unknown }).result);
  if (!Array.isArray(list)) throw new ImportInputError(`${file} is JSON but has no "records" or "result" list. Nothing was written.`);
  const header: string[] = [];
  const seen = new Set<string>();
  for (const row of list as unknown[]) {
    for (const k of Object.keys(row ?? {})) {
      if (!seen.has(k)) {
        seen.add(k);
        header.push(k);
      }
    }
  }
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object') return cell((v as { display_value?: unknown; value?: unknown }).display_value ?? (v as { value?: unknown }).value);
    return String(v);
  };
  return {
    header,
    unit: 'record',
    rows: list.map((row, i) => ({ line: i + 1, cells: header.map((h) => cell((row as Record<string, unknown>)?.[h])) })),
    badRows: [],
  };
}
