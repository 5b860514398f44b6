/**
 * The demo's own git repository, written from the demo content: its last commit holds the content
 * byte for byte, the same content gives the same commits, it is rewritten only when stale, and
 * `history`, `as-of` and `evidence` on it tell the story the records describe.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoSourceFiles, ensureDemoRepo, planDemo, writeDemoRepo } from '../../src/io/demo-repo.ts';
import { readTreeAt } from '../../src/io/git-tree.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, REPO_ROOT, runMain } from '../helpers/workspace.ts';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

let demo: string;

beforeAll(async () => {
  demo = join(mkdtempSync(join(tmpdir(), 'itsm-demo-repo-')), 'demo');
  const first = await ensureDemoRepo(REPO_ROOT, demo);
  expect(first.written).toBe(true);
}, 60_000);

describe('the demo repository', () => {
  it('holds the demo content at its head, byte for byte, with a clean work tree on main', async () => {
    const source = demoSourceFiles(REPO_ROOT);
    const head = await readTreeAt(demo, 'HEAD', ['content', 'itsm.yaml', '.github', '.gitignore']);
    expect([...head.keys()].sort()).toEqual([...source.keys()].sort());
    expect([...source].filter(([path, text]) => head.get(path) !== text).map(([p]) => p)).toEqual([]);
    expect(git(demo, 'status', '--porcelain')).toBe('');
    expect(git(demo, 'branch', '--show-current')).toBe('main');
    expect(git(demo, 'for-each-ref', '--format=%(refname)')).toBe('refs/heads/main\nrefs/notes/itsm-approvals');
  });

  it('is deterministic: the same content gives the same commits and notes', async () => {
    const again = join(mkdtempSync(join(tmpdir(), 'itsm-demo-repo-')), 'demo');
    await writeDemoRepo(again, await planDemo(demoSourceFiles(REPO_ROOT)));
    for (const ref of ['main', 'refs/notes/itsm-approvals']) expect(git(again, 'rev-parse', ref)).toBe(git(demo, 'rev-parse', ref));
  }, 60_000);

  it('dates commits as the events and merges them through numbered pull requests', () => {
    const [setup, ...merges] = git(demo, 'log', '--first-parent', '--reverse', '--format=%s').split('\n');
    expect(setup).toBe('Set up the Northwind Logistics workspace');
    merges.forEach((s, i) => expect(s).toMatch(new RegExp(`^Merge pull request #${i + 1} from northwind/`)));
    const dates = git(demo, 'log', '--format=%aI %cI').split('\n');
    expect(dates.filter((line) => line.split(' ')[0] !== line.split(' ')[1])).toEqual([]);
    const inc1 = git(demo, 'log', '--format=%aI %an <%ae>', '--no-merges', '--reverse', '--', 'content/incidents/INC-0001.md').split('\n');
    expect(inc1[0]).toBe('2025-11-28T10:42:00+01:00 Lena Fischer <lenafischer@users.noreply.github.com>');
  });

  it('tells an incident’s story through itsm history', async () => {
    const r = await runMain(['history', 'INC-0001', '--format', 'json'], { cwd: demo });
    expect(r.code).toBe(0);
    const versions = (JSON.parse(r.stdout) as { versions: Array<{ author: string; date: string; pr: number | null }> }).versions;
    expect(versions.length).toBeGreaterThanOrEqual(8);
    expect(versions.at(-1)).toMatchObject({ author: 'Lena Fischer', date: '2025-11-28T10:42:00+01:00' });
    expect(versions.every((v) => typeof v.pr === 'number')).toBe(true);
  });

  it('gives the workspace as it stood at the end of Q1, and it validates', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'itsm-q1-')), 'q1');
    const r = await runMain(['as-of', '2026-03-31', '--out', out], { cwd: demo });
    expect(r.code).toBe(0);
    const inc = readFileSync(join(out, 'content/incidents/INC-0001.md'), 'utf8');
    expect(inc).toMatch(/^status: closed$/m);
    expect(() => readFileSync(join(out, 'content/incidents/INC-0150.md'))).toThrow();
    const v = await runMain(['validate', '--root', out, '--now', '2026-03-31T23:59:00+02:00', '--no-cache'], { cwd: demo });
    expect(v.stdout).toMatch(/no errors/);
    expect(v.code).toBe(0);
  }, 30_000);

  it('validates as it stood at the end of every quarter', async () => {
    for (const day of ['2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30']) {
      const out = join(mkdtempSync(join(tmpdir(), 'itsm-quarter-')), day);
      expect((await runMain(['as-of', day, '--out', out], { cwd: demo })).code).toBe(0);
      const v = await runMain(['validate', '--root', out, '--now', `${day}T23:59:00+01:00`, '--no-cache'], { cwd: demo });
      expect(v.stdout, day).toMatch(/no errors/);
    }
  }, 60_000);

  it('shows the approval evidence of a change', async () => {
    const r = await runMain(['evidence', 'show', 'CHG-0031'], { cwd: demo });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CHG-0031 {2}PR #\d+ {2}approved by .*bkoch/);
    const history = await runMain(['history', 'CHG-0031'], { cwd: demo });
    expect(history.stdout).toMatch(/CHG-0031: approved\n {2}status: submitted -> approved\n.*\n {2}approved in PR #\d+ by .*bkoch/);
  });
});

describe('ensureDemoRepo', () => {
  it('rewrites the repository only when the content changed', async () => {
    const source = makeWorkspace(minimalWorkspace());
    const out = join(source, '.cache', 'demo');
    expect((await ensureDemoRepo(source, out)).written).toBe(true);
    const head = git(out, 'rev-parse', 'HEAD');
    expect((await ensureDemoRepo(source, out)).written).toBe(false);
    const file = join(source, 'content/incidents/INC-0001.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Shop down (retitled)'));
    expect((await ensureDemoRepo(source, out)).written).toBe(true);
    expect(git(out, 'rev-parse', 'HEAD')).not.toBe(head);
    expect(readFileSync(join(out, 'content/incidents/INC-0001.md'), 'utf8')).toMatch(/Shop down \(retitled\)/);
  });

  it('never replaces a folder it did not write', async () => {
    const source = makeWorkspace(minimalWorkspace());
    const mine = makeWorkspace({ 'notes.txt': 'mine\n' });
    await expect(ensureDemoRepo(source, mine)).rejects.toThrow(/is not a demo repository written by itsm/);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('keeps a record that does not validate as written, so validate shows it in the demo repository', async () => {
    const files = minimalWorkspace();
    files['content/incidents/INC-0001.md'] = files['content/incidents/INC-0001.md']!.replace(/^priority: .*$/m, 'priority: P9');
    const source = makeWorkspace(files);
    const out = join(source, 'demo');
    await ensureDemoRepo(source, out);
    const r = await runMain(['validate'], { cwd: source, env: { ITSM_ROOT: out } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/content\/incidents\/INC-0001\.md/);
  });
});
