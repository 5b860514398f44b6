/**
 * `itsm approvals`: decides whether a pull request carries the approvals the change policy requires.
 *
 * What it trusts, and from where:
 * - reviews, author and head/base commits: from the GitHub API (never from the event payload or files);
 * - policy, teams and services: from the PR's BASE commit in the local clone, so a PR cannot lower
 *   its own bar or add its author to an approving team;
 * - the change records: before (merge base) and after (the head commit the reviews are on), read
 *   from git objects, not from the working tree, so what is judged is exactly what was reviewed.
 * Every error exits 2; only a complete decision can exit 0.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { attributeCommits } from '../core/approvals/attribution.ts';
import { decideApprovals } from '../core/approvals/decide.ts';
import { approvalEvidence } from '../core/approvals/evidence.ts';
import { escapeData, formatAnnotations, formatPretty, formatSummary } from '../core/approvals/format.ts';
import type { ApprovalResult, ChangedChange, PullRequestFacts } from '../core/approvals/types.ts';
import { decisionInputs, governedEdits } from '../core/approvals/inputs.ts';
import { recordsOf, type Change } from '../core/model.ts';
import { loadBaseWorkspace, type BaseWorkspace } from '../io/base.ts';
import { git, resolveCommit } from '../io/git-tree.ts';
import { readGitApprovals } from '../io/git-approvals.ts';
import { misplacedRecord } from '../io/layout.ts';
import { sameLogin } from '../core/people.ts';
import { fetchPullRequest, githubOptionsFromEnv, type PullRequestCommit } from '../io/github.ts';
import { verifyPullRequestCommits } from '../io/commit-verification.ts';
import { oneOf, parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { parseNow } from './sla.ts';

const HELP = `Usage: itsm approvals --pr N [--repo owner/name] [--format pretty|json|github] [--root DIR] [--now ISO]
       itsm approvals --from-git --base REV [--head REV] [--format ...] [--root DIR] [--now ISO]

Decides whether pull request N has the approvals that content/policies/change-policy.yaml requires
for the change records it adds or advances, and for any edit to what decides approvals: content/policies/,
content/teams/, a service's owner, CIs or dependencies, a CI's relations, and the check's own code and
workflow (.github/, src/, bin/, scripts/, schemas/, package files, lock files...). A file that looks
like a change record anywhere but content/changes/<ID>.md is refused.

Only reviews count: each reviewer's latest review, on the PR's current head commit, by a member of
the team holding the required role, never by the PR's author. The policy, the teams and the services
are read from the PR's base commit, so a PR is judged by the rules it may be trying to change.
It also reports changes planned inside a freeze or outside a maintenance window, and other changes
planned on the same CI or service at the same time. See docs/approvals.md.

Options:
  --pr N           the pull request number (in GitHub Actions: taken from the event)
  --repo O/NAME    the repository (default: GITHUB_REPOSITORY or the event's repository)
  --format F       pretty (default), json (the decision and approval evidence), or github
                   (annotations on the change files; the job summary is written whenever
                   GITHUB_STEP_SUMMARY is set)
  --root DIR       the workspace inside a git clone that has the PR's base and head commits
                   (actions/checkout with fetch-depth: 0); default: the current directory
  --now ISO        judge overdue post-implementation reviews as of this instant (with an offset,
                   e.g. 2026-03-04T09:15:00+01:00); default: the current time
  --allow-base B   also judge pull requests into branch B (repeatable). By default only pull
                   requests into the repository's default branch can pass: a status check belongs
                   to a commit, so a pass judged against a laxer branch could be reused.

Without a forge (--from-git): approvals are SSH-signed tags under refs/tags/itsm-approval/ on the
commit they approve, message "itsm-approval: approved" (or "itsm-approval: changes-requested"):
  git tag -s -m "itsm-approval: approved" itsm-approval/<login>/<short-sha> <commit>
verified by git against the signing_key of team members in content/teams/ at --base. Every commit
in --base..--head must be signed by a listed member: the signers are the authors.
  --from-git       read approvals from signed git tags instead of GitHub
  --base REV       with --from-git: the revision the changes merge into (e.g. origin/main)
  --head REV       with --from-git: the changes' last commit (default HEAD)

Environment: GITHUB_TOKEN (required; read access to pull requests), GITHUB_API_URL (default
https://api.github.com), GITHUB_EVENT_PATH and GITHUB_REPOSITORY (set by GitHub Actions).

Exit codes: 0 approved or no approval needed, 1 approval pending or rejected,
2 usage error or any failure to read GitHub or git (the check fails closed).
`;

const DECISION_EXIT = { approved: EXIT.ok, 'not-required': EXIT.ok, pending: EXIT.failed, rejected: EXIT.failed } as const;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('approvals', args, {
    pr: { type: 'string' },
    repo: { type: 'string' },
    root: { type: 'string' },
    format: { type: 'string' },
    'allow-base': { type: 'string', multiple: true },
    'from-git': { type: 'boolean' },
    base: { type: 'string' },
    head: { type: 'string' },
    now: { type: 'string' },
  }, HELP, io);
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const format = oneOf('approvals', 'format', values.format, ['pretty', 'json', 'github'] as const, 'pretty');
  const now = parseNow('approvals', values.now).toISOString();
  try {
    const source: Source = values['from-git']
      ? { kind: 'git', base: values.base ?? usage('--from-git needs --base REV: the revision the changes will merge into (e.g. origin/main).'), head: values.head ?? 'HEAD' }
      : { kind: 'github', target: whichPullRequest(values.pr, values.repo, io.env), env: io.env };
    const root = rootDir(io, values.root);
    const result = await evaluate(root, source, values['allow-base'] ?? [], now);
    report(result, format, io, (await git(root, ['rev-parse', '--show-prefix'])).trim());
    return DECISION_EXIT[result.decision];
  } catch (err) {
    const message = err instanceof ExitError ? err.message : `itsm approvals: ${err instanceof Error ? err.message : String(err)}`;
    failClosed(message, format, io);
    throw new ExitError(EXIT.usage, message);
  }
}

function usage(message: string): never {
  throw usageError(`itsm approvals: ${message}`);
}

/** Where the reviews come from: the GitHub API, or signed tags in the clone (--from-git). */
type Source = { kind: 'github'; target: Target; env: NodeJS.ProcessEnv } | { kind: 'git'; base: string; head: string };

interface Target {
  owner: string;
  repo: string;
  number: number;
  /** The head SHA the triggering event saw, when run from an event. */
  eventHeadSha?: string;
}

/** --pr/--repo win; in Actions the event payload and GITHUB_REPOSITORY fill the gaps. */
function whichPullRequest(pr: string | undefined, repo: string | undefined, env: NodeJS.ProcessEnv): Target {
  let event: { pull_request?: { number?: unknown; head?: { sha?: unknown } }; repository?: { full_name?: unknown } } = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof event;
    } catch (err) {
      throw usageError(`itsm approvals: cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${(err as Error).message}`);
    }
  }
  const fromEvent = typeof event.pull_request?.number === 'number' ? event.pull_request.number : undefined;
  const number = pr !== undefined ? Number(pr) : fromEvent;
  if (number === undefined) throw usageError('itsm approvals: which pull request? Pass --pr N (in GitHub Actions it comes from a pull_request or pull_request_review event).');
  if (!Number.isInteger(number) || number < 1) throw usageError(`itsm approvals: --pr must be a pull request number; got "${pr}".`);
  const full = repo ?? (typeof event.repository?.full_name === 'string' ? event.repository.full_name : undefined) ?? env.GITHUB_REPOSITORY;
  const m = full ? /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(full) : null;
  if (!m) throw usageError(full ? `itsm approvals: --repo must be owner/name; got "${full}".` : 'itsm approvals: which repository? Pass --repo owner/name (GitHub Actions sets GITHUB_REPOSITORY).');
  const eventHeadSha = pr === undefined && typeof event.pull_request?.head?.sha === 'string' ? event.pull_request.head.sha : undefined;
  return { owner: m[1]!, repo: m[2]!, number, ...(eventHeadSha ? { eventHeadSha } : {}) };
}

async function evaluate(root: string, source: Source, allowedBases: string[], now: string): Promise<ApprovalResult> {
  let facts: PullRequestFacts | undefined;
  let commits: PullRequestCommit[] | undefined;
  if (source.kind === 'github') {
    const { target, env } = source;
    const { commits: listed, ...pr } = await fetchPullRequest(githubOptionsFromEnv(env), target.owner, target.repo, target.number);
    facts = pr;
    commits = listed;
    if (target.eventHeadSha && target.eventHeadSha !== pr.headSha) {
      throw new Error(`the pull request moved on: the event was for ${target.eventHeadSha.slice(0, 7)} but its head is now ${pr.headSha.slice(0, 7)}. The run for the new head decides.`);
    }
  }
  const head = await commitIn(root, facts ? facts.headSha : source.kind === 'git' ? source.head : '', 'head');
  const base = await commitIn(root, facts ? facts.baseSha : source.kind === 'git' ? source.base : '', 'base');
  // The PR's own edits are measured from where it forked, as GitHub's "Files changed" does.
  const forkPoint = (await git(root, ['merge-base', base, head])).trim();
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();

  const [atBase, atFork, atHead] = await Promise.all([loadBaseWorkspace(root, base), forkPoint === base ? undefined : loadBaseWorkspace(root, forkPoint), loadBaseWorkspace(root, head)]);
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
    const fromGit = await readGitApprovals(root, base, head, forkPoint, recordsOf(atBase.workspace, 'team').map((r) => r.data));
    facts = fromGit.facts;
    provenance = fromGit.problems;
  }
  const local = (await git(root, ['diff', '--relative', '--name-only', '-z', '--no-renames', forkPoint, head])).split('\0').filter(Boolean);
  const changedPaths = [...new Set([...facts.files, ...local.map((p) => `/${p}`)].flatMap((p) => inWorkspace(p, prefix)))].sort();
  // The gate's own code sits anywhere in the repository, not only under the workspace.
  const repoWide = (await git(root, ['diff', '--no-relative', '--name-only', '-z', '--no-renames', forkPoint, head])).split('\0').filter(Boolean);
  const repoPaths = [...new Set([...facts.files, ...repoWide])].sort();
  // Files the PR adds or edits (not deletes), to refuse look-alike change records it brings in.
  const present = new Set((await git(root, ['diff', '--relative', '--name-only', '-z', '--no-renames', '--diff-filter=d', forkPoint, head])).split('\0').filter(Boolean));

  const changes = [...changedChanges(changedPaths, before, atHead), ...misplacedChanges(changedPaths, present)];
  if (forkPoint !== base) {
    const sinceFork = new Set((await git(root, ['diff', '--relative', '--name-only', '-z', '--no-renames', forkPoint, base])).split('\0').filter(Boolean));
    for (const c of changes) if (sinceFork.has(c.file) || sinceFork.has(`content/changes/${c.id}.md`)) c.changedOnBaseSinceFork = true;
  }
  const changedIds = new Set(changes.map((c) => c.id));
  const schedule = new Map<string, Change>();
  for (const r of recordsOf(atBase.workspace, 'change')) schedule.set(r.id, r.data);
  for (const r of recordsOf(atHead.workspace, 'change')) if (changedIds.has(r.id)) schedule.set(r.id, r.data);

  return decideApprovals({
    pr: facts,
    changes,
    changedPaths,
    repoPaths,
    // Judged by the base; the PR's own edits to the same inputs are measured from the fork point.
    ...decisionInputs(atBase.workspace),
    governedEdits: governedEdits(decisionInputs(before.workspace), decisionInputs(atHead.workspace)),
    now,
    schedule: [...schedule.values()],
    allowedBases,
    provenance,
  });
}

/** A PR commit must be in the local clone: reading content any other way could be spoofed or stale. */
async function commitIn(root: string, sha: string, which: string): Promise<string> {
  try {
    return await resolveCommit(root, sha);
  } catch {
    throw new Error(`the ${which} commit ${sha} is not in the clone at ${root}. Check out with fetch-depth: 0 (actions/checkout), or git fetch origin pull/N/head.`);
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

function report(result: ApprovalResult, format: 'pretty' | 'json' | 'github', io: CliIO, repoPrefix: string): void {
  const annotations = formatAnnotations(result, repoPrefix);
  if (format === 'json') io.stdout(JSON.stringify({ ...result, evidence: approvalEvidence(result) }, null, 2) + '\n');
  else if (format === 'github') io.stdout(annotations.commands + formatPretty(result));
  else io.stdout(formatPretty(result));
  if (io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, formatSummary(result, format === 'github' ? annotations.overflow : []));
}

/** On any error: say so in the annotation and job summary too, so a red check explains itself. */
function failClosed(message: string, format: string, io: CliIO): void {
  if (format === 'github') io.stdout(`::error title=Change approvals could not be checked::${escapeData(message)}\n`);
  if (io.env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(io.env.GITHUB_STEP_SUMMARY, `## Change approvals: could not be checked\n\n${message}\n\nThe check fails closed: nothing is approved until it runs to the end.\n`);
    } catch {
      // The summary is a courtesy; the exit code already says it failed.
    }
  }
}
