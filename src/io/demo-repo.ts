/**
 * The demo's own git repository: the workspace's files replayed as the history they describe
 * (src/core/replay/ plans it), written in one `git fast-import` stream, so about 1,250 pull
 * requests take a few seconds. Deterministic: the same files give the same commit hashes.
 *
 * `ensureDemoRepo` writes it only when it is missing or stale: the repository remembers a hash of
 * the files it was made from and of the code that made it (in .git/itsm-demo-source).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evidenceNote, serializeEvidenceNote } from '../core/approvals/evidence-note.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import type { Author, ReplayPlan } from '../core/replay/plan.ts';
import { EVIDENCE_NOTES_REF } from './approval-notes.ts';
import { gitEnvironment } from './git-env.ts';
import { git, GitError } from './git-tree.ts';
import { listWorkspace } from './layout.ts';

/** The forge owner of the demo's pull requests. */
export const DEMO_ORG = 'northwind';

/** Besides the workspace (content/ and itsm.yaml): the issue forms validate compares with the services, and the ignore list. */
const EXTRA_FILES = ['.gitignore'];
const EXTRA_FOLDERS = ['.github/ISSUE_TEMPLATE'];

const STAMP = 'itsm-demo-source';

/**
 * The code whose output the repository is: this file and all of src/core (the planner, the kind
 * definitions, the record writer, the approval engine). A change to it makes the repository stale.
 */
function generatorFiles(): string[] {
  const core = fileURLToPath(new URL('../core/', import.meta.url));
  const files = readdirSync(core, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(core, f));
  return [fileURLToPath(import.meta.url), ...files.sort()];
}

/** Who merged: GitHub commits merges it performs, and the evidence workflow commits the notes. */
const GITHUB: Author = { login: 'web-flow', name: 'GitHub', email: 'noreply@github.com' };
const EVIDENCE_BOT: Author = { login: 'github-actions[bot]', name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };

export class DemoSourceError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(message: string, diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = 'DemoSourceError';
    this.diagnostics = diagnostics;
  }
}

/** The files the demo repository is made from: path relative to `source` -> text. */
export function demoSourceFiles(source: string): Map<string, string> {
  const { files, problems } = listWorkspace(source);
  if (problems.length) throw new DemoSourceError(`${source} has files that cannot be read as a workspace.`, problems);
  const paths = [...files, ...EXTRA_FILES.filter((f) => isFile(join(source, f)))];
  for (const folder of EXTRA_FOLDERS) {
    const dir = join(source, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) if (isFile(join(dir, name))) paths.push(`${folder}/${name}`);
  }
  return new Map(paths.sort().map((p) => [p, readFileSync(join(source, p), 'utf8')]));
}

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** A hash of the source files and of the generator's code. */
export function sourceHash(files: ReadonlyMap<string, string>): string {
  const h = createHash('sha256');
  for (const [path, text] of files) h.update(`${path}\0${text}\0`);
  for (const path of generatorFiles()) h.update(readFileSync(path));
  return h.digest('hex');
}

/**
 * Plans the replay of the workspace files. A record with errors is not replayed: it is in the setup
 * commit as written, so `itsm validate` in the demo repository shows the error where it is.
 */
export async function planDemo(files: ReadonlyMap<string, string>): Promise<ReplayPlan> {
  // Loaded here, not at the top: a check that finds the repository up to date needs neither.
  const [{ loadWorkspaceFromFiles }, { planReplay }] = await Promise.all([import('./workspace.ts'), import('../core/replay/plan.ts')]);
  return planReplay({ files, workspace: loadWorkspaceFromFiles(files).workspace, org: DEMO_ORG });
}

export interface EnsureResult {
  /** False when the repository was already up to date. */
  written: boolean;
  pulls: number;
  ms: number;
}

/** Writes the demo repository at `out` from the workspace at `source`, unless it is there and up to date. */
export async function ensureDemoRepo(source: string, out: string, opts: { force?: boolean } = {}): Promise<EnsureResult> {
  const t0 = performance.now();
  const files = demoSourceFiles(source);
  const hash = sourceHash(files);
  const stamp = join(out, '.git', STAMP);
  if (!opts.force && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) return { written: false, pulls: 0, ms: performance.now() - t0 };
  const plan = await planDemo(files);
  await writeDemoRepo(out, plan);
  writeFileSync(stamp, `${hash}\n`);
  return { written: true, pulls: plan.pulls.length, ms: performance.now() - t0 };
}

/** Replaces the folder `out` with a repository holding the plan's history, checked out on main. */
export async function writeDemoRepo(out: string, plan: ReplayPlan): Promise<void> {
  // Only a folder this wrote before (or an empty one) is replaced: a mistyped --out never deletes anything else.
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, '.git', STAMP)))
    throw new DemoSourceError(`${out} exists and is not a demo repository written by itsm; choose another folder, or remove it first.`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(dirname(out), { recursive: true });
  mkdirSync(out);
  await git(out, ['init', '--quiet', '--initial-branch=main']);
  await fastImport(out, plan);
  await git(out, ['update-ref', '-d', SCRATCH_REF]);
  await git(out, ['reset', '--quiet', '--hard', 'main']);
  // Marks the folder as this writer's until ensureDemoRepo stamps it with the source's hash.
  writeFileSync(join(out, '.git', STAMP), '\n');
}

/** Branch commits are made on this ref (deleted afterwards): the pull requests' heads. */
const SCRATCH_REF = 'refs/itsm-replay/head';

async function fastImport(out: string, plan: ReplayPlan): Promise<void> {
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: out, env: gitEnvironment(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  // A failed import closes its input early: the exit code and stderr say why, not EPIPE.
  child.stdin.on('error', () => {});
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  // Awaited below; a spawn failure must not count as unhandled meanwhile.
  exited.catch(() => undefined);
  const chunks: string[] = [];
  const emit = (s: string) => chunks.push(s);
  const flush = () => {
    child.stdin.write(chunks.join(''));
    chunks.length = 0;
  };
  let mark = 0;
  emit(commit('refs/heads/main', ++mark, plan.setup.author, plan.setup.author, plan.setup.at, plan.setup.message, [], plan.setup.files));
  let main = mark;
  const heads: Array<{ head: number; merge: number; pull: ReplayPlan['pulls'][number] }> = [];
  for (const pull of plan.pulls) {
    emit(commit(SCRATCH_REF, ++mark, pull.author, pull.author, pull.at, pull.message, [main], pull.files));
    const head = mark;
    // The merge's tree is the head's: fast-import starts it from the first parent, so the files again.
    emit(commit('refs/heads/main', ++mark, pull.author, GITHUB, pull.at, pull.mergeMessage, [main, head], pull.files));
    main = mark;
    if (pull.approval) heads.push({ head, merge: main, pull });
  }
  // The evidence names each pull request's head commit: ask fast-import for the hashes it made.
  const shas = readLines(child.stdout, heads.length);
  for (const { head } of heads) emit(`get-mark :${head}\n`);
  flush();
  let headShas: string[];
  try {
    headShas = await shas;
  } catch {
    throw new GitError(`git fast-import failed (exit ${await exited}): ${stderr.trim()}`);
  }
  if (heads.length) {
    const last = plan.pulls[plan.pulls.length - 1]!;
    const notes = heads.map(({ merge, pull }, i) => {
      const text = serializeEvidenceNote(evidenceNote({ ...pull.approval!, headSha: headShas[i]! }, pull.at));
      return `N inline :${merge}\n${data(text)}`;
    });
    emit(`commit ${EVIDENCE_NOTES_REF}\n${person('author', EVIDENCE_BOT, last.at)}${person('committer', EVIDENCE_BOT, last.at)}${data('Approval evidence\n')}`);
    emit(notes.join(''));
    emit('\n');
  }
  emit('done\n');
  flush();
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new GitError(`git fast-import failed (exit ${code}): ${stderr.trim()}`);
}

function commit(
  ref: string,
  mark: number,
  author: Author,
  committer: Author,
  at: string,
  message: string,
  parents: number[],
  files: ReadonlyMap<string, string>,
): string {
  const [from, ...merges] = parents;
  let s = `commit ${ref}\nmark :${mark}\n${person('author', author, at)}${person('committer', committer, at)}${data(message)}`;
  // Without `from`, fast-import would continue the ref's previous commit.
  s += from === undefined ? '' : `from :${from}\n`;
  for (const m of merges) s += `merge :${m}\n`;
  for (const [path, text] of files) s += `M 100644 inline ${path}\n${data(text)}`;
  return `${s}\n`;
}

function person(role: 'author' | 'committer', who: Author, at: string): string {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(at);
  const tz = m ? `${m[1]}${m[2]}${m[3]}` : '+0000';
  return `${role} ${who.name} <${who.email}> ${Math.floor(Date.parse(at) / 1000)} ${tz}\n`;
}

/** fast-import's `data` with an exact byte count. */
function data(text: string): string {
  return `data ${Buffer.byteLength(text, 'utf8')}\n${text}\n`;
}

/** Resolves with the first `n` lines the stream writes. */
function readLines(stream: NodeJS.ReadableStream, n: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    if (n === 0) return resolve([]);
    let buffered = '';
    const onData = (d: Buffer) => {
      buffered += d.toString('utf8');
      const lines = buffered.split('\n');
      if (lines.length > n) {
        stream.off('data', onData);
        resolve(lines.slice(0, n).map((l) => l.trim()));
      }
    };
    stream.on('data', onData);
    stream.on('end', () => reject(new GitError('git fast-import stopped before it named the commits it made.')));
  });
}
