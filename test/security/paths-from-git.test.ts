/**
 * Paths from git are attacker-controlled: a commit's tree can be crafted with `git mktree` to hold
 * entries no checkout would write (`..`, `.git`, empty names, control characters). No such path is
 * ever joined under a folder, so nothing is written outside `itsm as-of --out`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isWithin, unsafePathReason } from '../../src/core/safe-path.ts';
import { loadBaseWorkspace } from '../../src/io/base.ts';
import { readHistory } from '../../src/io/history.ts';
import { safeJoin, writeFileInside } from '../../src/io/safe-fs.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { gitEnv, gitRepo, ALICE, type GitRepo } from '../helpers/git-repo.ts';
import { runMain } from '../helpers/workspace.ts';

/** A nested tree: a string is a file's content, an object a folder; names are used verbatim. */
type Tree = { [name: string]: string | Tree };

function writeTree(repo: GitRepo, tree: Tree): string {
  const env = gitEnv(ALICE, '2026-03-01T09:00:00Z');
  const lines = Object.entries(tree).map(([name, value]) => {
    if (typeof value === 'string') {
      const sha = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: value, encoding: 'utf8', env }).trim();
      return `100644 blob ${sha}\t${name}`;
    }
    return `040000 tree ${writeTree(repo, value)}\t${name}`;
  });
  return execFileSync('git', ['mktree'], { cwd: repo.dir, input: lines.join('\n') + '\n', encoding: 'utf8', env }).trim();
}

/** Commits a crafted tree on top of HEAD (as a pushed branch or a PR head would carry it) and returns its SHA. */
function commitCrafted(repo: GitRepo, tree: Tree): string {
  const env = gitEnv(ALICE, '2026-03-02T09:00:00Z');
  const sha = execFileSync('git', ['commit-tree', writeTree(repo, tree), '-p', 'HEAD', '-m', 'crafted'], { cwd: repo.dir, encoding: 'utf8', env }).trim();
  repo.git('update-ref', 'refs/heads/main', sha);
  return sha;
}

/** The workspace's files as a Tree, so a crafted entry can be added next to real records. */
function workspaceTree(): Tree {
  const root: Tree = {};
  for (const [path, text] of Object.entries(minimalWorkspace())) {
    const parts = path.split('/');
    let dir = root;
    for (const p of parts.slice(0, -1)) dir = (dir[p] ??= {}) as Tree;
    dir[parts.at(-1)!] = text;
  }
  return root;
}

const ESCAPES: Array<[string, (t: Tree) => void]> = [
  ['content/../../evil (climbs out of --out)', (t) => ((t.content as Tree)['..'] = { '..': { evil: 'pwned\n' } })],
  ['content/../itsm.yaml (a dot-dot segment that stays inside)', (t) => ((t.content as Tree)['..'] = { 'itsm.yaml': 'name: pwned\n' })],
  ['content/./x (a dot segment)', (t) => ((t.content as Tree)['.'] = { x: 'pwned\n' })],
  ['content/.git/hooks/post-checkout', (t) => ((t.content as Tree)['.git'] = { hooks: { 'post-checkout': '#!/bin/sh\n' } })],
  ['content/.GIT/config (.git in another case)', (t) => ((t.content as Tree)['.GIT'] = { config: '[core]\n' })],
  ['content/..\\..\\evil (backslashes)', (t) => ((t.content as Tree)['..\\..\\evil'] = 'pwned\n')],
  ['content/incidents/ESC[31m.md (a control character)', (t) => (((t.content as Tree).incidents as Tree)['\x1b[31mINC-9.md'] = 'pwned\n')],
];

let repo: GitRepo | undefined;
const outs: string[] = [];
afterEach(() => {
  repo?.remove();
  repo = undefined;
  for (const d of outs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshRepo(): GitRepo {
  repo = gitRepo();
  repo.commit('Start the workspace', minimalWorkspace(), { date: '2026-03-01T09:00:00+00:00' });
  return repo;
}

describe('itsm as-of: paths from a crafted commit', () => {
  it('refuses content//x (an empty name: git itself refuses to list it) and writes nothing', async () => {
    const r = freshRepo();
    const tree = workspaceTree();
    (tree.content as Tree)[''] = { x: 'pwned\n' };
    commitCrafted(r, tree);
    const parent = mkdtempSync(join(tmpdir(), 'itsm-asof-parent-'));
    outs.push(parent);
    const res = await runMain(['as-of', '2026-03-03', '--out', join(parent, 'out')], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^itsm as-of: .*empty/);
    expect(readdirSync(parent)).toEqual([]);
  });

  for (const [label, craft] of ESCAPES) {
    it(`refuses ${label} and writes nothing outside --out`, async () => {
      const r = freshRepo();
      const tree = workspaceTree();
      craft(tree);
      commitCrafted(r, tree);
      // --out two levels down in a folder of its own, so that `../../evil` would land in `parent`.
      const parent = mkdtempSync(join(tmpdir(), 'itsm-asof-parent-'));
      outs.push(parent);
      const out = join(parent, 'a', 'out');
      const res = await runMain(['as-of', '2026-03-03', '--out', out], { cwd: r.dir });
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(
        /itsm as-of: commit [0-9a-f]{12} holds the path ".*", which itsm refuses to read because it (has an? .* segment|names a \.git folder|holds a backslash|holds a control character)/,
      );
      expect(res.stderr).not.toContain('\x1b');
      expect(readdirSync(parent)).toEqual([]);
      expect(existsSync(join(r.dir, 'evil'))).toBe(false);
    });
  }

  it('still writes an ordinary commit (the check refuses nothing a checkout would write)', async () => {
    const r = freshRepo();
    const parent = mkdtempSync(join(tmpdir(), 'itsm-asof-parent-'));
    outs.push(parent);
    const res = await runMain(['as-of', '2026-03-03', '--out', join(parent, 'out')], { cwd: r.dir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(existsSync(join(parent, 'out/content/incidents/INC-0001.md'))).toBe(true);
  });

  it('refuses an output that is a file, instead of crashing', async () => {
    const r = freshRepo();
    const parent = mkdtempSync(join(tmpdir(), 'itsm-asof-parent-'));
    outs.push(parent);
    writeFileSync(join(parent, 'file'), 'keep');
    const res = await runMain(['as-of', '2026-03-03', '--out', join(parent, 'file')], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/is a file, not a folder/);
    expect(readFileSync(join(parent, 'file'), 'utf8')).toBe('keep');
  });
});

describe('other readers of git trees', () => {
  it('the base workspace of a PR refuses a crafted path instead of loading it', async () => {
    const r = freshRepo();
    const tree = workspaceTree();
    (tree.content as Tree)['..'] = { '..': { evil: 'pwned\n' } };
    const sha = commitCrafted(r, tree);
    await expect(loadBaseWorkspace(r.dir, sha)).rejects.toThrow(
      /holds the path "content\/\.\.\/\.\.\/evil", which itsm refuses to read because it has a "\.\." segment/,
    );
  });

  it('history leaves crafted paths out: they are no file of the workspace', async () => {
    const r = freshRepo();
    const tree = workspaceTree();
    (tree.content as Tree)['..'] = { evil: 'pwned\n' };
    (tree.content as Tree)['.git'] = { config: '[core]\n' };
    commitCrafted(r, tree);
    const { files } = await readHistory(r.dir);
    expect([...files.keys()].filter((p) => p.includes('..') || p.includes('.git'))).toEqual([]);
    expect(files.has('content/incidents/INC-0001.md')).toBe(true);
  });
});

describe('the one path checker', () => {
  it.each([
    ['', 'it is empty'],
    ['/etc/passwd', 'it is absolute'],
    ['C:/Windows/x', 'it is absolute'],
    ['c:x', 'it is absolute'],
    ['content\\x.md', 'it holds a backslash'],
    ['content/\0x', 'it holds a control character'],
    ['content/x\ny', 'it holds a control character'],
    ['content/x\u007f', 'it holds a control character'],
    ['content/x\u009b31m', 'it holds a control character'],
    ['content//x', 'it has an empty segment'],
    ['content/', 'it has an empty segment'],
    ['./content', 'it has a "." segment'],
    ['content/../x', 'it has a ".." segment'],
    ['..', 'it has a ".." segment'],
    ['.git/config', 'it names a .git folder'],
    ['content/.Git/config', 'it names a .git folder'],
    ['content/.git./config', 'it names a .git folder'],
    ['content/.git /config', 'it names a .git folder'],
  ])('refuses %j: %s', (path, reason) => {
    expect(unsafePathReason(path)).toBe(reason);
  });

  it.each([
    'content/incidents/INC-0001.md',
    'itsm.yaml',
    'content/.templates/incident.md',
    'content/kb/..md',
    'content/.gitignore',
    'content/x.git',
    'content/kb/Ünïcode ☃.md',
  ])('accepts %j', (path) => {
    expect(unsafePathReason(path)).toBeUndefined();
  });

  it('knows inside from a sibling that shares a prefix', () => {
    expect(isWithin('/a/out/x', '/a/out')).toBe(true);
    expect(isWithin('/a/out', '/a/out/')).toBe(true);
    expect(isWithin('/a/outside', '/a/out')).toBe(false);
  });

  it('never writes through a symlink inside the output folder, nor over an existing file', () => {
    const out = mkdtempSync(join(tmpdir(), 'itsm-safe-out-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'itsm-elsewhere-'));
    outs.push(out, elsewhere);
    symlinkSync(elsewhere, join(out, 'content'));
    expect(() => writeFileInside(out, 'content/x.md', 'pwned')).toThrow(/is a symlink/);
    expect(readdirSync(elsewhere)).toEqual([]);
    mkdirSync(join(out, 'kb'));
    writeFileInside(out, 'kb/KB-1.md', 'one');
    expect(() => writeFileInside(out, 'kb/KB-1.md', 'two')).toThrow(/EEXIST/);
    expect(() => safeJoin(out, '../x')).toThrow(/has a "\.\." segment/);
  });
});
