/**
 * `itsm validate` on disk, fast: each file is read once; unchanged files come from a cache keyed
 * by content hash and by the schemas and policies they were checked against; the rest are parsed
 * on every core (the main thread and worker threads share the work). A run with nothing to parse
 * loads no parser at all.
 */
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { compareDiagnostics, type Diagnostic, type PendingDiagnostic } from '../core/diagnostic.ts';
import { localDate } from '../core/format.ts';
import type { AnyRecord, Policies } from '../core/model.ts';
import { dataQuality } from '../core/validate/data-quality.ts';
import { futureTimes, mayBeInFuture, recordedTimes, type RecordedTimes } from '../core/validate/future-times.ts';
import { REGISTRY } from '../core/kinds/index.ts';
import { timedChecks } from '../core/validate/timed-rules.ts';
import { workspaceChecks } from '../core/validate/workspace-checks.ts';
import type { RecordOutcome } from './analyze.ts';
import { cacheExists, cacheIsCommitted, committedCacheDiagnostic, readCache, writeCache, writeLastRun, type CacheEntry } from './validate-cache.ts';
import { packageVersion } from './version.ts';
import { currentStamp, listWorkspace, readStamped, roleOf, SETTINGS_FILE, strayDiagnostic } from './layout.ts';
import { readTextNoFollow } from './safe-fs.ts';
import { readSchemas } from './schemas.ts';
import { workspaceSchemas } from './schema-overrides.ts';
import { siblingModule } from './module-url.ts';
import { drainJobs, type Job, type JobResult, type SharedJobs } from './validate-drain.ts';

/** Bump when the meaning of cached outcomes changes. */
const CACHE_FORMAT = 9;
/**
 * Below this many files to parse, a worker thread costs more than it saves: its start, its own JIT
 * warm-up and the results it copies back come to 150-200 ms of CPU. Measured on 2 cores with the
 * fast YAML path: level at 10,000 files (wall time alike, a third more CPU), 12% faster at 30,000.
 */
const PARALLEL_THRESHOLD = 15_000;
const ISSUE_FORMS_DIR = '.github/ISSUE_TEMPLATE/';

export interface ValidateRunOptions {
  cache: boolean;
  /** Worker threads to add to the main thread; default: cores - 1. */
  workers?: number;
  /** Parse in parallel only from this many files to parse (default 15,000). */
  parallelThreshold?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * The current instant: adds the data-quality warnings (overdue article reviews, judged by the
   * date in the workspace's zone...), the issue-form freshness check, `time/future` (no
   * milestone or timeline entry more than 5 minutes after it) and the kinds' timed rules (a
   * post-incident review due or overdue).
   */
  now?: Date;
  /**
   * Run the kinds' timed rules given `now` (default true). The site build does not: a review that is
   * late is what its reviews page shows, not a reason to stop publishing.
   */
  timed?: boolean;
}

export interface ValidateRunResult {
  diagnostics: Diagnostic[];
  records: number;
  /** Files whose outcome came from the cache. */
  cached: number;
}

/**
 * A worker thread started as soon as the main thread knows it will parse many files: it loads the
 * parsers and validators while the main thread reads the policies, then claims jobs when sent them.
 * It posts each chunk's results as it finishes it; the main thread takes them in between its own
 * chunks (`poll`), so little is left to take once the files run out (`rest`).
 */
interface ParseWorker {
  run(shared: SharedJobs): RunningWorker;
}

interface RunningWorker {
  /** Takes what the worker has posted so far, without waiting. */
  poll(take: (results: JobResult[]) => void): void;
  /** Takes the rest, until the worker says it is done (rejects if it fails). */
  rest(take: (results: JobResult[]) => void): Promise<void>;
}

function startWorker(): ParseWorker {
  const worker = new Worker(siblingModule(import.meta.url, 'validate-worker'));
  // Until it is given work it does not keep the process alive (a run that stops early just exits).
  worker.unref();
  // Kept from the start: a worker that fails while it loads has ended before anyone waits for it.
  let failure: unknown;
  let exitCode: number | undefined;
  let onExit: (() => void) | undefined;
  worker.once('error', (err) => (failure = err));
  worker.once('exit', (code) => {
    exitCode = code;
    onExit?.();
  });
  return {
    run(shared) {
      const { port1, port2 } = new MessageChannel();
      let done = false;
      const handle = (message: JobResult[] | 'done', take: (results: JobResult[]) => void) => {
        if (message === 'done') done = true;
        else take(message);
      };
      const poll = (take: (results: JobResult[]) => void) => {
        for (let m = receiveMessageOnPort(port1); m && !done; m = receiveMessageOnPort(port1)) handle(m.message as JobResult[] | 'done', take);
      };
      worker.ref();
      worker.postMessage({ shared, port: port2 }, [port2]);
      return {
        poll,
        async rest(take) {
          try {
            await new Promise<void>((resolve, reject) => {
              // On exit, what it posted before may still be queued: taken first, then judged.
              const settle = () => {
                poll(take);
                if (done) resolve();
                else reject(failure instanceof Error ? failure : new Error(`validate worker exited with code ${exitCode} before it was done`));
              };
              if (exitCode !== undefined) return settle();
              onExit = settle;
              port1.on('message', (message: JobResult[] | 'done') => {
                handle(message, take);
                if (done) resolve();
              });
            });
          } finally {
            port1.close();
          }
        },
      };
    },
  };
}

/**
 * Worker threads worth starting besides the main thread: the cores the 1-minute load average leaves
 * free, rounded, and at most all but one. A worker costs a second start and JIT warm-up (about 0.5 s
 * of CPU at 10,000 records); on a core that is busy anyway it only slows the run down (measured on 2
 * cores at load 2: 1.5-1.7 s on one thread, 1.6-2.0 s with a worker).
 */
export function idleWorkers(cores: number, load: number): number {
  return Math.max(0, Math.min(cores - 1, Math.floor(cores - load + 0.5)));
}

/**
 * Checks over the whole workspace: `cross` (references, cycles and offerings across records, policies
 * against records: workspaceChecks), and, given `today` (asked only if a check needs the date), data
 * quality and issue-form freshness. They run on the records' facts, so cached files need no parsing.
 */
async function allRecordChecks(
  cross: readonly PendingDiagnostic[],
  outcomes: readonly RecordOutcome[],
  found: readonly Diagnostic[],
  policies: Policies,
  today: (() => string) | undefined,
  textOf: (rel: string) => string | undefined,
): Promise<PendingDiagnostic[]> {
  const pending = [...cross];
  if (today === undefined) return pending;
  const failing = new Set(found.filter((d) => d.severity === 'error').map((d) => d.file));
  for (const p of pending) if (p.severity === 'error') failing.add(p.file);
  const records = outcomes
    .filter((o) => o.facts?.schemaValid && o.facts.id !== undefined && !failing.has(o.file))
    .map((o) => ({ kind: o.kind, id: o.facts!.id!, file: o.file, data: o.facts!.summary, body: '' }) as unknown as AnyRecord);
  pending.push(...dataQuality({ records }, today));
  // The issue forms are only checked where the workspace has them (their renderer is not small).
  if (textOf(ISSUE_FORMS_DIR + 'report-incident.yml') !== undefined || textOf(ISSUE_FORMS_DIR + 'request-service.yml') !== undefined) {
    const { staleIssueForms } = await import('../core/intake.ts');
    pending.push(...staleIssueForms(records, textOf));
  }
  return pending;
}

/** The recorded times of a record file, read and checked again (undefined if it no longer can be). */
async function recordedTimesOf(root: string, job: Job, policies: Policies): Promise<RecordedTimes | undefined> {
  const [{ analyzeRecord }, { getValidators }] = await Promise.all([import('./analyze.ts'), import('./workspace.ts')]);
  const read = readStamped(`${root}/${job.rel}`);
  if ('unreadable' in read) return undefined;
  const outcome = analyzeRecord(job.rel, job.kind, read.bytes, getValidators(root), policies, true);
  return outcome.facts?.schemaValid && outcome.data ? recordedTimes(REGISTRY.get(job.kind), outcome.data) : undefined;
}

export async function validateOnDisk(root: string, opts: ValidateRunOptions): Promise<ValidateRunResult> {
  const { files, problems } = listWorkspace(root);
  const listed = new Set(files);
  const texts = new Map<string, string | undefined>();
  const textOf = (rel: string): string | undefined => {
    if (!texts.has(rel)) {
      // Listed files are regular files reached through no link; anything else (itsm.yaml and the
      // policies, when not listed; the issue forms) is read only if no link is on its way.
      let text: string | undefined;
      if (listed.has(rel)) {
        try {
          text = readFileSync(join(root, rel), 'utf8');
        } catch {
          text = undefined;
        }
      } else {
        const found = rel.startsWith('content/') || rel === SETTINGS_FILE ? undefined : readTextNoFollow(root, rel);
        text = typeof found === 'string' ? found : undefined;
      }
      texts.set(rel, text);
    }
    return texts.get(rel);
  };
  const jobs: Job[] = [];
  const diagnostics: Diagnostic[] = [...problems];
  const policyFiles: string[] = [];
  for (const rel of files) {
    const role = roleOf(rel);
    if (role.role === 'stray') diagnostics.push(strayDiagnostic(rel, role.reason));
    else if (role.role === 'record') jobs.push({ rel, kind: role.kind });
    else if (role.role === 'policy' || rel === 'itsm.yaml') policyFiles.push(rel);
  }
  const threshold = opts.parallelThreshold ?? PARALLEL_THRESHOLD;
  const extra = Math.min(opts.workers ?? idleWorkers(availableParallelism(), loadavg()[0]!), 7);
  const exists = opts.cache && cacheExists(root);
  // With no cache every file is parsed: the workers start now and load their parsers while this
  // thread reads the policies and the schemas (otherwise they start once the cache says what to parse).
  let workers = !exists && jobs.length >= threshold ? Array.from({ length: extra }, startWorker) : [];
  // Record rules depend on the schemas and the policies: they are the cache's key.
  const overrides = workspaceSchemas(root);
  diagnostics.push(...overrides.diagnostics);
  // The version too: another release may check differently with the same schemas (and the cache
  // keeps what the checks across records found).
  const key = hash('sha1', [packageVersion(), readSchemas().hash, overrides.hash, ...policyFiles.flatMap((rel) => [rel, textOf(rel) ?? ''])].join('\0'));
  // A committed cache would let a commit decide the outcome: it is neither trusted nor rewritten.
  // git answers in the background while the cache is parsed; nothing read from it is used before.
  const asked = exists ? cacheIsCommitted(root) : undefined;
  const read = exists ? readCache(root, CACHE_FORMAT, key) : undefined;
  const committed = (await asked) === true;
  if (committed) diagnostics.push(committedCacheDiagnostic());
  const useCache = opts.cache && !committed;
  const previous = useCache ? read : undefined;
  let policy = previous?.policy;
  if (!policy) {
    const { analyzePolicies } = await import('./workspace.ts');
    const { settings, policies, diagnostics: found } = analyzePolicies(textOf);
    policy = { settings, policies, diagnostics: found };
  }
  diagnostics.push(...policy.diagnostics);

  const entries: Record<string, CacheEntry> = {};
  const outcomes = new Array<RecordOutcome>(jobs.length);
  let done = 0;
  const tick = () => opts.onProgress?.(++done, jobs.length);

  // Warm: a file whose stamp (size, times, inode) is the cached one is not even read; the others
  // with a cached hash are read and hashed here, and reused when the content is the same. Cold: the
  // parsers read.
  const todo: Array<{ job: Job; index: number }> = [];
  let restamped = false;
  if (previous) {
    jobs.forEach((job, index) => {
      const path = `${root}/${job.rel}`;
      const hit = previous.entries[job.rel];
      let reuse: CacheEntry | undefined;
      if (hit?.stamp !== undefined && hit.stamp === currentStamp(path)) reuse = hit;
      else if (hit?.hash !== undefined) {
        const read = readStamped(path);
        if (!('unreadable' in read) && hit.hash === hash('sha1', read.bytes)) {
          // The same entry while its stamp stays the same: the cache journals only entries that changed.
          reuse = read.stamp === hit.stamp ? hit : { hash: hit.hash, outcome: hit.outcome, ...(read.stamp && { stamp: read.stamp }) };
          restamped ||= read.stamp !== hit.stamp;
        }
      }
      if (reuse) {
        outcomes[index] = reuse.outcome;
        entries[job.rel] = reuse;
        tick();
      } else todo.push({ job, index });
    });
  } else jobs.forEach((job, index) => todo.push({ job, index }));
  const cached = jobs.length - todo.length;

  if (workers.length === 0 && todo.length > 0 && todo.length >= threshold) workers = Array.from({ length: extra }, startWorker);
  if (todo.length > 0) {
    const shared: SharedJobs = {
      root,
      jobs: todo.map((t) => t.job),
      policies: policy.policies,
      hashAll: previous !== undefined,
      next: new SharedArrayBuffer(4),
    };
    const take = (results: JobResult[]) => {
      for (const r of results) {
        outcomes[todo[r.index]!.index] = r.entry.outcome;
        entries[r.entry.outcome.file] = r.entry;
        tick();
      }
    };
    const running = workers.map((w) => w.run(shared));
    await drainJobs(shared, (mine) => {
      take(mine);
      for (const w of running) w.poll(take);
    });
    await Promise.all(running.map((w) => w.rest(take)));
  }
  opts.onProgress?.(jobs.length, jobs.length);
  for (const o of outcomes) diagnostics.push(...o.diagnostics);
  const now = opts.now;
  const today = now === undefined ? undefined : () => localDate(now.getTime(), policy.settings.time_zone);
  // The checks across records see only facts: the same files with the same facts find the same.
  const sameFacts =
    previous?.cross !== undefined &&
    cached + todo.length === Object.keys(previous.entries).length &&
    todo.every(({ job, index }) => {
      const before = previous.entries[job.rel];
      return before !== undefined && JSON.stringify(before.outcome.facts) === JSON.stringify(outcomes[index]!.facts);
    });
  const cross = sameFacts ? previous.cross! : workspaceChecks(outcomes, policy.policies);
  const pending = await allRecordChecks(cross, outcomes, diagnostics, policy.policies, today, textOf);
  // Not cached with the record: the same file can be fine today and wrong with another --now.
  if (opts.now) {
    // Outcomes keep only the latest recorded time (as the cache does): a file with one past --now is read again for the list.
    for (const [index, o] of outcomes.entries()) {
      if (!mayBeInFuture(o.facts?.latest, opts.now)) continue;
      const happened = await recordedTimesOf(root, jobs[index]!, policy.policies);
      if (happened) pending.push(...futureTimes(o.file, happened, opts.now));
    }
  }
  if (opts.now && opts.timed !== false) pending.push(...timedChecks(outcomes, opts.now, policy.settings));
  if (pending.length > 0) {
    const { placeLater } = await import('./analyze.ts');
    diagnostics.push(...placeLater(pending, textOf));
  }
  diagnostics.sort(compareDiagnostics);
  if (useCache && (todo.length > 0 || restamped || !previous || Object.keys(previous.entries).length !== jobs.length)) {
    writeCache(root, { format: CACHE_FORMAT, key, policy, entries, cross }, previous);
  }
  if (useCache) writeLastRun(root, { version: packageVersion(), records: jobs.length, diagnostics });
  return { diagnostics, records: jobs.length, cached };
}
