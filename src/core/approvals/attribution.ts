/**
 * Who wrote a pull request's commits: every commit is attributed, merge commits included, so an
 * approver whose edits arrive through a merge is an author too. The one exemption is a merge that git
 * verified brings in only commits already on the base branch, as exactly their clean merge ("Update
 * branch"): its merger wrote nothing.
 */
import { loginKey } from '../people.ts';

/** A commit of the pull request: the accounts the forge matched it to, and what git verified of it. */
export interface AttributedCommit {
  sha: string;
  /** Login of the author's account; null when the author email belongs to no account. */
  author: string | null;
  /** Login of the committer's account; null when none. */
  committer: string | null;
  /** Verified in the clone: a merge of base commits only, whose tree is their clean automatic merge. */
  cleanBaseMerge: boolean;
}

/**
 * GitHub commits web edits and "Update branch" merges as this account: it is nobody's authorship, so
 * it attributes no commit (a commit whose only account is web-flow is unattributable).
 */
const WEB_FLOW = 'web-flow';

export interface Attribution {
  /** Every account that wrote or committed one of the commits (one spelling per login). */
  authors: string[];
  /** Why the change set cannot be attributed (commits no account wrote); empty when it can. */
  problems: string[];
}

/** Attributes every commit; a commit with no account at all is a problem, never silently nobody's. */
export function attributeCommits(commits: readonly AttributedCommit[]): Attribution {
  const authors = new Map<string, string>();
  const nobody: string[] = [];
  for (const c of commits) {
    if (c.cleanBaseMerge) continue;
    const who = [c.author, c.committer].filter((l): l is string => !!l && loginKey(l) !== WEB_FLOW);
    if (who.length === 0) nobody.push(c.sha.slice(0, 7));
    for (const login of who) if (!authors.has(loginKey(login))) authors.set(loginKey(login), login);
  }
  const problems =
    nobody.length === 0
      ? []
      : [
          `${nobody.length === 1 ? 'Commit' : 'Commits'} ${nobody.join(', ')} cannot be attributed to any GitHub account: neither the author's nor the committer's email is linked to one, so nobody can tell whether an approver wrote ${nobody.length === 1 ? 'it' : 'them'}. Commit with an email linked to your GitHub account (git config user.email; add it at https://github.com/settings/emails), rewrite the commit (git commit --amend --reset-author, or git rebase with --exec), and push again.`,
        ];
  return { authors: [...authors.values()].sort(), problems };
}
