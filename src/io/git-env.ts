/**
 * The environment every git subprocess of the tool runs with. Git reads variables that choose the
 * repository, its objects, its index and extra configuration (git(1), ENVIRONMENT VARIABLES), and a
 * parent git sets some of them for its hooks: a pre-commit hook running `itsm validate` inherits
 * `GIT_INDEX_FILE`, a pre-receive hook `GIT_OBJECT_DIRECTORY` and `GIT_QUARANTINE_PATH`, `git -c k=v
 * commit` passes `GIT_CONFIG_PARAMETERS`, and a caller may have `GIT_DIR`/`GIT_WORK_TREE` set for
 * another repository. Inherited, they would point the tool's git calls somewhere else than the
 * workspace it was given. They are dropped; everything else (PATH, HOME, LANG, the user's identity,
 * `GIT_CONFIG_GLOBAL`, tracing) is kept, and git never prompts on a terminal.
 *
 * simple-git is created in simple-git-at.ts, not here: every command that runs git imports this,
 * `itsm validate` included (the cache asks git whether it is committed), and loading simple-git was
 * 90 KB more at every start.
 */

/** Which repository, work tree, objects, refs and index git uses (git(1), "The Git Repository"), and what a pathspec means. */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_INDEX_FILE',
  'GIT_INDEX_VERSION',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_QUARANTINE_PATH',
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_SHALLOW_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_LITERAL_PATHSPECS',
  'GIT_GLOB_PATHSPECS',
  'GIT_NOGLOB_PATHSPECS',
  'GIT_ICASE_PATHSPECS',
];

/**
 * Configuration added for one invocation (`git -c`, `GIT_CONFIG_COUNT` pairs, `git config`'s file).
 * `GIT_CONFIG_GLOBAL`/`GIT_CONFIG_SYSTEM` are kept: like HOME, they say where the user's own config is.
 */
const CONFIG_VARIABLES = ['GIT_CONFIG', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT'];
const CONFIG_PREFIXES = ['GIT_CONFIG_KEY_', 'GIT_CONFIG_VALUE_'];

const DROPPED = new Set([...REPOSITORY_VARIABLES, ...CONFIG_VARIABLES]);

/** True for a variable that would redirect a git call to another repository, index or configuration. */
export function redirectsGit(name: string): boolean {
  const key = name.toUpperCase();
  return DROPPED.has(key) || CONFIG_PREFIXES.some((p) => key.startsWith(p));
}

/** The environment for a git subprocess: `env` without the variables that redirect git, and no terminal prompts. */
export function gitEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (!redirectsGit(name)) out[name] = value;
  out.GIT_TERMINAL_PROMPT = '0';
  return out;
}
