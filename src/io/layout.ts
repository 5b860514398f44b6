/**
 * Where things live in a workspace: which files are records, policies or strays. Light on purpose:
 * a warm `itsm validate` needs only this and the cache, no parser.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { KIND_INFO, KINDS, kindOfFolder, type Kind } from '../core/ids.ts';
import { POLICY_FILES, type PolicyFiles } from '../core/model.ts';

export const SETTINGS_FILE = 'itsm.yaml';

/**
 * Where a path under the workspace root belongs. A stray with `record` set looks like a record of that
 * kind but is not at content/<folder>/<ID>.md: an error, since nothing would read it.
 */
export type FileRole =
  { role: 'record'; kind: Kind } | { role: 'policy'; key: keyof PolicyFiles } | { role: 'ignored' } | { role: 'stray'; reason: string; record?: Kind };

const POLICY_BY_FILE = new Map(Object.entries(POLICY_FILES).map(([key, v]) => [`content/policies/${v.file}`, key as keyof PolicyFiles]));

/** ASCII letters only: a name's other characters keep their case (K, the Kelvin sign, is no k). */
const lower = (s: string) => (/[A-Z]/.test(s) ? s.replace(/[A-Z]/g, (c) => c.toLowerCase()) : s);
const KIND_BY_LOWER_FOLDER = new Map(KINDS.map((k) => [KIND_INFO[k].folder, k]));
const LOWER_PREFIXES = KINDS.map((k) => [k, KIND_INFO[k].prefix, lower(KIND_INFO[k].prefix)] as const);

/** The kind and ID a file name looks like (any case, any extension): CHG-0009.MD, chg-0009.md. */
function idLike(name: string): { kind: Kind; id: string } | undefined {
  const stem = name.includes('.') ? name.slice(0, name.indexOf('.')) : name;
  // Called for every file of every run: one test and one lower-casing per name, not one per kind.
  if (!/^[A-Za-z0-9-]+$/.test(stem)) return undefined;
  const low = lower(stem);
  for (const [k, prefix, lowPrefix] of LOWER_PREFIXES) {
    if (stem.length > prefix.length && low.startsWith(lowPrefix)) return { kind: k, id: prefix + stem.slice(prefix.length) };
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
  return {
    kind,
    ...(id ? { id } : {}),
    reason: `it looks like a ${KIND_INFO[kind].label} record, but records are read only from content/${folder}/${id ?? '<ID>'}.md (that folder in that case, no sub-folder, the extension .md)`,
  };
}

const RECORD_ROLES = new Map(KINDS.map((k) => [k, { role: 'record', kind: k } as const]));

export function roleOf(rel: string): FileRole {
  // The common case first, without the look-alike analysis: content/<folder>/<ID>.md, canonical.
  const canonical = /^content\/([a-z]+)\/([A-Za-z0-9-]+)\.md$/.exec(rel);
  if (canonical) {
    const kind = kindOfFolder(canonical[1]!);
    // The folder's own prefix in its own case is what idLike would find (prefixes are letters and a
    // dash, none the start of another in any case), without idLike's lower-casing.
    const prefix = kind && KIND_INFO[kind].prefix;
    if (prefix && canonical[2]!.length > prefix.length && canonical[2]!.startsWith(prefix)) return RECORD_ROLES.get(kind)!;
  }
  const misplaced = misplacedRecord(rel);
  if (misplaced) return { role: 'stray', reason: misplaced.reason, record: misplaced.kind };
  const parts = rel.split('/');
  if (parts[0] !== 'content') return { role: 'ignored' };
  if (parts.some((p) => p.startsWith('.'))) return { role: 'ignored' };
  if (parts[1] === 'policies') {
    const key = POLICY_BY_FILE.get(rel);
    return key
      ? { role: 'policy', key }
      : { role: 'stray', reason: `content/policies/ holds only ${[...POLICY_BY_FILE.keys()].map((p) => p.split('/').pop()).join(', ')}` };
  }
  if (parts.length === 2) return /^readme\.md$/i.test(parts[1]!) ? { role: 'ignored' } : { role: 'stray', reason: 'records live in a folder per kind' };
  const kind = kindOfFolder(parts[1]!);
  if (!kind) return { role: 'stray', reason: `content/${parts[1]}/ is not a record folder` };
  if (parts.length > 3) return { role: 'stray', reason: `records sit directly in content/${parts[1]}/, not in subfolders` };
  // A README beside the records explains the folder; it is no record (docs/decisions.md).
  if (/^readme\.md$/i.test(parts[2]!)) return { role: 'ignored' };
  if (!rel.endsWith('.md')) return { role: 'stray', reason: 'records are Markdown files ending in .md' };
  return { role: 'record', kind };
}

export function strayDiagnostic(rel: string, reason: string): Diagnostic {
  // A look-alike record is an error: `itsm approvals` would never judge a change filed there.
  if (misplacedRecord(rel))
    return {
      file: rel,
      line: 0,
      column: 0,
      rule: 'file/misplaced-record',
      severity: 'error',
      message: `This file is not read as a record: ${reason}.`,
      hint: 'Move it to content/<folder>/<ID>.md exactly (lower-case folder, upper-case ID prefix, .md), or out of content/.',
    };
  return {
    file: rel,
    line: 0,
    column: 0,
    rule: 'file/unexpected',
    severity: 'warning',
    message: `This file is not read as a record: ${reason}.`,
    hint: 'Move it to the right folder (content/<kind>/<ID>.md), or out of content/.',
  };
}

export interface WorkspaceListing {
  /** Every regular file under content/ (relative paths, forward slashes, sorted), plus itsm.yaml if present. */
  files: string[];
  /** Symlinks, folders that cannot be listed, names that cannot be read back: each an error, none followed. */
  problems: Diagnostic[];
}

/**
 * Lists the workspace without following any symlink: a link (to a file or a folder, inside or
 * outside the workspace) is a `file/symlink` error naming the link, and its target is never read,
 * so a pull request cannot make itsm print a CI secret it links to.
 */
export function listWorkspace(root: string): WorkspaceListing {
  const out: string[] = [];
  const problems: Diagnostic[] = [];
  const content = join(root, 'content');
  const lstat = (rel: string) => {
    try {
      return lstatSync(join(root, rel));
    } catch {
      return undefined;
    }
  };
  const contentStat = lstat('content');
  if (contentStat?.isSymbolicLink()) problems.push(symlinkDiagnostic('content'));
  else {
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
        // Node decodes a name that is not UTF-8 with U+FFFD: that path names no file, so reading it would mislead.
        if (entry.name.includes('\ufffd')) problems.push(nameDiagnostic(path, 'it is not valid UTF-8'));
        else if (/[\u0000-\u001f\u007f-\u009f]/.test(entry.name)) problems.push(nameDiagnostic(path, 'it holds a control character'));
        else if (entry.isSymbolicLink()) problems.push(symlinkDiagnostic(path));
        else if (entry.isFile()) out.push(path);
        else if (entry.isDirectory()) {
          let inner: Dirent[];
          try {
            inner = readdirSync(join(root, path), { withFileTypes: true });
          } catch (err) {
            problems.push(unreadableDiagnostic(path, (err as NodeJS.ErrnoException).code ?? String(err), 'folder'));
            continue;
          }
          walk(inner, path);
        } else if (roleOf(path).role !== 'ignored') problems.push(unreadableDiagnostic(path, 'not a regular file'));
      }
    };
    walk(top, 'content');
    // CONTENT/ or Content/ beside content/ is the same folder on a case-insensitive disk: list it too,
    // so roleOf can refuse what is in it on every file system.
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'content' && lower(entry.name) === 'content')
        walk(readdirSync(join(root, entry.name), { withFileTypes: true }), entry.name);
    }
  }
  const settings = lstat(SETTINGS_FILE);
  if (settings?.isSymbolicLink()) problems.push(symlinkDiagnostic(SETTINGS_FILE));
  else if (settings) out.push(SETTINGS_FILE);
  return { files: out.sort(), problems };
}

/**
 * The record files named by `paths` (relative to `cwd`), as workspace-relative paths; `refused` lists
 * the paths that are not a record file of the workspace (outside it, missing, a policy, a stray file).
 */
export function recordFilesNamed(root: string, cwd: string, paths: readonly string[]): { files: string[]; refused: string[] } {
  const records = new Set(listWorkspace(root).files.filter((rel) => roleOf(rel).role === 'record'));
  const files: string[] = [];
  const refused: string[] = [];
  for (const given of paths) {
    const rel = relative(root, resolve(cwd, given)).split(sep).join('/');
    if (records.has(rel)) files.push(rel);
    else refused.push(given);
  }
  return { files: [...new Set(files)], refused };
}

/** The regular files of the workspace (see listWorkspace; its problems are left to `itsm validate`). */
export function listWorkspaceFiles(root: string): string[] {
  return listWorkspace(root).files;
}

export function symlinkDiagnostic(rel: string): Diagnostic {
  return {
    file: rel,
    line: 0,
    column: 0,
    rule: 'file/symlink',
    severity: 'error',
    message: 'This is a symlink; itsm follows no links in a workspace, so what it points to is not read.',
    hint: 'Replace the link with the file or folder itself (`git ls-files -s` shows links as mode 120000).',
  };
}

function nameDiagnostic(rel: string, reason: string): Diagnostic {
  // The name stays exact here (diagnostics are data: --format json gives it as it is); every human
  // output escapes it on the way out (printable, in the CLI's IO).
  return {
    file: rel,
    line: 0,
    column: 0,
    rule: 'file/name',
    severity: 'error',
    message: `This file name cannot be read: ${reason}.`,
    hint: 'Rename it: records are named by their ID (content/<kind>/<ID>.md).',
  };
}

/** Reads a workspace file's bytes, or says why it cannot be read (a folder named like a record, no permission...). */
export function readBytes(path: string): Uint8Array | { unreadable: string } {
  const read = readStamped(path);
  return 'unreadable' in read ? read : read.bytes;
}

/**
 * What a file's metadata says about its content (size, times, inode), or undefined for a file
 * changed in the last 2 seconds: on a file system with coarse timestamps, a change in the same
 * tick as the read would leave the stamp alike (git's "racily clean" entries).
 */
export function stampOf(st: Stats, atMs = Date.now()): string | undefined {
  if (atMs - Math.max(st.mtimeMs, st.ctimeMs) < 2000) return undefined;
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
}

/** The stamp of a workspace file as it is now (no link followed), or undefined. */
export function currentStamp(path: string): string | undefined {
  try {
    const st = lstatSync(path);
    return st.isFile() ? `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** readBytes, with the file's stamp taken before reading (a change during the read then shows at the next run). */
export function readStamped(path: string): { bytes: Uint8Array; stamp: string | undefined } | { unreadable: string } {
  try {
    // O_NOFOLLOW: a file swapped for a link after the listing is still not followed (ELOOP).
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      // One fstat gives both the stamp and the size to read (readFileSync would take another).
      const st = fstatSync(fd);
      const bytes = Buffer.allocUnsafe(st.size);
      let n = 0;
      for (let got = 1; n < st.size && got > 0; n += got) got = readSync(fd, bytes, n, st.size - n, null);
      return { bytes: n === st.size ? bytes : bytes.subarray(0, n), stamp: stampOf(st) };
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    return { unreadable: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
}

export function unreadableDiagnostic(rel: string, reason: string, what: 'file' | 'folder' = 'file'): Diagnostic {
  if (reason === 'ELOOP') return symlinkDiagnostic(rel);
  if (what === 'folder')
    return {
      file: rel,
      line: 0,
      column: 0,
      rule: 'file/unreadable',
      severity: 'error',
      message: `The folder cannot be listed (${reason}), so the records in it are not checked.`,
      hint: 'Check its permissions: itsm needs to list and read every folder under content/.',
    };
  return {
    file: rel,
    line: 0,
    column: 0,
    rule: 'file/unreadable',
    severity: 'error',
    message: `The file cannot be read (${reason}).`,
    hint: 'Check that it is a regular file you can read; records are Markdown files in content/<kind>/.',
  };
}
