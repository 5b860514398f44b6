/**
 * Reads the history of every file in one pass: one `git log` over the repository (rename detection,
 * blob ids of each side) and one `git cat-file --batch` for the contents, whatever the number of files.
 * simple-git answers the questions about the repository (is it one, is it shallow); the log and the
 * contents go through raw plumbing, which is what makes it fast.
 */
import { availableParallelism } from 'node:os';
import { assignPullRequests, recordHistory, type CommitLink, type FileVersion, type HistoryEntry } from '../core/history.ts';
import { unsafePathReason } from '../core/safe-path.ts';
import { catFileBatch, git, GitError } from './git-tree.ts';
import { simpleGitAt } from './simple-git-at.ts';

export type { FileVersion, HistoryEntry } from '../core/history.ts';

/** The folder is in no git repository: it has no history, which is not a failure of git. */
export class NotARepositoryError extends GitError {
  constructor(root: string) {
    super(`${root} is not inside a git repository; history comes from git (run \`git init\` and commit, or pass --root).`);
    this.name = 'NotARepositoryError';
  }
}

export interface HistoryIndex {
  /** True in a shallow clone: the oldest versions are missing and the first one seen looks like a creation. */
  truncated: boolean;
  /** Current path (or last path, for deleted files) -> versions, newest first. */
  files: Map<string, FileVersion[]>;
}

export interface ReadHistoryOptions {
  /** Only files under these paths (files or folders, relative to root). Default: everything. */
  paths?: string[];
  /** Follow one file back across renames; needs exactly one path. */
  follow?: boolean;
  /** Read each version's content (default true). Without it, `content` is null and `before` left out. */
  contents?: boolean;
  /** Split the log over the cores from this many first-parent commits on (default 2000). */
  sliceAbove?: number;
  /**
   * Keep only the files whose current path passes, before any content is read (a sharded site build
   * reads the contents of its own records' versions only). Renames are followed first.
   */
  keep?: (path: string) => boolean;
}

/** Fields of one commit in the log, separated by NUL; commits start with RS (\x1e). */
const LOG_FORMAT = '--format=%x1e%H%x00%P%x00%an%x00%ae%x00%cI%x00%B';
const NO_BLOB = /^0+$/;

interface LoggedCommit extends CommitLink {
  author: string;
  email: string;
  date: string;
  changes: RawChange[];
}

interface RawChange {
  status: string;
  oldBlob: string | null;
  newBlob: string | null;
  oldPath: string;
  newPath: string;
}

/**
 * Every version of every file under `root` (or of `opts.paths`), newest first. Paths are relative to
 * `root`, which may be a folder inside the repository. A repository without commits has no history;
 * a folder outside git throws NotARepositoryError, any other failure of git a GitError.
 */
export async function readHistory(root: string, opts: ReadHistoryOptions = {}): Promise<HistoryIndex> {
  const repo = await openRepository(root);
  if (!repo.head) return { truncated: repo.shallow, files: new Map() };
  if (opts.follow && opts.paths?.length !== 1) throw new GitError('readHistory: `follow` needs exactly one path.');
  const args = ['log', '-z', '--raw', '--no-abbrev', '-M', '--no-show-signature', '--no-color', LOG_FORMAT];
  if (repo.prefix) args.push('--relative');
  // A pathspec makes git diff every commit twice (once to simplify history, once for the output), so
  // a whole-repository pass filters paths here instead; only following one file asks git for one path.
  // That leaves out the merge commits that carry PR numbers: the graph is read on the side.
  const [commits, graph] = await Promise.all([
    opts.follow
      ? followFile(root, repo.head, repo.prefix, args, opts.paths![0]!, opts.sliceAbove)
      : logInSlices(root, repo.head, args, opts.sliceAbove).then((text) => parseLog(text, pathFilter(opts.paths))),
    opts.follow ? readGraph(root, repo.head) : null,
  ]);
  const prs = assignPullRequests(graph ?? commits, repo.head);
  const files = collectVersions(commits, prs);
  if (opts.keep) for (const path of [...files.keys()]) if (!opts.keep(path)) files.delete(path);
  if (opts.contents !== false) await fillContents(root, files);
  else for (const versions of files.values()) for (const v of versions) stripBlobs(v as PendingVersion);
  return { truncated: repo.shallow, files };
}

/**
 * The story of every record file under content/ (or of those `keep` passes), in one pass: what the
 * site's record pages show. Keys are current paths (the last path, for deleted records).
 */
export async function readRecordHistories(
  root: string,
  keep?: (path: string) => boolean,
): Promise<{ truncated: boolean; records: Map<string, HistoryEntry[]> }> {
  const { truncated, files } = await readHistory(root, { paths: ['content'], ...(keep ? { keep } : {}) });
  const records = new Map<string, HistoryEntry[]>();
  for (const [path, versions] of files) if (path.endsWith('.md')) records.set(path, recordHistory(versions, path));
  return { truncated, records };
}

interface Repository {
  /** HEAD's commit, or null when there are no commits yet. */
  head: string | null;
  shallow: boolean;
  /** Where root sits inside the repository, e.g. `ops/` ('' at the top). */
  prefix: string;
}

async function openRepository(root: string): Promise<Repository> {
  const sg = simpleGitAt(root);
  if (!(await sg.checkIsRepo())) throw new NotARepositoryError(root);
  const [shallow, prefix, head] = await Promise.all([
    sg.revparse(['--is-shallow-repository']),
    sg.revparse(['--show-prefix']),
    sg.revparse(['--verify', '--quiet', 'HEAD^{commit}']).catch(() => ''),
  ]);
  return { head: head.trim() || null, shallow: shallow.trim() === 'true', prefix: prefix.trim() };
}

/** True when `root` is in a shallow clone (history truncated). */
export async function isShallow(root: string): Promise<boolean> {
  return (await simpleGitAt(root).revparse(['--is-shallow-repository'])).trim() === 'true';
}

/**
 * The commit a branch was cut from: the merge base of `rev` and HEAD. Comparing against it, rather
 * than against `rev` itself, keeps records that landed on the base after the branch was cut from
 * looking deleted. On a PR's merge commit it is `rev` itself.
 */
export async function forkPoint(root: string, rev: string): Promise<string> {
  try {
    return (await git(root, ['merge-base', '--end-of-options', rev, 'HEAD'])).trim();
  } catch (err) {
    throw new GitError(`no common ancestor of "${rev}" and HEAD in ${root}: fetch the full history first (in CI: actions/checkout with fetch-depth: 0).`, {
      cause: err,
    });
  }
}

/** Below this many first-parent commits one process is quick enough. */
const SLICE_ABOVE = 2000;

/**
 * Runs the log as several git processes over disjoint slices of history, one per core: cut points on
 * the first-parent chain split the commits into "reachable from this cut but not from the next".
 * Diffing trees is what takes the time and each slice's diffs are independent. Concatenated newest
 * slice first, the output still lists children before their parents, as one `git log` would.
 */
async function logInSlices(root: string, head: string, args: readonly string[], sliceAbove = SLICE_ABOVE, paths: readonly string[] = []): Promise<string> {
  const pathspec = paths.length ? ['--', ...paths] : [];
  const slices = Math.min(availableParallelism(), 4);
  const mainline = slices > 1 ? (await git(root, ['rev-list', '--first-parent', head])).split('\n').filter(Boolean) : [];
  if (mainline.length < Math.max(sliceAbove, slices)) return git(root, [...args, head, ...pathspec]);
  const tips = [head, ...Array.from({ length: slices - 1 }, (_, i) => mainline[Math.floor((mainline.length * (i + 1)) / slices)]!)];
  const parts = await Promise.all(tips.map((tip, i) => git(root, [...args, tip, ...(tips[i + 1] ? [`^${tips[i + 1]}`] : []), ...pathspec])));
  return parts.join('');
}

async function readGraph(root: string, head: string): Promise<CommitLink[]> {
  const text = await git(root, ['log', '--no-show-signature', '--format=%x1e%H%x00%P%x00%B', head]);
  const out: CommitLink[] = [];
  for (const chunk of text.split('\x1e')) {
    if (!chunk) continue;
    const [sha = '', parents = '', message = ''] = chunk.split('\0');
    out.push({ sha, parents: parents ? parents.split(' ') : [], message: message.trim() });
  }
  return out;
}

/** Keeps the files under one of `paths` (files or folders); everything when there are none. */
function pathFilter(paths: readonly string[] | undefined): ((path: string) => boolean) | undefined {
  if (!paths?.length) return undefined;
  const clean = paths.map((p) => p.replace(/^\.\/|\/+$/g, ''));
  if (clean.includes('') || clean.includes('.')) return undefined;
  return (path) => clean.some((p) => path === p || path.startsWith(p + '/'));
}

/** Parses `git log -z --raw --no-abbrev` output in LOG_FORMAT, keeping the changes `keep` accepts. */
function parseLog(text: string, keep?: (path: string) => boolean): LoggedCommit[] {
  const commits: LoggedCommit[] = [];
  for (const chunk of text.split('\x1e')) {
    if (!chunk) continue;
    const tokens = chunk.split('\0');
    const [sha = '', parents = '', author = '', email = '', date = '', message = ''] = tokens;
    const changes = parseRaw(tokens, 6, keep);
    commits.push({ sha, parents: parents ? parents.split(' ') : [], author, email, date, message: message.trim(), changes });
  }
  return commits;
}

/** Raw diff entries from NUL-separated tokens: ":100644 100644 <old blob> <new blob> <status>", then one path, or two for renames and copies. */
function parseRaw(tokens: readonly string[], start: number, keep?: (path: string) => boolean): RawChange[] {
  const changes: RawChange[] = [];
  for (let i = start; i < tokens.length; i++) {
    const header = tokens[i]!.replace(/^\n/, '');
    if (!header.startsWith(':')) continue;
    const [, , oldBlob = '', newBlob = '', status = ''] = header.slice(1).split(' ');
    const twoPaths = status.startsWith('R') || status.startsWith('C');
    const oldPath = tokens[++i] ?? '';
    const newPath = twoPaths ? (tokens[++i] ?? '') : oldPath;
    if (keep && !keep(newPath) && !keep(oldPath)) continue;
    // A crafted tree's `..` or `.git` paths are no file of the workspace: they have no history.
    if (unsafePathReason(newPath) || unsafePathReason(oldPath)) continue;
    changes.push({
      status: status.charAt(0),
      oldBlob: NO_BLOB.test(oldBlob) ? null : oldBlob,
      newBlob: NO_BLOB.test(newBlob) || status === 'D' ? null : newBlob,
      oldPath,
      newPath,
    });
  }
  return changes;
}

/** A file renamed more often than this is followed no further (a guard, not a real limit). */
const MAX_RENAMES = 100;

/**
 * One file's commits, following it back through renames: a log limited to each name it had (which
 * git answers from changed-path Bloom filters when the repository has them), and, for the commit that
 * created it under that name, one `git diff-tree -M` to see whether it was renamed from another.
 * Renames only, like the whole-repository pass: `git log --follow` would also follow copies, handing a
 * record written from a copy of another that other record's past, and cannot use the filters.
 */
async function followFile(root: string, head: string, prefix: string, args: readonly string[], path: string, sliceAbove?: number): Promise<LoggedCommit[]> {
  const out: LoggedCommit[] = [];
  let rev = head;
  let current = path;
  for (let hop = 0; hop < MAX_RENAMES; hop++) {
    const commits = parseLog(await logInSlices(root, rev, args, sliceAbove, [current]));
    out.push(...commits);
    const oldest = commits.at(-1);
    const created = oldest?.changes.find((ch) => ch.status === 'A' && ch.newPath === current);
    if (!oldest || !created || oldest.parents.length === 0) break;
    const diff = await git(root, ['diff-tree', '-z', '-r', '-M', '--raw', '--no-abbrev', '--no-commit-id', ...(prefix ? ['--relative'] : []), oldest.sha]);
    const rename = parseRaw(diff.split('\0'), 0).find((ch) => ch.status === 'R' && ch.newPath === current);
    if (!rename) break;
    Object.assign(created, { status: 'R', oldPath: rename.oldPath, oldBlob: rename.oldBlob });
    current = rename.oldPath;
    rev = `${oldest.sha}^`;
  }
  return out;
}

const STATUS: Record<string, FileVersion['status']> = { A: 'added', M: 'modified', T: 'modified', R: 'renamed', D: 'deleted' };

/** Version with the blob ids its contents will be read from. */
type PendingVersion = FileVersion & { blob: string | null; beforeBlob: string | null };

/**
 * Groups changes by file, following renames backwards: walking from the newest commit, a rename
 * old -> new makes older versions at `old` belong to the file now at `new` (or wherever that went).
 */
function collectVersions(commits: readonly LoggedCommit[], prs: ReadonlyMap<string, number>): Map<string, FileVersion[]> {
  const files = new Map<string, FileVersion[]>();
  const currentPathOf = new Map<string, string>();
  for (const c of commits) {
    for (const ch of c.changes) {
      const current = currentPathOf.get(ch.newPath) ?? ch.newPath;
      const version: PendingVersion = {
        commit: c.sha,
        author: c.author,
        email: c.email,
        date: c.date,
        message: c.message,
        pr: prs.get(c.sha) ?? null,
        path: ch.newPath,
        status: STATUS[ch.status] ?? 'modified',
        content: null,
        blob: ch.newBlob,
        beforeBlob: ch.status === 'A' ? null : ch.oldBlob,
      };
      let list = files.get(current);
      if (!list) files.set(current, (list = []));
      list.push(version);
      if (ch.status === 'R') {
        // Before this commit the file lived at oldPath; whatever was at newPath before is another file.
        currentPathOf.delete(ch.newPath);
        currentPathOf.set(ch.oldPath, current);
      }
    }
  }
  return files;
}

/** Reads every distinct blob once, in one `git cat-file --batch`, and fills `content` and `before`. */
async function fillContents(root: string, files: Map<string, FileVersion[]>): Promise<void> {
  const wanted = new Set<string>();
  for (const versions of files.values()) {
    for (const v of versions as PendingVersion[]) {
      if (v.blob) wanted.add(v.blob);
      if (v.beforeBlob) wanted.add(v.beforeBlob);
    }
  }
  const shas = [...wanted];
  const blobs = await catFileBatch(root, shas);
  const text = new Map<string, string>();
  shas.forEach((sha, i) => text.set(sha, blobs[i]!.toString('utf8')));
  for (const versions of files.values()) {
    for (const v of versions as PendingVersion[]) {
      v.content = v.blob ? (text.get(v.blob) ?? null) : null;
      v.before = v.beforeBlob ? (text.get(v.beforeBlob) ?? null) : null;
      stripBlobs(v);
    }
  }
}

function stripBlobs(v: PendingVersion): void {
  delete (v as Partial<PendingVersion>).blob;
  delete (v as Partial<PendingVersion>).beforeBlob;
}
