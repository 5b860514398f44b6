/**
 * Reading a vendor export into rows: a CSV streamed through csv-parse (a bad row is reported, the
 * rest still read), or a ServiceNow JSON export. Rows are handed on one at a time as they are read.
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

/** An export opened for reading: its header, and its rows to be read once, in order (badRows fills as they are). */
export interface ExportStream extends ExportRows {
  rows: AsyncIterable<{ line: number; cells: string[] }>;
}

/**
 * Opens a CSV (streamed: a row at a time, never the whole file) or a ServiceNow JSON export and
 * reads its header. A CSV that breaks part-way throws ImportInputError while its rows are read.
 */
export async function openExportRows(path: string, file: string): Promise<ExportStream> {
  const head = firstBytes(path, 64)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return readJson(path, file);
  const badRows: ExportRows['badRows'] = [];
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
        if (badRows.at(-1)?.line !== line) badRows.push({ line, reason: err?.message ?? 'unreadable row' });
        return undefined;
      },
    }),
  );
  const records = (parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)[Symbol.asyncIterator]();
  const unreadable = (err: unknown) => new ImportInputError(`cannot read ${file} as CSV: ${(err as Error).message}. Nothing was written.`);
  let first: IteratorResult<{ record: string[] }>;
  try {
    first = await records.next();
  } catch (err) {
    parser.destroy();
    throw unreadable(err);
  }
  if (first.done) {
    parser.destroy();
    throw new ImportInputError(`${file} is empty. Nothing was written.`);
  }
  const header = first.value.record;
  async function* rows(): AsyncGenerator<{ line: number; cells: string[] }> {
    try {
      for (;;) {
        let next: IteratorResult<{ record: string[]; info: { lines: number } }>;
        try {
          next = await records.next();
        } catch (err) {
          throw unreadable(err);
        }
        if (next.done) return;
        const { record, info } = next.value;
        if (record.length !== header.length) {
          badRows.push({
            line: info.lines,
            reason: `the row has ${record.length} fields, the header ${header.length} (a stray comma or an unclosed quote?)`,
          });
          continue;
        }
        yield { line: info.lines, cells: record };
      }
    } finally {
      parser.destroy();
    }
  }
  return { header, unit: 'line', rows: rows(), badRows };
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
function readJson(path: string, file: string): ExportStream {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportInputError(`cannot read ${file} as JSON: ${(err as Error).message}. Nothing was written.`);
  }
  const found = Array.isArray(doc) ? doc : ((doc as { records?: unknown }).records ?? (doc as { result?: unknown }).result);
  if (!Array.isArray(found)) throw new ImportInputError(`${file} is JSON but has no "records" or "result" list. Nothing was written.`);
  const list: unknown[] = found;
  const header: string[] = [];
  const seen = new Set<string>();
  for (const row of list) {
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
  async function* rows(): AsyncGenerator<{ line: number; cells: string[] }> {
    for (let i = 0; i < list.length; i++) yield { line: i + 1, cells: header.map((h) => cell((list[i] as Record<string, unknown>)?.[h])) };
  }
  return { header, unit: 'record', rows: rows(), badRows: [] };
}
