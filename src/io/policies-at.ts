/**
 * Policy files as they are at a git revision, read as data from git objects (nothing is checked
 * out) and validated like `itsm validate` validates them: schema, then the rules across policy files.
 * The back-tests judge history under them.
 */
import { compareDiagnostics, type Diagnostic } from '../core/diagnostic.ts';
import { POLICY_FILES, type Policies, type PolicyFiles } from '../core/model.ts';
import { policyRules } from '../core/validate/policy-rules.ts';
import { placeLater } from './analyze.ts';
import { git, readTreeAt, resolveCommit } from './git-tree.ts';
import { analyzePolicies } from './workspace.ts';

export interface PoliciesAt {
  /** The commit `rev` resolved to. */
  commit: string;
  /** The valid ones among the files asked for; a file missing at the commit is simply absent. */
  policies: Policies;
  /** Errors and warnings in those files, each named `REV:content/policies/<file>`. */
  diagnostics: Diagnostic[];
}

/**
 * Reads and validates the policy files `which` (keys of POLICY_FILES) of the workspace at `root` as
 * they are at `rev`, against the records of that commit (the services sla.yaml names must exist
 * there). Throws GitError when `rev` cannot be read.
 */
export async function readPoliciesAt(root: string, rev: string, which: ReadonlyArray<keyof PolicyFiles>): Promise<PoliciesAt> {
  const commit = await resolveCommit(root, rev);
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
  const ids = await recordIdsAt(root, commit, prefix);
  const wanted = new Set(which.map((key) => `content/policies/${POLICY_FILES[key].file}`));
  const tree = await readTreeAt(
    root,
    commit,
    [...wanted].map((rel) => `${prefix}${rel}`),
  );
  const textOf = (rel: string): string | undefined => (wanted.has(rel) ? tree.get(`${prefix}${rel}`) : undefined);
  const outcome = analyzePolicies(textOf);
  const later = placeLater(
    policyRules(outcome.policies, ids).filter((d) => wanted.has(d.file)),
    textOf,
  );
  const diagnostics = [...outcome.diagnostics, ...later].map((d) => ({ ...d, file: `${rev}:${d.file}` })).sort(compareDiagnostics);
  return { commit, policies: outcome.policies, diagnostics };
}

/** The IDs of the records at a commit, from their file names (content/<kind>/<ID>.md): one `git ls-tree`, nothing parsed. */
async function recordIdsAt(root: string, commit: string, prefix: string): Promise<Set<string>> {
  const names = await git(root, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--', `${prefix}content`]);
  const ids = new Set<string>();
  for (const path of names.split('\0')) {
    const m = /\/([^/]+)\.md$/.exec(path);
    if (m) ids.add(m[1]!);
  }
  return ids;
}
