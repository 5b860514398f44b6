/**
 * A git hook runs `itsm validate` with the variables its git set (GIT_INDEX_FILE, GIT_DIR, `git -c`'s
 * GIT_CONFIG_PARAMETERS...), and a shell may have GIT_DIR set for another repository. The tool's own
 * git calls must still read the workspace it was pointed at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitEnvironment } from '../../src/io/git-env.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { REPO_ROOT, runMain } from '../helpers/workspace.ts';

const CHG = 'content/changes/CHG-0001.md';

describe('the environment of git subprocesses', () => {
  it('drops what points git at another repository, index or per-call config, and keeps the rest', () => {
    const env = gitEnvironment({
      PATH: '/usr/bin',
      HOME: '/home/ops',
      LANG: 'de_DE.UTF-8',
      GIT_DIR: '/elsewhere/.git',
      GIT_WORK_TREE: '/elsewhere',
      GIT_INDEX_FILE: '/elsewhere/.git/index',
      GIT_OBJECT_DIRECTORY: '/elsewhere/.git/objects',
      GIT_ALTERNATE_OBJECT_DIRECTORIES: '/elsewhere/.git/objects',
      GIT_COMMON_DIR: '/elsewhere/.git',
      GIT_CONFIG_PARAMETERS: "'core.bare'='true'",
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.worktree',
      GIT_CONFIG_VALUE_0: '/elsewhere',
      GIT_AUTHOR_NAME: 'Alice Adams',
      GIT_CONFIG_GLOBAL: '/home/ops/.config/git/work',
      GIT_TERMINAL_PROMPT: '1',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/ops',
      LANG: 'de_DE.UTF-8',
      GIT_AUTHOR_NAME: 'Alice Adams',
      GIT_CONFIG_GLOBAL: '/home/ops/.config/git/work',
      GIT_TERMINAL_PROMPT: '0',
    });
  });
});

describe('with GIT_DIR and friends set for another repository', () => {
  let workspace: GitRepo;
  let other: GitRepo;
  const saved: Record<string, string | undefined> = {};
  const redirect = (vars: Record<string, string>) => {
    for (const [k, v] of Object.entries(vars)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  };

  beforeEach(() => {
    workspace = gitRepo();
    workspace.commit('Workspace on main', minimalWorkspace());
    workspace.branch('pr');
    other = gitRepo();
    other.commit('Something else entirely', { 'README.md': 'not a workspace\n' });
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
      delete saved[k];
    }
    workspace.remove();
    other.remove();
  });

  const elsewhere = () => ({
    GIT_DIR: join(other.dir, '.git'),
    GIT_WORK_TREE: other.dir,
    GIT_INDEX_FILE: join(other.dir, '.git/index'),
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'core.worktree',
    GIT_CONFIG_VALUE_0: other.dir,
  });

  it('`itsm validate --base main` compares with the workspace’s own main', async () => {
    const chg = join(workspace.dir, CHG);
    const text = minimalWorkspace()[CHG]!;
    writeFileSync(chg, text.replace('status: completed', 'status: implementing'));
    redirect(elsewhere());
    const r = await runMain(['validate', '--base', 'main', '--format', 'json', '--no-cache'], { cwd: workspace.dir });
    const rules = (JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; rule: string }> }).diagnostics.map((d) => `${d.file} ${d.rule}`);
    expect(rules).toContain(`${CHG} base/transition`);
    expect(r.code).toBe(1);
  });

  it('`itsm history` reads the workspace’s commits', async () => {
    redirect(elsewhere());
    const r = await runMain(['history', 'CHG-0001', '--format', 'json'], { cwd: workspace.dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Workspace on main');
    expect(r.stdout).not.toContain('Something else entirely');
    expect(r.code).toBe(0);
  });

  it('`itsm init` commits in the new workspace, not in the other repository', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'itsm-init-')), 'ops');
    const before = other.head();
    redirect({
      ...elsewhere(),
      GIT_AUTHOR_NAME: 'Ops',
      GIT_AUTHOR_EMAIL: 'ops@example.com',
      GIT_COMMITTER_NAME: 'Ops',
      GIT_COMMITTER_EMAIL: 'ops@example.com',
    });
    const r = await runMain(['init', dir], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, '.git'))).toBe(true);
    const log = execFileSync('git', ['log', '--format=%s'], { cwd: dir, encoding: 'utf8', env: gitEnvironment() });
    expect(log).toContain('Start the ITSM workspace');
    expect(other.head()).toBe(before);
  });
});

describe('every place the tool runs git', () => {
  it('passes the shared environment (and creates simple-git in one place)', () => {
    const dir = join(REPO_ROOT, 'src/io');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'git-env.ts' && f !== 'simple-git-at.ts')) {
      const text = readFileSync(join(dir, file), 'utf8');
      const runs = text.match(/\b(?:spawn|spawnSync|execFile|execFileSync|execFileP)\(\s*'git'/g)?.length ?? 0;
      const envs = text.match(/env: gitEnvironment\(\)/g)?.length ?? 0;
      expect(envs, file).toBeGreaterThanOrEqual(runs);
      expect(text, file).not.toMatch(/\bsimpleGit\(/);
    }
  });
});
