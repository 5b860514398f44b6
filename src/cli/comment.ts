/**
 * `itsm comment`: one comment per purpose on a pull request, kept up to date (src/io/pr-comment.ts).
 * Workflows call it to post a report they wrote to a file, e.g. the policy back-test.
 */
import { githubOptionsFromEnv } from '../io/github.ts';
import { MARKER_KEY, readCommentBody, upsertPrComment } from '../io/pr-comment.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import { whichPullRequest } from './github-target.ts';
import type { CliIO } from './io.ts';

const HELP = `Usage: itsm comment --marker KEY --body-file FILE [--pr N] [--repo owner/name]

Posts FILE (Markdown) as a comment on pull request N, or, when this tool already posted a comment
with the same marker there, edits that comment in place: one comment per marker, however often a
workflow runs. The comment starts with a hidden line <!-- itsm:KEY --> that finds it again; only a
comment written by the token's own account or by github-actions[bot] is ever edited, never someone
else's that carries the marker.

Options:
  --marker KEY     what the comment is for, e.g. collisions or sla-backtest (letters, digits, . - _)
  --body-file FILE the comment's Markdown
  --pr N           the pull request (in GitHub Actions: taken from the event)
  --repo O/NAME    the repository (default: GITHUB_REPOSITORY or the event's repository)

Environment: GITHUB_TOKEN (required; pull-requests: write), GITHUB_API_URL (default
https://api.github.com), GITHUB_EVENT_PATH and GITHUB_REPOSITORY (set by GitHub Actions).

Prints "created", "updated" or "unchanged" and the comment's address.
Exit codes: 0 posted (or already up to date), 2 usage error or any failure to read or write GitHub.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'comment',
    args,
    { pr: { type: 'string' }, repo: { type: 'string' }, marker: { type: 'string' }, 'body-file': { type: 'string' } },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const marker = values.marker ?? usage('which comment? Pass --marker KEY (e.g. --marker collisions).');
  if (!MARKER_KEY.test(marker)) usage(`--marker must be letters, digits, ".", "-" or "_" (at most 64, starting with a letter or digit); got "${marker}".`);
  const file = values['body-file'] ?? usage('what to post? Pass --body-file FILE (Markdown).');
  const target = whichPullRequest('comment', values.pr, values.repo, io.env);
  let body: string;
  try {
    body = readCommentBody(rootDir(io, file));
  } catch (err) {
    return usage(`cannot read --body-file ${file}: ${(err as Error).message}`);
  }
  try {
    const posted = await upsertPrComment(githubOptionsFromEnv(io.env), { owner: target.owner, repo: target.repo, pr: target.number, marker, body });
    io.stdout(posted.result === 'not-posted' ? 'not-posted\n' : `${posted.result} ${posted.url}\n`);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof ExitError) throw err;
    throw usageError(`itsm comment: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function usage(message: string): never {
  throw usageError(`itsm comment: ${message}`);
}
