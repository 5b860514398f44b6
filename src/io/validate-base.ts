/** `itsm validate --base REV`: the history rules, comparing the workspace with the point it forked from REV. */
import type { Diagnostic } from '../core/diagnostic.ts';
import { checkAgainstBase } from '../core/base-rules.ts';
import { placeLater } from './analyze.ts';
import { loadBaseWorkspace, type BaseWorkspace } from './base.ts';
import { GitError } from './git-tree.ts';
import { forkPoint } from './history.ts';
import { readTextNoFollow } from './safe-fs.ts';
import { loadWorkspace } from './workspace.ts';

/** The diagnostics of the history rules; a GitError names REV when it cannot be read. */
export async function validateAgainstBase(root: string, rev: string): Promise<Diagnostic[]> {
  let base: BaseWorkspace;
  try {
    // Compare with the point this branch forked from: records added to the base branch since then
    // are not this branch's deletions. (In CI the checkout is the PR's merge commit, whose fork
    // point with the base is the base itself.)
    base = await loadBaseWorkspace(root, await forkPoint(root, rev));
  } catch (err) {
    if (err instanceof GitError) throw new GitError(`cannot read --base ${rev}: ${err.message}`, { cause: err });
    throw err;
  }
  const head = await loadWorkspace(root);
  const pending = checkAgainstBase({ base: base.workspace.records, head: head.workspace.records, headFiles: new Set(head.files), baseRev: rev });
  return placeLater(pending, (rel) => {
    const text = readTextNoFollow(root, rel);
    return typeof text === 'string' ? text : base.contents.get(rel);
  });
}
