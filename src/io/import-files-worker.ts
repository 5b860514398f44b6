/**
 * Worker thread for the import's file writer (see import-files.ts): checks the records it is sent
 * (schema and the kind's rules, as `itsm validate` would) and writes their files, in order, on its
 * own thread, while the main thread goes on reading the export. After a failure it writes nothing
 * more and says which file failed.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { checkRecord } from '../core/validate/check-record.ts';
import type { FileJob, WriterReport, WriterSetup } from './import-files.ts';
import { safeJoin, writeFilesInside } from './safe-fs.ts';
import { getValidators } from './workspace.ts';

const { root, write: writing, policies } = workerData as WriterSetup;
const validators = getValidators();
/** Each checked file's problems, one line each (replaced when its ticket is folded again). */
const problems = new Map<string, string[]>();
let written = 0;
let failed: WriterReport['failed'];

function check(job: FileJob): void {
  if (!job.record) {
    if (job.again) problems.delete(job.file);
    return;
  }
  const { kind, data, body } = job.record;
  const lines = checkRecord(kind, job.file, data, body, validators, policies)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${job.file}: ${d.rule}: ${d.message}`);
  if (lines.length) problems.set(job.file, lines);
  else problems.delete(job.file);
}

function write(jobs: readonly FileJob[]): void {
  // New files the careful way (never overwriting, never through a link); a file this run wrote
  // before and now folded again is replaced, or removed when its ticket no longer makes a record.
  const fresh: Array<{ file: string; text: string }> = [];
  const flush = () => {
    writeFilesInside(root, fresh, (file, err) => {
      throw Object.assign(new Error((err as Error).message), { file });
    });
    written += fresh.length;
    fresh.length = 0;
  };
  for (const job of jobs) {
    if (!job.again && job.text !== undefined) {
      fresh.push({ file: job.file, text: job.text });
      continue;
    }
    flush();
    try {
      if (job.text === undefined) rmSync(safeJoin(root, job.file), { force: true });
      else writeFileSync(safeJoin(root, job.file), job.text);
    } catch (err) {
      throw Object.assign(new Error((err as Error).message), { file: job.file });
    }
  }
  flush();
}

parentPort!.on('message', (msg: { jobs?: FileJob[]; end?: boolean }) => {
  for (const job of msg.jobs ?? []) check(job);
  if (msg.jobs && writing && !failed) {
    try {
      write(msg.jobs);
    } catch (err) {
      failed = { file: (err as { file: string }).file, message: (err as Error).message };
    }
  }
  if (msg.end) {
    parentPort!.postMessage({ written, ...(failed ? { failed } : {}), invalid: [...problems.values()].flat() } satisfies WriterReport);
    parentPort!.close();
  }
});
