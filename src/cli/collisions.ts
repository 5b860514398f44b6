/**
 * `itsm collisions`: which changes proposed in open pull requests are planned at the same time as
 * another change (on the default branch or in another open PR) on the same CI or service, or on one
 * connected to it in the CMDB, and which fall in a freeze. Informational: it never fails a PR.
 */
import { escapeData } from '../core/approvals/format.ts';
import { formatCollisionAnnotations, formatCollisionsMarkdown, formatCollisionsPretty, COLLISIONS_MARKER } from '../core/collisions-format.ts';
import { appendStepSummary } from '../io/approvals-run.ts';
import { runCollisions, writeCollisionsFile } from '../io/collisions-run.ts';
import { githubOptionsFromEnv } from '../io/github.ts';
import { upsertPrComment } from '../io/pr-comment.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import { whichPullRequest, whichRepository } from './github-target.ts';
import type { CliIO } from './io.ts';
import { parseFormat } from './options.ts';

const HELP = `Usage: itsm collisions [--pr N] [--repo owner/name] [--format pretty|json|markdown|github]
                       [--out FILE] [--comment] [--base REV] [--root DIR]

Reads every open pull request into the default branch that adds or edits a change record
(content/changes/<ID>.md, read at the PR's head through GitHub's API, as data), and reports, for
each, the changes planned at an overlapping time:
  - on the same CI, or the same service;
  - on a CI or service connected to it in the CMDB (depends_on, runs_on, connects_to, a service's
    cis and depends_on), with the path, e.g. CI-web -> depends_on -> CI-db;
whether those are on the default branch (read from the local checkout) or proposed in another open
pull request; a proposed change planned inside a freeze of the change policy; two pull requests
editing the same change; and a change file that does not parse or sits where no record is read.
Collisions are informational: they never change the approval decision (see docs/collisions.md).

Options:
  --pr N         only this pull request's findings (its collisions with all the others)
  --repo O/NAME  the repository (default: GITHUB_REPOSITORY or the event's repository)
  --format F     pretty (default), json, markdown (as the PR comment), or github (annotations)
  --out FILE     also write the JSON to FILE (the site build's --proposed input)
  --comment      post the findings of the pull request (--pr, or the event's) as one comment,
                 updated in place on every run (marker <!-- itsm:${COLLISIONS_MARKER} -->); needs
                 pull-requests: write
  --base REV     read the default branch's changes at REV (e.g. origin/main) from git instead of
                 the working tree (in a workflow on a pull request the checkout is the PR's merge)
  --root DIR     the workspace inside a git clone (default: the current directory)

Environment: GITHUB_TOKEN (required; read access to pull requests and contents), GITHUB_API_URL
(default https://api.github.com), GITHUB_REPOSITORY and GITHUB_EVENT_PATH (set by GitHub Actions).
With GITHUB_STEP_SUMMARY set, the Markdown is added to the job summary.

Exit codes: 0 read and reported (with or without collisions), 2 usage error or any failure to read
GitHub or the workspace (an incomplete list of pull requests is never reported as complete).
`;

const FORMATS = ['pretty', 'json', 'markdown', 'github'] as const;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'collisions',
    args,
    {
      pr: { type: 'string' },
      repo: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      comment: { type: 'boolean' },
      base: { type: 'string' },
      root: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const format = parseFormat('collisions', values.format, FORMATS);
  try {
    // --comment needs a pull request: the event's when --pr is not given.
    const pull = values.pr !== undefined || values.comment ? whichPullRequest('collisions', values.pr, values.repo, io.env) : undefined;
    const target = pull ?? whichRepository('collisions', values.repo, io.env);
    const pr = pull?.number;
    const root = rootDir(io, values.root);
    const result = await runCollisions(root, { owner: target.owner, repo: target.repo, env: io.env, ...(values.base ? { base: values.base } : {}) });
    const pulls = pr === undefined ? result.pulls : result.pulls.filter((p) => p.pr === pr);
    const json = JSON.stringify({ repository: `${target.owner}/${target.repo}`, ...(pr !== undefined ? { pr } : {}), ...result, pulls }, null, 2) + '\n';
    if (values.out) writeCollisionsFile(rootDir(io, values.out), JSON.stringify({ repository: `${target.owner}/${target.repo}`, ...result }, null, 2) + '\n');
    const markdown = formatCollisionsMarkdown(pulls, pr !== undefined ? { pr } : {});
    if (format === 'json') io.stdout(json);
    else if (format === 'markdown') io.stdout(markdown);
    else {
      if (format === 'github') io.stdout(formatCollisionAnnotations(pulls, result.prefix));
      io.stdout(
        formatCollisionsPretty(
          pulls,
          pr !== undefined ? `Pull request #${pr} adds or edits no change record (or is not open).` : 'No open pull request adds or edits a change record.',
        ),
      );
    }
    if (io.env.GITHUB_STEP_SUMMARY) appendStepSummary(io.env.GITHUB_STEP_SUMMARY, markdown);
    if (values.comment && pr !== undefined) {
      // A PR that touches no change record gets no comment, unless it had one (it then says so).
      const posted = await upsertPrComment(githubOptionsFromEnv(io.env), {
        owner: target.owner,
        repo: target.repo,
        pr,
        marker: COLLISIONS_MARKER,
        body: markdown,
        create: pulls.length > 0,
      });
      const line =
        posted.result === 'not-posted' ? 'No comment: the pull request adds or edits no change record.\n' : `Comment ${posted.result}: ${posted.url}\n`;
      // JSON on stdout stays one document.
      if (format === 'json') io.stderr(line);
      else io.stdout(line);
    }
    return EXIT.ok;
  } catch (err) {
    const message = err instanceof ExitError ? err.message : `itsm collisions: ${err instanceof Error ? err.message : String(err)}`;
    if (format === 'github') io.stdout(`::error title=Collisions could not be checked::${escapeData(message)}\n`);
    if (err instanceof ExitError) throw err;
    throw usageError(message);
  }
}
