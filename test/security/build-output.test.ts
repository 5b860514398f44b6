/**
 * `itsm build --out DIR` replaces DIR wholesale. Pointed at the workspace's .git, its itsm.yaml,
 * its records, the workspace itself (also through a symlinked --root) or any folder of unrelated
 * files, it used to delete them. It now refuses, exit 2, anything but a new or empty folder or a site
 * it built before (marked by a `.itsm-site` file). And a build writes only to its output and to a
 * temporary folder it removes however it ends: nothing in the tool's own checkout (`.astro/`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_OWNER_FILE, outputProblem, SITE_MARKER } from '../../src/io/site-output.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { gitRepo } from '../helpers/git-repo.ts';
import { CLI, makeWorkspace, REPO_ROOT, runCli, runMain } from '../helpers/workspace.ts';

const NOW = '2026-03-10T09:00:00Z';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** A workspace that is a git repository with one commit. */
function repoWorkspace(): string {
  const repo = gitRepo('itsm-build-ws-');
  dirs.push(repo.dir);
  repo.commit('Start', minimalWorkspace());
  return repo.dir;
}

/** Everything under a folder, for "nothing was touched". */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('itsm build refuses an output that would destroy something', () => {
  const cases: Array<[string, (ws: string) => string, RegExp]> = [
    ['the workspace (.)', (ws) => ws, /is the workspace/],
    ['a folder holding the workspace', (ws) => join(ws, '..'), /contains the workspace/],
    ['the workspace spelled with ..', (ws) => join(ws, 'content', '..'), /is the workspace/],
    ['its .git', (ws) => join(ws, '.git'), /is the git folder/],
    ['a folder inside .git', (ws) => join(ws, '.git', 'site'), /is inside the git folder/],
    ['its itsm.yaml', (ws) => join(ws, 'itsm.yaml'), /is the workspace settings itsm\.yaml/],
    ['content/', (ws) => join(ws, 'content'), /is content\/, where records live/],
    ['a record folder', (ws) => join(ws, 'content/incidents'), /is inside content\//],
    ['a new folder among the records', (ws) => join(ws, 'content/site'), /is inside content\//],
    ['a non-empty folder that is no site build', (ws) => join(ws, '.itsm-cache'), /is not empty and is not a site `itsm build` made/],
  ];
  for (const [label, outOf, message] of cases) {
    it(`refuses ${label} and leaves it as it was`, async () => {
      const ws = repoWorkspace();
      mkdirSync(join(ws, '.itsm-cache'));
      writeFileSync(join(ws, '.itsm-cache/keep'), 'x');
      const before = snapshot(ws);
      const r = await runMain(['build', '--root', ws, '--out', outOf(ws), '--now', NOW], { cwd: ws });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/Choose a new or empty folder/);
      expect(snapshot(ws)).toEqual(before);
      expect(readFileSync(join(ws, 'itsm.yaml'), 'utf8')).toBe(minimalWorkspace()['itsm.yaml']);
    });
  }

  it('refuses the workspace reached through a symlinked --root', async () => {
    const ws = repoWorkspace();
    const links = temp('itsm-links-');
    symlinkSync(ws, join(links, 'ws'));
    const before = snapshot(ws);
    for (const out of [ws, join(ws, '.git'), join(links, 'ws', 'content')]) {
      const r = await runMain(['build', '--root', join(links, 'ws'), '--out', out, '--now', NOW], { cwd: links });
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/the output folder .* (is|contains) (the workspace|the git folder|content\/)/);
    }
    expect(snapshot(ws)).toEqual(before);
  });

  it('refuses the git folder of the repository a workspace sits in, and a folder it points to', async () => {
    const repo = gitRepo('itsm-build-outer-');
    dirs.push(repo.dir);
    const files = Object.fromEntries(Object.entries(minimalWorkspace()).map(([k, v]) => [`ops/${k}`, v]));
    repo.commit('Start', files);
    const r = await runMain(['build', '--root', join(repo.dir, 'ops'), '--out', join(repo.dir, '.git/x'), '--now', NOW], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is inside the git folder/);
    // A worktree's .git is a file pointing at the real git folder: that one is guarded too.
    const wt = join(temp('itsm-wt-'), 'wt');
    repo.git('worktree', 'add', '-q', wt);
    const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(join(wt, '.git'), 'utf8'))![1]!.trim();
    const r2 = await runMain(['build', '--root', join(wt, 'ops'), '--out', join(gitdir, 'site'), '--now', NOW], { cwd: wt });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/is inside the git folder/);
  });

  it('refuses a folder of unrelated files, a file, and a symlink, wherever they are', async () => {
    const ws = repoWorkspace();
    const elsewhere = temp('itsm-unrelated-');
    writeFileSync(join(elsewhere, 'thesis.tex'), 'years of work');
    writeFileSync(join(elsewhere, 'file.txt'), 'a file');
    symlinkSync(temp('itsm-empty-'), join(elsewhere, 'link'));
    const expectations: Array<[string, RegExp]> = [
      [elsewhere, /is not empty and is not a site/],
      [join(elsewhere, 'file.txt'), /is a file, not a folder/],
      [join(elsewhere, 'link'), /is a symlink/],
    ];
    for (const [out, message] of expectations) {
      const r = await runMain(['build', '--root', ws, '--out', out, '--now', NOW], { cwd: ws });
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(readFileSync(join(elsewhere, 'thesis.tex'), 'utf8')).toBe('years of work');
  });

  it('accepts a new folder, an empty one, dist/ in the workspace, and a site it built before', () => {
    const ws = makeWorkspace(minimalWorkspace());
    dirs.push(ws);
    const empty = temp('itsm-empty-out-');
    const previous = temp('itsm-previous-site-');
    writeFileSync(join(previous, SITE_MARKER), 'built\n');
    writeFileSync(join(previous, 'index.html'), '<html>');
    for (const out of [join(ws, 'dist'), join(empty, 'new/site'), empty, previous]) expect(outputProblem(out, ws), out).toBeUndefined();
  });
});

describe('a build writes only to its output and a temporary folder it removes', () => {
  /** New files git sees in the tool's own checkout, ignored ones included (`.astro/` would show here); node_modules is a link to a shared cache. */
  const checkoutState = () =>
    spawnSync('git', ['status', '--porcelain', '--ignored', '--untracked-files=normal'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .stdout.split('\n')
      .filter((line) => /^(\?\?|!!) /.test(line) && !/^.. (node_modules|\.cache)\/?$/.test(line))
      .join('\n');

  it('builds a marked site, writes nothing in the tool checkout, and leaves no temporary folder', () => {
    const before = checkoutState();
    const ws = makeWorkspace(minimalWorkspace());
    dirs.push(ws);
    const parent = temp('itsm-build-parent-');
    const out = join(parent, 'site');
    const r = runCli(['build', '--root', ws, '--out', out, '--now', NOW], { cwd: ws });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(out, SITE_MARKER))).toBe(true);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(readdirSync(parent)).toEqual(['site']);
    expect(checkoutState()).toBe(before);
    expect(existsSync(join(REPO_ROOT, '.astro'))).toBe(false);
    // The site it built is recognised as one: the next build may replace it.
    expect(outputProblem(out, ws)).toBeUndefined();
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`an interrupted build (${signal}) leaves no temporary folder and no output`, async () => {
      const ws = makeWorkspace(minimalWorkspace());
      dirs.push(ws);
      const parent = temp('itsm-build-parent-');
      const out = join(parent, 'site');
      const child = spawn(process.execPath, [CLI, 'build', '--root', ws, '--out', out, '--now', NOW], { cwd: ws, stdio: 'ignore' });
      const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('close', (code, sig) => resolve({ code, signal: sig })),
      );
      // Wait for the temporary folder to appear, then interrupt the build in the middle. (The build
      // arms its signal handlers before it makes the folder: once seen, a signal always finds them.)
      const deadline = Date.now() + 60_000;
      while (!readdirSync(parent).some((f) => f.startsWith('.itsm-build-')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(readdirSync(parent).some((f) => f.startsWith('.itsm-build-'))).toBe(true);
      child.kill(signal);
      const ended = await closed;
      expect(ended.signal).toBe(signal);
      expect(readdirSync(parent)).toEqual([]);
      expect(existsSync(join(REPO_ROOT, '.astro'))).toBe(false);
    }, 90_000);
  }

  it('a build killed outright (SIGKILL) leaves its folder; the next build removes it and says so', async () => {
    const ws = makeWorkspace(minimalWorkspace());
    dirs.push(ws);
    const parent = temp('itsm-build-parent-');
    const out = join(parent, 'site');
    const child = spawn(process.execPath, [CLI, 'build', '--root', ws, '--out', out, '--now', NOW], { cwd: ws, stdio: 'ignore' });
    const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, sig) => resolve(sig)));
    // Killed once its folder names it: as the OS kills a build out of memory, with no chance to clean up.
    const marked = () => readdirSync(parent).some((f) => f.startsWith('.itsm-build-') && existsSync(join(parent, f, BUILD_OWNER_FILE)));
    const deadline = Date.now() + 60_000;
    while (!marked() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(marked()).toBe(true);
    child.kill('SIGKILL');
    expect(await closed).toBe('SIGKILL');
    const left = readdirSync(parent);
    expect(left).toEqual([expect.stringMatching(/^\.itsm-build-/)]);

    const r = await runMain(['build', '--root', ws, '--out', out, '--now', NOW, '--verbose'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`removed ${join(parent, left[0]!)}: the temporary folder of a build (process ${child.pid}) that ended without removing it`);
    expect(readdirSync(parent)).toEqual(['site']);
  }, 120_000);
});
