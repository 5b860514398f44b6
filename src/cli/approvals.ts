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
import { approvalEvidence } from '../core/approvals/evidence.ts';
import { escapeData, formatAnnotations, formatPretty, formatReviewRequest, formatSummary } from '../core/approvals/format.ts';
import { appendStepSummary, runApprovals, type ApprovalRun, workspacePrefix, type Source } from '../io/approvals-run.ts';
import { formatCollisionAnnotations, formatCollisionsMarkdown, formatDecisionCollisions } from '../core/collisions-format.ts';
import { oneOf, parseCommand, rootDir } from './args.ts';
import { runBacktest } from './approvals-backtest.ts';
import { whichPullRequest } from './github-target.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { parseDays, parseFormat, parseNow } from './options.ts';

const HELP = `Usage: itsm approvals --pr N [--repo owner/name] [--format pretty|json|github] [--root DIR] [--now ISO]
       itsm approvals --from-git --base REV [--head REV] [--format ...] [--root DIR] [--now ISO]
       itsm approvals --backtest BASE [--days N] [--format pretty|json|markdown] [--root DIR] [--now ISO]

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
  --request-reviews
                   ask for reviews (GitHub's reviewers API) from everyone who can fill an empty
                   seat: the owner teams' members of every service the change reaches, the CAB...,
                   and a team's GitHub team where its file names \`github_team\`. Never the author
                   (nor their other logins), nobody asked already or who has reviewed, so a second
                   run asks nobody new. Needs pull-requests: write. A failure to ask is reported
                   and never changes the decision.
  --collisions     also list this pull request's collisions (see \`itsm collisions\`): its changes
                   planned at the same time as others on the same CI, service or CMDB path, or in a
                   freeze. Informational: they never change the decision, and a failure to read
                   them is reported, never fatal. Reads every open pull request (contents: read).
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

Back-testing a change policy edit (docs/approvals.md, "Back-testing a change policy edit"):
  --backtest BASE  every pull request merged in the last --days days (before --now) that has
                   approval evidence (git notes, refs/notes/itsm-approvals: fetch them first) is
                   decided again with the approvals its note recorded, under the change policy of
                   the commit BASE (read from git) and under the working tree's; prints the changes
                   decided differently: ID, PR, base decision -> head decision, and why. Only
                   data is read: notes, and files at the merge commits and their first parents.
                   Exit 0 (differences are data), 1 when either change policy does not validate.
                   json: {"base":{"rev","commit"},"head","now","days","from","pull_requests",
                   "decisions","differences":[{"change","pr","commit","merged_at","recorded",
                   "base":{"decision","required","approvers","missing"},"head":{...},"why"}],
                   "without_evidence":[{"pr","commit"}]} (merged into HEAD's main line in the
                   window, editing change records, without a note: named, not replayed)
  --days N         the window of --backtest, in days of 24 hours (default 90), before --now or,
                   without it, itsm.yaml's reference_time if set, else the current time

Environment: GITHUB_TOKEN (required; read access to pull requests), GITHUB_API_URL (default
https://api.github.com), GITHUB_EVENT_PATH and GITHUB_REPOSITORY (set by GitHub Actions).

Exit codes: 0 approved or no approval needed, 1 approval pending or rejected,
2 usage error or any failure to read GitHub or git (the check fails closed).
`;

const DECISION_EXIT = { approved: EXIT.ok, 'not-required': EXIT.ok, pending: EXIT.failed, rejected: EXIT.failed } as const;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'approvals',
    args,
    {
      pr: { type: 'string' },
      repo: { type: 'string' },
      root: { type: 'string' },
      format: { type: 'string' },
      'allow-base': { type: 'string', multiple: true },
      'from-git': { type: 'boolean' },
      'request-reviews': { type: 'boolean' },
      collisions: { type: 'boolean' },
      base: { type: 'string' },
      head: { type: 'string' },
      now: { type: 'string' },
      backtest: { type: 'string' },
      days: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  if (values.backtest !== undefined) return backtest(values, io);
  if (values.days !== undefined) usage('--days is the window of --backtest; add --backtest BASE (e.g. itsm approvals --backtest origin/main --days 90).');
  const format = parseFormat('approvals', values.format, ['pretty', 'json', 'github']);
  const now = parseNow('approvals', values.now).toISOString();
  try {
    const source: Source = values['from-git']
      ? {
          kind: 'git',
          base: values.base ?? usage('--from-git needs --base REV: the revision the changes will merge into (e.g. origin/main).'),
          head: values.head ?? 'HEAD',
        }
      : { kind: 'github', target: whichPullRequest('approvals', values.pr, values.repo, io.env), env: io.env };
    const root = rootDir(io, values.root);
    if (values['request-reviews'] && source.kind !== 'github') usage('--request-reviews asks GitHub for reviews; it does not go with --from-git.');
    if (values.collisions && source.kind !== 'github') usage('--collisions reads the open pull requests on GitHub; it does not go with --from-git.');
    const run = await runApprovals(root, source, values['allow-base'] ?? [], now, {
      requestReviews: values['request-reviews'] === true,
      collisions: values.collisions === true,
    });
    report(run, format, io, await workspacePrefix(root));
    return DECISION_EXIT[run.result.decision];
  } catch (err) {
    const message = err instanceof ExitError ? err.message : `itsm approvals: ${err instanceof Error ? err.message : String(err)}`;
    failClosed(message, format, io);
    throw new ExitError(EXIT.usage, message);
  }
}

/** --backtest: a report on merged history, not a decision on a pull request; the PR options do not apply. */
function backtest(values: Record<string, string | boolean | string[] | undefined>, io: CliIO): Promise<number> {
  const clash = ['pr', 'repo', 'allow-base', 'from-git', 'request-reviews', 'base', 'head'].filter((k) => values[k] !== undefined);
  if (clash.length > 0) usage(`--backtest replays merged pull requests and takes no ${clash.map((k) => `--${k}`).join(', ')}; run it without them.`);
  const format = oneOf('approvals', 'format', values.format as string | undefined, ['pretty', 'json', 'markdown', 'github'] as const, 'pretty');
  return runBacktest(
    {
      base: values.backtest as string,
      days: parseDays('approvals', values.days as string | undefined),
      format: format === 'github' ? 'markdown' : format,
      root: values.root as string | undefined,
      now: values.now === undefined ? null : parseNow('approvals', values.now as string),
    },
    io,
  );
}

function usage(message: string): never {
  throw usageError(`itsm approvals: ${message}`);
}

function report(run: ApprovalRun, format: 'pretty' | 'json' | 'github', io: CliIO, repoPrefix: string): void {
  const { result, canApprove, reviewRequest, collisions } = run;
  const annotations = formatAnnotations(result, repoPrefix);
  // The collisions as the collisions command shows this PR's: informational, beside the decision.
  const pull = collisions ? [{ pr: result.pr, headSha: result.headSha, changes: [], findings: collisions.findings }] : [];
  if (format === 'json')
    io.stdout(
      JSON.stringify(
        { ...result, evidence: approvalEvidence(result), canApprove, ...(reviewRequest ? { reviewRequest } : {}), ...(collisions ? { collisions } : {}) },
        null,
        2,
      ) + '\n',
    );
  else {
    if (format === 'github') {
      io.stdout(annotations.commands);
      if (reviewRequest?.error) io.stdout(`::warning title=Review requests failed::${escapeData(formatReviewRequest(reviewRequest))}\n`);
      io.stdout(formatCollisionAnnotations(pull, repoPrefix));
      if (collisions?.error) io.stdout(`::warning title=Collisions could not be read::${escapeData(collisions.error)}\n`);
    }
    io.stdout(formatPretty(result));
    if (reviewRequest) io.stdout(formatReviewRequest(reviewRequest) + '\n');
    if (collisions) io.stdout(formatDecisionCollisions(collisions));
  }
  if (io.env.GITHUB_STEP_SUMMARY)
    appendStepSummary(
      io.env.GITHUB_STEP_SUMMARY,
      formatSummary(result, format === 'github' ? annotations.overflow : [], { canApprove, reviewRequest }) +
        (collisions
          ? '\n' + (collisions.error ? `Collisions could not be read: ${collisions.error}\n` : formatCollisionsMarkdown(pull, { pr: result.pr }))
          : ''),
    );
}

/** On any error: say so in the annotation and job summary too, so a red check explains itself. */
function failClosed(message: string, format: string, io: CliIO): void {
  if (format === 'github') io.stdout(`::error title=Change approvals could not be checked::${escapeData(message)}\n`);
  if (io.env.GITHUB_STEP_SUMMARY) {
    try {
      appendStepSummary(
        io.env.GITHUB_STEP_SUMMARY,
        `## Change approvals: could not be checked\n\n${message}\n\nThe check fails closed: nothing is approved until it runs to the end.\n`,
      );
    } catch {
      // The summary is a courtesy; the exit code already says it failed.
    }
  }
}
