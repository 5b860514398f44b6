/**
 * Forge-independent approvals (`itsm approvals --from-git`): approvals are SSH-signed git tags, and
 * authorship is proven by SSH-signed commits, both checked with git's own signature verification
 * against the keys of team members listed in content/teams/ at the base commit.
 *
 * An approval is an annotated, signed tag under refs/tags/itsm-approval/ pointing at the commit it
 * approves, whose message starts with `itsm-approval: approved` or `itsm-approval: changes-requested`:
 *
 *   git tag -s -m "itsm-approval: approved" itsm-approval/<login>/<short-sha> <commit>
 *
 * The signer, not the tag name, says who approved. A tag signed by a key not in the base teams, or
 * not signed at all, is ignored. Every commit of the change set must be signed by a known member: the
 * signers are the authors, whose own approvals never count.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PullRequestFacts, Review } from '../core/approvals/types.ts';
import type { Team } from '../core/model.ts';
import { loginKey } from '../core/people.ts';
import { gitEnvironment } from './git-env.ts';
import { git } from './git-tree.ts';

export const APPROVAL_TAG_PREFIX = 'refs/tags/itsm-approval/';
const STATES: Record<string, Review['state']> = { approved: 'APPROVED', 'changes-requested': 'CHANGES_REQUESTED' };

/**
 * The allowed-signers file git hands to ssh-keygen: one line per active member with a signing key,
 * limited to the "git" namespace. Keys are reduced to their type and base64 body, so a key field can
 * never smuggle in another line or option.
 */
export function allowedSigners(teams: readonly Team[]): string {
  const lines = new Set<string>();
  for (const t of teams) {
    if (t.status !== 'active') continue;
    for (const m of t.members) {
      const key = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|sk-ssh-ed25519@openssh\.com) ([A-Za-z0-9+/=]+)(?:[ \t][^\r\n]*)?$/.exec(m.signing_key ?? '');
      if (key && /^[A-Za-z0-9-]+$/.test(m.login)) lines.add(`${loginKey(m.login)} namespaces="git" ${key[1]} ${key[2]}`);
    }
  }
  return [...lines].sort().join('\n') + '\n';
}

/** Runs a git verify command; resolves to the principal of a good signature by a known key, or undefined. */
function verifiedSigner(root: string, signersFile: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'gpg.format=ssh', '-c', `gpg.ssh.allowedSignersFile=${signersFile}`, ...args],
      { cwd: root, env: gitEnvironment(), encoding: 'utf8' },
      (err, _stdout, stderr) => {
        if (err) return resolve(undefined);
        resolve(/^Good "git" signature for (\S+) with /m.exec(stderr)?.[1]);
      },
    );
  });
}

export interface GitApprovals {
  facts: PullRequestFacts;
  /** Why the change set cannot be judged (unsigned or unknown commits); empty when it can. */
  problems: string[];
}

/**
 * Reads the approvals of the change set fork..head from signed tags, and its authors from signed
 * commits, verifying each against the base teams' keys.
 */
export async function readGitApprovals(root: string, base: string, head: string, forkPoint: string, teams: readonly Team[]): Promise<GitApprovals> {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-signers-'));
  const signersFile = join(dir, 'allowed_signers');
  writeFileSync(signersFile, allowedSigners(teams));
  try {
    const commits = (await git(root, ['rev-list', `${forkPoint}..${head}`])).split('\n').filter(Boolean);
    const inRange = new Set(commits);
    const problems: string[] = [];
    const authors = new Set<string>();
    for (const sha of commits) {
      const signer = await verifiedSigner(root, signersFile, ['verify-commit', sha]);
      if (signer) authors.add(signer);
      else
        problems.push(
          `Commit ${sha.slice(0, 7)} is not signed by a key listed in content/teams/ on the base branch, so its author cannot be known and nobody's approval can be told apart from self-approval. Sign every commit (git commit -S with gpg.format=ssh).`,
        );
    }
    const listing = await git(root, [
      'for-each-ref',
      '--format=%(refname)%00%(objecttype)%00%(*objectname)%00%(*objecttype)%00%(taggerdate:iso-strict)%00%(contents:subject)',
      APPROVAL_TAG_PREFIX,
    ]);
    const reviews: Review[] = [];
    let id = 0;
    for (const line of listing.split('\n')) {
      if (!line) continue;
      const [ref, type, target, targetType, date, subject] = line.split('\0') as [string, string, string, string, string, string];
      const state = STATES[/^itsm-approval:\s*(\S+)/.exec(subject)?.[1] ?? ''];
      if (type !== 'tag' || targetType !== 'commit' || !state || !inRange.has(target)) continue;
      const signer = await verifiedSigner(root, signersFile, ['verify-tag', ref]);
      if (!signer) continue;
      reviews.push({ id: ++id, login: signer, state, commitId: target, submittedAt: date || null });
    }
    const [author, ...coAuthors] = [...authors].sort();
    return {
      facts: { number: 0, author: author ?? '', coAuthors, headSha: head, baseSha: base, reviews, files: [] },
      problems,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
