/**
 * Where things live in a workspace: which files are records, policies or strays. Light on purpose:
 * a warm `itsm validate` needs only this and the cache, no parser.
 */
import { existsSync, readFileSync, readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { kindOfFolder, type Kind } from '../core/ids.ts';
import { POLICY_FILES, type Policies } from '../core/model.ts';

export const SETTINGS_FILE = 'itsm.yaml';

/** Where a path under the workspace root belongs. */
export type FileRole = { role: 'record'; kind: Kind } | { role: 'policy'; key: keyof Policies } | { role: 'ignored' } | { role: 'stray'; reason: string };

const POLICY_BY_FILE = new Map(Object.entries(POLICY_FILES).map(([key, v]) => [`content/policies/${v.file}`, key as keyof Policies]));

export function roleOf(rel: string): FileRole {
  const parts = rel.split('/');
  if (parts[0] !== 'content') return { role: 'ignored' };
  if (parts.some((p) => p.startsWith('.'))) return { role: 'ignored' };
  if (parts[1] === 'policies') {
    const key = POLICY_BY_FILE.get(rel);
    return key ? { role: 'policy', key } : { role: 'stray', reason: `content/policies/ holds only ${[...POLICY_BY_FILE.keys()].map((p) => p.split('/').pop()).join(', ')}` };
  }
  if (parts.length === 2) return /^readme\.md$/i.test(parts[1]!) ? { role: 'ignored' } : { role: 'stray', reason: 'records live in a folder per kind' };
  const kind = kindOfFolder(parts[1]!);
  if (!kind) return { role: 'stray', reason: `content/${parts[1]}/ is not a record folder` };
  if (parts.length > 3) return { role: 'stray', reason: `records sit directly in content/${parts[1]}/, not in subfolders` };
  if (!rel.endsWith('.md')) return /^readme\.md$/i.test(parts[2]!) ? { role: 'ignored' } : { role: 'stray', reason: 'records are Markdown files ending in .md' };
  return { role: 'record', kind };
}

export function strayDiagnostic(rel: string, reason: string): Diagnostic {
  return { file: rel, line: 0, column: 0, rule: 'file/unexpected', severity: 'warning', message: `This file is not read as a record: ${reason}.`, hint: 'Move it to the right folder (content/<kind>/<ID>.md), or out of content/.' };
}

/** Every file under content/ (relative paths, forward slashes, sorted), plus itsm.yaml if present. */
export function listWorkspaceFiles(root: string): string[] {
  const out: string[] = [];
  const content = join(root, 'content');
  let top: Dirent[];
  try {
    top = readdirSync(content, { withFileTypes: true });
  } catch (err) {
    throw new Error(`cannot read ${content}: ${(err as Error).message}`, { cause: err });
  }
  // One readdir per folder, walked by hand: several times faster than readdir's own `recursive`
  // on folders of thousands of files. Dirent types come from readdir itself: no stat per file.
  const walk = (entries: Dirent[], rel: string): void => {
    for (const entry of entries) {
      const path = `${rel}/${entry.name}`;
      if (entry.isFile()) out.push(path);
      else if (entry.isDirectory()) walk(readdirSync(join(root, path), { withFileTypes: true }), path);
    }
  };
  walk(top, 'content');
  if (existsSync(join(root, SETTINGS_FILE))) out.push(SETTINGS_FILE);
  return out.sort();
}

/** Reads a workspace file's bytes, or says why it cannot be read (a folder named like a record, no permission...). */
export function readBytes(path: string): Uint8Array | { unreadable: string } {
  try {
    return readFileSync(path);
  } catch (err) {
    return { unreadable: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
}

export function unreadableDiagnostic(rel: string, reason: string): Diagnostic {
  return { file: rel, line: 0, column: 0, rule: 'file/unreadable', severity: 'error', message: `The file cannot be read (${reason}).`, hint: 'Check that it is a regular file you can read; records are Markdown files in content/<kind>/.' };
}
