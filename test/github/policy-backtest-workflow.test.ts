/**
 * .github/workflows/policy-backtest.yml: who may do what, and its scripts run for real on a pull
 * request that edits the SLA and the change policy, in a runner-like folder (tooling/ is this
 * repository, workspace/ a clone of a real git repository with approval evidence notes).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeApprovalNote } from '../../src/io/approval-notes.ts';
import { changeFile, minimalWorkspace, POLICIES } from '../helpers/fixtures.ts';
import { ALICE, gitEnv, gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { record, REPO_ROOT } from '../helpers/workspace.ts';

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; 'working-directory'?: string };
type Job = { permissions: Record<string, string>; steps: Step[]; needs?: string };
const workflow = parse(readFileSync(join(REPO_ROOT, '.github/workflows/policy-backtest.yml'), 'utf8')) as {
  on: Record<string, { paths?: string[] }>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

describe('.github/workflows/policy-backtest.yml', () => {
  it('runs on pull requests that touch the policies, never with pull_request_target', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.on.pull_request!.paths).toEqual(['content/policies/**']);
  });

  it('grants nothing by default: the back-test reads, and only the comment job may write, to pull requests', () => {
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.backtest!.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.comment!.permissions).toEqual({ 'pull-requests': 'write' });
    expect(workflow.jobs.comment!.needs).toBe('backtest');
  });

  it("runs the base commit's itsm in both jobs, installed without install scripts", () => {
    for (const job of Object.values(workflow.jobs)) {
      const tooling = job.steps.find((s) => s.with?.path === 'tooling')!;
      expect(tooling.with?.ref).toBe('${{ github.event.pull_request.base.sha }}');
      const checkouts = job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
      expect(checkouts.every((s) => s.with?.['persist-credentials'] === false)).toBe(true);
      const installs = job.steps.filter((s) => s.run?.includes('npm '));
      expect(installs.map((s) => [s['working-directory'], s.run])).toEqual([['tooling', 'npm ci --ignore-scripts --no-audit --no-fund']]);
      const runs = job.steps.flatMap((s) => s.run?.match(/node \S+ \w+/g) ?? []);
      expect(runs.every((r) => r.startsWith('node ../tooling/src/cli/main.ts '))).toBe(true);
    }
  });

  it('keeps ONE comment, found by its marker, with itsm comment', () => {
    const post = workflow.jobs.comment!.steps.at(-1)!;
    expect(post.run).toContain('node ../tooling/src/cli/main.ts comment --pr "$pr" --marker policy-backtest --body-file comment.md');
    expect(post.env).toEqual({ GITHUB_TOKEN: '${{ github.token }}' });
  });

  it('passes event data through the environment, never into the scripts', () => {
    for (const job of Object.values(workflow.jobs)) for (const s of job.steps) expect(s.run ?? '').not.toMatch(/\$\{\{/);
  });
});

/** Acknowledged after 25 minutes: met under a 30m P2 response target, breached under 20m. */
const INCIDENT = record(`
id: INC-0002
title: Slow checkout
status: resolved
service: SVC-shop
impact: medium
urgency: high
priority: P2
reported_at: 2026-03-03T09:00:00+01:00
acknowledged_at: 2026-03-03T09:25:00+01:00
resolved_at: 2026-03-03T10:00:00+01:00
team: TEAM-ops
resolution: Fixed.
close_code: solved-permanently
`);

describe('end to end: the back-test step on a pull request editing sla.yaml and change-policy.yaml', () => {
  let repo: GitRepo;
  let runner: string;
  let base: string;
  const step = (job: string, name: string) => workflow.jobs[job]!.steps.find((s) => s.name === name)!;

  beforeAll(async () => {
    repo = gitRepo('itsm-policy-backtest-');
    repo.commit('Workspace', {
      ...minimalWorkspace(),
      'itsm.yaml': 'name: Test Org\ntime_zone: Europe/Berlin\nreference_time: 2026-03-06T17:00:00+01:00\n',
      'content/incidents/INC-0002.md': INCIDENT,
    });
    repo.branch('add-CHG-0002');
    const head = repo.commit('Add CHG-0002', { 'content/changes/CHG-0002.md': changeFile('CHG-0002', { services: '[SVC-shop]' }) });
    repo.checkout('main');
    const merge = repo.mergePullRequest('add-CHG-0002', 11);
    await writeApprovalNote(repo.dir, merge, {
      version: 1,
      pr: 11,
      head_sha: head,
      decided_at: '2026-03-02T10:00:00Z',
      changes: [{ change: 'CHG-0002', decision: 'approved', approvers: [{ login: 'ada', at: '2026-03-02T09:00:00Z' }], required: [] }],
    });
    base = repo.head();
    repo.branch('stricter');
    repo.commit('Stricter policies', {
      'content/policies/sla.yaml': POLICIES['content/policies/sla.yaml'].replace('P2: { response: 30m', 'P2: { response: 20m'),
      'content/policies/change-policy.yaml': POLICIES['content/policies/change-policy.yaml'].replace(
        'risk: [low, medium]\n    require: [{ role: service-owner, count: 1 }]',
        'risk: [low, medium]\n    require: [{ role: cab, count: 2 }]',
      ),
    });
    // The runner: the base commit's tool in tooling/, the pull request (without notes, as checkout leaves it) in workspace/.
    runner = mkdtempSync(join(tmpdir(), 'itsm-runner-'));
    symlinkSync(REPO_ROOT, join(runner, 'tooling'));
    execFileSync('git', ['clone', '-q', repo.dir, join(runner, 'workspace')], { env: gitEnv(ALICE, '2026-03-07T00:00:00Z') });
  });
  afterAll(() => {
    repo.remove();
    rmSync(runner, { recursive: true, force: true });
  });

  const bash = (script: string, env: Record<string, string>) =>
    execFileSync('bash', ['-c', script], {
      cwd: join(runner, 'workspace'),
      encoding: 'utf8',
      env: { ...gitEnv(ALICE, '2026-03-07T00:00:00Z'), PATH: `${dirname(process.execPath)}:${process.env.PATH}`, NO_COLOR: '1', ...env },
    });

  it('fetches the evidence notes, then writes both back-tests into one comment and the job summary', () => {
    bash(step('backtest', 'Fetch the approval evidence notes (read-only token)').run!, { GITHUB_TOKEN: 'not-needed-locally' });
    const summary = join(runner, 'summary.md');
    writeFileSync(summary, '');
    bash(step('backtest', 'Back-test the edited policies').run!, { BASE_SHA: base, PR: '42', GITHUB_STEP_SUMMARY: summary });
    const comment = readFileSync(join(runner, 'out/comment.md'), 'utf8');
    expect(readFileSync(join(runner, 'out/pr'), 'utf8')).toBe('42\n');
    expect(readFileSync(summary, 'utf8')).toBe(comment);
    expect(comment).toMatch(/^## SLA back-test of this policy edit\n/);
    expect(comment).toContain('| P2 | 100% (2 of 2) | 50% (1 of 2) | 100% (2 of 2) | 100% (2 of 2) |');
    expect(comment).toContain('| INC-0002 | response | SVC-shop | met -> breached |');
    expect(comment).toContain('\n\n## Change policy back-test of this edit\n');
    expect(comment).toContain('| CHG-0002 | #11 | ');
    expect(comment).toContain(
      ' | approved | pending | the head policy adds 2 from cab (TEAM-ops) and no longer asks for 1 from the owner team of SVC-shop (TEAM-ops): ',
    );
  });
});
