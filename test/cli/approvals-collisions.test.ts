/** `itsm approvals --collisions`: the PR's collisions listed beside the decision, never changing it. */
import { afterEach, describe, expect, it } from 'vitest';
import { openPull } from '../helpers/collisions-scenario.ts';
import { CHANGE_PATH, changeFile, closeScenarios, prScenario } from '../helpers/pr-scenario.ts';
import { runMain } from '../helpers/workspace.ts';

afterEach(closeScenarios);

/** PR #7 (approved by paula) adds CHG-0001 to SVC-payments; #8 plans CHG-0002 there at the same time. */
async function scenario() {
  const s = await prScenario();
  s.pull.contents = { [CHANGE_PATH]: changeFile() };
  s.server.pulls.push(
    openPull(8, { 'content/changes/CHG-0002.md': changeFile({ id: 'CHG-0002', title: 'Rotate payment keys' }) }, { owner: 'northwind', repo: 'itsm' }),
  );
  const run = (args: string[]) =>
    runMain(['approvals', '--pr', '7', '--repo', 'northwind/itsm', ...args], {
      cwd: s.repo.dir,
      env: {
        GITHUB_TOKEN: 'test-token',
        GITHUB_API_URL: s.server.url,
        GITHUB_STEP_SUMMARY: undefined,
        GITHUB_EVENT_PATH: undefined,
        GITHUB_REPOSITORY: undefined,
        ITSM_GITHUB_TIMEOUT_MS: '10000',
        ITSM_GITHUB_RETRIES: '0',
        ITSM_GITHUB_RETRY_BASE_MS: '1',
      },
    });
  return { s, run };
}

const COLLISION =
  'CHG-0001 overlaps CHG-0002 ("Rotate payment keys", proposed in #8) from 2026-10-10T22:00:00+02:00 to 2026-10-11T02:00:00+02:00: both change the service SVC-payments.';

describe('itsm approvals --collisions', () => {
  it('lists the collisions with other open PRs as findings; the decision stays approved', async () => {
    const { run } = await scenario();
    const r = await run(['--collisions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Collisions (informational, they do not change the decision): 1\n  collision: ${COLLISION}\n`);
    const json = JSON.parse((await run(['--collisions', '--format', 'json'])).stdout) as {
      decision: string;
      collisions: { findings: Array<{ message: string }> };
    };
    expect(json.decision).toBe('approved');
    expect(json.collisions.findings.map((f) => f.message)).toEqual([COLLISION]);
    const github = await run(['--collisions', '--format', 'github']);
    expect(github.stdout).toContain('::warning file=content/changes/CHG-0001.md,title=#7 CHG-0001%3A collision::CHG-0001 overlaps CHG-0002');
  });

  it('a failure to read the collisions is reported and never fails the check', async () => {
    const { s, run } = await scenario();
    s.server.fail({ status: 500, operation: 'pulls/list' });
    const r = await run(['--collisions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Collisions could not be read \(the decision stands\): GitHub answered 500 for northwind\/itsm/);
  });

  it('without --collisions nothing else is read', async () => {
    const { s, run } = await scenario();
    expect((await run([])).code).toBe(0);
    expect(s.server.requests.some((q) => /\/pulls\?|\/contents\//.test(q.url))).toBe(false);
  });
});
