/**
 * Approval evidence after merge, end to end: real git repositories with merge and squash commits,
 * the schema-checked GitHub stand-in (GITHUB_API_URL), `itsm evidence record` writing the note,
 * `itsm history` showing it, and the workflow that does it on GitHub (checked as data, and its
 * publishing script run for real against a bare "origin").
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { POLICIES } from '../helpers/fixtures.ts';
import { gitEnv, gitRepo, ALICE, type GitRepo } from '../helpers/git-repo.ts';
import { startGitHubServer, type FakePullRequest, type GitHubServer } from '../helpers/github-server.ts';
import { record, REPO_ROOT, runCliAsync, runMain } from '../helpers/workspace.ts';

const team = (id: string, roles: string, logins: string[]) =>
  record(`id: ${id}\nname: ${id}\nstatus: active\nroles: [${roles}]\nmembers:\n${logins.map((l) => `  - { name: ${l}, login: ${l} }`).join('\n')}`);

const BASE_FILES: Record<string, string> = {
  ...POLICIES,
  'itsm.yaml': 'name: Test\ntime_zone: Europe/Berlin\n',
  'content/teams/TEAM-cab.md': team('TEAM-cab', 'cab', ['carol', 'dave']),
  'content/teams/TEAM-payments.md': team('TEAM-payments', '', ['paula', 'pete']),
  'content/services/SVC-payments.md': record('id: SVC-payments\nname: Payments\nstatus: active\nowner: TEAM-payments\ntier: 1'),
};

const CHG = 'content/changes/CHG-0031.md';
function change(status: string, notes = ''): string {
  return record(
    `id: CHG-0031
title: Upgrade payments
type: normal
risk: low
status: ${status}
services: [SVC-payments]
planned_start: 2026-10-10T22:00:00+02:00
planned_end: 2026-10-11T02:00:00+02:00
test_plan: Run the smoke tests.
rollback_plan: Redeploy the previous version.`,
    `Upgrade the payments service.\n${notes}`,
  );
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Merged {
  repo: GitRepo;
  server: GitHubServer;
  base: string;
  head: string;
  merge: string;
  /** In-process unless `via` is runCliAsync (the end-to-end test). */
  itsm(args: string[], via?: typeof runMain): ReturnType<typeof runMain>;
}

/** main with the workspace; PR #12 adds CHG-0031 as approved and is merged (merge commit, or squash). */
async function mergedPullRequest(opts: { squash?: boolean; reviews?: FakePullRequest['reviews'] } = {}): Promise<Merged> {
  const repo = gitRepo('itsm-evidence-');
  const base = repo.commit('Base workspace', BASE_FILES);
  repo.branch('chg-31');
  const head = repo.commit('Plan CHG-0031', { [CHG]: change('approved') }, { date: '2026-03-01T09:30:00+01:00' });
  repo.checkout('main');
  const merge = opts.squash
    ? repo.squashPullRequest('chg-31', 12, 'Plan CHG-0031')
    : repo.mergePullRequest('chg-31', 12, { date: '2026-03-01T12:00:00+01:00' });
  const server = await startGitHubServer([
    {
      owner: 'northwind',
      repo: 'itsm',
      number: 12,
      author: 'alice',
      headSha: head,
      baseSha: base,
      files: [{ filename: CHG, status: 'added' }],
      reviews: opts.reviews ?? [{ login: 'paula', state: 'APPROVED', commit_id: head, submitted_at: '2026-03-01T10:00:00Z' }],
      mergeCommitSha: merge,
      mergedAt: '2026-03-01T11:00:00Z',
    },
  ]);
  cleanups.push(
    () => repo.remove(),
    () => server.close(),
  );
  return {
    repo,
    server,
    base,
    head,
    merge,
    itsm: (args, via = runMain) =>
      via(args, {
        cwd: repo.dir,
        env: {
          ...gitEnv(ALICE, '2026-03-02T00:00:00Z'),
          GITHUB_TOKEN: 'test-token',
          GITHUB_API_URL: server.url,
          GITHUB_REPOSITORY: 'northwind/itsm',
          GITHUB_EVENT_PATH: undefined,
          GITHUB_STEP_SUMMARY: undefined,
          ITSM_GITHUB_TIMEOUT_MS: '10000',
          ITSM_GITHUB_RETRIES: '1',
          ITSM_GITHUB_RETRY_BASE_MS: '1',
        },
      }),
  };
}

const notes = (repo: GitRepo): string => repo.git('notes', '--ref=itsm-approvals', 'list').trim();

describe('itsm evidence record', () => {
  it('end to end: writes the decision of the merged PR as a note on its merge commit, and history shows it on the version it merged', async () => {
    const m = await mergedPullRequest();
    const r = await m.itsm(['evidence', 'record'], runCliAsync);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Recorded the approval evidence of PR #12 on commit ${m.merge.slice(0, 12)} (refs/notes/itsm-approvals):\n  CHG-0031  approved by paula\nPush it: git push origin refs/notes/itsm-approvals\n`,
    );
    const note = JSON.parse(m.repo.git('notes', '--ref=itsm-approvals', 'show', m.merge));
    expect(note).toMatchObject({
      version: 1,
      pr: 12,
      head_sha: m.head,
      changes: [
        {
          change: 'CHG-0031',
          decision: 'approved',
          approvers: [{ login: 'paula', at: '2026-03-01T10:00:00Z' }],
          required: [{ role: 'service-owner', service: 'SVC-payments', count: 1, approvers: ['paula'] }],
        },
      ],
    });
    // It asked GitHub which PR the commit was merged as, then read that PR.
    expect(m.server.requests[0]!.url).toMatch(new RegExp(`^/repos/northwind/itsm/commits/${m.merge}/pulls`));

    // A later edit straight on main: that version carries no approval.
    m.repo.commit('Note the date', { [CHG]: change('approved', 'Agreed with finance.\n') }, { date: '2026-03-03T09:00:00+01:00' });
    const h = await m.itsm(['history', 'CHG-0031', '--format', 'json']);
    expect(h.stderr).toBe('');
    const versions = JSON.parse(h.stdout).versions as Array<{ commit: string; pr: number | null; approval: unknown }>;
    expect(versions.map((v) => [v.commit, v.pr, v.approval])).toEqual([
      [m.repo.head(), null, null],
      [m.head, 12, { pr: 12, approvers: [{ login: 'paula', at: '2026-03-01T10:00:00Z' }], decision: 'approved' }],
    ]);
    const pretty = await m.itsm(['history', 'CHG-0031']);
    expect(pretty.stdout).toContain('  created with status approved\n  approved in PR #12 by paula (2026-03-01 10:00 UTC)\n');
    expect(pretty.stdout.match(/approved in PR/g)).toHaveLength(1);

    const shown = await m.itsm(['evidence', 'show', 'CHG-0031', '--format', 'json']);
    expect(JSON.parse(shown.stdout)).toEqual({ 'CHG-0031': [expect.objectContaining({ pr: 12, commit: m.merge, decision: 'approved' })] });
  });

  // A process: git, which the command runs, must see this environment (in-process it sees the test's).
  it('end to end: records on a runner without a git identity', async () => {
    const m = await mergedPullRequest();
    const home = mkdtempSync(join(tmpdir(), 'itsm-home-'));
    cleanups.push(() => execFileSync('rm', ['-rf', home]));
    const anonymous = {
      GIT_AUTHOR_NAME: undefined,
      GIT_AUTHOR_EMAIL: undefined,
      GIT_COMMITTER_NAME: undefined,
      GIT_COMMITTER_EMAIL: undefined,
      EMAIL: undefined,
      HOME: home,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    };
    const r = await runCliAsync(['evidence', 'record'], {
      cwd: m.repo.dir,
      env: {
        GITHUB_TOKEN: 't',
        GITHUB_API_URL: m.server.url,
        GITHUB_REPOSITORY: 'northwind/itsm',
        GITHUB_EVENT_PATH: undefined,
        GITHUB_STEP_SUMMARY: undefined,
        ...anonymous,
      },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(m.repo.git('notes', '--ref=itsm-approvals', 'show', m.merge)).pr).toBe(12);
  });

  it('works for a squash merge: the note is on the squash commit, which is the version', async () => {
    const m = await mergedPullRequest({ squash: true });
    expect((await m.itsm(['evidence', 'record', '--commit', m.merge, '--pr', '12'])).code).toBe(0);
    const versions = JSON.parse((await m.itsm(['history', 'CHG-0031', '--format', 'json'])).stdout).versions;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ commit: m.merge, pr: 12, approval: { pr: 12, approvers: [{ login: 'paula' }], decision: 'approved' } });
  });

  it('says to fetch the PR head when a squash merge left it out of the clone', async () => {
    const m = await mergedPullRequest({ squash: true });
    m.repo.git('branch', '-q', '-D', 'chg-31');
    m.repo.git('reflog', 'expire', '--expire=now', '--all');
    m.repo.git('gc', '-q', '--prune=now');
    const r = await m.itsm(['evidence', 'record']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`itsm evidence: could not decide PR #12: the head commit ${m.head} is not in the clone`);
    expect(r.stderr).toContain('git fetch origin pull/12/head');
    expect(notes(m.repo)).toBe('');
  });

  it('a PR merged without its approvals records nothing and exits 1, saying so', async () => {
    const m = await mergedPullRequest({ reviews: [] });
    const r = await m.itsm(['evidence', 'record', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error title=Merged without approval::PR #12 was merged as');
    expect(r.stderr).toContain('without the approvals it needed (pending)');
    expect(notes(m.repo)).toBe('');
  });

  it('a direct push has nothing to record', async () => {
    const m = await mergedPullRequest();
    const direct = m.repo.commit('Straight to main', { 'README.md': 'hi\n' });
    const r = await m.itsm(['evidence', 'record']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Commit ${direct.slice(0, 12)} was not merged from a pull request`);
    expect((await m.itsm(['evidence', 'pr'])).stdout).toBe('');
    expect((await m.itsm(['evidence', 'pr', '--commit', m.merge])).stdout).toBe('12\n');
  });

  it('refuses to pin a PR on a commit GitHub did not merge it as', async () => {
    const m = await mergedPullRequest();
    const r = await m.itsm(['evidence', 'record', '--commit', m.merge, '--pr', '13']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('was merged as pull request #12, not #13');
    const direct = m.repo.commit('Straight to main', { 'README.md': 'hi\n' });
    const r2 = await m.itsm(['evidence', 'record', '--commit', direct, '--pr', '12']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('does not record pull request #12 as merged');
  });

  it('fails closed (exit 2) when GitHub cannot be read', async () => {
    const m = await mergedPullRequest();
    m.server.fail({ status: 401 });
    const r = await m.itsm(['evidence', 'record']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GitHub refused the token');
    expect(notes(m.repo)).toBe('');
  });
});

describe('itsm evidence usage', () => {
  it('explains itself, and asks what to do when not told', async () => {
    const m = await mergedPullRequest();
    const help = await m.itsm(['evidence', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('refs/notes/itsm-approvals');
    expect(help.stdout).toContain('Exit codes: 0 recorded');
    const none = await m.itsm(['evidence']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('say what to do: `itsm evidence record`');
    const bad = await m.itsm(['evidence', 'record', '--pr', 'twelve']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--pr must be a pull request number');
    expect(m.server.requests).toEqual([]);
  });
});

describe('a malformed note', () => {
  it('does not stop itsm history: it is reported on stderr and shows no approval', async () => {
    const m = await mergedPullRequest();
    m.repo.git('notes', '--ref=itsm-approvals', 'add', '-m', '{"version":1,"pr":12,"approved_by":"everyone"}', m.merge);
    const h = await m.itsm(['history', 'CHG-0031', '--format', 'json']);
    expect(h.code).toBe(0);
    expect(h.stderr).toContain(
      `warning: The approval note on commit ${m.merge.slice(0, 12)} is not valid approval evidence: the note has an unknown field "approved_by"; it is ignored.`,
    );
    expect(JSON.parse(h.stdout).versions[0].approval).toBeNull();
    const shown = await m.itsm(['evidence', 'show']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('No approval evidence recorded');
  });
});

describe('itsm evidence show ID', () => {
  it('refuses an ID that is not a change of the workspace (exit 2), and says so when a change has none', async () => {
    const m = await mergedPullRequest();
    const unknown = await m.itsm(['evidence', 'show', 'CHG-9999']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('itsm evidence show: no change CHG-9999: content/changes/CHG-9999.md does not exist.');
    const notChange = await m.itsm(['evidence', 'show', 'INC-0001']);
    expect(notChange.code).toBe(2);
    expect(notChange.stderr).toContain('"INC-0001" is not a change ID');
    const none = await m.itsm(['evidence', 'show', 'CHG-0031']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No approval evidence recorded for CHG-0031');
  });
});

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { permissions: Record<string, string>; steps: Step[]; needs?: string; if?: string };
const workflow = load(readFileSync(join(REPO_ROOT, '.github/workflows/approval-evidence.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

describe('.github/workflows/approval-evidence.yml', () => {
  it('runs after the merge (push, or by hand), never on pull request events', async () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(workflow.jobs.decide!.if).toBe("github.ref == format('refs/heads/{0}', github.event.repository.default_branch)");
  });

  it('grants nothing by default; only the git-only publish job may write, and only contents', async () => {
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.decide!.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
    expect(workflow.jobs.publish!.permissions).toEqual({ contents: 'write' });
    const publish = workflow.jobs.publish!.steps;
    expect(publish.some((s) => s.uses?.startsWith('actions/setup-node') || /\b(npm|node|npx)\b/.test(s.run ?? ''))).toBe(false);
  });

  it('keeps the read token out of the clone and away from npm', async () => {
    const steps = workflow.jobs.decide!.steps;
    expect(steps.filter((s) => s.uses?.startsWith('actions/checkout@')).every((s) => s.with?.['persist-credentials'] === false)).toBe(true);
    expect(steps.filter((s) => s.run?.includes('npm')).every((s) => s.run!.includes('--ignore-scripts') && !s.env)).toBe(true);
    expect(steps.filter((s) => s.env?.GITHUB_TOKEN).map((s) => s.env!.GITHUB_TOKEN)).toEqual(['${{ github.token }}']);
  });

  it('passes event data through the environment, never into the scripts', async () => {
    for (const job of Object.values(workflow.jobs)) for (const s of job.steps) expect(s.run ?? '').not.toMatch(/\$\{\{/);
  });

  it('publishes by fetching, adding and pushing the notes ref, surviving a concurrent push', async () => {
    const script = workflow.jobs.publish!.steps.find((s) => s.run?.includes('git push'))!.run!;
    const origin = mkdtempSync(join(tmpdir(), 'itsm-origin-'));
    const repo = gitRepo('itsm-publish-');
    cleanups.push(
      () => repo.remove(),
      () => execFileSync('rm', ['-rf', origin]),
    );
    const first = repo.commit('One (#1)', { 'a.txt': '1\n' });
    const second = repo.commit('Two (#2)', { 'a.txt': '2\n' });
    execFileSync('git', ['init', '-q', '--bare', origin]);
    repo.git('push', '-q', origin, 'main');
    repo.git('remote', 'add', 'origin', origin);
    const clone = (): string => {
      const dir = mkdtempSync(join(tmpdir(), 'itsm-runner-'));
      execFileSync('git', ['clone', '-q', origin, dir], { env: gitEnv(ALICE, '2026-03-01T00:00:00Z') });
      cleanups.push(() => execFileSync('rm', ['-rf', dir]));
      return dir;
    };
    // Two runners clone before either pushes: the second must fetch the first's note and keep it.
    const [a, b] = [clone(), clone()];
    const publish = (dir: string, commit: string, note: string) =>
      execFileSync('bash', ['-c', script], {
        cwd: dir,
        env: {
          ...gitEnv(ALICE, '2026-03-01T00:00:00Z'),
          GIT_CONFIG_GLOBAL: '/dev/null',
          COMMIT: commit,
          NOTE: Buffer.from(note).toString('base64'),
          RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'itsm-tmp-')),
        },
        stdio: 'pipe',
      });
    publish(a, first, '{"pr":1}\n');
    publish(b, second, '{"pr":2}\n');
    const show = (c: string) => execFileSync('git', ['--git-dir', origin, 'notes', '--ref=itsm-approvals', 'show', c], { encoding: 'utf8' });
    expect([show(first), show(second)]).toEqual(['{"pr":1}\n', '{"pr":2}\n']);
  });
});
