/**
 * `itsm approvals --request-reviews`: the people who can fill a change's empty seats are asked for a
 * review through GitHub's reviewers API (the schema-checked stand-in), once, never the author; the
 * job summary names them; a failure to ask never changes the decision.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changeFile, POLICIES } from '../helpers/fixtures.ts';
import { gitRepo } from '../helpers/git-repo.ts';
import { startGitHubServer, type FakePullRequest, type FakeReview } from '../helpers/github-server.ts';
import { record, runMain } from '../helpers/workspace.ts';

const team = (id: string, roles: string, members: string, extra = '') =>
  record(`id: ${id}\nname: ${id}\nstatus: active\nroles: [${roles}]\n${extra}members:\n${members}`);
const member = (login: string, other = '') => `  - { name: ${login}, login: ${login}${other ? `, other_logins: [${other}]` : ''} }\n`;

/**
 * SVC-checkout depends on SVC-payments, so a change to payments reaches checkout too: both owner
 * teams must approve. alice, who opens the PR as her second account alice-bot, is in the checkout team.
 */
const BASE_FILES: Record<string, string> = {
  ...POLICIES,
  'itsm.yaml': 'name: Test\ntime_zone: Europe/Berlin\n',
  'content/teams/TEAM-cab.md': team('TEAM-cab', 'cab', member('carol') + member('cleo') + member('dave')),
  'content/teams/TEAM-payments.md': team('TEAM-payments', '', member('paula') + member('pete')),
  'content/teams/TEAM-checkout.md': team('TEAM-checkout', '', member('alice', 'alice-bot') + member('olga'), 'github_team: checkout-owners\n'),
  'content/services/SVC-payments.md': record('id: SVC-payments\nname: Payments\nstatus: active\nowner: TEAM-payments\ntier: 1'),
  'content/services/SVC-checkout.md': record('id: SVC-checkout\nname: Checkout\nstatus: active\nowner: TEAM-checkout\ntier: 1\ndepends_on: [SVC-payments]'),
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function scenario(opts: { risk?: string; reviews?: Array<Omit<FakeReview, 'commit_id'>>; requested?: string[] } = {}) {
  const repo = gitRepo('itsm-reviewers-');
  const base = repo.commit('Base workspace', BASE_FILES);
  repo.branch('feature');
  const head = repo.commit('Plan CHG-0001', { 'content/changes/CHG-0001.md': changeFile('CHG-0001', { risk: opts.risk ?? 'low' }) });
  const pull: FakePullRequest = {
    owner: 'northwind',
    repo: 'itsm',
    number: 7,
    author: 'alice-bot',
    headSha: head,
    baseSha: base,
    files: [{ filename: 'content/changes/CHG-0001.md', status: 'added' }],
    reviews: (opts.reviews ?? []).map((r) => ({ ...r, commit_id: head })),
    commits: [{ sha: head, author: 'alice-bot', committer: 'alice-bot' }],
    ...(opts.requested ? { requestedReviewers: opts.requested } : {}),
  };
  const server = await startGitHubServer([pull]);
  const summary = join(mkdtempSync(join(tmpdir(), 'itsm-summary-')), 'summary.md');
  writeFileSync(summary, '');
  cleanups.push(
    () => server.close(),
    () => repo.remove(),
  );
  const run = (args: string[] = ['--request-reviews']) =>
    runMain(['approvals', '--pr', '7', '--repo', 'northwind/itsm', ...args], {
      cwd: repo.dir,
      env: {
        GITHUB_TOKEN: 'test-token',
        GITHUB_API_URL: server.url,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_EVENT_PATH: undefined,
        GITHUB_REPOSITORY: undefined,
        ITSM_GITHUB_TIMEOUT_MS: '10000',
        ITSM_GITHUB_RETRIES: '0',
        ITSM_GITHUB_RETRY_BASE_MS: '1',
      },
    });
  const posts = () => server.requests.filter((r) => r.method === 'POST');
  return { repo, server, pull, summary, run, posts };
}

describe('itsm approvals --request-reviews', () => {
  it("asks every owner team's members of the services a change reaches once, never the author, and names them in the summary", async () => {
    const s = await scenario();
    const plain = await s.run([]);
    expect(plain.code).toBe(1);
    expect(s.posts()).toEqual([]);
    expect(readFileSync(s.summary, 'utf8')).toContain('| olga, paula, pete |');

    const first = await s.run();
    expect(first.code).toBe(1);
    expect(s.posts()).toEqual([
      expect.objectContaining({
        url: '/repos/northwind/itsm/pulls/7/requested_reviewers',
        body: { reviewers: ['olga', 'paula', 'pete'], team_reviewers: ['checkout-owners'] },
      }),
    ]);
    expect(first.stdout).toContain('Review requested from olga, paula, pete, team checkout-owners.');
    expect(s.pull.requestedReviewers).toEqual(['olga', 'paula', 'pete']);

    const second = await s.run();
    expect(second.code).toBe(1);
    expect(s.posts()).toHaveLength(1);
    expect(second.stdout).toContain('No new review requests');
  });

  it('asks the CAB for a high-risk change, skipping whoever reviewed or is asked already', async () => {
    const s = await scenario({ risk: 'high', reviews: [{ login: 'dave', state: 'COMMENTED' }], requested: ['CAROL'] });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(s.posts().map((p) => p.body)).toEqual([{ reviewers: ['cleo'] }]);
    expect(r.stdout).toContain('Review requested from cleo.');
    expect(readFileSync(s.summary, 'utf8')).toContain('| carol, cleo, dave |');

    const json = await s.run(['--request-reviews', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      decision: 'pending',
      canApprove: { 'CHG-0001': ['carol', 'cleo', 'dave'] },
      reviewRequest: { users: [], teams: [] },
    });
    expect(s.posts()).toHaveLength(1);
  });

  it('asks nobody once the change is approved', async () => {
    const s = await scenario({
      reviews: [
        { login: 'paula', state: 'APPROVED' },
        { login: 'olga', state: 'APPROVED' },
      ],
    });
    const r = await s.run();
    expect(r.code).toBe(0);
    expect(s.posts()).toEqual([]);
  });

  it('reports a refused request and keeps the decision', async () => {
    const s = await scenario();
    s.server.fail({ status: 403, operation: 'pulls/request-reviewers' });
    const r = await s.run(['--request-reviews', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('CHG-0001  pending');
    expect(r.stdout).toMatch(
      /::warning title=Review requests failed::Review requests to olga, paula, pete, team checkout-owners failed \(the decision stands\): GitHub refused/,
    );
    expect(readFileSync(s.summary, 'utf8')).toContain('failed (the decision stands)');
  });

  it('refuses --request-reviews with --from-git', async () => {
    const s = await scenario();
    const r = await runMain(['approvals', '--from-git', '--base', 'main', '--request-reviews'], { cwd: s.repo.dir, env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--request-reviews');
  });
});
