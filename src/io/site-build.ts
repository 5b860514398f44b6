/**
 * Builds the static site: gather the data once (validate, SLA, history, reports), render it with
 * Astro's programmatic build, then index it with the Pagefind CLI. A workspace with validation errors
 * builds nothing: the caller prints the same diagnostics as `itsm validate`.
 * A sharded build (`shard`) renders a share of the record pages (and the shared pages in shard 1),
 * writes a manifest instead of a search index; src/io/site-merge.ts joins the shards and indexes them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { load } from 'js-yaml';
import { dirname, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { normalizeBase } from '../core/site/links.ts';
import type { Shard } from '../core/site/shard.ts';
import { readTextNoFollow } from './safe-fs.ts';
import { dependencyFolder, packagePath } from './package-root.ts';
import { makeBuildFolder, outputProblem, removeDeadBuildFolders, SITE_MARKER, SITE_MARKER_TEXT } from './site-output.ts';
import { gatherSiteData, hasSharedPages, type RecordsData } from './site-data.ts';
import { writeShardManifest } from './site-shards.ts';
import { readProposedFile, type ProposedEntry } from './collisions-run.ts';

const SITE_DATA_KEY = Symbol.for('itsm.site-data');

export interface BuildSiteOptions {
  /** The workspace (content/ and itsm.yaml). */
  root: string;
  /** Where the site is written (replaced when the build succeeds). */
  out: string;
  /** Base path the site is served under, e.g. /itsm/ (default: itsm.yaml's site_base, else /). */
  base?: string;
  /** The instant the site shows data as of (default: now). */
  now?: string;
  /**
   * Whether the site counts down from the reader's clock (default: when `now` is not given). A
   * sharded live build gives every shard the same `now` and live.
   */
  live?: boolean;
  /** Build only this shard of the site (no search index: the merge makes it). */
  shard?: Shard;
  /** `itsm collisions --out` JSON: changes proposed in open pull requests, marked on the calendar. */
  proposed?: string;
  onLog?: (line: string) => void;
}

export interface BuildSiteResult {
  /** False when validation failed and nothing was written. */
  built: boolean;
  /** HTML pages written (0 when validation failed; a shard may also have none of its own). */
  pages: number;
  diagnostics: Diagnostic[];
  /** Records read (for the validation summary). */
  records: number;
  /** Record pages rendered: every record's, or the shard's share. */
  shardRecords: number;
  /** Milliseconds per stage. */
  timings: { data: number; astro: number; pagefind: number };
}

export class SiteBuildError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SiteBuildError';
  }
}

let building = Promise.resolve();

/** Builds one site. Builds in one process run one at a time (the page data is handed over globally). */
export function buildSite(opts: BuildSiteOptions): Promise<BuildSiteResult> {
  const run = building.then(() => buildOnce(opts));
  building = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

async function buildOnce(opts: BuildSiteOptions): Promise<BuildSiteResult> {
  const log = opts.onLog ?? (() => {});
  const out = resolve(opts.out);
  const root = resolve(opts.root);
  const problem = outputProblem(out, root);
  if (problem) throw new SiteBuildError(problem);
  const t0 = Date.now();
  let proposed: ProposedEntry[] | undefined;
  if (opts.proposed !== undefined) {
    try {
      proposed = readProposedFile(opts.proposed);
    } catch (err) {
      throw new SiteBuildError(`cannot read the proposed changes ${opts.proposed}: ${(err as Error).message}`, { cause: err });
    }
  }
  const now = opts.now ?? new Date().toISOString();
  const gathered = await gatherSiteData({
    root,
    base: normalizeBase(opts.base ?? configuredBase(root)),
    now,
    live: opts.live ?? opts.now === undefined,
    ...(opts.shard ? { shard: opts.shard } : {}),
    ...(proposed ? { proposed } : {}),
    onLog: log,
  });
  const timings = { data: Date.now() - t0, astro: 0, pagefind: 0 };
  if (!gathered.data) return { built: false, pages: 0, diagnostics: gathered.diagnostics, records: gathered.records, shardRecords: 0, timings };
  // Built next to `out` (same file system: the final move is a rename), in a folder whose
  // node_modules points at the one holding Astro (this package's, or that of the project which
  // installed itsm), because Astro imports its prerender bundle from there.
  // The folder goes however the build ends: success, error, exit, SIGINT, SIGTERM.
  mkdirSync(dirname(out), { recursive: true });
  const { work, detach } = temporaryBuildFolder(out, log);
  try {
    symlinkSync(dependencyFolder('astro'), join(work, 'node_modules'), 'junction');
    const site = join(work, 'site');
    const t1 = Date.now();
    // The JSON twins go first, and their data is let go before Astro renders: a kind's list holds
    // every record's front matter, which no page needs.
    const api = join(work, 'api');
    writeApi(gathered.data, api);
    gathered.data.api = new Map();
    gathered.data.renderOnce = true;
    await astroBuild(gathered.data, work, site);
    renameSync(api, join(site, 'api'));
    writeFileSync(join(site, SITE_MARKER), SITE_MARKER_TEXT);
    timings.astro = Date.now() - t1;
    log(`astro: rendered in ${timings.astro} ms`);
    if (opts.shard) {
      const { records, base, live } = gathered.data;
      writeShardManifest(site, { shard: opts.shard, records: records.length, fingerprint: gathered.fingerprint, now, live, base });
    } else {
      const t2 = Date.now();
      await runPagefind(site, log);
      timings.pagefind = Date.now() - t2;
      log(`pagefind: indexed in ${timings.pagefind} ms`);
    }
    moveDir(site, out);
    return {
      built: true,
      pages: countPages(out),
      diagnostics: gathered.diagnostics,
      records: gathered.records,
      shardRecords: gathered.data.records.length,
      timings,
    };
  } finally {
    detach();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Child processes of running builds (Pagefind): stopped before their folder is removed on a signal. */
const children = new Set<ChildProcess>();

/**
 * A new temporary folder beside `out` for a build to work in (see makeBuildFolder), removed if the
 * process ends before the build does (see removeOnExit). The handlers are in place before the
 * folder exists: a signal that comes as soon as the folder can be seen still removes it (armed
 * after it, a signal in between ended the process with the default action and left the folder).
 */
export function temporaryBuildFolder(out: string, log: (line: string) => void): { work: string; detach: () => void } {
  // Folders of earlier builds that were killed outright (out of memory, SIGKILL) go first.
  for (const line of removeDeadBuildFolders(out)) log(line);
  let work: string | undefined;
  const detach = removeOnExit(() => work);
  try {
    work = makeBuildFolder(out);
  } catch (err) {
    detach();
    throw err;
  }
  return { work, detach };
}

/**
 * Removes the folder `folder()` names (none yet: nothing to remove) if the process ends before the
 * build does: on exit, and on SIGINT or SIGTERM, after which the signal is raised again so the
 * process ends as it would have. Returns the detacher.
 */
function removeOnExit(folder: () => string | undefined): () => void {
  const remove = () => {
    for (const child of children) child.kill('SIGKILL');
    const dir = folder();
    if (dir === undefined) return;
    // Astro's file writes still queued on libuv's thread pool may land after a first removal and
    // recreate the folder (recursive mkdir): remove again until it stays gone for a moment.
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let attempt = 0; attempt < 20; attempt++) {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 10 });
      Atomics.wait(pause, 0, 0, 25);
      if (!existsSync(dir)) break;
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    detach();
    process.kill(process.pid, signal);
  };
  const detach = () => {
    process.off('exit', remove);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('exit', remove);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return detach;
}

/**
 * itsm.yaml's site_base, read before the workspace is loaded: Astro needs the base path when it
 * starts bundling. (The loader reads and validates the same file; an invalid one stops the build.)
 */
function configuredBase(root: string): string {
  const text = readTextNoFollow(root, 'itsm.yaml');
  if (typeof text !== 'string') return '/';
  try {
    const doc = load(text) as { site_base?: unknown } | null;
    return typeof doc?.site_base === 'string' ? doc.site_base : '/';
  } catch {
    return '/';
  }
}

/**
 * The static API (`dir` becomes /api/): <ID>.json per record and <folder>.json per kind. Written directly: as
 * Astro routes they doubled the number of pages Astro renders, for a JSON.stringify each.
 */
function writeApi(data: RecordsData, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, doc] of data.api) writeJson(join(dir, `${name}.json`), doc);
}

/**
 * Writes `doc` as JSON.stringify(doc, null, 2) would, byte for byte. A kind's list (`records`, its
 * last key) is written record by record: at 100,000 incidents it is 150 MB, too much for one string.
 */
function writeJson(path: string, doc: unknown): void {
  const list = (doc as { records?: unknown } | null)?.records;
  const keys = doc && typeof doc === 'object' ? Object.keys(doc) : [];
  if (!Array.isArray(list) || list.length < 1000 || keys.at(-1) !== 'records') {
    writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
    return;
  }
  const shell = JSON.stringify({ ...(doc as object), records: [] }, null, 2);
  const fd = openSync(path, 'w');
  try {
    let chunk = shell.slice(0, shell.lastIndexOf('[]')) + '[\n';
    list.forEach((item, i) => {
      // Nested one level deeper than on its own; JSON escapes newlines inside strings, so every \n is a line break.
      chunk += '    ' + JSON.stringify(item, null, 2).replaceAll('\n', '\n    ') + (i < list.length - 1 ? ',\n' : '\n');
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    });
    writeSync(fd, chunk + '  ]\n}\n');
  } finally {
    closeSync(fd);
  }
}

async function astroBuild(data: RecordsData, work: string, out: string): Promise<void> {
  const { build } = await import('astro');
  const g = globalThis as { [SITE_DATA_KEY]?: Promise<RecordsData> };
  // The record pages are routed by astro.config.mjs; the shared pages are src/site/pages. A shard
  // without them gets an empty pages folder instead, so Astro neither routes nor renders them.
  let srcDir = packagePath('src/site');
  if (!hasSharedPages(data)) {
    srcDir = join(work, 'records-only');
    mkdirSync(join(srcDir, 'pages'), { recursive: true });
  }
  g[SITE_DATA_KEY] = Promise.resolve(data);
  // Vite's cache per build: builds in parallel processes (tests, bench) must not share it.
  const cacheDir = join(work, 'vite-cache');
  // Astro keeps its prerender bundle inside the output only when the output is under the working
  // directory (otherwise it uses ./.astro of the working directory, shared by parallel builds).
  const cwd = process.cwd();
  process.chdir(work);
  try {
    await build({
      // The temporary folder is Astro's root, so everything Astro writes (.astro/, its caches) lands
      // there and goes with it, never in this package's checkout; the config and pages come from here.
      root: work,
      configFile: relative(work, packagePath('astro.config.mjs')),
      srcDir,
      publicDir: packagePath('src/site/public'),
      outDir: out,
      base: normalizeBase(data.base),
      cacheDir,
      // Failures come back as exceptions; ITSM_ASTRO_LOG=info shows Astro's own stage timings.
      logLevel: process.env.ITSM_ASTRO_LOG === 'info' ? 'info' : 'silent',
      // Vite's dependency cache defaults to <root>/node_modules/.vite: through the link above, the shared one.
      vite: { logLevel: 'silent', clearScreen: false, cacheDir: join(work, 'vite-deps') },
    });
  } catch (err) {
    throw new SiteBuildError(`astro build failed: ${(err as Error).message}`, { cause: err });
  } finally {
    process.chdir(cwd);
    delete g[SITE_DATA_KEY];
  }
}

/** Replaces `to` with `from`: a rename on one file system, a copy across two. */
export function moveDir(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    cpSync(from, to, { recursive: true });
  }
}

/** Runs the Pagefind CLI over the built site; a failure fails the build with its output. */
export function runPagefind(out: string, log: (s: string) => void): Promise<void> {
  const bin = join(dependencyFolder('pagefind'), 'pagefind/lib/runner/bin.cjs');
  return new Promise((resolvePromise, reject) => {
    // Fragments bundled into at most 1,000 files: writing one file per record page was most of the
    // indexing time on large sites (system time), and a search result still loads only a few KB.
    const child = spawn(process.execPath, [bin, '--site', out, '--silent', '--max-fragments', '1000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.on('close', () => children.delete(child));
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (err) => reject(new SiteBuildError(`cannot run pagefind: ${err.message}`, { cause: err })));
    child.on('close', (code) => {
      if (code === 0) {
        if (output.trim()) log(output.trim());
        resolvePromise();
      } else reject(new SiteBuildError(`pagefind failed (exit ${code}):\n${output.trim()}`));
    });
  });
}

export function countPages(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind')).length;
}
