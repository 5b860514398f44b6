/**
 * Writing imported records while the export is still being read: the files go to a worker thread
 * in batches, so creating 25,000 files (mostly the file system's time) overlaps with reading and
 * folding the rows on the main thread. New files never overwrite anything.
 */
import { Worker } from 'node:worker_threads';
import type { RecordFile } from '../core/import/build.ts';
import { siblingModule } from './module-url.ts';

/** A file to write: a new one, or (again) one this run wrote before, replaced, or removed when text is undefined. */
export type FileJob = RecordFile;

/** What the writer did: how many new files it wrote, and the file it stopped at, if any. */
export interface WriterReport {
  written: number;
  failed?: { file: string; message: string };
}

export interface FileWriter {
  write(job: FileJob): void;
  /** Sends what is left and waits for the worker to finish. */
  close(): Promise<WriterReport>;
}

const BATCH = 256;

export function startFileWriter(root: string): FileWriter {
  const worker = new Worker(siblingModule(import.meta.url, 'import-files-worker'), { workerData: { root } });
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
