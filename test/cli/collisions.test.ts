import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCollisionScenarios, collisionsScenario, openPull, proposedChange } from '../helpers/collisions-scenario.ts';
import { runCliAsync } from '../helpers/workspace.ts';

afterEach(closeCollisionScenarios);

/** The findings' messages per PR, from --format json. */
function messages(stdout: string): Record<string, string[]> {
  const json = JSON.parse(stdout) as { pulls: Array<{ pr: number; findings: Array<{ message: string }> }> };
  return Object.fromEntries(json.pulls.map((p) => [`#${p.pr}`, p.findings.map((f) => f.message)]));
}

/**
 * On main, CHG-0002 patches CI-host (14 March 22:00-23:00). CI-web depends on CI-db, which runs on
 * CI-host; CI-lb connects to CI-web. #11 works on CI-web, #12 on CI-db from 22:30, #13 on CI-lb until
 * 22:15, #14 on CI-spare (connected to nothing), #15 edits only a knowledge article.
 */
const FOUR_PULLS = () => [
  openPull(11, { 'content/changes/CHG-0011.md': proposedChange('CHG-0011', ['CI-web']) }),
  openPull(12, {
    'content/changes/CHG-0012.md': proposedChange('CHG-0012', ['CI-db'], {
      planned_start: '2026-03-14T22:30:00+01:00',
      planned_end: '2026-03-15T01:00:00+01:00',
    }),
  }),
  openPull(13, {
    'content/changes/CHG-0013.md': proposedChange('CHG-0013', ['CI-lb'], {
      planned_start: '2026-03-14T21:00:00+01:00',
      planned_end: '2026-03-14T22:15:00+01:00',
    }),
  }),
  openPull(14, { 'content/changes/CHG-0014.md': proposedChange('CHG-0014', ['CI-spare']) }),
  openPull(15, { 'content/kb/KB-0001.md': 'edited' }),
];

describe('itsm collisions', () => {
  it('three open PRs that meet through CI dependencies and one that meets nobody: exact findings, paths shown', async () => {
    const s = await collisionsScenario(FOUR_PULLS());
    const r = await s.run(['collisions', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(messages(r.stdout)).toEqual({
      '#11': [
        'CHG-0011 overlaps CHG-0002 ("Patch the database host", on the default branch) from 2026-03-14T22:00:00+01:00 to 2026-03-14T23:00:00+01:00: CI-web -> depends_on -> CI-db -> runs_on -> CI-host.',
        'CHG-0011 overlaps CHG-0012 ("Work on CI-db", proposed in #12) from 2026-03-14T22:30:00+01:00 to 2026-03-14T23:00:00+01:00: CI-web -> depends_on -> CI-db.',
        'CHG-0011 overlaps CHG-0013 ("Work on CI-lb", proposed in #13) from 2026-03-14T22:00:00+01:00 to 2026-03-14T22:15:00+01:00: CI-web -> connects_to -> CI-lb.',
      ],
      '#12': [
        'CHG-0012 overlaps CHG-0002 ("Patch the database host", on the default branch) from 2026-03-14T22:30:00+01:00 to 2026-03-14T23:00:00+01:00: CI-db -> runs_on -> CI-host.',
        'CHG-0012 overlaps CHG-0011 ("Work on CI-web", proposed in #11) from 2026-03-14T22:30:00+01:00 to 2026-03-14T23:00:00+01:00: CI-web -> depends_on -> CI-db.',
      ],
      '#13': [
        'CHG-0013 overlaps CHG-0002 ("Patch the database host", on the default branch) from 2026-03-14T22:00:00+01:00 to 2026-03-14T22:15:00+01:00: CI-lb -> connects_to -> CI-web -> depends_on -> CI-db -> runs_on -> CI-host.',
        'CHG-0013 overlaps CHG-0011 ("Work on CI-web", proposed in #11) from 2026-03-14T22:00:00+01:00 to 2026-03-14T22:15:00+01:00: CI-lb -> connects_to -> CI-web.',
      ],
      '#14': [],
    });
    const json = JSON.parse(r.stdout) as { skipped: unknown; proposed: Array<{ pr: number; id: string }> };
    expect(json.skipped).toEqual({ noChanges: [15], otherBase: [] });
    expect(json.proposed.map((p) => `${p.pr} ${p.id}`)).toEqual(['11 CHG-0011', '12 CHG-0012', '13 CHG-0013', '14 CHG-0014']);
    // The change files were read at each PR's head, through the contents API.
    expect(s.server.requests.filter((q) => q.url.includes('/contents/')).map((q) => q.url.replace(/\?.*/, ''))).toHaveLength(4);
  });

  it('end to end: a real process reads the stand-in, escapes what a PR title holds, and exits 0', async () => {
    const pulls = FOUR_PULLS().slice(0, 2);
    pulls[1]!.title = 'Move the DB \u001b[31mnow\u001b[0m';
    const s = await collisionsScenario(pulls);
    const r = await runCliAsync(['collisions', '--pr', '12'], {
      cwd: s.repo.dir,
      env: {
        GITHUB_TOKEN: 'test-token',
        GITHUB_API_URL: s.server.url,
        GITHUB_REPOSITORY: 'northwind/itsm',
        ITSM_GITHUB_RETRIES: '0',
        GITHUB_STEP_SUMMARY: '',
        GITHUB_EVENT_PATH: '',
        ITSM_ROOT: '',
      },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`#12 Move the DB \\x1b[31mnow\\x1b[0m (aaaaaaa): CHG-0012`);
    expect(r.stdout).toContain('CHG-0012 overlaps CHG-0011 ("Work on CI-web", proposed in #11)');
  });

  it('--pr N shows only that PR, in plain text; --format markdown as the comment reads', async () => {
    const s = await collisionsScenario(FOUR_PULLS());
    const r = await s.run(['collisions', '--pr', '12']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `#12 Proposal 12 (${(12).toString(16).padStart(40, 'a').slice(0, 7)}): CHG-0012`,
        '  collision: CHG-0012 overlaps CHG-0002 ("Patch the database host", on the default branch) from 2026-03-14T22:30:00+01:00 to 2026-03-14T23:00:00+01:00: CI-db -> runs_on -> CI-host.',
        '  collision: CHG-0012 overlaps CHG-0011 ("Work on CI-web", proposed in #11) from 2026-03-14T22:30:00+01:00 to 2026-03-14T23:00:00+01:00: CI-web -> depends_on -> CI-db.',
        '',
        '2 findings in 1 pull request.',
        '',
      ].join('\n'),
    );
    const md = await s.run(['collisions', '--pr', '14', '--format', 'markdown']);
    expect(md.stdout).toContain('## Change collisions: none');
    const none = await s.run(['collisions', '--pr', '15']);
    expect(none.stdout).toBe('Pull request #15 adds or edits no change record (or is not open).\n\n0 findings in 0 pull requests.\n');
  });

  it('a change file that does not parse, one in the wrong folder and an unsafe path are findings, never a crash', async () => {
    const s = await collisionsScenario([
      openPull(21, { 'content/changes/CHG-0021.md': '---\nid: CHG-0021\ntitle: [unclosed\n---\n' }),
      openPull(22, { 'content/Changes/CHG-0022.md': proposedChange('CHG-0022', ['CI-db']), 'content/changes/../../etc/passwd.md': 'x' }),
      openPull(23, { 'content/changes/CHG-0023.md': proposedChange('CHG-0099', ['CI-db']) }),
    ]);
    const r = await s.run(['collisions', '--format', 'json']);
    expect(r.code).toBe(0);
    const found = messages(r.stdout);
    expect(found['#21']).toHaveLength(1);
    expect(found['#21']![0]).toMatch(/^content\/changes\/CHG-0021\.md at aaaaaaa is not a readable change record, so its collisions cannot be checked: 3:/);
    expect(found['#22']).toEqual([
      'content/Changes/CHG-0022.md at aaaaaaa is not a readable change record, so its collisions cannot be checked: it looks like a change record, but records are read only from content/changes/CHG-0022.md (that folder in that case, no sub-folder, the extension .md), so it is not read',
      'content/changes/../../etc/passwd.md at aaaaaaa is not a readable change record, so its collisions cannot be checked: the path is refused: it has a ".." segment',
    ]);
    expect(found['#23']).toEqual([
      'content/changes/CHG-0023.md at aaaaaaa is not a readable change record, so its collisions cannot be checked: its id CHG-0099 does not match the file name CHG-0023.md',
    ]);
    // Only the well-placed files were fetched.
    // (octokit sends the path as one segment, slashes encoded; PRs are read a few at a time, in any order.)
    expect(
      s.server.requests
        .filter((q) => q.url.includes('/contents/'))
        .map((q) => decodeURIComponent(q.url.replace(/\?.*/, '')))
        .sort(),
    ).toEqual(['/repos/northwind/itsm/contents/content/changes/CHG-0021.md', '/repos/northwind/itsm/contents/content/changes/CHG-0023.md']);
  });

  it('reads every page of open pull requests, and fails closed on a partial or empty page', async () => {
    const pulls = Array.from({ length: 104 }, (_, i) => openPull(100 + i, { 'docs/notes.md': 'x' }));
    pulls.push(openPull(300, { 'content/changes/CHG-0300.md': proposedChange('CHG-0300', ['CI-host']) }));
    const s = await collisionsScenario(pulls);
    const r = await s.run(['collisions', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(messages(r.stdout)).toEqual({
      '#300': [
        'CHG-0300 overlaps CHG-0002 ("Patch the database host", on the default branch) from 2026-03-14T22:00:00+01:00 to 2026-03-14T23:00:00+01:00: both change CI-host.',
      ],
    });
    expect(s.server.requests.filter((q) => q.url.includes('/pulls?')).map((q) => new URL(q.url, 'http://x').searchParams.get('page'))).toEqual([null, '2']);

    s.server.tamper({ operation: 'pulls/list', page: 1, body: (b) => (b as unknown[]).slice(0, 60) });
    const partial = await s.run(['collisions']);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain(
      'GitHub answered page 1 of the open pull requests of northwind/itsm with 60 items of 100 but a link to a next page; the list would be partial, so the run fails closed.',
    );
    s.server.tamper({ operation: 'pulls/list', page: 1, body: () => [] });
    const empty = await s.run(['collisions', '--format', 'github']);
    expect(empty.code).toBe(2);
    expect(empty.stdout).toContain('::error title=Collisions could not be checked::');
    expect(empty.stderr).toContain('with no items but a link to a next page');
    s.server.tamper(undefined);
  });

  it('an answer without the fields read fails closed; a change file GitHub says is no file is a finding', async () => {
    const s = await collisionsScenario(FOUR_PULLS().slice(0, 1));
    s.server.tamper({ operation: 'pulls/list', body: (b) => (b as Array<Record<string, unknown>>).map((p) => ({ ...p, head: {} })) });
    const broken = await s.run(['collisions']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('GitHub returned open pull request 1 of northwind/itsm with head.sha missing; expected a commit SHA.');
    // A pull request by a deleted account (GitHub's "ghost": user null) is read like any other.
    s.server.tamper({ operation: 'pulls/list', body: (b) => (b as Array<Record<string, unknown>>).map((p) => ({ ...p, user: null })) });
    expect(messages((await s.run(['collisions', '--format', 'json'])).stdout)['#11']).toHaveLength(1);
    s.server.tamper({ operation: 'repos/get-content', body: (b) => ({ ...(b as object), type: 'symlink' }) });
    const symlink = await s.run(['collisions', '--format', 'json']);
    expect(messages(symlink.stdout)['#11']).toEqual([
      `content/changes/CHG-0011.md at aaaaaaa is not a readable change record, so its collisions cannot be checked: GitHub says it is a symlink, not a file`,
    ]);
    s.server.tamper({ operation: 'repos/get-content', body: (b) => ({ ...(b as object), size: 3 }) });
    const short = await s.run(['collisions']);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(
      /GitHub sent \d+ bytes of northwind\/itsm:content\/changes\/CHG-0011\.md@aaaaaaaaaaaa, but says it has 3; the run fails closed\./,
    );
    s.server.tamper(undefined);
  });

  it('--base REV reads the default branch from git, not the working tree', async () => {
    const s = await collisionsScenario(FOUR_PULLS().slice(1, 2));
    // The working tree is a PR's merge or a local edit: here CHG-0002 is gone from it.
    rmSync(join(s.repo.dir, 'content/changes/CHG-0002.md'));
    expect(messages((await s.run(['collisions', '--format', 'json'])).stdout)['#12']).toEqual([]);
    expect(messages((await s.run(['collisions', '--format', 'json', '--base', 'main'])).stdout)['#12']).toEqual([
      'CHG-0012 overlaps CHG-0002 ("Patch the database host", on the default branch) from 2026-03-14T22:30:00+01:00 to 2026-03-14T23:00:00+01:00: CI-db -> runs_on -> CI-host.',
    ]);
  });

  it('a proposed change inside a freeze; two PRs editing the same change', async () => {
    const s = await collisionsScenario([
      openPull(31, {
        'content/changes/CHG-0031.md': proposedChange('CHG-0031', ['CI-spare'], {
          planned_start: '2026-12-21T22:00:00+01:00',
          planned_end: '2026-12-21T23:00:00+01:00',
        }),
      }),
      openPull(32, {
        'content/changes/CHG-0002.md': proposedChange('CHG-0002', ['CI-host'], {
          planned_start: '2026-03-15T22:00:00+01:00',
          planned_end: '2026-03-15T23:00:00+01:00',
        }),
      }),
      openPull(33, { 'content/changes/CHG-0002.md': proposedChange('CHG-0002', ['CI-host'], { risk: 'medium' }) }),
    ]);
    const r = await s.run(['collisions', '--format', 'json']);
    expect(messages(r.stdout)).toEqual({
      '#31': [
        'CHG-0031: Planned 2026-12-21T22:00:00+01:00 to 2026-12-21T23:00:00+01:00, inside the freeze "Year-end freeze" (2026-12-20T00:00:00+01:00 to 2027-01-02T00:00:00+01:00): it needs emergency (ECAB) approval or a new date.',
      ],
      '#32': ["#33 edits CHG-0002 too: whichever merges second changes a record the other's reviewers did not see."],
      '#33': ["#32 edits CHG-0002 too: whichever merges second changes a record the other's reviewers did not see."],
    });
  });

  it('--out writes the JSON the site build reads; --format github annotates the change files', async () => {
    const s = await collisionsScenario(FOUR_PULLS());
    const r = await s.run(['collisions', '--pr', '13', '--format', 'github', '--out', 'proposed.json']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      '::warning file=content/changes/CHG-0013.md,title=#13 CHG-0013%3A collision::CHG-0013 overlaps CHG-0002 ("Patch the database host", on the default branch) from 2026-03-14T22:00:00+01:00 to 2026-03-14T22%3A15:00+01:00: CI-lb -> connects_to -> CI-web -> depends_on -> CI-db -> runs_on -> CI-host.'.replace(
        '22%3A15',
        '22:15',
      ),
    );
    const written = JSON.parse(readFileSync(join(s.repo.dir, 'proposed.json'), 'utf8')) as { pulls: unknown[]; proposed: unknown[] };
    // The file holds every PR (the site shows them all), whatever --pr shows.
    expect(written.pulls).toHaveLength(4);
    expect(written.proposed).toContainEqual({
      pr: 12,
      headSha: (12).toString(16).padStart(40, 'a'),
      id: 'CHG-0012',
      title: 'Work on CI-db',
      type: 'normal',
      status: 'submitted',
      planned_start: '2026-03-14T22:30:00+01:00',
      planned_end: '2026-03-15T01:00:00+01:00',
      services: [],
      cis: ['CI-db'],
    });
  });
});
