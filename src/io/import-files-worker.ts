/**
 * Worker thread for the import's file writer (see import-files.ts): writes the batches of record
 * files it is sent, in order, on its own thread, while the main thread goes on reading the export.
 * After a failure it writes nothing more and says which file failed.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { safeJoin, writeFilesInside } from './safe-fs.ts';
import type { FileJob, WriterReport } from './import-files.ts';

const root = (workerData as { root: string }).root;
let written = 0;
let failed: WriterReport['failed'];

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
  if (msg.jobs && !failed) {
    try {
      write(msg.jobs);
    } catch (err) {
      failed = { file: (err as { file: string }).file, message: (err as Error).message };
    }
  }
  if (msg.end) {
    parentPort!.postMessage({ written, ...(failed ? { failed } : {}) } satisfies WriterReport);
    parentPort!.close();
  }
});
