/**
 * Where things live in a workspace: which files are records, policies or strays. Light on purpose:
 * a warm `itsm validate` needs only this and the cache, no parser.
 */
import { existsSync, readFileSync, readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { KIND_INFO, KINDS, kindOfFolder, type Kind } from '../core/ids.ts';
import { POLICY_FILES, type Policies } from '../core/model.ts';

export const SETTINGS_FILE = 'itsm.yaml';

/**
 * Where a path under the workspace root belongs. A stray with `record` set looks like a record of that
 * kind but is not at content/<folder>/<ID>.md: an error, since nothing would read it.
 */
export type FileRole = { role: 'record'; kind: Kind } | { role: 'policy'; key: keyof Policies } | { role: 'ignored' } | { role: 'stray'; reason: string; record?: Kind };

const POLICY_BY_FILE = new Map(Object.entries(POLICY_FILES).map(([key, v]) => [`content/policies/${v.file}`, key as keyof Policies]));

const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const KIND_BY_LOWER_FOLDER = new Map(KINDS.map((k) => [KIND_INFO[k].folder, k]));

/** The kind and ID a file name looks like (any case, any extension): CHG-0009.MD, chg-0009.md. */
function idLike(name: string): { kind: Kind; id: string } | undefined {
  const stem = name.includes('.') ? name.slice(0, name.indexOf('.')) : name;
  for (const k of KINDS) {
    const prefix = KIND_INFO[k].prefix;
    if (stem.length > prefix.length && lower(stem).startsWith(lower(prefix)) && /^[A-Za-z0-9-]+$/.test(stem)) return { kind: k, id: prefix + stem.slice(prefix.length) };
  }
  return undefined;
}

/**
 * A file that looks like a record but is not at its canonical content/<folder>/<ID>.md, compared
 * without regard to the disk's case rules: under a folder that names a kind in another case
 * (content/Changes/, CONTENT/changes/), in a sub-folder (content/changes/2026/), with another
 * extension (CHG-0009.MD, CHG-0009.markdown), or named like an ID in a folder of another kind.
 * Undefined for canonical paths and for files that look like no record.
 */
export function misplacedRecord(rel: string): { kind: Kind; id?: string; reason: string } | undefined {
  const parts = rel.split('/');
  if (lower(parts[0]!) !== 'content' || parts.length < 2) return undefined;
  const name = parts[parts.length - 1]!;
  const folderKind = parts.length > 2 ? KIND_BY_LOWER_FOLDER.get(lower(parts[1]!)) : undefined;
  const named = idLike(name);
  const kind = named?.kind ?? folderKind;
  if (!kind) return undefined;
  const folder = KIND_INFO[kind].folder;
  const canonical = parts[0] === 'content' && parts.length === 3 && parts[1] === folder && name.endsWith('.md');
  if (canonical && (!named || name === `${named.id}.md`)) return undefined;
  // A README or a picture beside the records, in the right folder, is no record.
  if (!named && parts[0] === 'content' && parts[1] === folder && (parts.length === 3 || !/\.md$/i.test(name))) return undefined;
  const id = named?.id;
  return { kind, ...(id ? { id } : {}), reason: `it looks like a ${KIND_INFO[kind].label} record, but records are read only from content/${folder}/${id ?? '<ID>'}.md (that folder in that case, no sub-folder, the extension .md)` };
}

export function roleOf(rel: string): FileRole {
  const misplaced = misplacedRecord(rel);
  if (misplaced) return { role: 'stray', reason: misplaced.reason, record: misplaced.kind };
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
  // A look-alike record is an error: `itsm approvals` would never judge a change filed there.
  if (misplacedRecord(rel)) return { file: rel, line: 0, column: 0, rule: 'file/misplaced-record', severity: 'error', message: `This file is not read as a record: ${reason}.`, hint: 'Move it to content/<folder>/<ID>.md exactly (lower-case folder, upper-case ID prefix, .md), or out of content/.' };
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
  // CONTENT/ or Content/ beside content/ is the same folder on a case-insensitive disk: list it too,
  // so roleOf can refuse what is in it on every file system.
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'content' && lower(entry.name) === 'content') walk(readdirSync(join(root, entry.name), { withFileTypes: true }), entry.name);
  }
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
