import { afterEach, describe, expect, it } from 'vitest';
import { evidenceNote, type EvidenceNote } from '../../src/core/approvals/evidence-note.ts';
import { readApprovalEvidence, readApprovalNotes, writeApprovalNote } from '../../src/io/approval-notes.ts';
import { gitRepo, type GitRepo } from '../helpers/git-repo.ts';

const HEAD = 'c'.repeat(40);
const note = (pr: number, change: string, logins: string[]): EvidenceNote => ({
  version: 1,
  pr,
  head_sha: HEAD,
  decided_at: '2026-03-01T12:00:00Z',
  changes: [
    {
      change,
      decision: 'approved',
      approvers: logins.map((login) => ({ login, at: '2026-03-01T10:00:00Z' })),
      required: [{ role: 'cab', count: logins.length, approvers: logins }],
    },
  ],
});

let repo: GitRepo | undefined;
afterEach(() => repo?.remove());

/** main with two PRs merged: #12 as a merge commit, #15 squashed. */
function twoPullRequests(): { repo: GitRepo; merge: string; squash: string } {
  const r = gitRepo();
  r.commit('Start', { 'content/changes/CHG-0001.md': 'a\n' });
  r.branch('chg-1');
  r.commit('Approve CHG-0001', { 'content/changes/CHG-0001.md': 'b\n' });
  r.checkout('main');
  const merge = r.mergePullRequest('chg-1', 12);
  r.branch('chg-2');
  r.commit('Add CHG-0002', { 'content/changes/CHG-0002.md': 'c\n' });
  r.checkout('main');
  const squash = r.squashPullRequest('chg-2', 15, 'Add CHG-0002');
  return { repo: r, merge, squash };
}

describe('approval notes in git', () => {
  it('are written and read back, one per merged commit', async () => {
    const t = twoPullRequests();
    repo = t.repo;
    await writeApprovalNote(repo.dir, t.merge, note(12, 'CHG-0001', ['alice', 'bob']));
    await writeApprovalNote(repo.dir, t.squash, note(15, 'CHG-0002', ['carol']));
    expect(repo.git('notes', '--ref=itsm-approvals', 'list').trim().split('\n')).toHaveLength(2);
    const { notes, warnings } = await readApprovalNotes(repo.dir);
    expect(warnings).toEqual([]);
    expect(notes.sort((a, b) => a.note.pr - b.note.pr)).toEqual([
      { commit: t.merge, note: note(12, 'CHG-0001', ['alice', 'bob']) },
      { commit: t.squash, note: note(15, 'CHG-0002', ['carol']) },
    ]);
    const evidence = await readApprovalEvidence(repo.dir);
    expect(evidence.get('CHG-0001')).toEqual([
      {
        pr: 12,
        commit: t.merge,
        head_sha: HEAD,
        decided_at: '2026-03-01T12:00:00Z',
        decision: 'approved',
        approvers: note(12, 'CHG-0001', ['alice', 'bob']).changes[0]!.approvers,
        required: [{ role: 'cab', count: 2, approvers: ['alice', 'bob'] }],
      },
    ]);
    expect(evidence.get('CHG-0002')![0]!.approvers.map((a) => a.login)).toEqual(['carol']);
  });

  it('writing again replaces the note on that commit', async () => {
    const t = twoPullRequests();
    repo = t.repo;
    await writeApprovalNote(repo.dir, t.merge, note(12, 'CHG-0001', ['alice']));
    await writeApprovalNote(repo.dir, t.merge, note(12, 'CHG-0001', ['alice', 'bob']));
    const { notes } = await readApprovalNotes(repo.dir);
    expect(notes.map((n) => n.note.changes[0]!.approvers.length)).toEqual([2]);
  });

  it('none yet: an empty answer, not an error', async () => {
    repo = gitRepo();
    repo.commit('Start', { 'a.txt': 'a\n' });
    expect(await readApprovalNotes(repo.dir)).toEqual({ notes: [], warnings: [] });
    expect((await readApprovalEvidence(repo.dir)).size).toBe(0);
  });

  it('a malformed note is reported as a warning and the others still count', async () => {
    const t = twoPullRequests();
    repo = t.repo;
    repo.git('notes', '--ref=itsm-approvals', 'add', '-m', 'approved by alice, trust me', t.merge);
    await writeApprovalNote(repo.dir, t.squash, note(15, 'CHG-0002', ['carol']));
    const seen: string[] = [];
    const evidence = await readApprovalEvidence(repo.dir, (d) => seen.push(d.message));
    expect([...evidence.keys()]).toEqual(['CHG-0002']);
    expect(seen).toEqual([
      expect.stringMatching(new RegExp(`^The approval note on commit ${t.merge.slice(0, 12)} is not valid approval evidence: not JSON .*; it is ignored\\.$`)),
    ]);
    const { warnings } = await readApprovalNotes(repo.dir);
    expect(warnings[0]).toMatchObject({
      file: `refs/notes/itsm-approvals:${t.merge}`,
      rule: 'approvals/evidence-note',
      severity: 'warning',
      hint: expect.stringContaining('itsm evidence record'),
    });
  });

  it('a note from a future version is refused, not misread', async () => {
    const t = twoPullRequests();
    repo = t.repo;
    await writeApprovalNote(repo.dir, t.merge, { ...note(12, 'CHG-0001', ['alice']), version: 2 as 1 });
    const { notes, warnings } = await readApprovalNotes(repo.dir);
    expect(notes).toEqual([]);
    expect(warnings[0]!.message).toMatch(/unknown version 2/);
  });

  it('a note claiming another PR than its commit was merged from is not believed', async () => {
    const t = twoPullRequests();
    repo = t.repo;
    await writeApprovalNote(repo.dir, t.squash, note(12, 'CHG-0001', ['mallory']));
    const { notes, warnings } = await readApprovalNotes(repo.dir);
    expect(notes).toEqual([]);
    expect(warnings[0]!.message).toMatch(/claims PR #12, but the commit it is on is from PR #15/);
  });

  it('notes on commits missing from the clone are skipped', async () => {
    const t = twoPullRequests();
    repo = t.repo;
    const r = repo;
    await writeApprovalNote(r.dir, t.merge, note(12, 'CHG-0001', ['alice']));
    // Rewrite main without the merge and prune it: the note now points at nothing.
    r.git('reset', '-q', '--hard', 'HEAD~2');
    r.git('branch', '-q', '-D', 'chg-1', 'chg-2');
    r.git('reflog', 'expire', '--expire=now', '--all');
    r.git('gc', '-q', '--prune=now');
    expect(r.git('notes', '--ref=itsm-approvals', 'list').trim()).not.toBe('');
    expect(await readApprovalNotes(r.dir)).toEqual({ notes: [], warnings: [] });
  });

  it('the note for a decision is what evidenceNote makes of it', () => {
    expect(evidenceNote({ pr: 3, headSha: HEAD, baseSha: HEAD, decision: 'not-required', subjects: [] }, '2026-03-01T12:00:00Z')).toEqual({
      version: 1,
      pr: 3,
      head_sha: HEAD,
      decided_at: '2026-03-01T12:00:00Z',
      changes: [],
    });
  });
});
