/**
 * Checking and writing imported records while the export is still being read: the files go to a
 * worker thread in batches, so checking each record and creating 25,000 files (mostly the file
 * system's time) overlap with reading and folding the rows on the main thread. New files never
 * overwrite anything.
 */
import { Worker } from 'node:worker_threads';
import type { RecordFile } from '../core/import/build.ts';
import type { Policies } from '../core/model.ts';
import { siblingModule } from './module-url.ts';

/** A file to write: a new one, or (again) one this run wrote before, replaced, or removed when text is undefined. */
export type FileJob = RecordFile;

/** What the writer did: how many new files it wrote, the file it stopped at, if any, and the problems of the records it checked. */
export interface WriterReport {
  written: number;
  failed?: { file: string; message: string };
  invalid: string[];
}

export interface FileWriter {
  write(job: FileJob): void;
  /** Sends what is left and waits for the worker to finish. */
  close(): Promise<WriterReport>;
}

const BATCH = 256;

/** What the worker is given: where to write (nothing with `write` false: a dry run), and the policies records are checked against. */
export interface WriterSetup {
  root: string;
  write: boolean;
  policies: Policies;
}

/** Starts the worker; each file's `record`, when given, is checked there (schema and rules) before it is written. */
export function startFileWriter(setup: WriterSetup): FileWriter {
  const worker = new Worker(siblingModule(import.meta.url, 'import-files-worker'), { workerData: setup });
  let batch: FileJob[] = [];
  const report = new Promise<WriterReport>((resolve, reject) => {
    worker.once('message', (r: WriterReport) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('the file writer stopped unexpectedly')));
  });
  return {
    write(job) {
      batch.push(job);
      if (batch.length < BATCH) return;
      worker.postMessage({ jobs: batch });
      batch = [];
    },
    async close() {
      worker.postMessage({ jobs: batch, end: true });
      batch = [];
      return report;
    },
  };
}
