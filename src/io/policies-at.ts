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
 * they are at `rev`. `ids` are the record IDs the policies may name (services in sla.yaml...).
 * Throws GitError when `rev` cannot be read.
 */
export async function readPoliciesAt(root: string, rev: string, which: ReadonlyArray<keyof PolicyFiles>, ids: ReadonlySet<string>): Promise<PoliciesAt> {
  const commit = await resolveCommit(root, rev);
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
  const wanted = new Set(which.map((key) => `content/policies/${POLICY_FILES[key].file}`));
  const tree = await readTreeAt(root, commit, [...wanted].map((rel) => `${prefix}${rel}`));
  const textOf = (rel: string): string | undefined => (wanted.has(rel) ? tree.get(`${prefix}${rel}`) : undefined);
  const outcome = analyzePolicies(textOf);
  const later = placeLater(
    policyRules(outcome.policies, ids).filter((d) => wanted.has(d.file)),
    textOf,
  );
  const diagnostics = [...outcome.diagnostics, ...later].map((d) => ({ ...d, file: `${rev}:${d.file}` })).sort(compareDiagnostics);
  return { commit, policies: outcome.policies, diagnostics };
}
