/**
 * Writes a set of file changes all or nothing. Every new text goes to a temporary file beside its
 * target first; only when all of them are written are they renamed into place (a rename within one
 * folder is atomic), and the files to remove are removed last. If any step fails, what was already
 * done is undone from the texts the caller read, and the error names the file: a command such as
 * `itsm renumber` never leaves a workspace half-changed.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The few file operations a transaction needs: a seam, so tests can make any one of them fail. */
export interface FileOps {
  writeFile: (path: string, text: string) => void;
  rename: (from: string, to: string) => void;
  unlink: (path: string) => void;
}

export const NODE_FILE_OPS: FileOps = {
  writeFile: (path, text) => writeFileSync(path, text, { flag: 'wx' }),
  rename: (from, to) => renameSync(from, to),
  unlink: (path) => unlinkSync(path),
};

export interface FileChange {
  /** Path relative to the root. */
  file: string;
  text: string;
  /** The file's text before the change (undefined: the file is new). Used to undo. */
  previous: string | undefined;
}

export interface FileRemoval {
  file: string;
  previous: string;
}

/** Thrown when the transaction failed; nothing was changed (or, if undoing failed too, `undoFailed` says which files). */
export class FileTransactionError extends Error {
  readonly file: string;
  readonly undoFailed: string[];
  constructor(file: string, cause: unknown, undoFailed: string[]) {
    super(`cannot write ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'FileTransactionError';
    this.file = file;
    this.undoFailed = undoFailed;
  }
}

/** Applies every change and removal, or none of them. */
export function applyFileChanges(root: string, changes: readonly FileChange[], removals: readonly FileRemoval[], ops: FileOps = NODE_FILE_OPS): void {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temps: Array<{ change: FileChange; temp: string }> = [];
  const cleanTemps = () => {
    for (const { temp } of temps) rmSync(temp, { force: true });
  };

  // 1. Prepare: every new text in a temporary file next to its target. Nothing visible changes yet.
  for (const [i, change] of changes.entries()) {
    // A short name of our own: the target's name plus a suffix could pass the name length limit.
    const temp = join(dirname(join(root, change.file)), `.itsm-${tag}-${i}.tmp`);
    try {
      ops.writeFile(temp, change.text);
      temps.push({ change, temp });
    } catch (err) {
      rmSync(temp, { force: true });
      cleanTemps();
      throw new FileTransactionError(change.file, err, []);
    }
  }

  // 2. Commit: rename into place, then remove. On a failure, undo what was done.
  const done: FileChange[] = [];
  const removed: FileRemoval[] = [];
  let failed: { file: string; err: unknown } | undefined;
  for (const { change, temp } of temps) {
    try {
      ops.rename(temp, join(root, change.file));
      done.push(change);
    } catch (err) {
      failed = { file: change.file, err };
      break;
    }
  }
  if (!failed) {
    for (const removal of removals) {
      try {
        ops.unlink(join(root, removal.file));
        removed.push(removal);
      } catch (err) {
        failed = { file: removal.file, err };
        break;
      }
    }
  }
  if (!failed) return;
  cleanTemps();
  const undoFailed: string[] = [];
  for (const r of removed) {
    try {
      restore(ops, root, r.file, r.previous, tag);
    } catch {
      undoFailed.push(r.file);
    }
  }
  for (const c of done) {
    try {
      if (c.previous === undefined) ops.unlink(join(root, c.file));
      else restore(ops, root, c.file, c.previous, tag);
    } catch {
      undoFailed.push(c.file);
    }
  }
  throw new FileTransactionError(failed.file, failed.err, undoFailed);
}

function restore(ops: FileOps, root: string, file: string, text: string, tag: string): void {
  const target = join(root, file);
  const temp = join(dirname(target), `.itsm-${tag}-undo.tmp`);
  ops.writeFile(temp, text);
  ops.rename(temp, target);
}
