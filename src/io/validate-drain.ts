/**
 * The per-file work of `itsm validate`, shared by the main thread and the worker threads: claim a
 * chunk of files, read, hash and analyze each, hand the chunk's results on. Kept apart from
 * validate-run.ts so a worker loads only what this needs, and starts sooner.
 */
import { hash } from 'node:crypto';
import type { Kind } from '../core/ids.ts';
import type { Policies } from '../core/model.ts';
import type { RecordOutcome } from './analyze.ts';
import { readStamped, unreadableDiagnostic } from './layout.ts';
import type { CacheEntry } from './validate-cache.ts';

export interface Job {
  rel: string;
  kind: Kind;
}

export interface SharedJobs {
  root: string;
  jobs: Job[];
  policies: Policies;
  /** Keep every file's content hash (warm runs); otherwise only for files too fresh for a stamp (CacheEntry.hash). */
  hashAll: boolean;
  /** Int32 counter of the next unclaimed job, shared by every thread. */
  next: SharedArrayBuffer;
}

/** A job's outcome as the cache keeps it (made here, so the main thread only files it). */
export type JobResult = { index: number; entry: CacheEntry };

/** Files are claimed in chunks from a shared counter, so a worker that starts late simply takes fewer. */
const CHUNK = 64;

/**
 * Claims chunks of jobs until none are left: reads, hashes and analyzes each in this thread, and
 * gives each chunk's results to `onChunk` as soon as it is done (a worker posts them then, so the
 * main thread takes them in while it still has files of its own to parse, not all at the end).
 */
export async function drainJobs(shared: SharedJobs, onChunk: (results: JobResult[]) => void): Promise<void> {
  const [{ analyzeRecord }, { getValidators }] = await Promise.all([import('./analyze.ts'), import('./workspace.ts')]);
  const v = getValidators(shared.root);
  const next = new Int32Array(shared.next);
  for (let start = Atomics.add(next, 0, CHUNK); start < shared.jobs.length; start = Atomics.add(next, 0, CHUNK)) {
    const out: JobResult[] = [];
    for (let index = start; index < Math.min(start + CHUNK, shared.jobs.length); index++) {
      const job = shared.jobs[index]!;
      const read = readStamped(`${shared.root}/${job.rel}`);
      let entry: CacheEntry;
      if ('unreadable' in read)
        entry = { outcome: { file: job.rel, kind: job.kind, facts: undefined, diagnostics: [unreadableDiagnostic(job.rel, read.unreadable)] } };
      else {
        const outcome: RecordOutcome = analyzeRecord(job.rel, job.kind, read.bytes, v, shared.policies, false);
        if (!read.stamp) entry = { hash: hash('sha1', read.bytes), outcome };
        else entry = shared.hashAll ? { hash: hash('sha1', read.bytes), outcome, stamp: read.stamp } : { outcome, stamp: read.stamp };
      }
      out.push({ index, entry });
    }
    onChunk(out);
  }
}
