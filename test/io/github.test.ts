import { afterEach, describe, expect, it } from 'vitest';
import { fetchPullRequest, GitHubError, githubOptionsFromEnv, type GitHubOptions } from '../../src/io/github.ts';
import { startGitHubServer, type FakePullRequest, type GitHubServer } from '../helpers/github-server.ts';

const HEAD = '1'.repeat(40);
const BASE = '2'.repeat(40);

function pull(overrides: Partial<FakePullRequest> = {}): FakePullRequest {
  return {
    owner: 'northwind',
    repo: 'itsm',
    number: 7,
    author: 'alice',
    headSha: HEAD,
    baseSha: BASE,
    files: [{ filename: 'content/changes/CHG-0001.md', status: 'added' }],
    reviews: [{ login: 'paula', state: 'APPROVED', commit_id: HEAD }],
    ...overrides,
  };
}

let server: GitHubServer | undefined;
afterEach(async () => {
  await server?.close(); // throws if a served body did not match GitHub's schema
  server = undefined;
});

const options = (s: GitHubServer, extra: Partial<GitHubOptions> = {}): GitHubOptions => ({
  token: 't0ken',
  baseUrl: s.url,
  timeoutMs: 10_000,
  retries: 2,
  retryBaseMs: 1,
  ...extra,
});

describe('reading a pull request from GitHub', () => {
  it('reads author, head, base, files and reviews with the token', async () => {
    server = await startGitHubServer([
      pull({ files: [{ filename: 'content/changes/CHG-0002.md', status: 'renamed', previous_filename: 'content/changes/CHG-0001.md' }] }),
    ]);
    const facts = await fetchPullRequest(options(server), 'northwind', 'itsm', 7);
    expect(facts).toMatchObject({
      number: 7,
      author: 'alice',
      headSha: HEAD,
      baseSha: BASE,
      files: ['content/changes/CHG-0002.md', 'content/changes/CHG-0001.md'],
    });
    expect(facts.reviews).toEqual([{ id: 9000, login: 'paula', state: 'APPROVED', commitId: HEAD, submittedAt: '2026-10-01T00:00:00Z' }]);
    expect(server.requests.every((r) => r.authorization === 'token t0ken')).toBe(true);
  });

  it('follows the Link pages to read more than 100 reviews', async () => {
    const reviews = Array.from({ length: 250 }, (_, i) => ({ login: `user${i}`, state: 'COMMENTED' as const, commit_id: HEAD }));
    server = await startGitHubServer([pull({ reviews })]);
    const facts = await fetchPullRequest(options(server), 'northwind', 'itsm', 7);
    expect(facts.reviews).toHaveLength(250);
    expect(facts.reviews.at(-1)!.login).toBe('user249');
    expect(server.requests.filter((r) => r.url.includes('/reviews'))).toHaveLength(3);
  });

  it('reads every commit with the accounts GitHub matched it to, merge commits included', async () => {
    const commits = [
      { sha: HEAD, author: 'alice', committer: 'alice' },
      { sha: '3'.repeat(40), author: 'Paula', committer: 'web-flow' },
      { sha: '4'.repeat(40), author: 'carol', committer: 'carol', parents: 2 },
      { sha: '5'.repeat(40), author: null, committer: null },
    ];
    server = await startGitHubServer([pull({ commits })]);
    expect((await fetchPullRequest(options(server), 'northwind', 'itsm', 7)).commits).toEqual([
      { sha: HEAD, author: 'alice', committer: 'alice' },
      { sha: '3'.repeat(40), author: 'Paula', committer: 'web-flow' },
      { sha: '4'.repeat(40), author: 'carol', committer: 'carol' },
      { sha: '5'.repeat(40), author: null, committer: null },
    ]);
  });

  it('a PR with more commits than GitHub lists (250) cannot be judged', async () => {
    const commits = Array.from({ length: 260 }, (_, i) => ({ sha: i.toString(16).padStart(40, '0'), author: 'alice', committer: 'alice' }));
    server = await startGitHubServer([pull({ commits })]);
    await expect(fetchPullRequest(options(server), 'northwind', 'itsm', 7)).rejects.toThrow(/has 260 commits, but GitHub lists at most 250/);
  });

  it('a deleted reviewer account comes through as a null login', async () => {
    server = await startGitHubServer([pull({ reviews: [{ login: null, state: 'APPROVED', commit_id: HEAD }] })]);
    expect((await fetchPullRequest(options(server), 'northwind', 'itsm', 7)).reviews[0]!.login).toBeNull();
  });
});

describe('failing closed', () => {
  it('401 bad credentials throws, without retrying', async () => {
    server = await startGitHubServer([pull()]);
    server.fail({ status: 401 });
    await expect(fetchPullRequest(options(server), 'northwind', 'itsm', 7)).rejects.toThrow(/refused the token \(401/);
    expect(server.requests).toHaveLength(1);
  });

  it('404 for an unknown pull request throws', async () => {
    server = await startGitHubServer([pull()]);
    await expect(fetchPullRequest(options(server), 'northwind', 'itsm', 8)).rejects.toThrow(/no pull request northwind\/itsm#8/);
  });

  it('500 is retried, then throws', async () => {
    server = await startGitHubServer([pull()]);
    server.fail({ status: 500 });
    const err = await fetchPullRequest(options(server), 'northwind', 'itsm', 7).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubError);
    expect((err as GitHubError).status).toBe(500);
    expect(server.requests).toHaveLength(3);
  });

  it('a 500 that goes away on retry is survived', async () => {
    server = await startGitHubServer([pull()]);
    server.fail({ status: 500, times: 1, operation: 'pulls/list-reviews' });
    expect((await fetchPullRequest(options(server), 'northwind', 'itsm', 7)).reviews).toHaveLength(1);
  });

  it('a server that never answers times out and throws', async () => {
    server = await startGitHubServer([pull()]);
    server.fail({ timeout: true, operation: 'pulls/list-files' });
    await expect(fetchPullRequest(options(server, { timeoutMs: 200, retries: 1 }), 'northwind', 'itsm', 7)).rejects.toThrow(/did not answer within 200 ms/);
  });

  it('a refused redirect is not retried: one request, however many retries are allowed', async () => {
    server = await startGitHubServer([pull()]);
    server.tamper({ operation: 'pulls/get', redirect: { status: 302, location: 'http://api.github.invalid/repos/northwind/itsm/pulls/7' } });
    await expect(fetchPullRequest(options(server, { retries: 3 }), 'northwind', 'itsm', 7)).rejects.toThrow(
      /answered 302 for \/repos\/northwind\/itsm\/pulls\/7, redirecting to http:\/\/api\.github\.invalid/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('no GITHUB_TOKEN is an error, and GITHUB_API_URL is honoured', () => {
    expect(() => githubOptionsFromEnv({})).toThrow(/GITHUB_TOKEN is not set/);
    expect(githubOptionsFromEnv({ GITHUB_TOKEN: 'x', GITHUB_API_URL: 'https://ghe.example/api/v3/' }).baseUrl).toBe('https://ghe.example/api/v3');
  });
});

describe('the test server itself', () => {
  it("refuses to serve a body that does not match GitHub's OpenAPI schema, and says so", async () => {
    const s = await startGitHubServer([pull({ reviews: [{ login: 'paula', state: 'APPROVED', commit_id: 42 as unknown as string }] })]);
    await expect(fetchPullRequest(options(s, { retries: 0 }), 'northwind', 'itsm', 7)).rejects.toThrow(GitHubError);
    expect(s.violations).toEqual([expect.stringMatching(/^pulls\/list-reviews 200: .*commit_id must be string,null/)]);
    await expect(s.close()).rejects.toThrow(/do not match GitHub's OpenAPI schema/);
  });
});

describe('the vendored OpenAPI schemas', () => {
  it('cover exactly the operations the client calls, and record their source version', async () => {
    const { readFileSync } = await import('node:fs');
    // Every module that talks to GitHub through the shared client.
    const source = ['github.ts', 'github-pulls.ts', 'pr-comment.ts'].map((f) => readFileSync(new URL(`../../src/io/${f}`, import.meta.url), 'utf8')).join('\n');
    const called = [...source.matchAll(/\.rest\.(\w+)\.(\w+)/g)].map(
      ([, scope, method]) => `${scope}/${method!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    );
    const vendored = JSON.parse(readFileSync(new URL('../fixtures/github/openapi-schemas.json', import.meta.url), 'utf8'));
    expect(Object.keys(vendored.operations).sort()).toEqual([...new Set(called)].sort());
    expect(vendored).toMatchObject({ source: '@octokit/openapi', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  });
});
