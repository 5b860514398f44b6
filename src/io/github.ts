/**
 * The GitHub REST client for `itsm approvals`: reads a pull request's author, head and base commits,
 * its changed files, its commits' authors and all of its reviews (every page).
 *
 * Security stance: this module never guesses. Any failure (bad token, unknown PR, server errors after
 * retries, a timeout, a response without the fields we rely on) throws GitHubError, and the command
 * turns that into exit 2, so the approval check fails closed instead of passing on missing data.
 *
 * It also finds the pull request a commit was merged as, for the approval evidence recorded after
 * the merge (mergedPullRequestOf).
 *
 * The operations used are listed in scripts/vendor-openapi.ts, which vendors their response schemas
 * for the test server (test/helpers/github-server.ts).
 */
import { Octokit } from 'octokit';
import type { PullRequestFacts, Review } from '../core/approvals/types.ts';
import { loginKey, sameLogin } from '../core/people.ts';

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
  if (!token) throw new GitHubError('GITHUB_TOKEN is not set. In a workflow pass `env: GITHUB_TOKEN: ${{ github.token }}`; locally use a token that can read the repository\'s pull requests.');
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

function client(opts: GitHubOptions): Octokit {
  const timedFetch: typeof fetch = (input, init) => {
    const signals = [AbortSignal.timeout(opts.timeoutMs), ...(init?.signal ? [init.signal] : [])];
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
  // Rate limits: wait and retry only when GitHub asks for a short wait; otherwise fail (closed).
  const onLimit = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < opts.retries && retryAfter * 1000 <= opts.timeoutMs;
  return new Octokit({
    auth: opts.token,
    baseUrl: opts.baseUrl,
    userAgent: 'itsm-approvals',
    request: { fetch: timedFetch },
    retry: { retries: opts.retries, retryAfterBaseValue: opts.retryBaseMs },
    throttle: { onRateLimit: onLimit, onSecondaryRateLimit: onLimit, retryAfterBaseValue: Math.max(opts.retryBaseMs, 1) },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

/** Reads everything the approval decision needs about one pull request. Throws GitHubError. */
export async function fetchPullRequest(opts: GitHubOptions, owner: string, repo: string, number: number): Promise<PullRequestFacts> {
  const octokit = client(opts);
  const where = `${owner}/${repo}#${number}`;
  try {
    const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
    const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: number, per_page: 100 });
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: number, per_page: 100 });
    const commits = await octokit.paginate(octokit.rest.pulls.listCommits, { owner, repo, pull_number: number, per_page: 100 });
    if (commits.length < pr.commits) {
      throw new GitHubError(`GitHub lists only ${commits.length} of the ${pr.commits} commits of ${where} (it stops at 250), so their authors cannot all be known. Squash or split the pull request.`);
    }
    const author = pr.user?.login;
    if (typeof author !== 'string' || !author) throw new GitHubError(`GitHub returned ${where} without an author login.`);
    if (!isSha(pr.head?.sha) || !isSha(pr.base?.sha)) throw new GitHubError(`GitHub returned ${where} without head and base commit SHAs.`);
    if (typeof pr.base.ref !== 'string' || typeof pr.base.repo?.default_branch !== 'string') throw new GitHubError(`GitHub returned ${where} without its base branch or the repository's default branch.`);
    return {
      number,
      author,
      headSha: pr.head.sha,
      baseSha: pr.base.sha,
      baseRef: pr.base.ref,
      defaultBranch: pr.base.repo.default_branch,
      coAuthors: commitAuthors(commits).filter((login) => !sameLogin(login, author)),
      reviews: reviews.map(toReview),
      files: files.flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]),
    };
  } catch (err) {
    throw explain(err, where, opts);
  }
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
    const pulls = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, { owner, repo, commit_sha: sha, per_page: 100 });
    const merged = pulls.filter((p) => p.merge_commit_sha === sha && typeof p.merged_at === 'string' && p.base.ref === p.base.repo.default_branch);
    if (merged.length > 1) throw new GitHubError(`GitHub lists ${merged.length} pull requests merged as ${where}: ${merged.map((p) => `#${p.number}`).join(', ')}. Pass --pr to say which.`);
    const pr = merged[0];
    if (!pr) return null;
    return { number: pr.number, mergeCommitSha: sha, mergedAt: pr.merged_at!, baseRef: pr.base.ref, defaultBranch: pr.base.repo.default_branch };
  } catch (err) {
    throw explain(err, where, opts);
  }
}

function toReview(r: { id: number; user: { login: string } | null; state: string; commit_id: string | null; submitted_at?: string }): Review {
  if (typeof r.id !== 'number' || typeof r.state !== 'string') throw new GitHubError('GitHub returned a review without id or state.');
  return { id: r.id, login: r.user?.login ?? null, state: r.state, commitId: r.commit_id ?? null, submittedAt: r.submitted_at ?? null };
}

/**
 * Accounts that wrote or committed the PR's own commits: like the PR author, they cannot approve
 * what they wrote. Merge commits (bringing the base branch in, often by "Update branch") and GitHub's
 * own web-flow committer are left out; commits whose email matches no account cannot be attributed.
 */
export function commitAuthors(commits: ReadonlyArray<{ author: unknown; committer: unknown; parents: unknown[] }>): string[] {
  const out = new Map<string, string>();
  for (const c of commits) {
    if (c.parents.length > 1) continue;
    for (const who of [loginOf(c.author), loginOf(c.committer)]) if (who && who !== 'web-flow') out.set(loginKey(who), who);
  }
  return [...out.values()].sort();
}

/** GitHub gives a user, an empty object or null for a commit's account. */
function loginOf(account: unknown): string | undefined {
  const login = (account as { login?: unknown } | null)?.login;
  return typeof login === 'string' && login ? login : undefined;
}

function isSha(s: unknown): s is string {
  return typeof s === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(s);
}

/** Turns whatever went wrong into one GitHubError with a message that says what to do. */
function explain(err: unknown, where: string, opts: GitHubOptions): GitHubError {
  if (err instanceof GitHubError) return err;
  const status = (err as { status?: number }).status;
  const detail = err instanceof Error ? err.message : String(err);
  const timedOut = /abort|timeout|timed out/i.test(detail) || (err as { cause?: { name?: string } }).cause?.name === 'TimeoutError';
  if (status === 401) return new GitHubError(`GitHub refused the token (401: ${detail}). Check GITHUB_TOKEN.`, status, { cause: err });
  if (status === 403) return new GitHubError(`GitHub denied access to ${where} (403: ${detail}). The token needs pull-requests: read, or the rate limit is exhausted.`, status, { cause: err });
  if (status === 404) return new GitHubError(`GitHub has no pull request ${where}, or the token cannot see it (404). Check --pr and --repo.`, status, { cause: err });
  if (timedOut) return new GitHubError(`GitHub (${opts.baseUrl}) did not answer within ${opts.timeoutMs} ms for ${where}, after ${opts.retries} retries.`, undefined, { cause: err });
  if (status && status >= 500) return new GitHubError(`GitHub answered ${status} for ${where} after ${opts.retries} retries: ${detail}`, status, { cause: err });
  return new GitHubError(`Could not read ${where} from GitHub (${opts.baseUrl}): ${detail}`, status, { cause: err });
}
