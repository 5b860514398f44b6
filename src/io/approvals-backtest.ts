/**
 * The data of a change policy back-test (`itsm approvals --backtest BASE`): the pull requests merged
 * in a window, from the approval evidence notes, each with the workspace before and after its merge
 * read from git objects; the base's change policy from git and the working tree's from its file.
 * Nothing is checked out and nothing from either tree runs: files are only read as data.
 */
import { backtestChangePolicy, type ChangePolicyBacktest, type MergedPullRequest } from '../core/approvals/backtest.ts';
import { decisionInputs, governedEdits } from '../core/approvals/inputs.ts';
import type { ChangedChange } from '../core/approvals/types.ts';
import { DAY_MS } from '../core/calendar.ts';
import { pullRequestFromSubject } from '../core/history.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { kindDefinition, type Kind } from '../core/kinds/index.ts';
import { recordsOf, type Change } from '../core/model.ts';
import { resolveNow } from '../core/reference-time.ts';
import { readApprovalNotes } from './approval-notes.ts';
import { git, readTreeAt } from './git-tree.ts';
import { readPoliciesAt } from './policies-at.ts';
import { loadWorkspace, loadWorkspaceFromFiles, type LoadResult } from './workspace.ts';

const CHANGE_POLICY = 'content/policies/change-policy.yaml';

export type ApprovalsBacktest =
  | {
      ok: true;
      base: { rev: string; commit: string };
      now: string;
      days: number;
      from: string;
      result: ChangePolicyBacktest;
      /** Pull requests merged into HEAD's main line in the window that touched a change record but have no evidence note: not replayed. */
      withoutEvidence: Array<{ pr: number; commit: string }>;
      /** Evidence notes that were left out as malformed. */
      warnings: Diagnostic[];
    }
  /** A change policy that does not validate, on either side: nothing can be decided under it. */
  | { ok: false; side: 'base' | 'head'; commit?: string; diagnostics: Diagnostic[] };

/**
 * Decides every pull request merged in the `days` before `now` under BASE's and the working tree's
 * change policy; `now` null: the workspace's reference_time if it sets one, else the current time.
 * Throws GitError.
 */
export async function backtestApprovals(root: string, baseRev: string, given: Date | null, days: number): Promise<ApprovalsBacktest> {
  const working = await loadWorkspace(root);
  const now = resolveNow(
    given ? { now: given, text: given.toISOString() } : undefined,
    working.workspace.settings.reference_time,
    new Date(Math.floor(Date.now() / 1000) * 1000),
  ).now;
  const headErrors = working.diagnostics.filter((d) => d.file === CHANGE_POLICY && d.severity === 'error');
  if (headErrors.length > 0) return { ok: false, side: 'head', diagnostics: headErrors };
  const base = await readPoliciesAt(root, baseRev, ['changePolicy']);
  const baseErrors = base.diagnostics.filter((d) => d.severity === 'error');
  if (baseErrors.length > 0) return { ok: false, side: 'base', commit: base.commit, diagnostics: baseErrors };

  const fromMs = now.getTime() - days * DAY_MS;
  const { notes, warnings } = await readApprovalNotes(root);
  const dates = await commitFacts(
    root,
    notes.map((n) => n.commit),
  );
  const inWindow = notes
    .map((n) => ({ ...n, facts: dates.get(n.commit) }))
    .filter((n): n is typeof n & { facts: CommitFacts } => {
      if (!n.facts || n.facts.parents.length === 0) return false;
      const t = Date.parse(n.facts.date);
      return t >= fromMs && t <= now.getTime();
    })
    .sort((a, b) => Date.parse(a.facts.date) - Date.parse(b.facts.date));
  // Oldest first, so a merge's first parent is usually the previous merge, just loaded: only the
  // last two workspaces are kept, whatever the number of merges.
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
  const recent = new Map<string, LoadResult>();
  const at = async (sha: string): Promise<LoadResult> => {
    const found = recent.get(sha) ?? (await loadDecisionRecords(root, prefix, sha));
    recent.delete(sha);
    recent.set(sha, found);
    if (recent.size > 2) recent.delete(recent.keys().next().value!);
    return found;
  };
  const merged: MergedPullRequest[] = [];
  for (const { commit, note, facts } of inWindow) {
    const before = await at(facts.parents[0]!);
    merged.push(await replay(root, commit, facts, note, before, await at(commit)));
  }
  const withoutEvidence = await mergedWithoutNotes(root, new Set(notes.map((n) => n.commit)), fromMs, now.getTime());
  return {
    ok: true,
    base: { rev: baseRev, commit: base.commit },
    now: now.toISOString(),
    days,
    from: new Date(fromMs).toISOString(),
    result: backtestChangePolicy(merged, base.policies.changePolicy, working.workspace.policies.changePolicy),
    withoutEvidence,
    warnings,
  };
}

/**
 * The kinds the decision reads (teams, services, CIs, changes) and every kind they refer to, so
 * their references resolve: from the kind definitions' relations. Incidents, requests and the
 * rest, the bulk of a workspace, are never read, which makes replaying a quarter of merges cheap.
 */
function decisionFolders(): string[] {
  const kinds = new Set<Kind>(['team', 'service', 'ci', 'change']);
  for (const kind of kinds) for (const r of kindDefinition(kind).relations) kinds.add(r.to as Kind);
  return [...kinds].map((k) => `content/${kindDefinition(k).folder}`).sort();
}

/** Those records, the policies and itsm.yaml at a commit, validated like any workspace. */
async function loadDecisionRecords(root: string, prefix: string, commit: string): Promise<LoadResult> {
  const paths = [...decisionFolders(), 'content/policies', 'itsm.yaml'].map((p) => `${prefix}${p}`);
  const tree = await readTreeAt(root, commit, paths);
  const files = new Map<string, string>();
  for (const [path, text] of tree) files.set(path.slice(prefix.length), text);
  return loadWorkspaceFromFiles(files);
}

/** The decision's inputs for one merged pull request: as `itsm approvals` read them, the merge's first parent as the base. */
async function replay(
  root: string,
  commit: string,
  facts: CommitFacts,
  note: MergedPullRequest['note'],
  before: LoadResult,
  after: LoadResult,
): Promise<MergedPullRequest> {
  const parent = facts.parents[0]!;
  const diff = async (relative: boolean) =>
    (await git(root, ['diff', relative ? '--relative' : '--no-relative', '--name-only', '-z', '--no-renames', parent, commit])).split('\0').filter(Boolean);
  const beforeById = new Map(recordsOf(before.workspace, 'change').map((r) => [r.id, r]));
  const afterById = new Map(recordsOf(after.workspace, 'change').map((r) => [r.id, r]));
  const changes: ChangedChange[] = [];
  for (const { change: id } of note.changes) {
    if (!id.startsWith('CHG-')) continue;
    const b = beforeById.get(id);
    const a = afterById.get(id);
    changes.push({ id, file: a?.file ?? b?.file ?? `content/changes/${id}.md`, ...(b ? { before: b.data } : {}), ...(a ? { after: a.data } : {}) });
  }
  const changed = new Set(changes.map((c) => c.id));
  const schedule = new Map<string, Change>();
  for (const r of recordsOf(before.workspace, 'change')) schedule.set(r.id, r.data);
  for (const r of recordsOf(after.workspace, 'change')) if (changed.has(r.id)) schedule.set(r.id, r.data);
  const { policy: _, ...inputs } = decisionInputs(before.workspace);
  return {
    commit,
    mergedAt: facts.date,
    note,
    input: {
      ...inputs,
      // The author is not in the note; those it names as approvers were never the author.
      pr: { number: note.pr, author: '', headSha: note.head_sha, baseSha: parent, reviews: [], files: [] },
      changes,
      changedPaths: await diff(true),
      repoPaths: await diff(false),
      governedEdits: governedEdits(decisionInputs(before.workspace), decisionInputs(after.workspace)),
      now: note.decided_at,
      schedule: [...schedule.values()],
    },
  };
}

interface CommitFacts {
  /** Committer date, ISO 8601. */
  date: string;
  parents: string[];
}

/** Each commit's committer date and parents, in one git process. */
async function commitFacts(root: string, commits: readonly string[]): Promise<Map<string, CommitFacts>> {
  const out = new Map<string, CommitFacts>();
  if (commits.length === 0) return out;
  const text = await git(root, ['show', '-s', '--no-show-signature', '--format=%H%x00%cI%x00%P', ...commits]);
  for (const line of text.split('\n')) {
    const [sha, date, parents] = line.split('\0');
    if (sha && date) out.set(sha, { date, parents: (parents ?? '').split(' ').filter(Boolean) });
  }
  return out;
}

/**
 * The pull requests merged into HEAD's main line (merge and squash commits name them) in
 * [fromMs, toMs] that touched a change record but have no evidence note, oldest first: the
 * back-test cannot replay them. One `git log`, files compared with each commit's first parent.
 */
async function mergedWithoutNotes(root: string, noted: ReadonlySet<string>, fromMs: number, toMs: number): Promise<Array<{ pr: number; commit: string }>> {
  const log = await git(root, [
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--relative',
    '--name-only',
    '--no-show-signature',
    `--since=${Math.floor(fromMs / 1000)}`,
    '--format=%x01%H%x00%cI%x00%s',
    'HEAD',
  ]);
  const out: Array<{ pr: number; commit: string }> = [];
  for (const entry of log.split('\x01')) {
    const [header = '', ...files] = entry.split('\n');
    const [commit = '', date = '', subject = ''] = header.split('\0');
    const t = Date.parse(date);
    const pr = pullRequestFromSubject(subject);
    if (pr === null || noted.has(commit) || !(t >= fromMs && t <= toMs)) continue;
    if (files.some((f) => f.startsWith('content/changes/'))) out.push({ pr, commit });
  }
  return out.reverse();
}
