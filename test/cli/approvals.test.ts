/**
 * `itsm approvals`: the real CLI (in-process through main, and once as a process), a real git repository with the PR's base
 * and head commits, and the schema-checked GitHub stand-in on 127.0.0.1 (GITHUB_API_URL).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webhookExamples from '@octokit/webhooks-examples/api.github.com/index.json' with { type: 'json' };
import { afterEach, describe, expect, it } from 'vitest';
import { changeFile, POLICIES } from '../helpers/fixtures.ts';
import { gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { startGitHubServer, type FakeReview, type GitHubServer } from '../helpers/github-server.ts';
import { record, runCliAsync, runMain } from '../helpers/workspace.ts';

/** The fixture change policy plus a year-end freeze. */
const CHANGE_POLICY = `${POLICIES['content/policies/change-policy.yaml']}freezes:
  - { name: Year-end freeze, start: 2026-12-14T00:00:00+01:00, end: 2027-01-04T08:00:00+01:00 }
`;

const team = (id: string, roles: string, logins: string[]) =>
  record(`id: ${id}\nname: ${id}\nstatus: active\nroles: [${roles}]\nmembers:\n${logins.map((l) => `  - { name: ${l}, login: ${l} }`).join('\n')}`);

const BASE_FILES: Record<string, string> = {
  ...POLICIES,
  'content/policies/change-policy.yaml': CHANGE_POLICY,
  'itsm.yaml': 'name: Test\ntime_zone: Europe/Berlin\n',
  'content/teams/TEAM-cab.md': team('TEAM-cab', 'cab', ['carol', 'dave']),
  'content/teams/TEAM-ecab.md': team('TEAM-ecab', 'ecab', ['frank']),
  'content/teams/TEAM-payments.md': team('TEAM-payments', '', ['paula', 'pete']),
  'content/services/SVC-payments.md': record('id: SVC-payments\nname: Payments\nstatus: active\nowner: TEAM-payments\ntier: 1'),
};

interface Scenario {
  repo: GitRepo;
  base: string;
  head: string;
  server: GitHubServer;
  summary: string;
  /** In-process unless `via` is runCliAsync (the end-to-end test). */
  run(args?: string[], env?: Record<string, string | undefined>, via?: typeof runMain): ReturnType<typeof runMain>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/**
 * main has BASE_FILES (+ baseExtra); the PR branch adds `prFiles` in one commit by alice. Reviews
 * default to the head commit.
 */
async function scenario(opts: {
  prFiles: Record<string, string | null>;
  reviews?: Array<Omit<FakeReview, 'commit_id'> & { commit_id?: string }>;
  author?: string;
  baseExtra?: Record<string, string>;
}): Promise<Scenario> {
  const repo = gitRepo('itsm-approvals-');
  const base = repo.commit('Base workspace', { ...BASE_FILES, ...opts.baseExtra });
  repo.branch('feature');
  const head = repo.commit('The pull request', opts.prFiles);
  const server = await startGitHubServer([
    {
      owner: 'northwind',
      repo: 'itsm',
      number: 7,
      author: opts.author ?? 'alice',
      headSha: head,
      baseSha: base,
      files: Object.keys(opts.prFiles).map((filename) => ({ filename, status: opts.prFiles[filename] === null ? 'removed' : 'added' })),
      reviews: (opts.reviews ?? []).map((r) => ({ ...r, commit_id: r.commit_id ?? head })),
    },
  ]);
  const summary = join(mkdtempSync(join(tmpdir(), 'itsm-summary-')), 'summary.md');
  writeFileSync(summary, '');
  cleanups.push(
    () => server.close(),
    () => repo.remove(),
  );
  return {
    repo,
    base,
    head,
    server,
    summary,
    run: (args = ['--pr', '7', '--repo', 'northwind/itsm'], env = {}, via = runMain) =>
      via(['approvals', ...args], {
        cwd: repo.dir,
        env: {
          GITHUB_TOKEN: 'test-token',
          GITHUB_API_URL: server.url,
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_EVENT_PATH: undefined,
          GITHUB_REPOSITORY: undefined,
          // Generous: the machine may be busy. The timeout test sets its own.
          ITSM_GITHUB_TIMEOUT_MS: '10000',
          ITSM_GITHUB_RETRIES: '1',
          ITSM_GITHUB_RETRY_BASE_MS: '1',
          ...env,
        },
      }),
  };
}

const addsChange = (extra: Partial<Record<string, string>> = {}) => ({ 'content/changes/CHG-0001.md': changeFile('CHG-0001', extra) });

describe('itsm approvals decides from reviews on the head commit', () => {
  it('end to end: exits 0 when the service owner approved the head commit', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    const r = await s.run(undefined, undefined, runCliAsync);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CHG-0001  approved');
    expect(r.stdout).toContain('PR #7 at');
    expect(readFileSync(s.summary, 'utf8')).toContain('| CHG-0001 | approved | paula |');
  });

  it('exits 1 while approvals are missing, saying who must approve', async () => {
    const s = await scenario({ prFiles: addsChange() });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Still needed: 1 more approval from the owner team of SVC-payments (TEAM-payments)');
  });

  it('exits 0 for a PR that touches no change, policy or team', async () => {
    const s = await scenario({ prFiles: { 'README.md': 'hello\n' } });
    const r = await s.run();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('adds or advances no change record');
  });

  it('a draft change needs no approval', async () => {
    const s = await scenario({ prFiles: addsChange({ status: 'draft' }) });
    expect((await s.run()).code).toBe(0);
  });

  it('--format json gives the decision and the approval evidence', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED', submitted_at: '2026-10-01T10:00:00Z' }] });
    const r = await s.run(['--pr', '7', '--repo', 'northwind/itsm', '--format', 'json']);
    const out = JSON.parse(r.stdout);
    expect(out.decision).toBe('approved');
    expect(out.evidence).toEqual([
      { change: 'CHG-0001', pr: 7, commit: s.head, approvers: [{ login: 'paula', at: '2026-10-01T10:00:00Z' }], decision: 'approved' },
    ]);
  });
});

describe('bypass attempts fail', () => {
  it('self-approval: the author is a service owner and approves their own PR', async () => {
    const s = await scenario({ prFiles: addsChange(), author: 'paula', reviews: [{ login: 'paula', state: 'APPROVED' }] });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('paula is the pull request author');
  });

  it('a service owner who pushed a commit to the PR cannot approve it', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    const pushed = s.repo.commit('Paula adds a rollback step', addsChange({ rollback_plan: 'Redeploy, then restore the backup.' }));
    Object.assign(s.server.pulls[0]!, { headSha: pushed, reviews: [{ login: 'paula', state: 'APPROVED', commit_id: pushed }] });
    s.server.pulls[0]!.commits = [
      { sha: s.head, author: 'alice', committer: 'alice' },
      { sha: pushed, author: 'paula', committer: 'paula' },
    ];
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('paula is the pull request author or wrote one of its commits');
  });

  it('updating the branch with a merge commit does not make the approver an author', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    // "Update branch": main moved on; GitHub merges it into the PR as paula, committed by web-flow.
    s.repo.checkout('main');
    const newBase = s.repo.commit('Unrelated', { 'README.md': 'news\n' });
    s.repo.checkout('feature');
    s.repo.git('merge', '-q', '--no-ff', '--no-edit', 'main');
    const merge = s.repo.head();
    Object.assign(s.server.pulls[0]!, { headSha: merge, baseSha: newBase, reviews: [{ login: 'paula', state: 'APPROVED', commit_id: merge }] });
    s.server.pulls[0]!.commits = [
      { sha: s.head, author: 'alice', committer: 'alice' },
      { sha: merge, author: 'paula', committer: 'web-flow', parents: 2 },
    ];
    expect((await s.run()).code).toBe(0);
  });

  it('stale approval: approved, then the author pushed another commit', async () => {
    const s = await scenario({ prFiles: addsChange() });
    const reviewed = s.head;
    const pushed = s.repo.commit('Sneak in a bigger window', addsChange({ planned_end: '2026-10-11T09:00:00+02:00' }));
    s.server.pulls[0]!.headSha = pushed;
    s.server.pulls[0]!.commits = [reviewed, pushed].map((sha) => ({ sha, author: 'alice', committer: 'alice' }));
    s.server.pulls[0]!.reviews = [{ login: 'paula', state: 'APPROVED', commit_id: reviewed }];
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('paula approved an older commit');
  });

  it('approver not in the team', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'mallory', state: 'APPROVED' }] });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('mallory is not a member of a team that can approve');
  });

  it('approval then CHANGES_REQUESTED by the same reviewer is rejected', async () => {
    const s = await scenario({
      prFiles: addsChange(),
      reviews: [
        { login: 'paula', state: 'APPROVED' },
        { login: 'paula', state: 'CHANGES_REQUESTED' },
      ],
    });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('CHG-0001  rejected');
  });

  it('a dismissed approval does not count', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'DISMISSED' }] });
    expect((await s.run()).code).toBe(1);
  });

  it('approvals written into the front matter are refused, and never counted', async () => {
    const s = await scenario({ prFiles: addsChange({ approved_by: '[paula, pete]', approvals: '2' }) });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('does not pass `itsm validate`');
  });

  it('a policy file edited in the same PR needs the policy-change approvals from the base CAB', async () => {
    const lowered = CHANGE_POLICY.replace('require: [{ role: service-owner, count: 1 }]', 'require: []');
    const s = await scenario({ prFiles: { ...addsChange(), 'content/policies/change-policy.yaml': lowered } });
    const r = await s.run();
    expect(r.code).toBe(1);
    // Judged by the base policy: the change still needs its service owner, and the edit needs two CAB members.
    expect(r.stdout).toContain('policies/teams  pending');
    expect(r.stdout).toContain('CHG-0001  pending');
    expect(r.stdout).toContain('2 more approvals from the cab role (TEAM-cab)');
  });

  it('a PR lowering the required count is judged by the base policy', async () => {
    const lowered = CHANGE_POLICY.replace('require: [{ role: cab, count: 2 }]\n  - type: emergency', 'require: [{ role: cab, count: 1 }]\n  - type: emergency');
    const s = await scenario({
      prFiles: { ...addsChange({ risk: 'high' }), 'content/policies/change-policy.yaml': lowered },
      reviews: [{ login: 'carol', state: 'APPROVED' }],
    });
    const r = await s.run(['--pr', '7', '--repo', 'northwind/itsm', '--format', 'json']);
    expect(r.code).toBe(1);
    const chg = JSON.parse(r.stdout).subjects.find((x: { subject: string }) => x.subject === 'CHG-0001');
    expect(chg.required).toMatchObject([{ role: 'cab', count: 2, approvers: ['carol'], missing: 1 }]);
  });

  it("a PR adding a friend to the CAB: the friend's approval does not count", async () => {
    const s = await scenario({
      prFiles: { ...addsChange({ risk: 'high' }), 'content/teams/TEAM-cab.md': team('TEAM-cab', 'cab', ['carol', 'dave', 'mallory']) },
      reviews: [
        { login: 'mallory', state: 'APPROVED' },
        { login: 'carol', state: 'APPROVED' },
      ],
    });
    const r = await s.run(['--pr', '7', '--repo', 'northwind/itsm', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.subjects.map((x: { subject: string; decision: string }) => [x.subject, x.decision])).toEqual([
      ['policy', 'pending'],
      ['CHG-0001', 'pending'],
    ]);
    expect(out.subjects[1].reviews).toContainEqual(expect.objectContaining({ login: 'mallory', outcome: 'not-eligible' }));
  });

  it('moving an approved change into a freeze needs ECAB approval', async () => {
    const s = await scenario({
      baseExtra: addsChange(),
      prFiles: addsChange({ planned_start: '2026-12-20T22:00:00+01:00', planned_end: '2026-12-21T01:00:00+01:00' }),
      reviews: [{ login: 'paula', state: 'APPROVED' }],
    });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('inside the freeze "Year-end freeze"');
    expect(r.stdout).toContain('1 more approval from the ecab role (TEAM-ecab)');
  });

  it('reads the head commit from git, not the working tree', async () => {
    const s = await scenario({ prFiles: addsChange({ status: 'draft' }) });
    // A later local edit that is not the PR's head is not what the reviewers saw and is not judged.
    writeFileSync(join(s.repo.dir, 'content/changes/CHG-0001.md'), changeFile('CHG-0001'));
    expect((await s.run()).code).toBe(0);
  });
});

describe('paginated reviews', () => {
  it('finds the approval after more than 100 other reviews', async () => {
    const noise = Array.from({ length: 130 }, (_, i) => ({ login: `watcher${i}`, state: 'COMMENTED' as const }));
    const s = await scenario({ prFiles: addsChange(), reviews: [...noise, { login: 'paula', state: 'APPROVED' }] });
    const r = await s.run();
    expect(r.code).toBe(0);
    expect(s.server.requests.filter((q) => q.url.includes('/reviews'))).toHaveLength(2);
  });

  it('sees a request for changes on the second page', async () => {
    const noise = Array.from({ length: 101 }, (_, i) => ({ login: `watcher${i}`, state: 'COMMENTED' as const }));
    const s = await scenario({
      prFiles: addsChange(),
      reviews: [{ login: 'paula', state: 'APPROVED' }, ...noise, { login: 'pete', state: 'CHANGES_REQUESTED' }],
    });
    expect((await s.run()).code).toBe(1);
  });
});

describe('fails closed on any error (exit 2, never 0)', () => {
  for (const status of [401, 404, 500] as const) {
    it(`GitHub answering ${status}`, async () => {
      const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED' }] });
      s.server.fail({ status });
      const r = await s.run(['--pr', '7', '--repo', 'northwind/itsm', '--format', 'github']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`(${status}`.replace('(500', '500'));
      expect(r.stdout).toMatch(/^::error title=Change approvals could not be checked::/m);
      expect(readFileSync(s.summary, 'utf8')).toContain('could not be checked');
    });
  }

  it('GitHub not answering in time', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    s.server.fail({ timeout: true, operation: 'pulls/list-reviews' });
    const r = await s.run(undefined, { ITSM_GITHUB_TIMEOUT_MS: '400' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did not answer within 400 ms');
  });

  it('no token', async () => {
    const s = await scenario({ prFiles: addsChange() });
    const r = await s.run(undefined, { GITHUB_TOKEN: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GITHUB_TOKEN is not set');
  });

  it('the head commit is not in the clone', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    s.server.pulls[0]!.headSha = 'f'.repeat(40);
    s.server.pulls[0]!.reviews[0]!.commit_id = 'f'.repeat(40);
    const r = await s.run();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fetch-depth: 0');
  });

  it('no pull request given', async () => {
    const s = await scenario({ prFiles: addsChange() });
    const r = await s.run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Pass --pr N');
  });
});

describe('in GitHub Actions', () => {
  function eventFile(name: 'pull_request' | 'pull_request_review', s: Scenario): string {
    const group = (webhookExamples as Array<{ name: string; examples: Array<Record<string, unknown>> }>).find((g) => g.name === name)!;
    const payload = structuredClone(group.examples[0]!) as { pull_request: { number: number; head: { sha: string } }; repository: { full_name: string } };
    payload.pull_request.number = 7;
    payload.pull_request.head.sha = s.head;
    payload.repository.full_name = 'northwind/itsm';
    const path = join(mkdtempSync(join(tmpdir(), 'itsm-event-')), 'event.json');
    writeFileSync(path, JSON.stringify(payload));
    return path;
  }

  it('takes the PR from a pull_request_review event and annotates the change file', async () => {
    const s = await scenario({ prFiles: addsChange() });
    const r = await s.run(['--format', 'github'], { GITHUB_EVENT_PATH: eventFile('pull_request_review', s), GITHUB_REPOSITORY: 'someone/else' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=content\/changes\/CHG-0001.md,title=CHG-0001%3A approval pending::CHG-0001 needs approval/m);
    expect(s.server.requests[0]!.url).toBe('/repos/northwind/itsm/pulls/7');
  });

  it('takes the PR from a pull_request event', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    expect((await s.run([], { GITHUB_EVENT_PATH: eventFile('pull_request', s) })).code).toBe(0);
  });

  it('refuses to decide for an event whose head is no longer the PR head', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    const event = eventFile('pull_request', s);
    s.server.pulls[0]!.headSha = s.repo.commit('Another push', { 'README.md': 'x\n' });
    const r = await s.run([], { GITHUB_EVENT_PATH: event });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the pull request moved on');
  });

  it('shows at most 10 error annotations; the rest are only in the job summary', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 12; i++)
      Object.assign(files, { [`content/changes/CHG-${String(i).padStart(4, '0')}.md`]: changeFile(`CHG-${String(i).padStart(4, '0')}`) });
    const s = await scenario({ prFiles: files });
    const r = await s.run(['--pr', '7', '--repo', 'northwind/itsm', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/^::error /gm)).toHaveLength(10);
    const summary = readFileSync(s.summary, 'utf8');
    expect(summary).toContain('Findings not shown as annotations');
    expect(summary).toContain('error in content/changes/CHG-0011.md');
    expect(summary).toContain('error in content/changes/CHG-0012.md');
  });
});

describe('the target branch', () => {
  it('a PR into a branch other than the default fails, even with every approval', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    s.server.pulls[0]!.baseRef = 'lax';
    const r = await s.run(['--pr', '7', '--repo', 'northwind/itsm', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error title=base%3A approval rejected::This pull request merges into lax/m);
    s.server.pulls[0]!.baseRef = 'release';
    expect((await s.run(['--pr', '7', '--repo', 'northwind/itsm', '--allow-base', 'release'])).code).toBe(0);
  });
});

describe('a PR behind its base branch', () => {
  it('is rejected when the base changed the same change record since the fork', async () => {
    const s = await scenario({ baseExtra: addsChange({ status: 'submitted' }), prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    s.repo.checkout('main');
    const newBase = s.repo.commit('Another PR moved the window', addsChange({ status: 'submitted', planned_end: '2026-10-11T05:00:00+02:00' }));
    s.server.pulls[0]!.baseSha = newBase;
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('was also changed on the base branch after this pull request forked');
  });

  it('is judged normally when the base changed other files', async () => {
    const s = await scenario({ prFiles: addsChange(), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    s.repo.checkout('main');
    s.server.pulls[0]!.baseSha = s.repo.commit('Unrelated', { 'README.md': 'news\n' });
    expect((await s.run()).code).toBe(0);
  });
});

describe('usage', () => {
  it('--help explains the rules and the exit codes', async () => {
    const r = await runMain(['approvals', '--help'], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: itsm approvals --pr N');
    expect(r.stdout).toContain('Exit codes: 0 approved or no approval needed, 1 approval pending or rejected,');
  });

  it('an unknown option is a usage error', async () => {
    const r = await runMain(['approvals', '--approve-anyway'], { cwd: tmpdir() });
    expect(r.code).toBe(2);
  });
});

describe('a workspace in a subfolder of the repository', () => {
  it("maps the forge's repository paths into the workspace", async () => {
    const repo = gitRepo('itsm-approvals-sub-');
    cleanups.push(() => repo.remove());
    const inSub = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [`itsm/${k}`, v]));
    const base = repo.commit('Base', inSub(BASE_FILES));
    repo.branch('feature');
    const head = repo.commit('PR', inSub({ 'content/policies/change-policy.yaml': CHANGE_POLICY + '\n', ...addsChange() }));
    const server = await startGitHubServer([
      {
        owner: 'o',
        repo: 'r',
        number: 3,
        author: 'alice',
        headSha: head,
        baseSha: base,
        files: [{ filename: 'itsm/content/policies/change-policy.yaml' }, { filename: 'itsm/content/changes/CHG-0001.md' }],
        reviews: [{ login: 'paula', state: 'APPROVED', commit_id: head }],
      },
    ]);
    cleanups.push(() => server.close());
    const r = await runMain(['approvals', '--pr', '3', '--repo', 'o/r', '--root', 'itsm', '--format', 'json'], {
      cwd: repo.dir,
      env: { GITHUB_TOKEN: 't', GITHUB_API_URL: server.url, GITHUB_EVENT_PATH: undefined, GITHUB_STEP_SUMMARY: undefined },
    });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.subjects.map((x: { subject: string; decision: string; file: string }) => [x.subject, x.decision, x.file])).toEqual([
      ['policy', 'pending', 'content/policies/change-policy.yaml'],
      ['CHG-0001', 'approved', 'content/changes/CHG-0001.md'],
    ]);
    const gh = await runMain(['approvals', '--pr', '3', '--repo', 'o/r', '--format', 'github'], {
      cwd: join(repo.dir, 'itsm'),
      env: { GITHUB_TOKEN: 't', GITHUB_API_URL: server.url, GITHUB_EVENT_PATH: undefined, GITHUB_STEP_SUMMARY: undefined },
    });
    // GitHub annotates repository paths.
    expect(gh.stdout).toMatch(/^::error file=itsm\/content\/policies\/change-policy.yaml,/m);
  });
});
