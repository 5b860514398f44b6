/**
 * Approval evidence in git notes (refs/notes/itsm-approvals): one note per merged commit, holding
 * what `itsm approvals` decided for the PR that commit merged. Read in two git processes however many
 * notes there are: `git notes list` for the (note, commit) pairs and one `git cat-file --batch` for
 * the notes' text and the noted commits' messages.
 *
 * A note is only data someone pushed: a malformed note, or one whose commit names another PR in its
 * subject, comes back as a warning and is left out; it never stops the reader.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  evidenceByChange,
  EVIDENCE_NOTES_REF,
  parseEvidenceNote,
  serializeEvidenceNote,
  type Evidence,
  type EvidenceNote,
} from '../core/approvals/evidence-note.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { pullRequestFromSubject } from '../core/history.ts';
import { gitEnvironment } from './git-env.ts';
import { catFileBatch, git, GitError } from './git-tree.ts';

export { EVIDENCE_NOTES_REF } from '../core/approvals/evidence-note.ts';
export type { Evidence, EvidenceNote } from '../core/approvals/evidence-note.ts';

export interface ApprovalNotes {
  /** Valid notes, by the commit they are on. */
  notes: Array<{ commit: string; note: EvidenceNote }>;
  /** One warning per note that was left out (rule `approvals/evidence-note`). */
  warnings: Diagnostic[];
}

/** Every evidence note in the repository at `root`. No notes ref yet: no notes, no warnings. */
export async function readApprovalNotes(root: string, ref: string = EVIDENCE_NOTES_REF): Promise<ApprovalNotes> {
  const exists = await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then(
    () => true,
    () => false,
  );
  if (!exists) return { notes: [], warnings: [] };
  const pairs = (await git(root, ['notes', `--ref=${ref}`, 'list']))
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [blob = '', commit = ''] = line.split(' ');
      return { blob, commit };
    });
  // Only notes on commits that still exist: a note on a pruned object has nothing to tell about.
  // (In a shallow clone most noted commits are beyond the boundary.)
  const present = await existingCommits(
    root,
    pairs.map((p) => p.commit),
  );
  const kept = pairs.filter((p) => present.has(p.commit));
  const objects = await catFileBatch(
    root,
    kept.flatMap((p) => [p.blob, p.commit]),
  );
  const notes: ApprovalNotes['notes'] = [];
  const warnings: Diagnostic[] = [];
  kept.forEach(({ commit }, i) => {
    const text = objects[2 * i]!.toString('utf8');
    const message = commitMessage(objects[2 * i + 1]!.toString('utf8'));
    const parsed = parseEvidenceNote(text);
    if (!parsed.ok)
      return warnings.push(
        warning(
          ref,
          commit,
          `is not valid approval evidence: ${parsed.problem}`,
          'Record it again with `itsm evidence record --commit ' +
            commit.slice(0, 12) +
            '`, or remove it with `git notes --ref=' +
            ref +
            ' remove ' +
            commit.slice(0, 12) +
            '`.',
        ),
      );
    // The commit's own subject names its PR for merge and squash commits: a note claiming another is not believed.
    const named = pullRequestFromSubject(message);
    if (named !== null && named !== parsed.note.pr)
      return warnings.push(
        warning(
          ref,
          commit,
          `claims PR #${parsed.note.pr}, but the commit it is on is from PR #${named}`,
          'Record the evidence again on the commit that merged the PR.',
        ),
      );
    notes.push({ commit, note: parsed.note });
  });
  return { notes, warnings };
}

/**
 * Evidence per change ID ("policy" for policy and team edits), for the site's change pages.
 * Warnings about notes that were left out are passed to `onWarning` when given.
 */
export async function readApprovalEvidence(root: string, onWarning?: (d: Diagnostic) => void): Promise<Map<string, Evidence[]>> {
  const { notes, warnings } = await readApprovalNotes(root);
  if (onWarning) warnings.forEach(onWarning);
  return evidenceByChange(notes);
}

/**
 * Writes (or replaces) the evidence note on `commit`. Git commits the notes ref as the configured
 * user, or as "itsm evidence" where none is configured (a CI runner). Push it with `git push origin refs/notes/itsm-approvals`.
 */
export async function writeApprovalNote(root: string, commit: string, note: EvidenceNote, ref: string = EVIDENCE_NOTES_REF): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-note-'));
  try {
    const file = join(dir, 'note.json');
    writeFileSync(file, serializeEvidenceNote(note));
    // The notes ref is a commit; a CI runner often has no git identity, and the note says who decided.
    const identity = await git(root, ['var', 'GIT_COMMITTER_IDENT']).then(
      () => [],
      () => ['-c', 'user.name=itsm evidence', '-c', 'user.email=itsm-evidence@users.noreply.localhost'],
    );
    await git(root, [...identity, 'notes', `--ref=${ref}`, 'add', '-f', '-F', file, commit]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A commit object's message: everything after the first blank line. */
function commitMessage(object: string): string {
  const i = object.indexOf('\n\n');
  return i === -1 ? '' : object.slice(i + 2);
}

function warning(ref: string, commit: string, what: string, hint: string): Diagnostic {
  return {
    file: `${ref}:${commit}`,
    line: 0,
    column: 0,
    rule: 'approvals/evidence-note',
    severity: 'warning',
    message: `The approval note on commit ${commit.slice(0, 12)} ${what}; it is ignored.`,
    hint,
  };
}

/** Which of these objects are commits in the clone: one `git cat-file --batch-check`. */
function existingCommits(root: string, shas: readonly string[]): Promise<Set<string>> {
  if (shas.length === 0) return Promise.resolve(new Set());
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
      cwd: root,
      env: gitEnvironment(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (err) => reject(new GitError(`could not run git: ${err.message}`, { cause: err })));
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(`git cat-file --batch-check failed: ${stderr.trim()}`));
      resolvePromise(
        new Set(
          out
            .split('\n')
            .filter((l) => l.endsWith(' commit'))
            .map((l) => l.split(' ')[0]!),
        ),
      );
    });
    child.stdin.end(shas.join('\n') + '\n');
  });
}
