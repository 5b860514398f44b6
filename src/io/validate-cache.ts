/**
 * The `itsm validate` cache (.itsm-cache/validate-v1.json): per record file, its content hash and
 * the outcome of checking it. It is trusted only when every entry has the shape this version
 * writes; one wrong entry and the whole cache is ignored (a clean rebuild), never half-used. A
 * cache committed to git is not trusted either: it would come from whoever wrote the commit.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, PendingDiagnostic } from '../core/diagnostic.ts';
import { KINDS } from '../core/ids.ts';
import { isKnownTimeZone } from '../core/time-zone.ts';
import type { Policies, WorkspaceSettings } from '../core/model.ts';
import type { RecordOutcome } from './analyze.ts';
import { gitEnvironment } from './git-env.ts';
import { symlinkOnPath } from './safe-fs.ts';

export const CACHE_DIR = '.itsm-cache';
const CACHE_FILE = 'validate-v1.json';
/**
 * The entries changed since validate-v1.json was written, by a run that changed few: rewriting
 * every entry (megabytes at 10,000 records) for 10 edited files would cost more than checking them.
 */
const JOURNAL_FILE = 'validate-v1.journal.json';
/** A journal may hold this many entries (or a tenth of all, if more) before the whole cache is rewritten. */
const JOURNAL_LIMIT = 1000;

export interface PolicyResult {
  settings: WorkspaceSettings;
  policies: Policies;
  diagnostics: Diagnostic[];
}
export interface CacheEntry {
  /**
   * SHA-1 of the file's bytes, when the run that checked it had reason to keep it: the file had no
   * stamp yet (changed in the last 2 seconds), or the run was a warm one (a few files, so it costs
   * nothing). A cold run does not hash files that have a stamp: most runs in CI are cold and never
   * read the cache again. A file whose stamp changed and that has no hash is simply checked again
   * (and keeps a hash from then on), which is what a hash would have spared only when the content is
   * the same (a `touch`, a checkout back and forth).
   */
  hash?: string;
  /** The file's size, times and inode when it was read (layout.ts stampOf): equal now, the file is not read again. */
  stamp?: string;
  outcome: RecordOutcome;
}
export interface CacheFile {
  format: number;
  key: string;
  policy: PolicyResult;
  entries: Record<string, CacheEntry>;
  /** Names this write of the whole cache: a journal applies only to the cache it was written against. */
  id?: string;
  /**
   * What the checks across records (workspaceChecks) found on these entries' facts: reused as long as
   * no file comes or goes and no re-checked file's facts differ.
   */
  cross?: PendingDiagnostic[];
}

const KIND_SET = new Set<string>(KINDS);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const isOptionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';

function isDiagnostic(v: unknown, file?: string): v is Diagnostic {
  return (
    isObject(v) &&
    typeof v.file === 'string' &&
    (file === undefined || v.file === file) &&
    isCount(v.line) &&
    isCount(v.column) &&
    typeof v.rule === 'string' &&
    (v.severity === 'error' || v.severity === 'warning') &&
    typeof v.message === 'string' &&
    isOptionalString(v.hint)
  );
}

function isPending(v: unknown): v is PendingDiagnostic {
  return (
    isObject(v) &&
    typeof v.file === 'string' &&
    (v.line === undefined || isCount(v.line)) &&
    (v.column === undefined || isCount(v.column)) &&
    typeof v.rule === 'string' &&
    (v.severity === 'error' || v.severity === 'warning') &&
    typeof v.message === 'string' &&
    isOptionalString(v.hint) &&
    isOptionalString(v.pointer)
  );
}

function isPolicyResult(v: unknown): v is PolicyResult {
  return (
    isObject(v) &&
    isObject(v.settings) &&
    typeof v.settings.name === 'string' &&
    isKnownTimeZone(v.settings.time_zone) &&
    isObject(v.policies) &&
    Array.isArray(v.diagnostics) &&
    v.diagnostics.every((d) => isDiagnostic(d))
  );
}

function isEntry(file: string, v: unknown): v is CacheEntry {
  if (!isObject(v) || !(v.hash === undefined || (typeof v.hash === 'string' && /^[0-9a-f]{40}$/.test(v.hash))) || !isOptionalString(v.stamp)) return false;
  const o = v.outcome;
  if (!isObject(o) || o.file !== file || typeof o.kind !== 'string' || !KIND_SET.has(o.kind)) return false;
  if (!Array.isArray(o.diagnostics) || !o.diagnostics.every((d) => isDiagnostic(d, file))) return false;
  if (o.facts === undefined) return true;
  const f = o.facts;
  return (
    isObject(f) &&
    f.kind === o.kind &&
    isOptionalString(f.id) &&
    typeof f.schemaValid === 'boolean' &&
    isObject(f.summary) &&
    (f.people === undefined || (Array.isArray(f.people) && f.people.every(isPersonRef))) &&
    f.happened === undefined &&
    (f.latest === undefined || Number.isFinite(f.latest))
  );
}

/** A person a record names, as check-record writes it (the person checks trust these). */
function isPersonRef(v: unknown): boolean {
  return (
    isObject(v) && typeof v.pointer === 'string' && typeof v.handle === 'string' && (v.contact === undefined || v.contact === true) && isOptionalString(v.team)
  );
}

/** True when `value` is a cache this version wrote for `key`, every entry included. */
export function isCacheFile(value: unknown, format: number, key: string): value is CacheFile {
  if (!isObject(value) || value.format !== format || value.key !== key || !isPolicyResult(value.policy) || !isObject(value.entries)) return false;
  if (!isOptionalString(value.id)) return false;
  if (value.cross !== undefined && !(Array.isArray(value.cross) && value.cross.every(isPending))) return false;
  for (const [file, entry] of Object.entries(value.entries)) if (!isEntry(file, entry)) return false;
  return true;
}

/**
 * True when git tracks anything under .itsm-cache/ (false outside git, or when git cannot say). Asked
 * in the background: validate reads the cache meanwhile and trusts it only once git has said no.
 */
export function cacheIsCommitted(root: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('git', ['ls-files', '-z', '--', CACHE_DIR], { cwd: root, env: gitEnvironment(), encoding: 'utf8' }, (err, stdout) =>
      resolve(!err && stdout.length > 0),
    );
  });
}

export function committedCacheDiagnostic(): Diagnostic {
  return {
    file: `${CACHE_DIR}/${CACHE_FILE}`,
    line: 0,
    column: 0,
    rule: 'cache/committed',
    severity: 'warning',
    message: 'The validation cache is committed to git, so it is not trusted: every file was checked afresh.',
    hint: `A committed cache could hide errors; remove it from git: git rm -r --cached ${CACHE_DIR}`,
  };
}

/** A cache as read: the file with its journal applied, and what the journal held (the next journal starts from it). */
export interface ReadCache extends CacheFile {
  journal: Record<string, CacheEntry | null>;
}

interface JournalFile {
  format: number;
  key: string;
  base: string;
  /** Changed or added entries; null for a file that is gone. */
  entries: Record<string, CacheEntry | null>;
  cross?: PendingDiagnostic[];
}

function isJournal(v: unknown, format: number, key: string, base: string | undefined): v is JournalFile {
  if (!isObject(v) || v.format !== format || v.key !== key || base === undefined || v.base !== base || !isObject(v.entries)) return false;
  if (v.cross !== undefined && !(Array.isArray(v.cross) && v.cross.every(isPending))) return false;
  for (const [file, entry] of Object.entries(v.entries)) if (entry !== null && !isEntry(file, entry)) return false;
  return true;
}

function readJson(root: string, file: string): unknown {
  if (symlinkOnPath(root, `${CACHE_DIR}/${file}`)) return undefined;
  try {
    return JSON.parse(readFileSync(join(root, CACHE_DIR, file), 'utf8'));
  } catch {
    return undefined; // missing or corrupt: start afresh
  }
}

/** The cache, or undefined when it is missing, unreadable, for other inputs, or any part of it has the wrong shape. */
export function readCache(root: string, format: number, key: string): ReadCache | undefined {
  const parsed = readJson(root, CACHE_FILE);
  if (!isCacheFile(parsed, format, key)) return undefined;
  const journal = readJson(root, JOURNAL_FILE);
  // A journal of another cache (or a broken one) is ignored, with the cache it was not written for still good.
  if (!isJournal(journal, format, key, parsed.id)) return { ...parsed, journal: {} };
  for (const [file, entry] of Object.entries(journal.entries)) {
    if (entry === null) delete parsed.entries[file];
    else parsed.entries[file] = entry;
  }
  return { ...parsed, ...(journal.cross && { cross: journal.cross }), journal: journal.entries };
}

/**
 * Writes the cache: only a journal of the entries that differ from `previous` (the cache as read at
 * the start of the run) when they are few, else the whole file (and no journal).
 */
export function writeCache(root: string, cache: CacheFile, previous?: ReadCache): void {
  // Written only through no link: a linked .itsm-cache/ would send the writes out of the workspace.
  if (
    symlinkOnPath(root, `${CACHE_DIR}/.gitignore`) ||
    symlinkOnPath(root, `${CACHE_DIR}/${CACHE_FILE}`) ||
    symlinkOnPath(root, `${CACHE_DIR}/${JOURNAL_FILE}`)
  )
    return;
  try {
    const dir = join(root, CACHE_DIR);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.gitignore'), '*\n');
    if (previous?.id !== undefined) {
      const journal: Record<string, CacheEntry | null> = { ...previous.journal };
      for (const [file, entry] of Object.entries(cache.entries)) if (previous.entries[file] !== entry) journal[file] = entry;
      for (const file of Object.keys(previous.entries)) if (!(file in cache.entries)) journal[file] = null;
      if (Object.keys(journal).length <= Math.max(JOURNAL_LIMIT, Object.keys(cache.entries).length / 10)) {
        const file: JournalFile = { format: cache.format, key: cache.key, base: previous.id, entries: journal, ...(cache.cross && { cross: cache.cross }) };
        replace(dir, JOURNAL_FILE, JSON.stringify(file));
        return;
      }
    }
    replace(dir, CACHE_FILE, JSON.stringify({ ...cache, id: randomBytes(8).toString('hex') }));
    rmSync(join(dir, JOURNAL_FILE), { force: true });
  } catch {
    // a cache that cannot be written only costs speed next time
  }
}

/** Writes a file whole or not at all (a reader never sees half of it). */
function replace(dir: string, name: string, text: string): void {
  const tmp = join(dir, `${name}.${process.pid}.tmp`);
  rmSync(tmp, { force: true });
  writeFileSync(tmp, text, { flag: 'wx' });
  renameSync(tmp, join(dir, name));
}

/** True when a cache file is there at all (the committed check runs only then: it costs a git process). */
export function cacheExists(root: string): boolean {
  return existsSync(join(root, CACHE_DIR));
}

const LAST_RUN_FILE = 'last-run.json';

/** What the last full `itsm validate` reported, and with which version of itsm: `itsm upgrade-check` compares with it after a bump. */
export interface LastRun {
  version: string;
  records: number;
  diagnostics: Diagnostic[];
}

/** Records the run beside the cache (same rules: never through a link, a failure only loses the record). */
export function writeLastRun(root: string, run: LastRun): void {
  if (symlinkOnPath(root, `${CACHE_DIR}/${LAST_RUN_FILE}`)) return;
  try {
    const dir = join(root, CACHE_DIR);
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${LAST_RUN_FILE}.${process.pid}.tmp`);
    rmSync(tmp, { force: true });
    writeFileSync(tmp, JSON.stringify(run), { flag: 'wx' });
    renameSync(tmp, join(dir, LAST_RUN_FILE));
  } catch {
    // only upgrade-check without --from misses it
  }
}

/** The last run's record, when there is a well-formed one that is not committed to git. */
export async function readLastRun(root: string): Promise<LastRun | undefined> {
  if (symlinkOnPath(root, `${CACHE_DIR}/${LAST_RUN_FILE}`) || !cacheExists(root) || (await cacheIsCommitted(root))) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(root, CACHE_DIR, LAST_RUN_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || typeof parsed.version !== 'string' || !isCount(parsed.records) || !Array.isArray(parsed.diagnostics)) return undefined;
  if (!parsed.diagnostics.every((d) => isDiagnostic(d))) return undefined;
  return { version: parsed.version, records: parsed.records as number, diagnostics: parsed.diagnostics };
}
