/**
 * Joining paths that come from git or a user, and writing under a folder, without ever leaving it:
 * the path is checked by the one pure checker, the joined path must resolve inside the folder, and
 * no symlink on the way is followed.
 */
import { lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { excerpt } from '../core/excerpt.ts';
import { isWithin, unsafePathReason } from '../core/safe-path.ts';

export class UnsafePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafePathError';
  }
}

/** `root`/`rel`, or UnsafePathError when `rel` is not a plain relative path that stays inside `root`. */
export function safeJoin(root: string, rel: string): string {
  const reason = unsafePathReason(rel);
  if (reason) throw new UnsafePathError(`refusing the path ${excerpt(rel, 200)}: ${reason}`);
  const base = resolve(root);
  const path = resolve(base, rel);
  if (!isWithin(path, base, sep)) throw new UnsafePathError(`refusing the path ${excerpt(rel, 200)}: it leads outside ${base}`);
  return join(base, rel);
}

/** The first symlink on the way from `root` to `root`/`rel` (relative path), or undefined; missing parts end the walk. */
export function symlinkOnPath(root: string, rel: string): string | undefined {
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/');
    let stat;
    try {
      stat = lstatSync(join(root, sub));
    } catch {
      return undefined;
    }
    if (stat.isSymbolicLink()) return sub;
  }
  return undefined;
}

/**
 * Writes a new file at `root`/`rel`, creating folders one at a time: refuses unsafe paths, a
 * symlink anywhere below `root`, and an existing file (never overwrites, never writes through a link).
 */
export function writeFileInside(root: string, rel: string, data: string | Uint8Array): void {
  const path = safeJoin(root, rel);
  const parts = rel.split('/');
  let dir = resolve(root);
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part);
    let stat;
    try {
      stat = lstatSync(dir);
    } catch {
      mkdirSync(dir);
      continue;
    }
    if (!stat.isDirectory())
      throw new UnsafePathError(`refusing to write ${excerpt(rel, 200)}: ${dir} is ${stat.isSymbolicLink() ? 'a symlink' : 'not a folder'}`);
  }
  writeFileSync(path, data, { flag: 'wx' });
}

/**
 * Writes many new files like writeFileInside, checking each folder on the way once rather than
 * once per file: measured, an lstat of a folder being filled with 25,000 files cost more than
 * the writes. `onError` gets the file that failed; the files before it stay written.
 */
export function writeFilesInside(root: string, files: Iterable<{ file: string; text: string }>, onError: (file: string, err: unknown) => never): void {
  const checked = new Set<string>();
  for (const { file, text } of files) {
    try {
      const folder = file.slice(0, file.lastIndexOf('/') + 1);
      if (!checked.has(folder)) {
        // The first file of a folder goes the careful way (creating and checking every folder).
        writeFileInside(root, file, text);
        checked.add(folder);
        continue;
      }
      writeFileSync(safeJoin(root, file), text, { flag: 'wx' });
    } catch (err) {
      onError(file, err);
    }
  }
}

/**
 * Reads a workspace file as text without following links: undefined when it is missing, `symlink`
 * when it or a folder on its way is a symlink (its target is never read).
 */
export function readTextNoFollow(root: string, rel: string): string | { symlink: string } | undefined {
  const link = symlinkOnPath(root, rel);
  if (link) return { symlink: link };
  try {
    return readFileSync(join(root, rel), 'utf8');
  } catch {
    return undefined;
  }
}
