/** Questions commands ask of the file system before they start, answered without reading any file. */
import { existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KINDS, KIND_INFO } from '../core/ids.ts';

/** Whether root holds a workspace: a content/ folder. */
export function hasContentFolder(root: string): boolean {
  return existsSync(join(root, 'content'));
}

export function pathExists(path: string): boolean {
  return existsSync(path);
}

/** What an output path is now: nothing, a symlink (never followed), a file, an empty folder or one with entries. */
export function outputFolderState(path: string): 'missing' | 'symlink' | 'file' | 'empty' | 'not-empty' {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return 'missing'; // or a file on the way: creating the folder says which
  }
  if (stat.isSymbolicLink()) return 'symlink';
  if (!stat.isDirectory()) return 'file';
  return readdirSync(path).length > 0 ? 'not-empty' : 'empty';
}

/** Creates the folder and its parents; throws with the system's reason when it cannot. */
export function createFolder(path: string): void {
  mkdirSync(path, { recursive: true });
}

/** How many record files the workspace has (content/<kind folder>/*.md), counted without reading one. */
export function countRecordFiles(root: string): number {
  let n = 0;
  for (const kind of KINDS) {
    try {
      n += readdirSync(join(root, 'content', KIND_INFO[kind].folder)).filter((f) => f.endsWith('.md')).length;
    } catch {
      // no folder for this kind
    }
  }
  return n;
}
