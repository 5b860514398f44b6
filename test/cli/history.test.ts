import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { record, runCli, runMain } from '../helpers/workspace.ts';

const INC = 'content/incidents/INC-0142.md';

function incident(fields: string, body = 'Checkout fails for some users.\n'): string {
  return record(`id: INC-0142\ntitle: Checkout returns 500\nservice: SVC-shop\nreported_at: 2026-03-02T09:10:00+01:00\n${fields}`, body);
}

let repo: GitRepo;
beforeAll(async () => {
  repo = gitRepo();
  repo.commit('Report INC-0142', { [INC]: incident('status: new\npriority: P3') }, { author: ALICE, date: '2026-03-02T09:15:00+01:00' });
  repo.branch('triage');
  repo.commit(
    'Triage INC-0142',
    {
      [INC]: incident(
        'status: in_progress\npriority: P2\ntimeline:\n  - { at: 2026-03-02T09:30:00+01:00, status: in_progress, by: bob, note: Looking at the web tier }',
      ),
    },
    { author: BOB, date: '2026-03-02T09:31:00+01:00' },
  );
  repo.checkout('main');
  repo.mergePullRequest('triage', 12, { date: '2026-03-02T10:00:00+01:00' });
  repo.branch('resolve');
  repo.commit(
    'Resolve',
    {
      [INC]: incident(
        'status: resolved\npriority: P2\ntimeline:\n  - { at: 2026-03-02T09:30:00+01:00, status: in_progress, by: bob, note: Looking at the web tier }',
        'Checkout fails for some users.\n\nFixed by a restart.\n',
      ),
    },
    { author: CAROL, date: '2026-03-02T11:00:00+01:00' },
  );
  repo.checkout('main');
  repo.squashPullRequest('resolve', 15, 'Resolve the checkout incident', { author: CAROL, date: '2026-03-02T11:30:00+01:00' });
  repo.commit('Another record', { 'content/incidents/INC-0143.md': incident('status: new\npriority: P3').replace('INC-0142', 'INC-0143') });
  repo.commit('A record filed by mistake', { 'content/incidents/INC-0145.md': incident('status: new\npriority: P3').replace('INC-0142', 'INC-0145') });
  repo.rename('content/incidents/INC-0143.md', 'content/incidents/INC-0144.md', 'Renumber INC-0143', {
    files: { 'content/incidents/INC-0144.md': incident('status: new\npriority: P3').replace('INC-0142', 'INC-0144') },
    date: '2026-03-03T08:00:00+01:00',
  });
  repo.commit('Remove INC-0145', { 'content/incidents/INC-0145.md': null }, { author: BOB, date: '2026-03-03T09:00:00+01:00' });
});
afterAll(() => repo.remove());

describe('itsm history <ID>', () => {
  it("end to end: tells a record's story newest first: who, when, which PR, which fields", async () => {
    const r = runCli(['history', 'INC-0142'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/ {2}[0-9a-f]{8}\n/g, '  <sha>\n')).toBe(`INC-0142  content/incidents/INC-0142.md  3 versions, newest first

2026-03-02 11:30 +01:00  Carol Chen  PR #15  <sha>
  Resolve the checkout incident (#15)
  status: in_progress -> resolved
  text (body) edited

2026-03-02 09:31 +01:00  Bob Brown  PR #12  <sha>
  Triage INC-0142
  status: new -> in_progress
  priority: P3 -> P2
  timeline: + 2026-03-02T09:30:00+01:00  in_progress  by bob  Looking at the web tier

2026-03-02 09:15 +01:00  Alice Adams  no PR  <sha>
  Report INC-0142
  created with status new
`);
  });

  it('prints the documented JSON', async () => {
    const r = await runMain(['history', 'INC-0142', '--format', 'json'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ record: 'INC-0142', path: INC, truncated: false });
    expect(out.versions).toHaveLength(3);
    expect(out.versions[0]).toEqual({
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      author: 'Carol Chen',
      email: 'carol@example.com',
      date: '2026-03-02T11:30:00+01:00',
      pr: 15,
      subject: 'Resolve the checkout incident (#15)',
      path: INC,
      event: 'edited',
      changes: [{ field: 'status', from: 'in_progress', to: 'resolved' }],
      body_changed: true,
    });
    expect(out.versions.map((v: { pr: number | null }) => v.pr)).toEqual([15, 12, null]);
  });

  it('follows a record across a rename', async () => {
    const r = await runMain(['history', 'INC-0144'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('INC-0144  content/incidents/INC-0144.md  2 versions, newest first');
    expect(r.stdout).toContain('  Renumber INC-0143\n  renamed to content/incidents/INC-0144.md\n  id: INC-0143 -> INC-0144\n');
    expect(r.stdout).toContain('  created as content/incidents/INC-0143.md with status new\n');
  });

  // INC-0145 was written from a copy of INC-0143: git --follow would hand it INC-0143's past.
  it('tells the story of a deleted record, from its creation only', async () => {
    const r = await runMain(['history', 'INC-0145', '--format', 'json'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).versions.map((v: { event: string; author: string }) => [v.event, v.author])).toEqual([
      ['deleted', 'Bob Brown'],
      ['created', 'Alice Adams'],
    ]);
  });

  it('works from --root', async () => {
    const r = await runMain(['history', 'INC-0145', '--root', repo.dir, '--format', 'json'], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).versions).toHaveLength(2);
  });

  it('says when history is truncated in a shallow clone', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'itsm-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
    const r = await runMain(['history', 'INC-0142'], { cwd: clone });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('history is truncated');
    expect(r.stderr).toContain('git fetch --unshallow');
    expect(r.stdout).toContain('1 version, newest first');
  });

  it('refuses an unknown record, a bad ID and a folder outside git, with exit code 2', async () => {
    expect(await runMain(['history', 'INC-9999'], { cwd: repo.dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('no record INC-9999') });
    expect(await runMain(['history', 'hello'], { cwd: repo.dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('"hello" is not a record ID') });
    expect(await runMain(['history'], { cwd: repo.dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('give a record ID') });
    expect(await runMain(['history', 'INC-0142'], { cwd: mkdtempSync(join(tmpdir(), 'itsm-nogit-')) })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not inside a git repository'),
    });
  });

  it('tells several stories, one after the other (a JSON array), and refuses the lot if one ID is unknown', async () => {
    const pretty = await runMain(['history', 'INC-0142', 'INC-0143'], { cwd: repo.dir });
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toMatch(
      /^INC-0142 {2}content\/incidents\/INC-0142\.md[\s\S]*\nINC-0143 {2}content\/incidents\/INC-0143\.md {2}\d+ versions?, newest first/,
    );
    const json = await runMain(['history', 'INC-0142', 'INC-0143', '--format', 'json'], { cwd: repo.dir });
    expect((JSON.parse(json.stdout) as Array<{ record: string }>).map((s) => s.record)).toEqual(['INC-0142', 'INC-0143']);
    const bad = await runMain(['history', 'INC-0142', 'INC-9999'], { cwd: repo.dir });
    expect(bad).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('no record INC-9999') });
  });

  it('says when a record is not committed yet', async () => {
    writeFileSync(join(repo.dir, 'content/incidents/INC-0200.md'), incident('status: new\npriority: P3').replace('INC-0142', 'INC-0200'));
    const r = await runMain(['history', 'INC-0200'], { cwd: repo.dir });
    expect(r).toMatchObject({ code: 0, stdout: 'INC-0200 (content/incidents/INC-0200.md) has no history yet: the file is not committed.\n' });
  });

  it('explains itself with --help', async () => {
    const r = await runMain(['history', '--help'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: itsm history <ID>');
  });
});
