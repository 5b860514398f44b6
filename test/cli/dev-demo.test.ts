/**
 * `./dev itsm` on a fresh clone runs in the demo's own git repository, which it writes first: the
 * README's history examples tell the replayed story, not the story of this repository's commits.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/workspace.ts';

/** The checkout's tracked files, copied as they are in the work tree; node_modules shared by a link. */
function freshClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-clone-'));
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const path of tracked) {
    if (!existsSync(join(REPO_ROOT, path))) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    copyFileSync(join(REPO_ROOT, path), join(dir, path));
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

describe('./dev itsm', () => {
  it('end to end: on a fresh clone, writes the demo repository, then shows an incident’s replayed history', () => {
    const clone = freshClone();
    const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, NO_COLOR: '1', ITSM_ROOT: undefined };
    const r = spawnSync('bash', ['dev', 'itsm', 'history', 'INC-0001'], { cwd: clone, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Wrote the demo repository .*\.cache\/demo-workspace: \d+ pull requests replayed/);
    expect(r.stdout).toMatch(/^2025-11-28 10:42 \+01:00 {2}Lena Fischer {2}PR #\d+/m);
    expect(r.stdout).toMatch(/INC-0001: resolved\n {2}status: in_progress -> resolved/);
    // Up to date: the second run writes nothing.
    const again = spawnSync('bash', ['dev', 'itsm', 'evidence', 'show', 'CHG-0031'], { cwd: clone, env, encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(/^CHG-0031 {2}PR #\d+ {2}approved by /m);
  }, 60_000);
});
