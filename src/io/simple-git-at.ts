/**
 * The one place simple-git is created. simple-git 4's environment guard already removes every
 * inherited `GIT_*` variable (a superset of the ones git-env.ts drops) and refuses unsafe ones given
 * explicitly, so it is given no environment of ours: passing gitEnvironment() through `.env()` would
 * make the guard refuse the user's own `GIT_AUTHOR_NAME` or `EDITOR`. The guard stays on.
 *
 * Apart from git-env.ts because that one is loaded by every command that runs git, `itsm validate`
 * included, and simple-git is 90 KB more to load at every start.
 */
import { simpleGit, type SimpleGit } from 'simple-git';

export function simpleGitAt(root: string): SimpleGit {
  return simpleGit({ baseDir: root });
}
