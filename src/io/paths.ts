/** Questions commands ask of the file system before they start, answered without reading any file. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Whether root holds a workspace: a content/ folder. */
export function hasContentFolder(root: string): boolean {
  return existsSync(join(root, 'content'));
}

export function pathExists(path: string): boolean {
  return existsSync(path);
}

/** What an output folder is now: nothing, a file, an empty folder or one with entries. */
export function outputFolderState(path: string): 'missing' | 'file' | 'empty' | 'not-empty' {
  if (!existsSync(path)) return 'missing';
  if (!statSync(path).isDirectory()) return 'file';
  return readdirSync(path).length > 0 ? 'not-empty' : 'empty';
}
