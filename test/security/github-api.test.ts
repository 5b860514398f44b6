/**
 * Finding: the GitHub API is never trusted beyond its shape. `itsm approvals` fails closed (exit 2,
 * with a message that says what GitHub sent) when a list page is empty or malformed although more is
 * promised, when an item lacks a field the decision reads or has it with the wrong type, when the
 * lists do not add up to the pull request's counts (or exceed what GitHub can list), when the commits
 * differ from the clone's, and when a Link or a redirect points outside the configured API root; and
 * the token never reaches another host. A field GitHub adds never blocks a merge.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mergedPullRequestOf } from '../../src/io/github.ts';
import { startGitHubServer, type GitHubServer, type Tamper } from '../helpers/github-server.ts';
import { CHANGE_PATH, changeFile, closeScenarios, prScenario, type PrScenario } from '../helpers/pr-scenario.ts';

type Json = Record<string, unknown>;
const others: GitHubServer[] = [];
afterEach(async () => {
  await closeScenarios();
  for (const o of others.splice(0)) await o.close();
});

const WHERE = 'northwind/itsm#7';

/** "The other host": a second stand-in on another port of 127.0.0.1, serving a forged copy of the PR. */
async function otherHost(s: PrScenario): Promise<GitHubServer> {
  const other = await startGitHubServer([{ ...structuredClone(s.pull), reviews: [{ login: 'paula', state: 'APPROVED', commit_id: s.pull.headSha }] }]);
  others.push(other);
  return other;
}

async function refused(s: PrScenario, tamper: Tamper, message: RegExp): Promise<void> {
  s.server.tamper(tamper);
  const r = await s.run();
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(2);
}

const first = (f: (item: Json) => void) => (body: unknown) => {
  f((body as Json[])[0]!);
  return body;
};

describe('a list page that is empty or not a list although more is promised', () => {
  it.each(['pulls/list-reviews', 'pulls/list-files', 'pulls/list-commits'] as const)('%s: an empty page with a next link', async (operation) => {
    const s = await prScenario();
    const what = operation.slice('pulls/list-'.length);
    const link = `<${s.server.url}/repos/northwind/itsm/pulls/7/${what}?per_page=100&page=2>; rel="next"`;
    await refused(
      s,
      { operation, page: 1, body: () => [], headers: (h) => ({ ...h, link }) },
      new RegExp(`page 1 of the ${what} of ${WHERE} with no items but a link to a next page`),
    );
  });

  it.each([
    ['an object', { message: 'Moved' }],
    ['null', null],
    ['a string', 'reviews'],
  ])('the reviews page is %s', async (_, body) => {
    const s = await prScenario();
    await refused(s, { operation: 'pulls/list-reviews', body: () => body }, new RegExp(`page 1 of the reviews of ${WHERE} with .* instead of a list`));
  });

  it('a next link back to the same page never ends the list: refused, not followed forever', async () => {
    const s = await prScenario();
    const link = `<${s.server.url}/repos/northwind/itsm/pulls/7/reviews?per_page=100&page=1>; rel="next"`;
    await refused(s, { operation: 'pulls/list-reviews', headers: (h) => ({ ...h, link }) }, /pages of the reviews of northwind\/itsm#7 do not end/);
  });
});

describe('a malformed item', () => {
  it.each([
    ['pulls/list-reviews', 'review 1', 'a string'],
    ['pulls/list-reviews', 'review 1', 'null'],
    ['pulls/list-files', 'file 1', 'a number'],
    ['pulls/list-commits', 'commit 1', 'a list'],
  ] as const)('%s: %s is %s', async (operation, what, kind) => {
    const s = await prScenario();
    const item = { 'a string': 'x', null: null, 'a number': 7, 'a list': [] }[kind];
    await refused(
      s,
      { operation, body: (b) => [item, ...(b as unknown[]).slice(1)] },
      new RegExp(`GitHub returned ${what} of ${WHERE} as ${kind} instead of an object`),
    );
  });

  it('the pull request itself is a list', async () => {
    const s = await prScenario();
    await refused(s, { operation: 'pulls/get', body: () => [] }, new RegExp(`GitHub returned the pull request ${WHERE} as a list instead of an object`));
  });
});

type Op = Tamper['operation'];
type Edit = (item: Json) => void;

describe('a field the decision reads is missing', () => {
  it.each<[Op, string, Edit]>([
    ['pulls/get', 'user.login', (b: Json) => void ((b.user as Json).login = undefined)],
    ['pulls/get', 'head.sha', (b: Json) => void delete (b.head as Json).sha],
    ['pulls/get', 'base.ref', (b: Json) => void delete (b.base as Json).ref],
    ['pulls/get', 'changed_files', (b: Json) => void delete b.changed_files],
    ['pulls/get', 'commits', (b: Json) => void delete b.commits],
  ])('%s without %s', async (operation, field, edit) => {
    const s = await prScenario();
    await refused(s, { operation, body: (b) => (edit(b as Json), b) }, new RegExp(`the pull request ${WHERE} with ${field.replace('.', '\\.')} missing`));
  });

  it.each<[Op, string, string, Edit]>([
    ['pulls/list-reviews', 'review 1', 'user.login', (i: Json) => void (i.user = {})],
    ['pulls/list-reviews', 'review 1', 'state', (i: Json) => void delete i.state],
    ['pulls/list-reviews', 'review 1', 'commit_id', (i: Json) => void delete i.commit_id],
    ['pulls/list-files', 'file 1', 'filename', (i: Json) => void delete i.filename],
    ['pulls/list-files', 'file 1', 'previous_filename', (i: Json) => void (i.status = 'renamed')],
    ['pulls/list-commits', 'commit 1', 'sha', (i: Json) => void delete i.sha],
    ['pulls/list-commits', 'commit 1', 'parents', (i: Json) => void delete i.parents],
  ])('%s: %s without %s', async (operation, what, field, edit) => {
    const s = await prScenario();
    await refused(s, { operation, body: first(edit) }, new RegExp(`${what} of ${WHERE} with ${field.replace('.', '\\.')} missing`));
  });
});

describe('a field the decision reads has the wrong type', () => {
  it.each<[Op, string, string, string, Edit]>([
    ['pulls/get', 'the pull request', 'commits', 'a string', (b: Json) => void (b.commits = '1')],
    ['pulls/get', 'the pull request', 'changed_files', 'a number', (b: Json) => void (b.changed_files = -1)],
    ['pulls/get', 'the pull request', 'base.sha', 'a string of another form', (b: Json) => void ((b.base as Json).sha = 'main')],
    ['pulls/get', 'the pull request', 'user.login', 'a list', (b: Json) => void ((b.user as Json).login = ['alice'])],
  ])('%s: %s has %s as %s', async (operation, what, field, found, edit) => {
    const s = await prScenario();
    await refused(s, { operation, body: (b) => (edit(b as Json), b) }, new RegExp(`${what} ${WHERE} with ${field.replace('.', '\\.')} ${found}`));
  });

  it.each<[Op, string, string, string, Edit]>([
    ['pulls/list-reviews', 'review 1', 'commit_id', 'a number', (i: Json) => void (i.commit_id = 42)],
    ['pulls/list-reviews', 'review 1', 'user.login', 'a number', (i: Json) => void ((i.user as Json).login = 7)],
    ['pulls/list-reviews', 'review 1', 'id', 'a string', (i: Json) => void (i.id = '9000')],
    ['pulls/list-reviews', 'review 1', 'user', 'a string', (i: Json) => void (i.user = 'paula')],
    ['pulls/list-files', 'file 1', 'filename', 'a list', (i: Json) => void (i.filename = ['content/changes/CHG-0001.md'])],
    ['pulls/list-commits', 'commit 1', 'author.login', 'a boolean', (i: Json) => void ((i.author as Json).login = true)],
    ['pulls/list-commits', 'commit 1', 'parents.0.sha', 'a number', (i: Json) => void ((i.parents as Json[])[0]!.sha = 1)],
  ])('%s: %s has %s as %s', async (operation, what, field, found, edit) => {
    const s = await prScenario();
    await refused(s, { operation, body: first(edit) }, new RegExp(`${what} of ${WHERE} with ${field.replace(/\./g, '\\.')} ${found}`));
  });
});

describe("the lists must add up to the pull request's counts", () => {
  it('one file more counted than listed', async () => {
    const s = await prScenario();
    s.pull.changedFiles = s.pull.files.length + 1;
    const r = await s.run();
    expect(r.stderr).toContain(`GitHub listed 1 files of ${WHERE}, but the pull request counts 2`);
    expect(r.code).toBe(2);
  });

  it('a file more listed than counted', async () => {
    const s = await prScenario();
    await refused(
      s,
      { operation: 'pulls/list-files', body: (b) => [...(b as unknown[]), { ...(b as Json[])[0]!, filename: 'README.md' }] },
      /GitHub listed 2 files of northwind\/itsm#7, but the pull request counts 1/,
    );
  });

  it('a commit more listed than counted, or fewer', async () => {
    const s = await prScenario();
    s.repo.commit('Second', { 'README.md': 'x\n' });
    s.publish();
    s.pull.commitCount = 1;
    let r = await s.run();
    expect(r.stderr).toContain(`GitHub listed 2 commits of ${WHERE}, but the pull request counts 1`);
    expect(r.code).toBe(2);
    s.pull.commitCount = 3;
    r = await s.run();
    expect(r.stderr).toContain(`GitHub listed 2 commits of ${WHERE}, but the pull request counts 3`);
    expect(r.code).toBe(2);
  });

  it('more than 3000 files (all GitHub lists) is a refusal, not a partial decision', async () => {
    const s = await prScenario();
    s.pull.files = Array.from({ length: 3001 }, (_, i) => ({ filename: `docs/page-${i}.md`, status: 'added' as const }));
    const r = await s.run();
    expect(r.stderr).toContain(`${WHERE} changes 3001 files, but GitHub lists at most 3000`);
    expect(r.code).toBe(2);
  });

  it('more than 250 commits (all GitHub lists) is a refusal', async () => {
    const s = await prScenario();
    s.pull.commitCount = 251;
    const r = await s.run();
    expect(r.stderr).toContain(`${WHERE} has 251 commits, but GitHub lists at most 250`);
    expect(r.code).toBe(2);
  });
});

describe("the API's commits are the clone's commits", () => {
  it("GitHub leaves out paula's commit that the clone has: refused, not judged without it", async () => {
    const s = await prScenario();
    const hers = s.repo.commit('Paula widens the window', { [CHANGE_PATH]: changeFile({ planned_end: '2026-10-11T09:00:00+02:00' }) });
    s.publish({ [hers]: { author: 'paula', committer: 'paula' } });
    s.pull.commits = s.pull.commits!.filter((c) => c.sha !== hers);
    const r = await s.run();
    expect(r.stderr).toContain(`GitHub lists 1 commits for the pull request, but the clone has 2`);
    expect(r.stderr).toContain(`only the clone has ${hers.slice(0, 7)}`);
    expect(r.code).toBe(2);
  });

  it('GitHub lists a commit the clone does not have, or one twice', async () => {
    const s = await prScenario();
    const real = s.pull.commits![0]!;
    s.pull.commits = [real, { sha: 'd'.repeat(40), author: 'alice', committer: 'alice' }];
    let r = await s.run();
    expect(r.stderr).toContain(`only GitHub lists ${'d'.repeat(7)}`);
    expect(r.code).toBe(2);
    s.pull.commits = [real, real];
    r = await s.run();
    expect(r.stderr).toContain('GitHub lists a commit twice');
    expect(r.code).toBe(2);
  });
});

describe('Link: rel=next only inside the configured API root; the token never leaves it', () => {
  it('a next link to another host is not followed, and that host sees no request and no token', async () => {
    const s = await prScenario();
    const other = await otherHost(s);
    const link = `<${other.url}/repos/northwind/itsm/pulls/7/reviews?per_page=100&page=2>; rel="next"`;
    await refused(
      s,
      { operation: 'pulls/list-reviews', headers: (h) => ({ ...h, link }) },
      new RegExp(`next page of the reviews of ${WHERE} points to ${other.url}/repos/northwind/itsm/pulls/7/reviews, outside the API root ${s.server.url}`),
    );
    expect(other.requests).toEqual([]);
  });

  it.each([
    ['another scheme', (s: PrScenario) => s.server.url.replace('http:', 'https:')],
    ['another port', (s: PrScenario) => s.server.url.replace(/:(\d+)$/, (_, p) => `:${Number(p) === 65535 ? 1 : Number(p) + 1}`)],
    ['another host name', () => 'http://api.github.invalid'],
    ['a host spelled with credentials', (s: PrScenario) => s.server.url.replace('http://', 'http://x:y@')],
  ])('a next link to %s is refused before any request', async (_, root) => {
    const s = await prScenario();
    const link = `<${root(s)}/repos/northwind/itsm/pulls/7/files?per_page=100&page=2>; rel="next"`;
    await refused(
      s,
      { operation: 'pulls/list-files', headers: (h) => ({ ...h, link }) },
      /next page of the files of northwind\/itsm#7 points to .*, outside the API root/,
    );
    expect(s.server.requests.filter((r) => r.url.includes('page=2'))).toEqual([]);
  });

  it('GHES: a next link on the same host but outside /api/v3 is refused', async () => {
    const s = await prScenario({ prefix: '/api/v3' });
    const outside = s.server.url.replace('/api/v3', '');
    const link = `<${outside}/repos/northwind/itsm/pulls/7/reviews?per_page=100&page=2>; rel="next"`;
    await refused(s, { operation: 'pulls/list-reviews', headers: (h) => ({ ...h, link }) }, /outside the API root http:\/\/127\.0\.0\.1:\d+\/api\/v3/);
    expect(s.server.requests.every((r) => r.url.startsWith('/api/v3/'))).toBe(true);
  });

  it('GHES: a whole PR under /api/v3 still passes (the prefix is honoured, not just refused)', async () => {
    const s = await prScenario({ prefix: '/api/v3' });
    const r = await s.run();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('a redirect to another host is refused, never followed', () => {
  it.each([301, 302, 307, 308] as const)('%i from pulls/get to a host serving a forged approval: exit 2, and the other host sees nothing', async (status) => {
    const s = await prScenario();
    s.pull.reviews = [];
    const other = await otherHost(s);
    await refused(
      s,
      { operation: 'pulls/get', redirect: { status, location: `${other.url}/repos/northwind/itsm/pulls/7` } },
      new RegExp(`answered ${status} for /repos/northwind/itsm/pulls/7, redirecting to ${other.url}/repos/northwind/itsm/pulls/7, outside the API root`),
    );
    expect(other.requests).toEqual([]);
  });

  it('a redirect of a later page (the reviews) to another host is refused too', async () => {
    const s = await prScenario();
    const other = await otherHost(s);
    await refused(
      s,
      { operation: 'pulls/list-reviews', redirect: { status: 302, location: `${other.url}/repos/northwind/itsm/pulls/7/reviews` } },
      /answered 302 .* outside the API root/,
    );
    expect(other.requests).toEqual([]);
  });

  it('a redirect inside the API root (a renamed repository) is followed', async () => {
    const s = await prScenario();
    s.server.pulls.push({ ...structuredClone(s.pull), owner: 'northwind', repo: 'itsm-renamed' });
    s.server.tamper({ operation: 'pulls/get', times: 1, redirect: { status: 301, location: `${s.server.url}/repos/northwind/itsm-renamed/pulls/7` } });
    const r = await s.run();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(s.server.requests.every((q) => q.authorization === 'token test-token')).toBe(true);
  });
});

describe('a field GitHub adds never blocks a merge', () => {
  it('new fields on the pull request, its reviews, files, commits and accounts: still approved', async () => {
    const s = await prScenario();
    const added = (o: Json) => Object.assign(o, { new_field: { nested: [1, 'two'] }, another_flag: true });
    for (const operation of ['pulls/get', 'pulls/list-reviews', 'pulls/list-files', 'pulls/list-commits'] as const) {
      s.server.tamper({
        operation,
        body: (b) => {
          for (const item of Array.isArray(b) ? (b as Json[]) : [b as Json]) {
            added(item);
            for (const k of ['user', 'author', 'committer', 'head', 'base']) if (item[k] && typeof item[k] === 'object') added(item[k] as Json);
          }
          return b;
        },
      });
      const r = await s.run();
      expect(r.stderr, operation).toBe('');
      expect(r.code, operation).toBe(0);
    }
  });
});

describe('after the merge (itsm evidence record), the same rules hold', () => {
  const MERGE = 'e'.repeat(40);
  const options = (url: string) => ({ token: 'test-token', baseUrl: url, timeoutMs: 10_000, retries: 0, retryBaseMs: 1 });

  it('a merged pull request without its base branch is refused, not skipped', async () => {
    const s = await prScenario();
    Object.assign(s.pull, { mergeCommitSha: MERGE, mergedAt: '2026-10-01T10:00:00Z' });
    s.server.tamper({ operation: 'repos/list-pull-requests-associated-with-commit', body: first((p) => void delete (p.base as Json).ref) });
    await expect(mergedPullRequestOf(options(s.server.url), 'northwind', 'itsm', MERGE)).rejects.toThrow(
      /pull request 1 of those GitHub associates with northwind\/itsm@eeeeeeeeeeee with base\.ref missing/,
    );
  });

  it('a next link to another host is not followed', async () => {
    const s = await prScenario();
    const other = await otherHost(s);
    Object.assign(s.pull, { mergeCommitSha: MERGE, mergedAt: '2026-10-01T10:00:00Z' });
    const link = `<${other.url}/repos/northwind/itsm/commits/${MERGE}/pulls?page=2>; rel="next"`;
    s.server.tamper({ operation: 'repos/list-pull-requests-associated-with-commit', headers: (h) => ({ ...h, link }) });
    await expect(mergedPullRequestOf(options(s.server.url), 'northwind', 'itsm', MERGE)).rejects.toThrow(/outside the API root/);
    expect(other.requests).toEqual([]);
  });
});
