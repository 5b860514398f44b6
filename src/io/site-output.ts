/**
 * Where `itsm build` may write its site. The output folder is replaced wholesale, so it must be a
 * new or empty folder, or a site an earlier build made (recognised by its marker file), and never
 * the workspace, anything holding it, its records, its settings or a git folder, however the paths
 * are spelled (symlinks and `..` are resolved first).
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
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
