/**
 * Finding: every commit of a pull request is attributed, merge commits included. An approver whose
 * own edits reach the PR through a merge commit is an author and does not count. Only a merge that
 * git verifies brings in commits already on the base branch, as exactly their clean automatic merge
 * ("Update branch"), is exempt. A commit no account wrote rejects the decision.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANGE_PATH, changeFile, closeScenarios, prScenario, type PrScenario } from '../helpers/pr-scenario.ts';

afterEach(closeScenarios);

/** main moves on after the PR forked (bob fixes the README), so the PR can be brought up to date. */
async function withBaseMovedOn(): Promise<PrScenario> {
  const s = await prScenario();
  s.repo.checkout('main');
  s.repo.commit('Fix the README', { 'README.md': 'Payments workspace.\n' });
  s.repo.checkout('feature');
  return s;
}

/** Merges `branch` into the checked-out branch without committing, so a test can touch the result. */
function startMerge(s: PrScenario, branch: string): void {
  s.repo.git('merge', '--no-ff', '--no-commit', branch);
}

function finishMerge(s: PrScenario, files: Record<string, string> = {}): string {
  for (const [rel, content] of Object.entries(files)) writeFileSync(join(s.repo.dir, rel), content);
  s.repo.git('add', '-A');
  s.repo.git('commit', '-q', '--no-edit');
  return s.repo.head();
}

const widerWindow = changeFile({ planned_end: '2026-10-11T09:00:00+02:00' });

describe('an approver who edits through a merge commit is an author', () => {
  it('paula merges main into the PR and widens the change window in the merge: her approval does not count', async () => {
    const s = await withBaseMovedOn();
    startMerge(s, 'main');
    const merge = finishMerge(s, { [CHANGE_PATH]: widerWindow });
    s.publish({ [merge]: { author: 'paula', committer: 'paula' } });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('paula is the pull request author or wrote one of its commits');
  });

  it('the same hand edit in a merge that looks like GitHub\'s "Update branch" (committer web-flow) still makes paula an author', async () => {
    const s = await withBaseMovedOn();
    startMerge(s, 'main');
    const merge = finishMerge(s, { [CHANGE_PATH]: widerWindow });
    s.publish({ [merge]: { author: 'paula', committer: 'web-flow' } });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('paula is the pull request author or wrote one of its commits');
  });

  it('a merge whose conflict paula resolved is content she wrote', async () => {
    const s = await prScenario();
    s.repo.checkout('main');
    s.repo.commit('Main edits the same record', { [CHANGE_PATH]: changeFile({ status: 'draft' }) });
    s.repo.checkout('feature');
    expect(() => s.repo.git('merge', '--no-ff', '--no-edit', 'main')).toThrow(); // a conflict
    const merge = finishMerge(s, { [CHANGE_PATH]: widerWindow });
    s.publish({ [merge]: { author: 'paula', committer: 'web-flow' } });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('paula is the pull request author or wrote one of its commits');
  });

  it('a merge that keeps only one side (-s ours) is not the clean merge of its parents', async () => {
    const s = await withBaseMovedOn();
    s.repo.git('merge', '-q', '--no-ff', '--no-edit', '-s', 'ours', 'main');
    s.publish({ [s.repo.head()]: { author: 'paula', committer: 'web-flow' } });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('paula is the pull request author or wrote one of its commits');
  });

  it('a clean merge that brings in a commit not on the base branch makes its merger an author', async () => {
    const s = await prScenario();
    s.repo.branch('side', s.base);
    s.repo.commit('Side work', { 'README.md': 'Side work.\n' });
    s.repo.checkout('feature');
    s.repo.git('merge', '-q', '--no-ff', '--no-edit', 'side');
    s.publish({ [s.repo.head()]: { author: 'paula', committer: 'paula' } });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('paula is the pull request author or wrote one of its commits');
  });
});

describe('what cannot be verified is not exempt', () => {
  it("an octopus merge (base and a side branch at once) is its merger's, even when clean", async () => {
    const s = await withBaseMovedOn();
    s.repo.branch('side', s.base);
    s.repo.commit('Side work', { 'docs/side.md': 'Side work.\n' });
    s.repo.checkout('feature');
    s.repo.git('merge', '-q', '--no-ff', '--no-edit', 'main', 'side');
    s.publish({ [s.repo.head()]: { author: 'paula', committer: 'web-flow' } });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('paula is the pull request author or wrote one of its commits');
  });

  it('a shallow clone cannot show what a merge brings in: exit 2, asking for full history', async () => {
    const s = await withBaseMovedOn();
    s.repo.git('merge', '-q', '--no-ff', '--no-edit', 'main');
    s.publish({ [s.repo.head()]: { author: 'paula', committer: 'web-flow' } });
    writeFileSync(join(s.repo.dir, '.git/shallow'), `${s.base}\n`);
    const r = await s.run();
    expect(r.stderr).toContain("is shallow, so the pull request's commits cannot be checked. Check out with fetch-depth: 0");
    expect(r.code).toBe(2);
  });
});

describe('a verified "Update branch" merge is exempt', () => {
  it('paula clicks "Update branch" (a clean merge of main into the PR): her approval still counts', async () => {
    const s = await withBaseMovedOn();
    s.repo.git('merge', '-q', '--no-ff', '--no-edit', 'main');
    s.publish({ [s.repo.head()]: { author: 'paula', committer: 'web-flow' } });
    const r = await s.run();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('the same clean merge made locally with git merge origin/main by paula is exempt too', async () => {
    const s = await withBaseMovedOn();
    s.repo.git('merge', '-q', '--no-ff', '--no-edit', 'main');
    s.publish({ [s.repo.head()]: { author: 'paula', committer: 'paula' } });
    expect((await s.run()).code).toBe(0);
  });
});

describe('a commit no account wrote rejects the decision', () => {
  const unattributed = 'cannot be attributed to any GitHub account';

  it('a commit whose author and committer emails match no account: rejected, saying how to fix it', async () => {
    const s = await prScenario();
    const sneaky = s.repo.commit('Widen the window', { [CHANGE_PATH]: widerWindow });
    s.publish({ [sneaky]: { author: null, committer: null } });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Commit ${sneaky.slice(0, 7)} ${unattributed}`);
    expect(r.stdout).toContain('Commit with an email linked to your GitHub account');
    expect(r.stdout).toMatch(/^commit authors {2}rejected/m);
  });

  it.each([
    ['no author account, committed by web-flow', null, 'web-flow'],
    ['web-flow as author too (its noreply email written into the commit)', 'web-flow', 'web-flow'],
    ['web-flow as author, no committer account', 'web-flow', null],
  ])("GitHub's web-flow attributes no commit: %s", async (_, author, committer) => {
    const s = await prScenario();
    const sneaky = s.repo.commit('Widen the window', { [CHANGE_PATH]: widerWindow });
    s.publish({ [sneaky]: { author, committer } });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(unattributed);
  });

  it('a merge with a hand edit and no account is unattributable too', async () => {
    const s = await withBaseMovedOn();
    startMerge(s, 'main');
    const merge = finishMerge(s, { [CHANGE_PATH]: widerWindow });
    s.publish({ [merge]: { author: null, committer: null } });
    const r = await s.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Commit ${merge.slice(0, 7)} ${unattributed}`);
  });

  it("a commit with no author account but a committer account is that committer's", async () => {
    const s = await prScenario();
    const c = s.repo.commit('Widen the window', { [CHANGE_PATH]: widerWindow });
    s.publish({ [c]: { author: null, committer: 'pete' } });
    const r = await s.run();
    expect(r.code).toBe(0); // pete is attributed (and is not the approver)
    expect(r.stdout).not.toContain(unattributed);
  });
});
