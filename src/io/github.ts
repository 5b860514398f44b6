/**
 * The GitHub REST client for `itsm approvals`: reads a pull request's author, head and base commits,
 * its changed files, its commits and their accounts, and all of its reviews (every page).
 *
 * Security stance: this module never guesses. Any failure (bad token, unknown PR, server errors after
 * retries, a timeout, a response without the fields we rely on, lists that do not add up to the
 * pull request's counts) throws GitHubError, and the command turns that into exit 2, so the approval
 * check fails closed instead of passing on missing data. The token is only ever sent inside the
 * configured API root: Link headers and redirects that point elsewhere are refused, never followed.
 *
 * It also finds the pull request a commit was merged as, for the approval evidence recorded after
 * the merge (mergedPullRequestOf).
 *
 * The operations used are listed in scripts/vendor-openapi.ts, which vendors their response schemas
 * for the test server (test/helpers/github-server.ts).
 */
import { Octokit } from 'octokit';
import type { AlreadyRequested } from '../core/approvals/reviewers.ts';
import type { PullRequestFacts, Review } from '../core/approvals/types.ts';

export class GitHubError extends Error {
  /** HTTP status when GitHub answered, undefined for network errors and timeouts. */
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GitHubError';
    this.status = status;
  }
}

export interface GitHubOptions {
  token: string;
  /** API root, e.g. https://api.github.com or https://ghe.example.com/api/v3 (GITHUB_API_URL). */
  baseUrl: string;
  /** Give up on one request after this long. */
  timeoutMs: number;
  /** Retries of 5xx answers, network errors and timeouts (not of 4xx). */
  retries: number;
  /** Base of the quadratic back-off between retries (1 s in production, a few ms in tests). */
  retryBaseMs: number;
}

/**
 * Options from the environment: GITHUB_TOKEN (required), GITHUB_API_URL, and for tests or slow
 * networks ITSM_GITHUB_TIMEOUT_MS, ITSM_GITHUB_RETRIES, ITSM_GITHUB_RETRY_BASE_MS.
 */
export function githubOptionsFromEnv(env: NodeJS.ProcessEnv): GitHubOptions {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token)
    throw new GitHubError(
      "GITHUB_TOKEN is not set. In a workflow pass `env: GITHUB_TOKEN: ${{ github.token }}`; locally use a token that can read the repository's pull requests.",
    );
  const number = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new GitHubError(`${name} must be a non-negative number; got "${raw}".`);
    return n;
  };
  return {
    token,
    baseUrl: (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, ''),
    timeoutMs: number('ITSM_GITHUB_TIMEOUT_MS', 30_000),
    retries: number('ITSM_GITHUB_RETRIES', 3),
    retryBaseMs: number('ITSM_GITHUB_RETRY_BASE_MS', 1000),
  };
}

/**
 * True when `url` lies inside the configured API root: same scheme, host and port, and under its path
 * (GHES serves the API under /api/v3). Every request carries the token, so nothing else is ever fetched.
 */
export function insideApi(baseUrl: string, url: URL): boolean {
  const api = new URL(baseUrl.replace(/\/*$/, '/'));
  return url.origin === api.origin && !url.username && !url.password && `${url.pathname}/`.startsWith(api.pathname);
}

/** How many redirects inside the API root are followed (GitHub answers 301 for a renamed repository). */
const MAX_REDIRECTS = 5;

/**
 * The fetch every request goes through: a timeout per request; a refusal of any URL outside the API
 * root before a byte is sent (so a Link header or a redirect cannot carry the token elsewhere); and
 * redirects followed by hand, only inside the API root (fetch's own following is switched off).
 */
function guardedFetch(opts: GitHubOptions): typeof fetch {
  return async (input, init) => {
    let url = new URL(input instanceof Request ? input.url : String(input));
    for (let hop = 0; ; hop++) {
      if (!insideApi(opts.baseUrl, url)) {
        throw refusal(
          `Refused to send a request to ${url.origin}${url.pathname}: it is outside the GitHub API root ${opts.baseUrl} (GITHUB_API_URL), and every request carries the token. An answer from GitHub pointed there (a Link header); the check fails closed.`,
        );
      }
      const signals = [AbortSignal.timeout(opts.timeoutMs), ...(init?.signal ? [init.signal] : [])];
      const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.any(signals) });
      if (res.status < 300 || res.status >= 400 || res.status === 304) return res;
      const location = res.headers.get('location');
      await res.body?.cancel();
      const next = location ? new URL(location, url) : undefined;
      if (!next || !insideApi(opts.baseUrl, next)) {
        throw refusal(
          `GitHub (${opts.baseUrl}) answered ${res.status} for ${url.pathname}, redirecting ${next ? `to ${next.origin}${next.pathname}, outside the API root` : 'without a Location'}. The check does not follow it (the token stays with ${new URL(opts.baseUrl).origin}) and fails closed. Check GITHUB_API_URL.`,
          res.status,
        );
      }
      if (hop >= MAX_REDIRECTS)
        throw refusal(`GitHub (${opts.baseUrl}) redirected ${url.pathname} more than ${MAX_REDIRECTS} times; the check fails closed.`, res.status);
      url = next;
    }
  };
}

/**
 * A refusal thrown from inside fetch. It is dressed as an abort so that octokit passes it through
 * unwrapped and its retry plugin does not send the refused request again; explain() unwraps it.
 */
function refusal(message: string, status?: number): Error {
  return Object.assign(new Error(message, { cause: new GitHubError(message, status) }), { name: 'AbortError' });
}

/** The octokit every call goes through: guarded fetch, retries, throttling, no logging. */
export function client(opts: GitHubOptions): Octokit {
  // Rate limits: wait and retry only when GitHub asks for a short wait; otherwise fail (closed).
  const onLimit = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
    retryCount < opts.retries && retryAfter * 1000 <= opts.timeoutMs;
  return new Octokit({
    auth: opts.token,
    baseUrl: opts.baseUrl,
    userAgent: 'itsm-approvals',
    request: { fetch: guardedFetch(opts), redirect: 'manual' },
    retry: { retries: opts.retries, retryAfterBaseValue: opts.retryBaseMs },
    throttle: { onRateLimit: onLimit, onSecondaryRateLimit: onLimit, retryAfterBaseValue: Math.max(opts.retryBaseMs, 1) },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

/** GitHub lists at most this many commits and files of a pull request; more is a refusal, not a guess. */
export const GITHUB_MAX_COMMITS = 250;
export const GITHUB_MAX_FILES = 3000;
export const PER_PAGE = 100;

/** One commit of the pull request as GitHub attributes it: the accounts its emails belong to, if any. */
export interface PullRequestCommit {
  sha: string;
  /** Login of the account GitHub matched the author email to; null when none. */
  author: string | null;
  /** Login of the committer's account; null when none ("web-flow" for commits GitHub made). */
  committer: string | null;
}

/**
 * What GitHub says about a pull request: the decision's facts, its commits to attribute, and who is
 * asked for a review already (undefined when GitHub's answer does not list them readably: then
 * nobody is asked, since asking again cannot be ruled out; the decision never reads it).
 */
export type PullRequestFromGitHub = PullRequestFacts & { commits: PullRequestCommit[]; requested: AlreadyRequested | undefined };

/**
 * Reads everything the approval decision needs about one pull request. Throws GitHubError.
 * Every answer is checked for the fields the decision reads (their presence and types, never the
 * absence of new ones), and the lists must add up to the counts on the pull request.
 */
export async function fetchPullRequest(opts: GitHubOptions, owner: string, repo: string, number: number): Promise<PullRequestFromGitHub> {
  const octokit = client(opts);
  const where = `${owner}/${repo}#${number}`;
  try {
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
    const pr = readPull(data, where);
    if (pr.commitCount > GITHUB_MAX_COMMITS) {
      throw new GitHubError(
        `${where} has ${pr.commitCount} commits, but GitHub lists at most ${GITHUB_MAX_COMMITS}, so their authors cannot all be known. Squash or split the pull request.`,
      );
    }
    if (pr.fileCount > GITHUB_MAX_FILES) {
      throw new GitHubError(
        `${where} changes ${pr.fileCount} files, but GitHub lists at most ${GITHUB_MAX_FILES}, so the changes it touches cannot all be known. Split the pull request.`,
      );
    }
    const page = { owner, repo, pull_number: number, per_page: PER_PAGE };
    const reviews = (await allPages(octokit, opts.baseUrl, (p) => octokit.rest.pulls.listReviews(p), page, 'reviews', where)).map((r, i) =>
      readReview(r, `review ${i + 1} of ${where}`),
    );
    const files = (await allPages(octokit, opts.baseUrl, (p) => octokit.rest.pulls.listFiles(p), page, 'files', where)).map((f, i) =>
      readFile(f, `file ${i + 1} of ${where}`),
    );
    const commits = (await allPages(octokit, opts.baseUrl, (p) => octokit.rest.pulls.listCommits(p), page, 'commits', where)).map((c, i) =>
      readCommit(c, `commit ${i + 1} of ${where}`),
    );
    addsUp(files.length, pr.fileCount, 'files', where);
    addsUp(commits.length, pr.commitCount, 'commits', where);
    return {
      number,
      author: pr.author,
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      baseRef: pr.baseRef,
      defaultBranch: pr.defaultBranch,
      reviews,
      files: files.flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]),
      commits,
      requested: readRequested(data),
    };
  } catch (err) {
    throw explain(err, where, opts);
  }
}

function addsUp(listed: number, counted: number, what: string, where: string): void {
  if (listed !== counted) {
    throw new GitHubError(
      `GitHub listed ${listed} ${what} of ${where}, but the pull request counts ${counted}. The decision needs all of them, so the check fails closed; re-run it (GitHub may still be updating the pull request).`,
    );
  }
}

/** Upper bound on pages of one list: a Link chain that never ends is a refusal, not a hang. */
const MAX_PAGES = 100;

/**
 * Every page of a list, following `Link: rel=next` only inside the API root (guardedFetch enforces
 * it for every request too). A page that is not a list, or an empty page that promises more, fails;
 * with `fullPages` (the page size asked for), so does any page short of it that promises more.
 */
export async function allPages<P>(
  octokit: Octokit,
  baseUrl: string,
  first: (params: P) => Promise<{ data: unknown; headers: { link?: string } }>,
  params: P,
  what: string,
  where: string,
  fullPages?: number,
): Promise<unknown[]> {
  let res = await first(params);
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    if (!Array.isArray(res.data))
      throw new GitHubError(`GitHub answered page ${page} of the ${what} of ${where} with ${describe(res.data)} instead of a list; the check fails closed.`);
    const next = nextLink(res.headers.link);
    if (next && res.data.length === 0)
      throw new GitHubError(
        `GitHub answered page ${page} of the ${what} of ${where} with no items but a link to a next page; the check fails closed rather than decide on a partial list.`,
      );
    if (next && fullPages !== undefined && res.data.length < fullPages)
      throw new GitHubError(
        `GitHub answered page ${page} of the ${what} of ${where} with ${res.data.length} items of ${fullPages} but a link to a next page; the list would be partial, so the run fails closed.`,
      );
    out.push(...(res.data as unknown[]));
    if (!next) return out;
    const url = URL.parse(next);
    if (!url || !insideApi(baseUrl, url)) {
      throw new GitHubError(
        `GitHub's link to the next page of the ${what} of ${where} points ${url ? `to ${url.origin}${url.pathname}` : 'to no absolute URL'}, outside the API root ${baseUrl}. It is not followed (it would carry the token); the check fails closed.`,
      );
    }
    if (seen.has(url.href) || page >= MAX_PAGES)
      throw new GitHubError(`GitHub's pages of the ${what} of ${where} do not end (page ${page + 1} repeats or exceeds ${MAX_PAGES}); the check fails closed.`);
    seen.add(url.href);
    res = await octokit.request({ method: 'GET', url: url.href });
  }
}

/** The rel="next" target of a Link header (RFC 8288: `<url>; rel="next", <url>; rel="last"`), if any. */
function nextLink(link: string | undefined): string | undefined {
  for (const [, url, params] of (link ?? '').matchAll(/<([^<>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params!);
    if (rel && (rel[1] ?? rel[2]!).toLowerCase().split(/\s+/).includes('next')) return url;
  }
  return undefined;
}

/** The pull request a commit on the default branch was merged as (see mergedPullRequestOf). */
export interface MergedPullRequest {
  number: number;
  /** The commit GitHub merged it as: the merge or squash commit, or the last rebased commit. */
  mergeCommitSha: string;
  mergedAt: string;
  baseRef: string;
  defaultBranch: string;
}

/**
 * The pull request that `sha` is the merge commit of, or null when no merged pull request into the
 * repository's default branch has that merge commit (a direct push). A PR that merely contains the
 * commit on its branch does not count: only GitHub's own record of the merge links the two.
 * Used after the merge, to record approval evidence. Throws GitHubError.
 */
export async function mergedPullRequestOf(opts: GitHubOptions, owner: string, repo: string, sha: string): Promise<MergedPullRequest | null> {
  const octokit = client(opts);
  const where = `${owner}/${repo}@${sha.slice(0, 12)}`;
  try {
    const listed = await allPages(
      octokit,
      opts.baseUrl,
      (p) => octokit.rest.repos.listPullRequestsAssociatedWithCommit(p),
      { owner, repo, commit_sha: sha, per_page: PER_PAGE },
      'pull requests',
      where,
    );
    const pulls = listed.map((p, i) => {
      const what = `pull request ${i + 1} of those GitHub associates with ${where}`;
      entry(p, what);
      return {
        number: need(p, 'number', count, what),
        merge_commit_sha: need(p, 'merge_commit_sha', optional(nullable(string)), what),
        merged_at: need(p, 'merged_at', optional(nullable(string)), what),
        base: { ref: need(p, 'base.ref', text, what), repo: { default_branch: need(p, 'base.repo.default_branch', text, what) } },
      };
    });
    const merged = pulls.filter((p) => p.merge_commit_sha === sha && typeof p.merged_at === 'string' && p.base.ref === p.base.repo.default_branch);
    if (merged.length > 1)
      throw new GitHubError(
        `GitHub lists ${merged.length} pull requests merged as ${where}: ${merged.map((p) => `#${p.number}`).join(', ')}. Pass --pr to say which.`,
      );
    const pr = merged[0];
    if (!pr) return null;
    return { number: pr.number, mergeCommitSha: sha, mergedAt: pr.merged_at!, baseRef: pr.base.ref, defaultBranch: pr.base.repo.default_branch };
  } catch (err) {
    throw explain(err, where, opts);
  }
}

/** A type test for a field the decision reads, with the words for what was expected. */
export interface Expect<T> {
  test: (v: unknown) => v is T;
  expected: string;
}
export const string: Expect<string> = { test: (v): v is string => typeof v === 'string', expected: 'a string' };
export const text: Expect<string> = { test: (v): v is string => typeof v === 'string' && v.length > 0, expected: 'a non-empty string' };
export const count: Expect<number> = { test: (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0, expected: 'a non-negative integer' };
export const sha: Expect<string> = { test: isSha, expected: 'a commit SHA' };
export const optional = <T>(e: Expect<T>): Expect<T | undefined> => ({
  test: (v): v is T | undefined => v === undefined || e.test(v),
  expected: `${e.expected} or nothing`,
});
export const nullable = <T>(e: Expect<T>): Expect<T | null> => ({ test: (v): v is T | null => v === null || e.test(v), expected: `${e.expected} or null` });
export const object: Expect<Record<string, unknown>> = {
  test: (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
  expected: 'an object',
};

/**
 * Reads `path` (dot-separated) of a response item, or throws saying what GitHub sent instead. Only
 * the fields read are checked: a field GitHub adds never matters.
 */
export function need<T>(item: unknown, path: string, e: Expect<T>, what: string): T {
  let v: unknown = item;
  for (const key of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  if (!e.test(v)) {
    throw new GitHubError(
      `GitHub returned ${what} with ${path} ${describe(v)}; expected ${e.expected}. The decision relies on it, so the check fails closed. Re-run it; if this persists, check GITHUB_API_URL and any proxy between the runner and GitHub.`,
    );
  }
  return v;
}

/** Each answer and list item must be an object before any field of it is read. */
export function entry(item: unknown, what: string): void {
  if (!object.test(item))
    throw new GitHubError(
      `GitHub returned ${what} as ${item === null ? 'null' : Array.isArray(item) ? 'a list' : `a ${typeof item}`} instead of an object. The decision relies on it, so the check fails closed.`,
    );
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v ? 'a string of another form' : 'an empty string';
  return `a ${typeof v}`;
}

function readPull(pr: unknown, where: string) {
  const what = `the pull request ${where}`;
  entry(pr, what);
  need(pr, 'head.ref', string, what);
  return {
    author: need(pr, 'user.login', text, what),
    headSha: need(pr, 'head.sha', sha, what),
    baseSha: need(pr, 'base.sha', sha, what),
    baseRef: need(pr, 'base.ref', text, what),
    defaultBranch: need(pr, 'base.repo.default_branch', text, what),
    commitCount: need(pr, 'commits', count, what),
    fileCount: need(pr, 'changed_files', count, what),
  };
}

/** requested_reviewers and requested_teams of a pull request, or undefined when they are not lists of named accounts. */
function readRequested(pr: unknown): AlreadyRequested | undefined {
  const names = (list: unknown, key: 'login' | 'slug'): string[] | undefined => {
    if (!Array.isArray(list)) return undefined;
    const out = list.map((x: unknown) => (object.test(x) && text.test(x[key]) ? x[key] : undefined));
    return out.every((x) => x !== undefined) ? out : undefined;
  };
  const p = object.test(pr) ? pr : {};
  const users = names(p.requested_reviewers, 'login');
  const teams = names(p.requested_teams ?? [], 'slug');
  return users && teams ? { users, teams } : undefined;
}

/**
 * Asks for reviews on a pull request (POST .../pulls/{n}/requested_reviewers): `reviewers` are
 * logins, `teams` GitHub team slugs. Needs a token with pull-requests: write. Throws GitHubError.
 */
export async function requestReviewers(
  opts: GitHubOptions,
  owner: string,
  repo: string,
  number: number,
  request: { users: readonly string[]; teams: readonly string[] },
): Promise<void> {
  const where = `${owner}/${repo}#${number}`;
  const octokit = client(opts);
  try {
    await octokit.rest.pulls.requestReviewers({
      owner,
      repo,
      pull_number: number,
      reviewers: [...request.users],
      ...(request.teams.length ? { team_reviewers: [...request.teams] } : {}),
    });
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 403 || status === 422) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new GitHubError(
        `GitHub refused to request reviews on ${where} (${status}: ${detail}). The token needs pull-requests: write, and every reviewer must be able to see the repository (a team only where the token may read it).`,
        status,
        { cause: err },
      );
    }
    throw explain(err, where, opts);
  }
}

function readReview(r: unknown, what: string): Review {
  entry(r, what);
  const login = need(r, 'user', nullable(object), what) === null ? null : need(r, 'user.login', text, what);
  return {
    id: need(r, 'id', count, what),
    login,
    state: need(r, 'state', text, what),
    commitId: need(r, 'commit_id', nullable(sha), what),
    submittedAt: need(r, 'submitted_at', optional(nullable(string)), what) ?? null,
  };
}

export function readFile(f: unknown, what: string): { filename: string; previous_filename?: string } {
  entry(f, what);
  const filename = need(f, 'filename', text, what);
  const status = need(f, 'status', text, what);
  // A rename names both sides; without the old one a record moved out of content/changes goes unseen.
  const previous = need(f, 'previous_filename', status === 'renamed' ? text : optional(text), what);
  return previous ? { filename, previous_filename: previous } : { filename };
}

function readCommit(c: unknown, what: string): PullRequestCommit {
  entry(c, what);
  const parents = need(c, 'parents', { test: (v): v is unknown[] => Array.isArray(v), expected: 'a list' }, what);
  parents.forEach((_, i) => need(c, `parents.${i}.sha`, sha, what));
  return { sha: need(c, 'sha', sha, what), author: accountOf(c, 'author', what), committer: accountOf(c, 'committer', what) };
}

/** GitHub gives a user, an empty object or null for a commit's account. */
function accountOf(c: unknown, key: 'author' | 'committer', what: string): string | null {
  if (need(c, key, nullable(object), what) === null) return null;
  return need(c, `${key}.login`, optional(text), what) ?? null;
}

function isSha(s: unknown): s is string {
  return typeof s === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(s);
}

/** Turns whatever went wrong into one GitHubError with a message that says what to do. */
export function explain(err: unknown, where: string, opts: GitHubOptions): GitHubError {
  // A refusal inside the fetch reaches here wrapped by octokit: it is the message that matters.
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e instanceof GitHubError) return e;
  const status = (err as { status?: number }).status;
  const detail = err instanceof Error ? err.message : String(err);
  const timedOut = /abort|timeout|timed out/i.test(detail) || (err as { cause?: { name?: string } }).cause?.name === 'TimeoutError';
  if (status === 401) return new GitHubError(`GitHub refused the token (401: ${detail}). Check GITHUB_TOKEN.`, status, { cause: err });
  if (status === 403)
    return new GitHubError(`GitHub denied access to ${where} (403: ${detail}). The token needs pull-requests: read, or the rate limit is exhausted.`, status, {
      cause: err,
    });
  if (status === 404)
    return new GitHubError(`GitHub has no pull request ${where}, or the token cannot see it (404). Check --pr and --repo.`, status, { cause: err });
  if (timedOut)
    return new GitHubError(`GitHub (${opts.baseUrl}) did not answer within ${opts.timeoutMs} ms for ${where}, after ${opts.retries} retries.`, undefined, {
      cause: err,
    });
  if (status && status >= 500)
    return new GitHubError(`GitHub answered ${status} for ${where} after ${opts.retries} retries: ${detail}`, status, { cause: err });
  return new GitHubError(`Could not read ${where} from GitHub (${opts.baseUrl}): ${detail}`, status, { cause: err });
}
