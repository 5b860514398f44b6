/**
 * Threat: `itsm renumber` wrote each file in place, one after another; when one write failed (disk
 * full, a file size limit, a file or folder in the way) the files before it were already rewritten,
 * the record kept its old name, and the workspace was left half-renumbered. Now every new text is
 * written to a temporary file first and renamed into place only when all writes succeeded; a failure
 * at any step leaves every file as it was, with exit 2 and the file named.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFileChanges, FileTransactionError, NODE_FILE_OPS, type FileOps } from '../../src/io/file-transaction.ts';
import { minimalWorkspace, SERVICE } from '../helpers/fixtures.ts';
import { CLI, makeWorkspace, runMain } from '../helpers/workspace.ts';

/** Every file under dir (path -> text), dot files included, so leftovers show. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    if (relative(dir, path).startsWith('.itsm-cache')) continue;
    out[relative(dir, path)] = readFileSync(path, 'utf8');
  }
  return out;
}

/** SVC-shop names CI-web and is larger than the file size limit the command runs under. */
function workspaceWithBigService(): string {
  return makeWorkspace({ ...minimalWorkspace(), 'content/services/SVC-shop.md': SERVICE + '\n' + 'A long runbook line.\n'.repeat(10_000) });
}

describe('itsm renumber is all or nothing', () => {
  it('leaves every file as it was when one file cannot be written (a file size limit), exit 2', () => {
    const dir = workspaceWithBigService();
    const before = snapshot(dir);
    // A real process under `ulimit -f` (applies to root too): writing the big file fails with EFBIG.
    const r = spawnSync('sh', ['-c', 'ulimit -f 64; exec "$0" "$@"', process.execPath, CLI, 'renumber', 'CI-web', 'CI-frontend'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).toMatch(/^itsm renumber: cannot write content\/services\/SVC-shop\.md: .*too large.*\. Nothing was changed\./m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(2);
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, 'content/cis/CI-frontend.md'))).toBe(false);
  });

  it('renames and rewrites everything when every write succeeds, leaving no temporary files', async () => {
    const dir = workspaceWithBigService();
    const r = await runMain(['renumber', 'CI-web', 'CI-frontend'], { cwd: dir });
    expect(r.code).toBe(0);
    const after = snapshot(dir);
    expect(Object.keys(after).filter((f) => f.includes('.itsm-'))).toEqual([]);
    expect(after['content/cis/CI-frontend.md']).toContain('id: CI-frontend\n');
    expect(after['content/cis/CI-web.md']).toBeUndefined();
    expect(after['content/services/SVC-shop.md']).toContain('cis: [CI-frontend, CI-db]');
  });
});

describe('a file transaction', () => {
  const files = { 'a.md': 'a old\n', 'b.md': 'b old\n', 'gone.md': 'gone\n' };
  const changes = [
    { file: 'a.md', text: 'a new\n', previous: 'a old\n' },
    { file: 'b.md', text: 'b new\n', previous: 'b old\n' },
    { file: 'new.md', text: 'created\n', previous: undefined },
  ];
  const removals = [{ file: 'gone.md', previous: 'gone\n' }];

  /** The real operations, except that the nth call of one of them throws. */
  function failing(op: keyof FileOps, nth: number): FileOps {
    let calls = 0;
    const fail =
      <A extends unknown[]>(real: (...a: A) => void) =>
      (...a: A) => {
        if (++calls === nth) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        real(...a);
      };
    return { ...NODE_FILE_OPS, [op]: fail(NODE_FILE_OPS[op] as (...a: unknown[]) => void) };
  }

  it.each([
    ['the first temporary write', 'writeFile', 1, 'a.md'],
    ['the last temporary write', 'writeFile', 3, 'new.md'],
    ['the first rename into place', 'rename', 1, 'a.md'],
    ['a rename after others were done', 'rename', 3, 'new.md'],
    ['removing the old file after every rename', 'unlink', 1, 'gone.md'],
  ] as const)('changes nothing when %s fails, and names the file', (_name, op, nth, file) => {
    const dir = makeWorkspace(files);
    let error: unknown;
    try {
      applyFileChanges(dir, changes, removals, failing(op, nth));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FileTransactionError);
    expect((error as FileTransactionError).file).toBe(file);
    expect((error as FileTransactionError).undoFailed).toEqual([]);
    expect(snapshot(dir)).toEqual(files);
  });

  it('applies everything when nothing fails', () => {
    const dir = makeWorkspace(files);
    applyFileChanges(dir, changes, removals);
    expect(snapshot(dir)).toEqual({ 'a.md': 'a new\n', 'b.md': 'b new\n', 'new.md': 'created\n' });
  });
});
