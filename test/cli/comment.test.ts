import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCollisionScenarios, collisionsScenario, openPull, proposedChange } from '../helpers/collisions-scenario.ts';

afterEach(closeCollisionScenarios);

const URL_11 = 'https://github.example/northwind/itsm/pull/11#issuecomment-';

describe('itsm comment', () => {
  it('creates the comment once, then edits it in place; the same body again changes nothing', async () => {
    const s = await collisionsScenario([openPull(11, {})]);
    const pull = s.server.pulls[0]!;
    writeFileSync(join(s.repo.dir, 'body.md'), '## Back-test\n\n2 clocks breach.\n');
    const first = await s.run(['comment', '--pr', '11', '--marker', 'sla-backtest', '--body-file', 'body.md']);
    expect(first).toEqual({ code: 0, stdout: `created ${URL_11}100\n`, stderr: '' });
    expect(pull.comments).toEqual([{ id: 100, login: 'github-actions[bot]', body: '<!-- itsm:sla-backtest -->\n## Back-test\n\n2 clocks breach.\n' }]);

    writeFileSync(join(s.repo.dir, 'body.md'), '## Back-test\n\n3 clocks breach.\n');
    const second = await s.run(['comment', '--pr', '11', '--marker', 'sla-backtest', '--body-file', 'body.md']);
    expect(second.stdout).toBe(`updated ${URL_11}100\n`);
    expect(pull.comments).toEqual([{ id: 100, login: 'github-actions[bot]', body: '<!-- itsm:sla-backtest -->\n## Back-test\n\n3 clocks breach.\n' }]);

    const third = await s.run(['comment', '--pr', '11', '--marker', 'sla-backtest', '--body-file', 'body.md']);
    expect(third.stdout).toBe(`unchanged ${URL_11}100\n`);
    expect(s.server.requests.filter((r) => r.method !== 'GET').map((r) => r.method)).toEqual(['POST', 'PATCH']);
  });

  it("never edits someone else's comment carrying the marker, nor its own comment for another marker", async () => {
    const s = await collisionsScenario([
      openPull(
        11,
        {},
        {
          comments: [
            { id: 1, login: 'mallory', body: '<!-- itsm:sla-backtest -->\nAll clocks met, merge it.' },
            { id: 2, login: 'github-actions[bot]', body: '<!-- itsm:collisions -->\nNo collisions.' },
          ],
        },
      ),
    ]);
    writeFileSync(join(s.repo.dir, 'body.md'), 'The real figures.\n');
    const r = await s.run(['comment', '--pr', '11', '--marker', 'sla-backtest', '--body-file', 'body.md']);
    expect(r.stdout).toBe(`created ${URL_11}100\n`);
    expect(s.server.pulls[0]!.comments!.map((c) => `${c.id} ${c.login}: ${c.body}`)).toEqual([
      '1 mallory: <!-- itsm:sla-backtest -->\nAll clocks met, merge it.',
      '2 github-actions[bot]: <!-- itsm:collisions -->\nNo collisions.',
      '100 github-actions[bot]: <!-- itsm:sla-backtest -->\nThe real figures.\n',
    ]);
  });

  it("with a personal token, edits the token account's own comment", async () => {
    const s = await collisionsScenario([openPull(11, {}, { comments: [{ id: 5, login: 'itsm-bot', body: '<!-- itsm:sla-backtest -->\nold' }] })], {
      tokenUser: 'itsm-bot',
    });
    writeFileSync(join(s.repo.dir, 'body.md'), 'new\n');
    const r = await s.run(['comment', '--pr', '11', '--marker', 'sla-backtest', '--body-file', 'body.md']);
    expect(r.stdout).toBe(`updated ${URL_11}5\n`);
    expect(s.server.pulls[0]!.comments).toEqual([{ id: 5, login: 'itsm-bot', body: '<!-- itsm:sla-backtest -->\nnew\n' }]);
  });

  it('takes the pull request from the GitHub Actions event', async () => {
    const s = await collisionsScenario([openPull(11, {})]);
    writeFileSync(join(s.repo.dir, 'event.json'), JSON.stringify({ pull_request: { number: 11 }, repository: { full_name: 'northwind/itsm' } }));
    writeFileSync(join(s.repo.dir, 'body.md'), 'x\n');
    const r = await s.run(['comment', '--marker', 'k', '--body-file', 'body.md'], {
      GITHUB_EVENT_PATH: join(s.repo.dir, 'event.json'),
      GITHUB_REPOSITORY: undefined,
    });
    expect(r.stdout).toBe(`created ${URL_11}100\n`);
  });

  it('usage errors and refusals exit 2 with the reason', async () => {
    const s = await collisionsScenario([openPull(11, {})]);
    writeFileSync(join(s.repo.dir, 'body.md'), 'x\n');
    const fails = async (args: string[], message: string) => {
      const r = await s.run(['comment', '--pr', '11', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    };
    await fails(['--body-file', 'body.md'], 'itsm comment: which comment? Pass --marker KEY');
    await fails(['--marker', 'a -->', '--body-file', 'body.md'], 'itsm comment: --marker must be letters, digits, ".", "-" or "_"');
    await fails(['--marker', 'k', '--body-file', 'missing.md'], 'itsm comment: cannot read --body-file missing.md');
    s.server.fail({ status: 403, operation: 'issues/create-comment' });
    await fails(
      ['--marker', 'k', '--body-file', 'body.md'],
      'GitHub refused to read or write the comments of northwind/itsm#11 (403). The token needs pull-requests: write',
    );
    expect(s.server.pulls[0]!.comments ?? []).toEqual([]);
  });
});

describe('itsm collisions --comment', () => {
  it('posts the PR’s collisions as one comment and updates it in place on the next run', async () => {
    const s = await collisionsScenario([openPull(11, { 'content/changes/CHG-0011.md': proposedChange('CHG-0011', ['CI-spare']) })]);
    const first = await s.run(['collisions', '--pr', '11', '--comment']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Comment created: ${URL_11}100\n`);
    const comments = s.server.pulls[0]!.comments!;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('<!-- itsm:collisions -->\n## Change collisions: none\n');

    // Someone opens a PR planning work on the same CI at the same time.
    s.server.pulls.push(
      openPull(12, { 'content/changes/CHG-0012.md': proposedChange('CHG-0012', ['CI-spare'], { title: '"<!-- itsm:collisions --> @everyone *now*"' }) }),
    );
    const second = await s.run(['collisions', '--pr', '11', '--comment']);
    expect(second.stdout).toContain(`Comment updated: ${URL_11}100\n`);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe(
      [
        '<!-- itsm:collisions -->',
        '## Change collisions: 1',
        '',
        'At head `aaaaaaa`:',
        '',
        '- **CHG-0011** overlaps CHG-0012 ("&lt;\\!-- itsm:collisions --&gt; @&#8203;everyone \\*now\\*", proposed in #12) from 2026-03-14T22:00:00+01:00 to 2026-03-14T23:00:00+01:00: both change CI-spare',
        '',
        '_Informational: collisions do not change the approval decision. Kept up to date by `itsm collisions` on every push._',
        '',
      ].join('\n'),
    );
  });

  it('a PR that touches no change record gets no comment, unless it had one, which then says so', async () => {
    const s = await collisionsScenario([openPull(11, { 'docs/notes.md': 'x' })]);
    const r = await s.run(['collisions', '--pr', '11', '--comment']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No comment: the pull request adds or edits no change record.\n');
    expect(s.server.pulls[0]!.comments ?? []).toEqual([]);

    s.server.pulls[0]!.comments = [{ id: 9, login: 'github-actions[bot]', body: '<!-- itsm:collisions -->\n## Change collisions: 1' }];
    const again = await s.run(['collisions', '--pr', '11', '--comment']);
    expect(again.stdout).toContain(`Comment updated: ${URL_11}9\n`);
    expect(s.server.pulls[0]!.comments[0]!.body).toContain('This pull request adds or edits no change record.');
  });
});
