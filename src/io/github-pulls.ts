/**
 * GitHub reads for `itsm collisions`: the open pull requests (every page), the files each one
 * changes, and a file's bytes at a pull request's head commit (the contents API). Same stance as
 * src/io/github.ts, whose client they share: a list that does not add up, a page short of a full one
 * that promises more, or an answer without the fields read fails the run (GitHubError).
 * A file's content is only ever returned as bytes, for the record parser to read as data.
 */
import { MAX_FILE_BYTES } from '../core/front-matter.ts';
import {
  allPages,
  client,
  count,
  entry,
  explain,
  GitHubError,
  GITHUB_MAX_FILES,
  need,
  PER_PAGE,
  readFile,
  sha,
  string,
  text,
  type GitHubOptions,
} from './github.ts';

/** An open pull request as the list shows it, as far as collisions go (not its author: a deleted account's PR is listed too). */
export interface OpenPullRequest {
  number: number;
  title: string;
  headSha: string;
  baseRef: string;
  defaultBranch: string;
}

/** Every open pull request of the repository, all pages (each full but the last). Throws GitHubError. */
export async function listOpenPullRequests(opts: GitHubOptions, owner: string, repo: string): Promise<OpenPullRequest[]> {
  const octokit = client(opts);
  const where = `${owner}/${repo}`;
  try {
    const listed = await allPages(
      octokit,
      opts.baseUrl,
      (p) => octokit.rest.pulls.list(p),
      { owner, repo, state: 'open' as const, per_page: PER_PAGE },
      'open pull requests',
      where,
      PER_PAGE,
    );
    const seen = new Set<number>();
    return listed.map((p, i) => {
      const what = `open pull request ${i + 1} of ${where}`;
      entry(p, what);
      const number = need(p, 'number', count, what);
      if (seen.has(number))
        throw new GitHubError(`GitHub listed pull request #${number} of ${where} twice; the list is not trustworthy, so the run fails closed.`);
      seen.add(number);
      return {
        number,
        title: need(p, 'title', string, what),
        headSha: need(p, 'head.sha', sha, what),
        baseRef: need(p, 'base.ref', text, what),
        defaultBranch: need(p, 'base.repo.default_branch', text, what),
      };
    });
  } catch (err) {
    throw explain(err, where, opts);
  }
}

/** A file a pull request changes: its repository path and GitHub's status for it. */
export interface PullRequestFile {
  filename: string;
  status: string;
}

/**
 * The files pull request `number` changes (every page). GitHub lists at most 3000: a list that long
 * is refused rather than read as complete. Throws GitHubError.
 */
export async function listPullRequestFiles(opts: GitHubOptions, owner: string, repo: string, number: number): Promise<PullRequestFile[]> {
  const octokit = client(opts);
  const where = `${owner}/${repo}#${number}`;
  try {
    const listed = await allPages(
      octokit,
      opts.baseUrl,
      (p) => octokit.rest.pulls.listFiles(p),
      { owner, repo, pull_number: number, per_page: PER_PAGE },
      'files',
      where,
      PER_PAGE,
    );
    if (listed.length >= GITHUB_MAX_FILES)
      throw new GitHubError(
        `${where} changes ${listed.length} files or more, but GitHub lists at most ${GITHUB_MAX_FILES}; its change records cannot all be known.`,
      );
    return listed.map((f, i) => {
      const what = `file ${i + 1} of ${where}`;
      return { filename: readFile(f, what).filename, status: need(f, 'status', text, what) };
    });
  } catch (err) {
    throw explain(err, where, opts);
  }
}

/** A file's bytes at a commit, or why there are none (not a file, too large, missing). */
export type FileAt = { bytes: Uint8Array } | { problem: string };

/**
 * The file at `path` (repository-relative, already checked by the caller) in commit `ref`, through
 * the contents API. A missing file, a directory, a symlink or a file over the record size limit is a
 * problem for the caller to report; any other failure throws GitHubError.
 */
export async function readFileAt(opts: GitHubOptions, owner: string, repo: string, path: string, ref: string): Promise<FileAt> {
  const octokit = client(opts);
  const where = `${owner}/${repo}:${path}@${ref.slice(0, 12)}`;
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
    const what = `the file ${where}`;
    entry(data, what);
    const type = need(data, 'type', text, what);
    if (type !== 'file') return { problem: `GitHub says it is a ${type}, not a file` };
    const size = need(data, 'size', count, what);
    if (size > MAX_FILE_BYTES) return { problem: `it is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit for a record` };
    if (need(data, 'encoding', text, what) !== 'base64') return { problem: 'GitHub did not send its content (encoding is not base64)' };
    const bytes = Buffer.from(need(data, 'content', string, what).replace(/\s+/g, ''), 'base64');
    if (bytes.length !== size) throw new GitHubError(`GitHub sent ${bytes.length} bytes of ${where}, but says it has ${size}; the run fails closed.`);
    return { bytes: new Uint8Array(bytes) };
  } catch (err) {
    if ((err as { status?: number }).status === 404) return { problem: `GitHub has no such file at ${ref.slice(0, 7)}` };
    throw explain(err, where, opts);
  }
}
