/**
 * Bench stage: the history reader on a generated repository of 10,000 records and 20,000 commits
 * (built in seconds with `git fast-import`), next to its floors measured in the same run:
 *   - history index (commit, author, date, PR, paths) vs one bare `git log --name-status`
 *   - history with field diffs of every record vs that log + one `git cat-file --batch` of every
 *     version + a js-yaml `load` of each version's front matter.
 * Each figure is the best of three runs, since other work shares the cores.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { readHistory, readRecordHistories } from '../../src/io/history.ts';
import { fmt, measureItsm, ratio } from './measure.ts';
import { rng, syntheticIncident } from './synthetic.ts';
import type { BenchContext } from '../bench.ts';

const RECORDS = 10_000;
const COMMITS = 20_000;
/** Records added per commit while the workspace fills up. */
const ADDED_PER_COMMIT = 2;
/** One edit in this many goes through a branch and a "Merge pull request" commit. */
const MERGE_EVERY = 10;

/**
 * The generated repository is kept between runs (fast-import spends most of a minute writing 20,000
 * versions of a 10,000-entry tree); BENCH_FRESH=1 rebuilds it.
 */
const CACHE = fileURLToPath(new URL(`../../.cache/bench-history-${RECORDS}-${COMMITS}-v1/`, import.meta.url));

export async function bench(ctx: BenchContext): Promise<void> {
  const dir = CACHE;
  const t0 = performance.now();
  let how = 'reused from .cache/';
  if (process.env.BENCH_FRESH || !isComplete(dir)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await buildRepository(dir);
    how = `built with git fast-import in ${fmt(performance.now() - t0)}`;
  }
  const merges = Number(runGit(dir, ['rev-list', '--count', '--merges', 'main']).trim());
  ctx.log(`history, ${RECORDS.toLocaleString('en')} records and ${COMMITS.toLocaleString('en')} commits (${merges.toLocaleString('en')} PR merges; ${how})`);

  const gitLog = best(() => timeSync(() => runGit(dir, ['log', '--name-status'])));
  const index = await bestAsync(() => timeAsync(() => readHistory(dir, { paths: ['content'], contents: false })));
  const blobs = runGit(dir, ['log', '--raw', '--no-abbrev', '--format='])
    .split('\n')
    .map((l) => l.split(' ')[3])
    .filter((s): s is string => !!s && !/^0+$/.test(s));
  const catAndParse = await bestAsync(() => timeAsync(() => catFileAndParse(dir, blobs)));
  let versions = 0;
  const full = await bestAsync(() =>
    timeAsync(async () => {
      const { records } = await readRecordHistories(dir);
      versions = 0;
      for (const entries of records.values()) versions += entries.length;
    }),
  );
  const fullFloor = gitLog + catAndParse;
  // One record's story: a log limited to its path. Changed-path Bloom filters in a commit graph let git
  // skip the commits that do not touch it; measured without, then with (removed again afterwards).
  const one = ['history', 'INC-005000', '--format', 'json'];
  const single = best(() => measureItsm(one, dir).ms);
  runGit(dir, ['commit-graph', 'write', '--reachable', '--changed-paths']);
  const singleBloom = best(() => measureItsm(one, dir).ms);
  rmSync(join(dir, '.git/objects/info/commit-graph'), { force: true });
  rmSync(join(dir, '.git/objects/info/commit-graphs'), { recursive: true, force: true });
  ctx.table([
    ['stage', 'time', 'vs floor', 'target'],
    ['floor: git log --name-status', fmt(gitLog), '', ''],
    ['history index (readHistory, no contents)', fmt(index), `${ratio(index, gitLog)} of git log`, '< 3 s, <= 1.5x'],
    [`floor: git log + cat-file --batch of ${blobs.length.toLocaleString('en')} versions + js-yaml load`, fmt(fullFloor), '', ''],
    [`history with field diffs (${versions.toLocaleString('en')} versions)`, fmt(full), `${ratio(full, fullFloor)} of floor`, '<= 1.5x'],
    ['itsm history <ID> (process start included)', fmt(single), `${ratio(single, gitLog)} of git log`, ''],
    ['  the same with a commit graph with changed paths', fmt(singleBloom), `${ratio(singleBloom, gitLog)} of git log`, ''],
  ]);
}

function isComplete(dir: string): boolean {
  if (!existsSync(join(dir, '.git'))) return false;
  const r = spawnSync('git', ['rev-list', '--count', 'main'], { cwd: dir, encoding: 'utf8' });
  return r.status === 0 && Number(r.stdout.trim()) === COMMITS;
}

/** Streams the whole history into `git fast-import`: no working tree, no per-commit processes. */
async function buildRepository(dir: string): Promise<void> {
  runGit(dir, ['init', '-q', '-b', 'main']);
  const random = rng(7);
  const contents: string[] = [];
  const chunks: string[] = [];
  let mark = 0;
  let commits = 0;
  let time = Date.UTC(2025, 0, 1) / 1000;
  const people = ['Ada Lovelace <ada@example.com>', 'Grace Hopper <grace@example.com>', 'Linus Pauling <linus@example.com>'];
  const commit = (ref: string, message: string, files: Array<[string, string]>, from?: number, merge?: number): number => {
    const who = people[commits % people.length]!;
    time += 600;
    commits++;
    const lines = [`commit ${ref}`, `mark :${++mark}`, `author ${who} ${time} +0000`, `committer ${who} ${time} +0000`, data(message)];
    if (from !== undefined) lines.push(`from :${from}`);
    if (merge !== undefined) lines.push(`merge :${merge}`);
    for (const [path, text] of files) lines.push(`M 100644 inline ${path}`, data(text));
    chunks.push(lines.join('\n') + '\n');
    return mark;
  };
  const path = (n: number) => `content/incidents/INC-${String(n).padStart(6, '0')}.md`;
  let main = 0;
  for (let n = 1; n <= RECORDS; n += ADDED_PER_COMMIT) {
    const files: Array<[string, string]> = [];
    for (let k = n; k < n + ADDED_PER_COMMIT && k <= RECORDS; k++) {
      contents[k] = syntheticIncident(k, random, 20, 200).replace('status: resolved', 'status: in_progress');
      files.push([path(k), contents[k]!]);
    }
    main = commit('refs/heads/main', `Report incidents ${n}-${n + ADDED_PER_COMMIT - 1}`, files, main || undefined);
  }
  let pr = 1;
  while (commits < COMMITS) {
    const k = 1 + Math.floor(random() * RECORDS);
    const edited = editRecord(contents[k]!, commits);
    contents[k] = edited;
    if (commits % MERGE_EVERY === 0 && commits + 2 <= COMMITS) {
      const branch = commit('refs/heads/topic', `Update INC-${k}`, [[path(k), edited]], main);
      main = commit('refs/heads/main', `Merge pull request #${pr++} from northwind/topic`, [[path(k), edited]], main, branch);
    } else {
      main = commit('refs/heads/main', `Update INC-${k} (#${pr++})`, [[path(k), edited]], main);
    }
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited with ${code}`))));
    child.stdin.end(chunks.join(''));
  });
  runGit(dir, ['checkout', '-q', '-f', 'main']);
}

/** A realistic edit: the priority moves or a timeline entry is appended. */
function editRecord(text: string, n: number): string {
  if (n % 3 === 0) return text.replace(/priority: P(\d)/, (_, p: string) => `priority: P${(Number(p) % 5) + 1}`);
  const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString().replace('.000Z', 'Z');
  return text.replace('\n---\n', `\n  - { at: ${at}, note: Update number ${n} }\n---\n`);
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}`;
}

function runGit(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** The content floor: every version's blob in one `git cat-file --batch`, and its front matter parsed. */
async function catFileAndParse(dir: string, blobs: readonly string[]): Promise<void> {
  const out = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: dir });
    const parts: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => parts.push(c));
    child.on('error', reject);
    child.on('close', () => resolve(Buffer.concat(parts)));
    child.stdin.end(blobs.join('\n') + '\n');
  });
  let pos = 0;
  while (pos < out.length) {
    const nl = out.indexOf(10, pos);
    const size = Number(out.subarray(pos, nl).toString().split(' ')[2]);
    const text = out.subarray(nl + 1, nl + 1 + size).toString('utf8');
    load(text.slice(4, text.indexOf('\n---', 3)));
    pos = nl + 1 + size + 1;
  }
}

function timeSync(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function best(fn: () => number, runs = 3): number {
  return Math.min(...Array.from({ length: runs }, fn));
}

async function bestAsync(fn: () => Promise<number>, runs = 3): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) min = Math.min(min, await fn());
  return min;
}
