/**
 * Where `itsm build` may write its site. The output folder is replaced wholesale, so it must be a
 * new or empty folder, or a site an earlier build made (recognised by its marker file), and never
 * the workspace, anything holding it, its records, its settings or a git folder, however the paths
 * are spelled (symlinks and `..` are resolved first).
 */
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { isWithin } from '../core/safe-path.ts';

/** Written into every site `itsm build` makes: only a folder holding it is replaced without asking. */
export const SITE_MARKER = '.itsm-site';
export const SITE_MARKER_TEXT = 'This folder is a site built by `itsm build`; the next build replaces it wholesale.\n';

/** The real path of `path`, which need not exist: its nearest existing ancestor resolved, the rest appended. */
function realPathOf(path: string): string {
  const missing: string[] = [];
  let at = path;
  for (;;) {
    try {
      return join(realpathSync(at), ...missing.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return path;
      missing.push(basename(at));
      at = up;
    }
  }
}

/** Every git folder the workspace lives in: `.git` of the root and of each folder above it (or where a `.git` file points). */
function gitFolders(root: string): string[] {
  const found: string[] = [];
  for (let at = root; ; at = dirname(at)) {
    const dotGit = join(at, '.git');
    if (existsSync(dotGit)) {
      found.push(realPathOf(dotGit));
      try {
        if (statSync(dotGit).isFile()) {
          const target = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
          if (target) found.push(realPathOf(resolve(at, target)));
        }
      } catch {
        // unreadable .git file: the folder itself is still protected
      }
    }
    if (dirname(at) === at) return found;
  }
}

/** Why the site must not be written to `outArg` for the workspace at `rootArg`, or undefined when it may. */
export function outputProblem(outArg: string, rootArg: string): string | undefined {
  const root = realPathOf(resolve(rootArg));
  const given = resolve(outArg);
  const suggestion = `Choose a new or empty folder, e.g. --out ${join(resolve(rootArg), 'dist')}.`;
  let stat;
  try {
    stat = lstatSync(given);
  } catch {
    stat = undefined;
  }
  if (stat?.isSymbolicLink())
    return `the output folder ${given} is a symlink; the build replaces the output folder, so it does not follow links. Pass the folder itself.`;
  const out = realPathOf(given);
  const shown = out === given ? out : `${given} (that is, ${out})`;
  if (isWithin(root, out, sep))
    return `the output folder ${shown} ${out === root ? 'is' : 'contains'} the workspace; it is replaced on every build. ${suggestion}`;
  const guarded: Array<[string, string]> = [
    [join(root, 'content'), 'content/, where records live'],
    [join(root, 'itsm.yaml'), 'the workspace settings itsm.yaml'],
    ...gitFolders(root).map((g): [string, string] => [g, `the git folder ${g}`]),
  ];
  for (const [path, what] of guarded) {
    if (isWithin(out, path, sep)) return `the output folder ${shown} ${out === path ? 'is' : 'is inside'} ${what}. ${suggestion}`;
  }
  if (!stat) return undefined;
  if (!stat.isDirectory()) return `the output ${shown} is a file, not a folder; the build would replace it. ${suggestion}`;
  const entries = readdirSync(given);
  if (entries.length > 0 && !entries.includes(SITE_MARKER)) {
    return `the output folder ${shown} is not empty and is not a site \`itsm build\` made (it has no ${SITE_MARKER} file), and the build replaces the folder wholesale. ${suggestion} (A site built before itsm marked its builds: remove it once by hand.)`;
  }
  return undefined;
}

/** The temporary folders builds work in, beside their output: `.itsm-build-<random>`. */
export const BUILD_FOLDER_PREFIX = '.itsm-build-';
/** In each temporary folder: which process made it, so a later build can tell a dead build's folder from a running one's. */
export const BUILD_OWNER_FILE = '.itsm-build-owner';

interface BuildOwner {
  tool: 'itsm build';
  pid: number;
  host: string;
}

/** Creates the temporary folder for a build of `out`, beside it, marked with this process's pid and host. */
export function makeBuildFolder(out: string): string {
  const dir = mkdtempSync(join(dirname(out), BUILD_FOLDER_PREFIX));
  const owner: BuildOwner = { tool: 'itsm build', pid: process.pid, host: hostname() };
  writeFileSync(join(dir, BUILD_OWNER_FILE), JSON.stringify(owner) + '\n', { flag: 'wx' });
  return dir;
}

/**
 * Removes the temporary folders beside `out` that builds left when they were killed with no chance
 * to clean up (out of memory, SIGKILL). Only a folder that proves it is one goes: a real folder
 * named `.itsm-build-*` holding a regular owner file a build wrote on this host, naming a process
 * that no longer runs. A running build's folder, one without an owner file (a build killed before
 * writing it), one from another host and anything else are left alone. Returns a line per folder
 * removed (or that could not be), for the log.
 */
export function removeDeadBuildFolders(out: string): string[] {
  const parent = dirname(out);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.filter((n) => n.startsWith(BUILD_FOLDER_PREFIX)).sort()) {
    const dir = join(parent, name);
    const owner = buildOwner(dir);
    if (!owner || owner.host !== hostname() || isRunning(owner.pid)) continue;
    try {
      rmSync(dir, { recursive: true, force: true });
      removed.push(`removed ${dir}: the temporary folder of a build (process ${owner.pid}) that ended without removing it`);
    } catch (err) {
      // A leftover is no reason to fail this build: it is tried again next time.
      removed.push(`could not remove ${dir}, the temporary folder of a build (process ${owner.pid}) that ended: ${(err as Error).message}`);
    }
  }
  return removed;
}

/** The owner a build folder's owner file names, or undefined when the folder does not prove it is a build's. */
function buildOwner(dir: string): BuildOwner | undefined {
  try {
    if (!lstatSync(dir).isDirectory()) return undefined;
    const file = join(dir, BUILD_OWNER_FILE);
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.size > 1024) return undefined;
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<BuildOwner> | null;
    if (o?.tool !== 'itsm build' || !Number.isSafeInteger(o.pid) || o.pid! <= 0 || typeof o.host !== 'string') return undefined;
    return { tool: o.tool, pid: o.pid!, host: o.host };
  } catch {
    return undefined;
  }
}

/** Whether process `pid` runs (signal 0 checks without signalling); one that exists but is not ours (EPERM) runs too. */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
