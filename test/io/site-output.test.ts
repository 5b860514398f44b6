/**
 * A build killed by the OS (out of memory, SIGKILL) cannot remove its temporary `.itsm-build-*`
 * folder. The next build beside the same output removes such folders, but only those that prove
 * they are a dead build's: anything it cannot prove is left alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_OWNER_FILE, makeBuildFolder, removeDeadBuildFolders } from '../../src/io/site-output.ts';

/** The pid of a process that has ended (and been reaped). */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(run.stdout);
}

const parents: string[] = [];
afterEach(() => {
  for (const p of parents.splice(0)) rmSync(p, { recursive: true, force: true });
});

/** A parent folder with the output `site` to be and the given leftovers (name -> owner file text, or null for none). */
function beside(leftovers: Record<string, string | null>): { parent: string; out: string } {
  const parent = mkdtempSync(join(tmpdir(), 'itsm-leftovers-'));
  parents.push(parent);
  for (const [name, owner] of Object.entries(leftovers)) {
    mkdirSync(join(parent, name, 'site'), { recursive: true });
    writeFileSync(join(parent, name, 'site', 'index.html'), '<html>');
    if (owner !== null) writeFileSync(join(parent, name, BUILD_OWNER_FILE), owner);
  }
  return { parent, out: join(parent, 'site') };
}

const owner = (pid: number, host = hostname()) => JSON.stringify({ tool: 'itsm build', pid, host });

describe('the temporary folder of a build', () => {
  it('is made beside the output and names the process that made it', () => {
    const { parent, out } = beside({});
    const dir = makeBuildFolder(out);
    expect(dir.startsWith(join(parent, '.itsm-build-'))).toBe(true);
    expect(readdirSync(dir)).toEqual([BUILD_OWNER_FILE]);
    // A running build's folder (this process) is never taken for a leftover.
    expect(removeDeadBuildFolders(out)).toEqual([]);
    expect(existsSync(dir)).toBe(true);
  });
});

describe('leftovers of builds that were killed', () => {
  it('removes the folder of a build whose process has ended, and says so', () => {
    const pid = deadPid();
    const { parent, out } = beside({ '.itsm-build-a1b2c3': owner(pid) });
    const lines = removeDeadBuildFolders(out);
    expect(lines).toEqual([`removed ${join(parent, '.itsm-build-a1b2c3')}: the temporary folder of a build (process ${pid}) that ended without removing it`]);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('leaves alone what it cannot prove is a dead build’s folder', () => {
    const pid = deadPid();
    const { parent, out } = beside({
      // A build that still runs.
      '.itsm-build-running': owner(process.pid),
      // Killed before it wrote its owner file: nothing says whose it is.
      '.itsm-build-unmarked': null,
      // Another machine's build on a shared disk: its pid means nothing here.
      '.itsm-build-elsewhere': owner(pid, `not-${hostname()}`),
      // Not what a build writes.
      '.itsm-build-garbage': '{"pid": "1"',
      '.itsm-build-othertool': JSON.stringify({ tool: 'something else', pid, host: hostname() }),
      // Someone's folder that merely looks like one.
      'my-build-notes': owner(pid),
    });
    // A symlink named like a build folder, to a folder with a dead build's owner file.
    const target = mkdtempSync(join(tmpdir(), 'itsm-link-target-'));
    parents.push(target);
    writeFileSync(join(target, BUILD_OWNER_FILE), owner(pid));
    symlinkSync(target, join(parent, '.itsm-build-link'));
    // An owner file that is a link.
    mkdirSync(join(parent, '.itsm-build-linkedowner'));
    symlinkSync(join(target, BUILD_OWNER_FILE), join(parent, '.itsm-build-linkedowner', BUILD_OWNER_FILE));
    const before = readdirSync(parent).sort();
    expect(removeDeadBuildFolders(out)).toEqual([]);
    expect(readdirSync(parent).sort()).toEqual(before);
    expect(existsSync(join(target, BUILD_OWNER_FILE))).toBe(true);
  });

  it('has nothing to do when the output’s folder does not exist yet', () => {
    expect(removeDeadBuildFolders(join(tmpdir(), 'itsm-no-such-folder', 'x', 'site'))).toEqual([]);
  });
});
