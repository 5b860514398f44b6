/**
 * `itsm approvals --backtest BASE`: a pull request that makes the change policy stricter, replayed
 * over the changes merged before it in a real git repository, with their approvals taken from the
 * evidence notes (refs/notes/itsm-approvals) written at each merge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceNote } from '../../src/core/approvals/evidence-note.ts';
import { writeApprovalNote } from '../../src/io/approval-notes.ts';
import { changeFile, minimalWorkspace, POLICIES } from '../helpers/fixtures.ts';
import { gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { runMain } from '../helpers/workspace.ts';

const NOW = '2026-03-06T12:00:00Z';

/** The edit under test: normal changes of low and medium risk need two from the CAB instead of one service owner. */
const STRICTER = POLICIES['content/policies/change-policy.yaml'].replace(
  'risk: [low, medium]\n    require: [{ role: service-owner, count: 1 }]',
  'risk: [low, medium]\n    require: [{ role: cab, count: 2 }]',
);

let repo: GitRepo;
const merges: Record<number, string> = {};

/** A pull request adding one approved change, merged, with the evidence note `itsm evidence record` would write. */
async function mergeChange(pr: number, id: string, risk: string, approvers: string[]): Promise<void> {
  repo.branch(`add-${id}`);
  const head = repo.commit(`Add ${id}`, { [`content/changes/${id}.md`]: changeFile(id, { risk, services: '[SVC-shop]' }) });
  repo.checkout('main');
  const merge = repo.mergePullRequest(`add-${id}`, pr);
  merges[pr] = merge;
  const note: EvidenceNote = {
    version: 1,
    pr,
    head_sha: head,
    decided_at: '2026-03-02T10:00:00Z',
    changes: [
      {
        change: id,
        decision: 'approved',
        approvers: approvers.map((login) => ({ login, at: '2026-03-02T09:00:00Z' })),
        required: [],
      },
    ],
  };
  await writeApprovalNote(repo.dir, merge, note);
}

beforeAll(async () => {
  repo = gitRepo('itsm-approvals-backtest-');
  repo.commit('Workspace', minimalWorkspace());
  await mergeChange(11, 'CHG-0002', 'low', ['ada']);
  await mergeChange(12, 'CHG-0003', 'high', ['ada', 'grace']);
  await mergeChange(13, 'CHG-0004', 'medium', ['grace', 'ada']);
  // Merged while the evidence workflow was down: no note, so nothing to replay.
  repo.branch('add-CHG-0005');
  repo.commit('Add CHG-0005', { 'content/changes/CHG-0005.md': changeFile('CHG-0005', { services: '[SVC-shop]' }) });
  repo.checkout('main');
  merges[14] = repo.mergePullRequest('add-CHG-0005', 14);
  repo.branch('stricter-policy');
  repo.commit('Normal changes need the CAB', { 'content/policies/change-policy.yaml': STRICTER });
});
afterAll(() => repo.remove());

const backtest = (...args: string[]) => runMain(['approvals', '--backtest', 'main', '--now', NOW, ...args], { cwd: repo.dir });

describe('itsm approvals --backtest BASE', () => {
  it('lists the one merged change the stricter policy would have held back, with why', async () => {
    const r = await backtest();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sha = repo.git('rev-parse', '--short=7', 'main').trim();
    const mergedAt = repo.git('show', '-s', '--format=%cI', merges[11]!).trim();
    expect(r.stdout).toBe(
      `Change policy back-test: 3 pull requests merged in the 90 days before 2026-03-06T12:00:00.000Z (since 2025-12-06T12:00:00.000Z) with approval evidence, 3 decisions made again with the recorded approvals under the change policy of main (${sha}) (base) and of the working tree (head). 1 merged pull request editing change records has no evidence note and was not replayed: #14.

Decided differently (1):
  CHG-0002  PR #11  merged ${mergedAt}  approved -> pending
      the head policy adds 2 from cab (TEAM-ops) and no longer asks for 1 from the owner team of SVC-shop (TEAM-ops): still needed 1 more approval from the cab role (TEAM-ops), for normal change, risk low.
`,
    );
  });

  it('gives the same as JSON and as a Markdown comment', async () => {
    const json = JSON.parse((await backtest('--format', 'json')).stdout);
    expect(json).toMatchObject({ base: { rev: 'main' }, pull_requests: 3, decisions: 3, without_evidence: [{ pr: 14, commit: merges[14] }] });
    expect(json.differences).toEqual([
      {
        change: 'CHG-0002',
        pr: 11,
        commit: merges[11],
        merged_at: expect.any(String),
        recorded: 'approved',
        base: { decision: 'approved', required: ['1 from the owner team of SVC-shop (TEAM-ops)'], approvers: ['ada'], missing: [] },
        head: {
          decision: 'pending',
          required: ['2 from cab (TEAM-ops)'],
          approvers: ['ada'],
          missing: ['1 more approval from the cab role (TEAM-ops), for normal change, risk low'],
        },
        why: expect.stringContaining('the head policy adds 2 from cab (TEAM-ops)'),
      },
    ]);
    const md = (await backtest('--format', 'markdown')).stdout;
    expect(md).toContain('| Change | PR | Merged | Base | Head | Why |\n|---|---|---|---|---|---|\n| CHG-0002 | #11 | ');
    expect(md).toContain(
      ' | approved | pending | the head policy adds 2 from cab (TEAM-ops) and no longer asks for 1 from the owner team of SVC-shop (TEAM-ops): ',
    );
  });

  it('covers only pull requests merged in the window (--days)', async () => {
    const r = await backtest('--days', '1', '--format', 'json');
    expect(JSON.parse(r.stdout)).toMatchObject({ pull_requests: 0, decisions: 0, differences: [] });
  });

  it('finds no difference against the policy itself', async () => {
    const r = await runMain(['approvals', '--backtest', 'HEAD', '--now', NOW, '--format', 'json'], { cwd: repo.dir });
    expect(JSON.parse(r.stdout)).toMatchObject({ pull_requests: 3, decisions: 3, differences: [] });
  });
});

describe('itsm approvals --backtest refuses', () => {
  it('a base change policy that does not validate (exit 1)', async () => {
    repo.branch('broken-policy', 'main');
    repo.commit('Break the change policy', { 'content/policies/change-policy.yaml': 'rules: nope\n' });
    repo.checkout('stricter-policy');
    const r = await runMain(['approvals', '--backtest', 'broken-policy', '--now', NOW], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken-policy:content/policies/change-policy.yaml');
    expect(r.stderr).toContain('itsm approvals: the change policy at broken-policy (');
  });

  it('a base git cannot find (exit 2)', async () => {
    const r = await runMain(['approvals', '--backtest', 'no-such-branch', '--now', NOW], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('git revision "no-such-branch" was not found');
  });

  it('the options of a pull request decision, and --days without --backtest (exit 2)', async () => {
    const r = await backtest('--pr', '5');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--backtest replays merged pull requests and takes no --pr');
    const d = await runMain(['approvals', '--days', '9'], { cwd: repo.dir });
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('--days is the window of --backtest');
  });
});
