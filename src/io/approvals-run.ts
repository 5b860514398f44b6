/**
 * The work of `itsm approvals`: reads the pull request (GitHub API or signed tags), the workspace at
 * the base, fork point and head commits from git objects, and hands every fact to the decision in
 * src/core/approvals. What is trusted from where is explained in src/cli/approvals.ts.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { attributeCommits } from '../core/approvals/attribution.ts';
import { decideApprovals } from '../core/approvals/decide.ts';
import type { ApprovalResult, ChangedChange, PullRequestFacts } from '../core/approvals/types.ts';
import { decisionInputs, governedEdits } from '../core/approvals/inputs.ts';
import { reviewersToRequest, whoCanApprove, type AlreadyRequested } from '../core/approvals/reviewers.ts';
import { recordsOf, type Change, type Team } from '../core/model.ts';
import { sameLogin } from '../core/people.ts';
import { loadBaseWorkspace, type BaseWorkspace } from './base.ts';
import { verifyPullRequestCommits } from './commit-verification.ts';
import { git, resolveCommit } from './git-tree.ts';
import { readGitApprovals } from './git-approvals.ts';
import { fetchPullRequest, githubOptionsFromEnv, requestReviewers, type PullRequestCommit } from './github.ts';
import { misplacedRecord } from './layout.ts';
import { runCollisions } from './collisions-run.ts';
import type { CollisionFinding } from '../core/collisions.ts';

/** Where the reviews come from: the GitHub API, or signed tags in the clone (--from-git). */
export type Source = { kind: 'github'; target: Target; env: NodeJS.ProcessEnv } | { kind: 'git'; base: string; head: string };

export interface Target {
  owner: string;
  repo: string;
  number: number;
  /** The head SHA the triggering event saw, when run from an event. */
  eventHeadSha?: string;
}

/** The GitHub event payload GitHub Actions wrote (GITHUB_EVENT_PATH), as far as the PR goes. */
export interface PullRequestEvent {
  pull_request?: { number?: unknown; head?: { sha?: unknown } };
  repository?: { full_name?: unknown };
}

/** Reads the event payload; throws with the reason when it cannot be read or parsed. */
export function readEventPayload(path: string): PullRequestEvent {
  return JSON.parse(readFileSync(path, 'utf8')) as PullRequestEvent;
}

/** Where the workspace sits in its repository ("" at the top, "ops/" in a subfolder). */
export async function workspacePrefix(root: string): Promise<string> {
  return (await git(root, ['rev-parse', '--show-prefix'])).trim();
}

/** Appends Markdown to the GitHub Actions job summary file. */
export function appendStepSummary(path: string, markdown: string): void {
  appendFileSync(path, markdown);
}

export async function evaluateApprovals(root: string, source: Source, allowedBases: string[], now: string): Promise<ApprovalResult> {
  return (await judge(root, source, allowedBases, now)).result;
}

/** What a run of `itsm approvals` found besides the decision. */
export interface ApprovalRun {
  result: ApprovalResult;
  /** For each subject (change ID, "policy"...) with empty seats: the people who can fill them. */
  canApprove: Record<string, string[]>;
  /** With requestReviews: whom this run asked (nothing new on a second run), or why it could not ask. */
  reviewRequest?: { users: string[]; teams: string[]; error?: string };
  /**
   * With collisions (GitHub only): this PR's collisions with the base's changes and other open PRs
   * (see itsm collisions), or why they could not be read. Informational: never part of the decision.
   */
  collisions?: { findings: CollisionFinding[]; error?: string };
}

/**
 * The decision, who can approve each subject, and (with `requestReviews`, GitHub only) review
 * requests sent to them. A failure to request reviews is reported in `reviewRequest.error` and never
 * changes the decision: the check still fails closed on the reviews alone.
 */
export async function runApprovals(
  root: string,
  source: Source,
  allowedBases: string[],
  now: string,
  options: { requestReviews?: boolean; collisions?: boolean } = {},
): Promise<ApprovalRun> {
  const { result, teams, facts, requested } = await judge(root, source, allowedBases, now);
  const canApprove: Record<string, string[]> = {};
  for (const s of result.subjects) {
    const who = whoCanApprove(s, teams, facts);
    if (who.length) canApprove[s.subject] = who;
  }
  const collisions = options.collisions && source.kind === 'github' ? { collisions: await collisionsOf(root, source, facts.baseSha) } : {};
  const run = await withReviewRequests(result, canApprove, teams, facts, requested, source, options);
  return { ...run, ...collisions };
}

/** This PR's collisions, read like `itsm collisions --pr N --base <base>`; a failure is reported, not thrown. */
async function collisionsOf(root: string, source: Extract<Source, { kind: 'github' }>, base: string): Promise<NonNullable<ApprovalRun['collisions']>> {
  try {
    const read = await runCollisions(root, { owner: source.target.owner, repo: source.target.repo, env: source.env, base });
    return { findings: read.pulls.find((p) => p.pr === source.target.number)?.findings ?? [] };
  } catch (err) {
    return { findings: [], error: err instanceof Error ? err.message : String(err) };
  }
}

async function withReviewRequests(
  result: ApprovalResult,
  canApprove: Record<string, string[]>,
  teams: Team[],
  facts: PullRequestFacts,
  requested: AlreadyRequested | undefined,
  source: Source,
  options: { requestReviews?: boolean },
): Promise<ApprovalRun> {
  if (!options.requestReviews || source.kind !== 'github') return { result, canApprove };
  if (!requested)
    return {
      result,
      canApprove,
      reviewRequest: { users: [], teams: [], error: "GitHub's answer did not list who is asked for a review already, so nobody was asked." },
    };
  const ask = reviewersToRequest(result, teams, facts, requested);
  if (ask.users.length === 0 && ask.teams.length === 0) return { result, canApprove, reviewRequest: ask };
  try {
    await requestReviewers(githubOptionsFromEnv(source.env), source.target.owner, source.target.repo, source.target.number, ask);
    return { result, canApprove, reviewRequest: ask };
  } catch (err) {
    return { result, canApprove, reviewRequest: { ...ask, error: err instanceof Error ? err.message : String(err) } };
  }
}

async function judge(
  root: string,
  source: Source,
  allowedBases: string[],
  now: string,
): Promise<{ result: ApprovalResult; teams: Team[]; facts: PullRequestFacts; requested: AlreadyRequested | undefined }> {
  let facts: PullRequestFacts | undefined;
  let commits: PullRequestCommit[] | undefined;
  let requested: AlreadyRequested | undefined;
  if (source.kind === 'github') {
    const { target, env } = source;
    const { commits: listed, requested: asked, ...pr } = await fetchPullRequest(githubOptionsFromEnv(env), target.owner, target.repo, target.number);
    facts = pr;
    commits = listed;
    requested = asked;
    if (target.eventHeadSha && target.eventHeadSha !== pr.headSha) {
      throw new Error(
        `the pull request moved on: the event was for ${target.eventHeadSha.slice(0, 7)} but its head is now ${pr.headSha.slice(0, 7)}. The run for the new head decides.`,
      );
    }
  }
  const head = await commitIn(root, facts ? facts.headSha : source.kind === 'git' ? source.head : '', 'head');
  const base = await commitIn(root, facts ? facts.baseSha : source.kind === 'git' ? source.base : '', 'base');
  // The PR's own edits are measured from where it forked, as GitHub's "Files changed" does.
  const forkPoint = (await git(root, ['merge-base', base, head])).trim();
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();

  const [atBase, atFork, atHead] = await Promise.all([
    loadBaseWorkspace(root, base),
    forkPoint === base ? undefined : loadBaseWorkspace(root, forkPoint),
    loadBaseWorkspace(root, head),
  ]);
  const before = atFork ?? atBase;
  let provenance: string[] = [];
  if (facts && commits) {
    // Every commit is attributed, checked against the clone: merges too, unless git shows they only bring in the base.
    const attribution = attributeCommits(await verifyPullRequestCommits(root, base, head, commits));
    const author = facts.author;
    facts = { ...facts, coAuthors: attribution.authors.filter((login) => !sameLogin(login, author)) };
    provenance = attribution.problems;
  }
  if (!facts) {
    // Approvers' keys come from the base teams, like everything else that judges.
    const fromGit = await readGitApprovals(
      root,
      base,
      head,
      forkPoint,
      recordsOf(atBase.workspace, 'team').map((r) => r.data),
    );
    facts = fromGit.facts;
    provenance = fromGit.problems;
  }
  const local = (await git(root, ['diff', '--relative', '--name-only', '-z', '--no-renames', forkPoint, head])).split('\0').filter(Boolean);
  const changedPaths = [...new Set([...facts.files, ...local.map((p) => `/${p}`)].flatMap((p) => inWorkspace(p, prefix)))].sort();
  // The gate's own code sits anywhere in the repository, not only under the workspace.
  const repoWide = (await git(root, ['diff', '--no-relative', '--name-only', '-z', '--no-renames', forkPoint, head])).split('\0').filter(Boolean);
  const repoPaths = [...new Set([...facts.files, ...repoWide])].sort();
  // Files the PR adds or edits (not deletes), to refuse look-alike change records it brings in.
  const present = new Set(
    (await git(root, ['diff', '--relative', '--name-only', '-z', '--no-renames', '--diff-filter=d', forkPoint, head])).split('\0').filter(Boolean),
  );

  const changes = [...changedChanges(changedPaths, before, atHead), ...misplacedChanges(changedPaths, present)];
  if (forkPoint !== base) {
    const sinceFork = new Set((await git(root, ['diff', '--relative', '--name-only', '-z', '--no-renames', forkPoint, base])).split('\0').filter(Boolean));
    for (const c of changes) if (sinceFork.has(c.file) || sinceFork.has(`content/changes/${c.id}.md`)) c.changedOnBaseSinceFork = true;
  }
  const changedIds = new Set(changes.map((c) => c.id));
  const schedule = new Map<string, Change>();
  for (const r of recordsOf(atBase.workspace, 'change')) schedule.set(r.id, r.data);
  for (const r of recordsOf(atHead.workspace, 'change')) if (changedIds.has(r.id)) schedule.set(r.id, r.data);

  const inputs = decisionInputs(atBase.workspace);
  const result = decideApprovals({
    pr: facts,
    changes,
    changedPaths,
    repoPaths,
    // Judged by the base; the PR's own edits to the same inputs are measured from the fork point.
    ...inputs,
    governedEdits: governedEdits(decisionInputs(before.workspace), decisionInputs(atHead.workspace)),
    now,
    schedule: [...schedule.values()],
    allowedBases,
    provenance,
  });
  return { result, teams: inputs.teams, facts, requested };
}

/** A PR commit must be in the local clone: reading content any other way could be spoofed or stale. */
async function commitIn(root: string, sha: string, which: string): Promise<string> {
  try {
    return await resolveCommit(root, sha);
  } catch {
    throw new Error(
      `the ${which} commit ${sha} is not in the clone at ${root}. Check out with fetch-depth: 0 (actions/checkout), or git fetch origin pull/N/head.`,
    );
  }
}

/**
 * Maps a path to the workspace's own relative form. The forge gives repository paths; local diff
 * paths (marked with a leading /) are relative to the workspace already.
 */
function inWorkspace(path: string, prefix: string): string[] {
  if (path.startsWith('/')) return [path.slice(1)];
  if (!path.startsWith(prefix)) return [];
  return [path.slice(prefix.length)];
}

/**
 * Every Markdown file directly in content/changes/ is judged, whatever its name: one named with a
 * look-alike hyphen or letter (CHG\u20110009.md) fails validation and is rejected, never skipped.
 */
const CHANGE_FILE = /^content\/changes\/([^/]+)\.md$/;

/** The change records on both sides of the PR, paired by ID (so a rename is one record). */
function changedChanges(paths: readonly string[], before: BaseWorkspace, head: BaseWorkspace): ChangedChange[] {
  const byId = new Map<string, ChangedChange>();
  const beforeByFile = new Map(recordsOf(before.workspace, 'change').map((r) => [r.file, r]));
  const headByFile = new Map(recordsOf(head.workspace, 'change').map((r) => [r.file, r]));
  for (const path of paths) {
    const m = CHANGE_FILE.exec(path);
    // A look-alike (chg-0009.md, CHG-0009.MD...) is its own subject: see misplacedChanges.
    if (!m || misplacedRecord(path)) continue;
    const old = beforeByFile.get(path);
    const now = headByFile.get(path);
    if (old) {
      const entry = byId.get(old.id) ?? { id: old.id, file: path };
      byId.set(old.id, { ...entry, before: old.data });
    }
    if (now) {
      const entry = byId.get(now.id) ?? { id: now.id, file: path };
      byId.set(now.id, { ...entry, file: path, after: now.data });
    } else if (head.contents.has(path)) {
      // The file is there but did not load: never let an unreadable record pass unjudged.
      const id = m[1]!;
      byId.set(id, { ...(byId.get(id) ?? { id }), id, file: path, invalidAtHead: true });
    }
  }
  return [...byId.values()];
}

/**
 * Change records the PR adds or edits somewhere they would never be read (content/Changes/,
 * content/changes/2026/, CHG-0009.MD...): each one is a subject the decision rejects.
 */
function misplacedChanges(paths: readonly string[], present: ReadonlySet<string>): ChangedChange[] {
  const out: ChangedChange[] = [];
  for (const path of paths) {
    const found = present.has(path) ? misplacedRecord(path) : undefined;
    if (found?.kind === 'change') out.push({ id: found.id ?? path, file: path, misplaced: true });
  }
  return out;
}
