/**
 * The work of `itsm collisions`: reads the default branch's workspace from the local clone (the
 * working tree, or a revision's git objects with `base`), every open pull request into the default
 * branch from GitHub with the change records it adds or edits (read at its head through the contents
 * API, parsed as data by the record parser, never run), and hands them to src/core/collisions.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { findCollisions, type PlannedChange, type ProposedPull, type PullCollisions } from '../core/collisions.ts';
import { decisionInputs } from '../core/approvals/inputs.ts';
import { recordsOf, type Change, type Policies } from '../core/model.ts';
import { unsafePathReason } from '../core/safe-path.ts';
import type { Validators } from '../core/validate/validators.ts';
import { analyzeRecord } from './analyze.ts';
import { loadBaseWorkspace } from './base.ts';
import { git } from './git-tree.ts';
import { githubOptionsFromEnv } from './github.ts';
import { listOpenPullRequests, listPullRequestFiles, readFileAt } from './github-pulls.ts';
import { roleOf } from './layout.ts';
import { getValidators, loadWorkspace } from './workspace.ts';

export interface CollisionsRequest {
  owner: string;
  repo: string;
  env: NodeJS.ProcessEnv;
  /** Read the default branch's workspace at this revision (git objects) instead of the working tree. */
  base?: string;
}

export interface CollisionsRun {
  /** The repository's default branch, as GitHub names it. */
  defaultBranch: string;
  /** Where the workspace sits in the repository ("" at the top, "ops/" in a sub-folder). */
  prefix: string;
  /** The open PRs into the default branch that add or edit a change record, with their findings. */
  pulls: PullCollisions[];
  /** The changes the open PRs propose, as at their heads: what the site's calendar marks "proposed". */
  proposed: ProposedEntry[];
  /** Open PRs read that touch no change record, and PRs into other branches (not checked). */
  skipped: { noChanges: number[]; otherBase: number[] };
}

/** One change proposed in an open PR, with the fields a calendar shows. */
export interface ProposedEntry {
  pr: number;
  headSha: string;
  id: string;
  title: string;
  type: Change['type'];
  status: Change['status'];
  planned_start: string;
  planned_end: string;
  services: string[];
  cis: string[];
}

/** Reads everything and finds the collisions. Throws (GitHubError, GitError) when any of it cannot be read. */
export async function runCollisions(root: string, request: CollisionsRequest): Promise<CollisionsRun> {
  const opts = githubOptionsFromEnv(request.env);
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
  const loaded = request.base ? await loadBaseWorkspace(root, request.base) : await loadWorkspace(root);
  const ws = loaded.workspace;
  const validators = getValidators(root);
  const open = await listOpenPullRequests(opts, request.owner, request.repo);
  const defaultBranch = open[0]?.defaultBranch ?? '';
  const skipped: CollisionsRun['skipped'] = { noChanges: [], otherBase: [] };
  const candidates = [...open]
    .sort((a, b) => a.number - b.number)
    .filter((pr) => {
      if (pr.baseRef === pr.defaultBranch) return true;
      skipped.otherBase.push(pr.number);
      return false;
    });
  // A few pull requests at a time: each is a list of files and a file or two, all small answers.
  const read = await inPool(candidates, READ_AT_ONCE, async (pr): Promise<ProposedPull> => {
    const files = await listPullRequestFiles(opts, request.owner, request.repo, pr.number);
    const proposed: ProposedPull = { number: pr.number, headSha: pr.headSha, title: pr.title, changes: [], unreadable: [] };
    for (const f of files) {
      if (f.status === 'removed') continue;
      const place = changeFileOf(f.filename, prefix);
      if (place.kind === 'ignore') continue;
      if (place.kind === 'refuse') {
        proposed.unreadable.push({ file: place.file, problem: place.reason });
        continue;
      }
      const got = await readFileAt(opts, request.owner, request.repo, f.filename, pr.headSha);
      const change = 'problem' in got ? got : readChange(place.file, got.bytes, validators, ws.policies);
      if ('problem' in change) proposed.unreadable.push({ file: place.file, problem: change.problem });
      else proposed.changes.push(change);
    }
    return proposed;
  });
  const pulls = read.filter((p) => {
    if (p.changes.length || p.unreadable.length) return true;
    skipped.noChanges.push(p.number);
    return false;
  });
  const onDefault: PlannedChange[] = recordsOf(ws, 'change').map((r) => ({ id: r.id, file: r.file, change: r.data }));
  // The CMDB as the approval decision reads it: the same projection of services and CIs.
  const { services, cis } = decisionInputs(ws);
  const proposed = pulls.flatMap((p) =>
    p.changes.map(({ id, change: c }) => ({
      pr: p.number,
      headSha: p.headSha,
      id,
      title: c.title,
      type: c.type,
      status: c.status,
      planned_start: c.planned_start,
      planned_end: c.planned_end,
      services: c.services ?? [],
      cis: c.cis ?? [],
    })),
  );
  return {
    defaultBranch,
    prefix,
    proposed,
    pulls: findCollisions({ defaultBranch: onDefault, pulls, graph: { services, cis }, policy: ws.policies.changePolicy }),
    skipped,
  };
}

/** How many pull requests are read from GitHub at once. */
const READ_AT_ONCE = 4;

/** `work` over `items`, at most `size` at a time, results in the items' order; the first failure fails all. */
async function inPool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}

/** Writes the run as JSON (`--out FILE`), for the site build's change calendar. */
export function writeCollisionsFile(path: string, json: string): void {
  writeFileSync(path, json);
}

/**
 * The proposed changes of a file `itsm collisions --out` wrote, for the site build. Read as data and
 * checked: anything but a list of entries with the fields the calendar shows throws, with the reason.
 */
export function readProposedFile(path: string): ProposedEntry[] {
  const json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const list = typeof json === 'object' && json !== null ? (json as { proposed?: unknown }).proposed : undefined;
  if (!Array.isArray(list)) throw new Error('it has no "proposed" list (write it with `itsm collisions --format json --out FILE`)');
  return list.map((e: unknown, i) => {
    const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    const str = (k: string) => {
      if (typeof o[k] !== 'string') throw new Error(`entry ${i + 1} has no text "${k}"`);
      return o[k];
    };
    const list = (k: string) => (Array.isArray(o[k]) ? (o[k] as unknown[]).filter((x): x is string => typeof x === 'string') : []);
    if (!Number.isSafeInteger(o.pr) || (o.pr as number) < 1) throw new Error(`entry ${i + 1} has no pull request number "pr"`);
    for (const k of ['planned_start', 'planned_end'])
      if (!Number.isFinite(Date.parse(str(k)))) throw new Error(`entry ${i + 1} has "${k}" that is not an instant`);
    return {
      pr: o.pr as number,
      headSha: str('headSha'),
      id: str('id'),
      title: str('title'),
      type: str('type') as Change['type'],
      status: str('status') as Change['status'],
      planned_start: str('planned_start'),
      planned_end: str('planned_end'),
      services: list('services'),
      cis: list('cis'),
    };
  });
}

/**
 * What a path from GitHub's list of a PR's files is to this run: a change record to read (at its
 * workspace-relative path), something that looks like one but must not be read (an unsafe path, or a
 * record outside content/changes/<ID>.md in another case, folder or extension), or nothing of ours.
 */
export function changeFileOf(
  repoPath: string,
  prefix: string,
): { kind: 'ignore' } | { kind: 'read'; file: string } | { kind: 'refuse'; file: string; reason: string } {
  const unsafe = unsafePathReason(repoPath);
  if (unsafe) {
    // Only paths that would land in the workspace's records concern us; the rest is not ours to judge.
    return /content/i.test(repoPath) ? { kind: 'refuse', file: repoPath, reason: `the path is refused: ${unsafe}` } : { kind: 'ignore' };
  }
  if (!repoPath.startsWith(prefix)) return { kind: 'ignore' };
  const file = repoPath.slice(prefix.length);
  const role = roleOf(file);
  if (role.role === 'record' && role.kind === 'change') return { kind: 'read', file };
  if (role.role === 'stray' && role.record === 'change') return { kind: 'refuse', file, reason: `${role.reason}, so it is not read` };
  return { kind: 'ignore' };
}

/** Parses and checks one change file as data; a file that does not pass is a problem, never a throw. */
function readChange(file: string, bytes: Uint8Array, validators: Validators, policies: Policies): PlannedChange | { problem: string } {
  const outcome = analyzeRecord(file, 'change', bytes, validators, policies, true);
  const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !outcome.data || !outcome.facts?.schemaValid) {
    const listed = errors.slice(0, 3).map((d) => `${d.line}:${d.column} ${d.message}`);
    return { problem: listed.length ? listed.join(' ') + (errors.length > 3 ? ` (and ${errors.length - 3} more)` : '') : 'it does not parse as a record' };
  }
  const id = outcome.facts.id;
  const expected = file.slice(file.lastIndexOf('/') + 1, -'.md'.length);
  if (id !== expected) return { problem: `its id ${id ?? '(none)'} does not match the file name ${expected}.md` };
  return { id, file, change: outcome.data as unknown as Change };
}
