/** Reads a workspace as it stood at a moment from git history, and writes it out as a folder. */
import { git, GitError, readTreeAt } from './git-tree.ts';
import { isShallow } from './history.ts';
import { SETTINGS_FILE } from './layout.ts';
import { readTextNoFollow, writeFileInside } from './safe-fs.ts';
import { analyzePolicies } from './workspace.ts';

export interface CommitInfo {
  sha: string;
  date: string;
  author: string;
  subject: string;
}

export interface WorkspaceAt {
  commit: CommitInfo;
  /** Repository path -> text of content/ and itsm.yaml at that commit. */
  files: Map<string, string>;
  /** Where the workspace sits in the repository ("" at the top). */
  prefix: string;
}

/**
 * The workspace files at the last commit on REV's main line made at or before epochMs. A GitError
 * says why not, with a hint when the clone is shallow (older history is missing).
 */
export async function readWorkspaceAt(root: string, rev: string, epochMs: number): Promise<WorkspaceAt> {
  try {
    const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
    const commit = await lastCommitBefore(root, rev, epochMs);
    const files = await readTreeAt(root, commit.sha, [`${prefix}content`, `${prefix}${SETTINGS_FILE}`]);
    return { commit, files, prefix };
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    const shallow = await isShallow(root).catch(() => false);
    throw new GitError(`${err.message}${shallow ? '\nThis is a shallow clone, so older history is missing: run `git fetch --unshallow`.' : ''}`, {
      cause: err,
    });
  }
}

/** Writes the files into the folder out, paths relative to the workspace; throws UnsafePathError for a path that would leave it. */
export function writeWorkspaceCopy(out: string, at: WorkspaceAt): void {
  // Paths from git were checked when the tree was read; this checks again where they land.
  for (const [path, text] of at.files) writeFileInside(out, path.slice(at.prefix.length), text);
}

async function lastCommitBefore(root: string, rev: string, epochMs: number): Promise<CommitInfo> {
  // First parents only: the main line as it stood then, not a branch commit merged later.
  const seconds = Math.floor(epochMs / 1000);
  const line = (
    await git(root, [
      'log',
      '-1',
      '--first-parent',
      '--no-show-signature',
      `--before=${seconds} +0000`,
      '--format=%H%x00%cI%x00%an%x00%s',
      '--end-of-options',
      rev,
    ])
  ).trim();
  if (!line) {
    const first = (await git(root, ['log', '--first-parent', '--reverse', '--format=%cI', '--end-of-options', rev]).catch(() => '')).split('\n')[0];
    throw new GitError(first ? `no commit at or before that moment: the first commit of ${rev} is from ${first}.` : `${rev} has no commits yet.`);
  }
  const [sha = '', date = '', author = '', subject = ''] = line.split('\0');
  return { sha, date, author, subject };
}

/** The workspace's time zone from itsm.yaml (the default when absent or unreadable). */
export function workspaceTimeZone(root: string): string {
  // A symlinked itsm.yaml is not read (`itsm validate` reports it): the default zone applies.
  const found = readTextNoFollow(root, SETTINGS_FILE);
  const text = typeof found === 'string' ? found : undefined;
  return analyzePolicies((rel) => (rel === SETTINGS_FILE ? text : undefined)).settings.time_zone;
}
