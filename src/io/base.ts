/** The workspace as it is at a git revision (a pull request's base), read in one batch from git. */
import { git, readTreeAt } from './git-tree.ts';
import { loadWorkspaceFromFiles, type LoadResult } from './workspace.ts';

export interface BaseWorkspace extends LoadResult {
  /** Workspace-relative path -> content at the revision. */
  contents: Map<string, string>;
}

/** Loads the workspace under `root` as it is at `rev`; paths are relative to `root` like on disk. Throws GitError. */
export async function loadBaseWorkspace(root: string, rev: string): Promise<BaseWorkspace> {
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
  const tree = await readTreeAt(root, rev, [`${prefix}content`, `${prefix}itsm.yaml`]);
  const files = new Map<string, string>();
  for (const [path, text] of tree) files.set(path.slice(prefix.length), text);
  return { ...loadWorkspaceFromFiles(files), contents: files };
}
