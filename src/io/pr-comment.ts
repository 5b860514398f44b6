/**
 * One comment per purpose on a pull request, kept up to date: `upsertPrComment` finds this tool's
 * comment by a hidden marker on its first line (`<!-- itsm:KEY -->`), written by the token's own
 * account or by github-actions[bot] (the account of a workflow's GITHUB_TOKEN), and edits it in
 * place; it creates the comment only when there is none. A comment by anyone else is never edited,
 * even when it carries the marker: anyone can paste one.
 */
import { readFileSync } from 'node:fs';
import { allPages, client, count, entry, explain, GitHubError, need, nullable, object, PER_PAGE, string, text, type GitHubOptions } from './github.ts';

/** The account a workflow's GITHUB_TOKEN writes as. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** GitHub refuses comment bodies longer than this (characters). */
export const MAX_COMMENT_CHARS = 65_536;

/** A marker key: letters, digits, dot, dash, underscore (it goes inside an HTML comment). */
export const MARKER_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export interface PrCommentRequest {
  owner: string;
  repo: string;
  /** The pull request (an issue number on GitHub's side). */
  pr: number;
  /** The key of the hidden marker, e.g. "collisions" for `<!-- itsm:collisions -->`. */
  marker: string;
  /** Markdown; the marker line is put in front of it. */
  body: string;
  /** When false, only an existing comment is updated: none is created (default true). */
  create?: boolean;
}

export type PrCommentOutcome =
  | {
      result: 'created' | 'updated' | 'unchanged';
      /** The comment's id and address. */
      id: number;
      url: string;
    }
  /** With `create: false` and no comment yet: nothing was posted. */
  | { result: 'not-posted' };

/** Reads the body of `itsm comment --body-file` (UTF-8). Throws with the reason when it cannot. */
export function readCommentBody(path: string): string {
  return readFileSync(path, 'utf8');
}

/** The first line of a marked comment. */
export function markerLine(marker: string): string {
  return `<!-- itsm:${marker} -->`;
}

/** The comment's full text: marker line, body, cut to GitHub's limit with a note when longer. */
export function commentText(marker: string, body: string): string {
  const head = `${markerLine(marker)}\n`;
  const full = head + body;
  if (full.length <= MAX_COMMENT_CHARS) return full;
  const note = '\n\n_(cut: the full text is longer than a GitHub comment can hold; see the job summary)_\n';
  return head + body.slice(0, MAX_COMMENT_CHARS - head.length - note.length) + note;
}

/** Creates or updates the marked comment; throws GitHubError when GitHub cannot be read or refuses. */
export async function upsertPrComment(gh: GitHubOptions, request: PrCommentRequest): Promise<PrCommentOutcome> {
  const { owner, repo, pr, marker } = request;
  if (!MARKER_KEY.test(marker)) throw new GitHubError(`The comment marker must be letters, digits, ".", "-" or "_" (at most 64); got "${marker}".`);
  const octokit = client(gh);
  const where = `${owner}/${repo}#${pr}`;
  const body = commentText(marker, request.body);
  const line = markerLine(marker);
  try {
    const authors = new Set([ACTIONS_BOT, ...((await tokenLogin(gh)) ?? [])].map((l) => l.toLowerCase()));
    const listed = await allPages(
      octokit,
      gh.baseUrl,
      (p) => octokit.rest.issues.listComments(p),
      { owner, repo, issue_number: pr, per_page: PER_PAGE },
      'comments',
      where,
      PER_PAGE,
    );
    const comments = listed.map((c, i) => {
      const what = `comment ${i + 1} of ${where}`;
      entry(c, what);
      const user = need(c, 'user', nullable(object), what);
      return {
        id: need(c, 'id', count, what),
        url: need(c, 'html_url', string, what),
        login: user === null ? null : need(c, 'user.login', text, what),
        body: need(c, 'body', { test: (v): v is string | undefined => v === undefined || typeof v === 'string', expected: 'a string or nothing' }, what) ?? '',
      };
    });
    const mine = comments.find((c) => c.login !== null && authors.has(c.login.toLowerCase()) && c.body.split('\n', 1)[0]!.trim() === line);
    if (mine && mine.body === body) return { result: 'unchanged', id: mine.id, url: mine.url };
    if (!mine && request.create === false) return { result: 'not-posted' };
    const { data } = mine
      ? await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body })
      : await octokit.rest.issues.createComment({ owner, repo, issue_number: pr, body });
    const what = `the comment GitHub ${mine ? 'updated' : 'created'} on ${where}`;
    entry(data, what);
    return { result: mine ? 'updated' : 'created', id: need(data, 'id', count, what), url: need(data, 'html_url', string, what) };
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 403 || status === 404)
      throw new GitHubError(
        `GitHub refused to read or write the comments of ${where} (${status}). The token needs pull-requests: write (or issues: write), and the pull request must exist.`,
        status,
        { cause: err },
      );
    throw explain(err, where, gh);
  }
}

/**
 * The login of the token's account, or undefined when GitHub will not say (a workflow's
 * GITHUB_TOKEN cannot read /user: its comments are github-actions[bot]'s).
 */
async function tokenLogin(gh: GitHubOptions): Promise<[string] | undefined> {
  try {
    const { data } = await client(gh).rest.users.getAuthenticated();
    return [need(data, 'login', text, 'the account of the token')];
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 403 || status === 404) return undefined;
    throw err;
  }
}
