/**
 * The git side of attributing a pull request's commits: the clone must hold exactly the commits the
 * forge lists (a decision must never attribute commits it cannot see), and each merge commit is
 * checked for whether it only brings in base commits as their clean automatic merge.
 *
 * One `git rev-list` lists the commits, their trees and parents; one `git merge-tree` per merge
 * commit (git >= 2.38) recomputes its merge. Nothing is assumed from the forge's word about parents.
 */
import { execFile } from 'node:child_process';
import type { AttributedCommit } from '../core/approvals/attribution.ts';
import { gitEnvironment } from './git-env.ts';
import { git, GitError } from './git-tree.ts';

/** A commit as the forge attributes it (see fetchPullRequest). */
export interface ForgeCommit {
  sha: string;
  author: string | null;
  committer: string | null;
}

interface LocalCommit {
  sha: string;
  tree: string;
  parents: string[];
}

/**
 * Checks the forge's commits against `base..head` in the clone at `root` and marks the merges that
 * bring in only base commits, cleanly. Throws GitError when the two lists differ or the clone is
 * shallow: the command exits 2 (fails closed).
 */
export async function verifyPullRequestCommits(root: string, base: string, head: string, forge: readonly ForgeCommit[]): Promise<AttributedCommit[]> {
  if ((await git(root, ['rev-parse', '--is-shallow-repository'])).trim() === 'true') {
    throw new GitError(`the clone at ${root} is shallow, so the pull request's commits cannot be checked. Check out with fetch-depth: 0 (actions/checkout).`);
  }
  const local = parseRevList(await git(root, ['rev-list', '--no-commit-header', '--format=%H %T %P', `${base}..${head}`]));
  const inPr = new Set(local.map((c) => c.sha));
  const listed = new Set(forge.map((c) => c.sha));
  const onlyForge = [...listed].filter((s) => !inPr.has(s));
  const onlyLocal = [...inPr].filter((s) => !listed.has(s));
  if (onlyForge.length || onlyLocal.length || listed.size !== forge.length) {
    const few = (shas: string[]) =>
      shas
        .slice(0, 5)
        .map((s) => s.slice(0, 7))
        .join(', ') + (shas.length > 5 ? `, and ${shas.length - 5} more` : '');
    throw new GitError(
      `GitHub lists ${forge.length} commits for the pull request, but the clone has ${local.length} in ${base.slice(0, 7)}..${head.slice(0, 7)}` +
        `${onlyForge.length ? `; only GitHub lists ${few(onlyForge)}` : ''}${onlyLocal.length ? `; only the clone has ${few(onlyLocal)}` : ''}${listed.size !== forge.length ? '; GitHub lists a commit twice' : ''}. ` +
        'Every commit must be attributed, so the check fails closed. Re-run it once the pull request and the checkout agree (actions/checkout with fetch-depth: 0 of the pull request head).',
    );
  }
  const clean = new Map<string, boolean>();
  await Promise.all(local.filter((c) => c.parents.length > 1).map(async (c) => clean.set(c.sha, await bringsInOnlyBaseCleanly(root, c, inPr))));
  return forge.map((c) => ({ ...c, cleanBaseMerge: clean.get(c.sha) ?? false }));
}

/**
 * A merge is exempt only if it brings in base commits and nothing else, exactly as git merges them.
 * A parent outside base..head is, by git's own reachability, an ancestor of the base commit; so at
 * most one parent (the pull request's line) may be a PR commit. Then its tree must be the clean
 * automatic merge of its two parents: a conflict resolution or a hand edit is content the merger wrote.
 * Octopus merges are never exempt (git merge-tree merges two).
 */
async function bringsInOnlyBaseCleanly(root: string, merge: LocalCommit, inPr: ReadonlySet<string>): Promise<boolean> {
  if (merge.parents.length !== 2) return false;
  if (merge.parents.filter((p) => inPr.has(p)).length > 1) return false;
  const result = await mergeTree(root, merge.parents[0]!, merge.parents[1]!);
  return result.clean && result.tree === merge.tree;
}

/** `git merge-tree --write-tree`: the tree git's automatic merge would produce, and whether it conflicted. */
function mergeTree(cwd: string, ours: string, theirs: string): Promise<{ clean: boolean; tree: string }> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['merge-tree', '--write-tree', '--no-messages', ours, theirs],
      { cwd, env: gitEnvironment(), encoding: 'utf8', maxBuffer: 1 << 26 },
      (err, stdout) => {
        // Exit 1 is a conflict; anything else (an old git without --write-tree) cannot verify: not exempt.
        const tree = stdout.split('\n')[0]?.trim() ?? '';
        resolve({ clean: !err && /^[0-9a-f]{40,64}$/.test(tree), tree });
      },
    );
  });
}

function parseRevList(out: string): LocalCommit[] {
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha, tree, ...parents] = line.trim().split(' ');
      return { sha: sha!, tree: tree!, parents: parents.filter(Boolean) };
    });
}
