import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOB, gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { runCli, runMain } from '../helpers/workspace.ts';

const INC = 'content/incidents/INC-0001.md';
let repo: GitRepo;

function closed(incident: string): string {
  return incident
    .replace('status: resolved', 'status: closed\nclosed_at: 2026-03-05T09:00:00+01:00')
    .replace('note: Web tier restarted }', 'note: Web tier restarted }\n  - { at: 2026-03-05T09:00:00+01:00, status: closed }');
}
let outRoot: string;

beforeAll(async () => {
  repo = gitRepo();
  outRoot = mkdtempSync(join(tmpdir(), 'itsm-asof-out-'));
  const ws = minimalWorkspace();
  // Europe/Berlin: 2026-03-02T23:30+01:00 is still March 2 there, though already March 2 22:30 UTC.
  repo.commit('Start the workspace', ws, { date: '2026-03-01T10:00:00+01:00' });
  repo.commit('Escalate INC-0001', { [INC]: ws[INC]!.replace('priority: P2', 'priority: P2\nmajor: true') }, { date: '2026-03-02T23:30:00+01:00' });
  // A branch commit dated before the next main commit, merged later: not on main at that date.
  repo.branch('late');
  repo.commit(
    'Branch work',
    { 'content/kb/KB-0001.md': ws['content/kb/KB-0001.md']!.replace('Run the restart playbook.', 'Run the playbook twice.') },
    { author: BOB, date: '2026-03-03T08:00:00+01:00' },
  );
  repo.checkout('main');
  repo.commit('Close INC-0001', { [INC]: closed(ws[INC]!) }, { date: '2026-03-05T09:30:00+01:00' });
  repo.mergePullRequest('late', 3, { date: '2026-03-06T09:00:00+01:00' });
});
afterAll(() => repo.remove());

describe('itsm as-of <DATE>', () => {
  it('end to end: writes the workspace as at the end of a day, in the workspace time zone, and says which commit', async () => {
    const out = join(outRoot, 'mar2');
    const r = runCli(['as-of', '2026-03-02', '--out', out], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote the workspace as of the end of 2026-03-02 (Europe/Berlin)');
    expect(r.stdout).toMatch(/Commit [0-9a-f]{8} "Escalate INC-0001" by Alice Adams, 2026-03-02T23:30:00\+01:00\./);
    expect(readFileSync(join(out, INC), 'utf8')).toContain('major: true');
    expect(readFileSync(join(out, INC), 'utf8')).toContain('status: resolved');
    expect(readFileSync(join(out, 'itsm.yaml'), 'utf8')).toContain('Europe/Berlin');
    expect(readdirSync(join(out, 'content')).sort()).toEqual(['changes', 'cis', 'incidents', 'kb', 'policies', 'requests', 'services', 'teams']);
  });

  it('takes the main line only: a branch commit dated earlier but merged later is not there yet', async () => {
    const out = join(outRoot, 'mar5');
    const r = await runMain(['as-of', '2026-03-05T12:00:00+01:00', '--out', out, '--format', 'json'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ subject: 'Close INC-0001', date: '2026-03-05T09:30:00+01:00', out, files: 13 });
    expect(readFileSync(join(out, 'content/kb/KB-0001.md'), 'utf8')).toContain('Run the restart playbook.');
    expect(readFileSync(join(out, INC), 'utf8')).toContain('status: closed');
  });

  it('looks back along another branch with --rev', async () => {
    const r = await runMain(['as-of', '2026-03-04', '--rev', 'late', '--out', join(outRoot, 'late'), '--format', 'json'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ subject: 'Branch work', author: 'Bob Brown' });
  });

  it('works for a workspace in a folder of a larger repository', async () => {
    const mono = gitRepo();
    try {
      mono.commit(
        'Add the ops workspace',
        { 'ops/itsm.yaml': 'name: Ops\ntime_zone: UTC\n', 'ops/content/incidents/INC-0001.md': minimalWorkspace()[INC]!, 'app/main.c': 'int main;\n' },
        { date: '2026-03-01T10:00:00Z' },
      );
      const out = join(outRoot, 'mono');
      const r = await runMain(['as-of', '2026-03-01', '--root', 'ops', '--out', out], { cwd: mono.dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('as of the end of 2026-03-01 (UTC)');
      expect(readdirSync(out).sort()).toEqual(['content', 'itsm.yaml']);
      expect(readFileSync(join(out, INC), 'utf8')).toContain('id: INC-0001');
    } finally {
      mono.remove();
    }
  });

  it('produces a workspace that validates', async () => {
    const out = join(outRoot, 'valid');
    expect((await runMain(['as-of', '2026-03-10', '--out', out], { cwd: repo.dir })).code).toBe(0);
    const v = await runMain(['validate', '--root', out], { cwd: repo.dir });
    expect(v.stdout).toContain('no errors, 0 warnings in 8 records');
    expect(v.code).toBe(0);
  });

  it('defaults the output folder to ./as-of-<DATE>', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'itsm-asof-cwd-'));
    const r = await runMain(['as-of', '2026-03-02', '--root', repo.dir], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('to as-of-2026-03-02/');
    expect(readFileSync(join(cwd, 'as-of-2026-03-02', INC), 'utf8')).toContain('major: true');
  });

  it('refuses a moment before the first commit, a date without offset, a non-date and a non-empty folder', async () => {
    expect(await runMain(['as-of', '2026-02-01', '--out', join(outRoot, 'x')], { cwd: repo.dir })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('the first commit of HEAD is from 2026-03-01T10:00:00+01:00'),
    });
    expect(await runMain(['as-of', '2026-03-02T10:00:00'], { cwd: repo.dir })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('has no time-zone offset'),
    });
    expect(await runMain(['as-of', 'yesterday'], { cwd: repo.dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a date') });
    expect(await runMain(['as-of', '2026-02-30'], { cwd: repo.dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a calendar date') });
    const full = mkdtempSync(join(tmpdir(), 'itsm-asof-full-'));
    writeFileSync(join(full, 'keep.txt'), 'mine');
    expect(await runMain(['as-of', '2026-03-02', '--out', full], { cwd: repo.dir })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not empty'),
    });
  });

  it('says when a repository has no commits', async () => {
    const empty = gitRepo();
    try {
      expect(await runMain(['as-of', '2026-03-02', '--out', join(outRoot, 'e')], { cwd: empty.dir })).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('itsm as-of:'),
      });
    } finally {
      empty.remove();
    }
  });

  it('explains itself with --help', async () => {
    expect(await runMain(['as-of', '--help'], { cwd: repo.dir })).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: itsm as-of <DATE>') });
  });
});
