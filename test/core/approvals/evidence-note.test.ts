import { describe, expect, it } from 'vitest';
import {
  approvalsForVersions,
  evidenceByChange,
  evidenceNote,
  parseEvidenceNote,
  serializeEvidenceNote,
  type EvidenceNote,
} from '../../../src/core/approvals/evidence-note.ts';
import type { ApprovalResult } from '../../../src/core/approvals/types.ts';

const HEAD = 'a'.repeat(40);

const result: ApprovalResult = {
  pr: 12,
  headSha: HEAD,
  baseSha: 'b'.repeat(40),
  decision: 'approved',
  subjects: [
    {
      subject: 'CHG-0031',
      file: 'content/changes/CHG-0031.md',
      triggers: ['moves to approved'],
      required: [
        { role: 'cab', teams: ['TEAM-cab'], count: 2, approvers: ['alice', 'bob'], missing: 0, reason: 'normal change, risk high' },
        { role: 'service-owner', service: 'SVC-payments', teams: ['TEAM-pay'], count: 1, approvers: ['carol'], missing: 0, reason: 'owner' },
      ],
      approvers: [
        { login: 'alice', at: '2026-03-01T10:00:00Z' },
        { login: 'bob', at: '2026-03-01T11:30:00Z' },
        { login: 'carol', at: null },
      ],
      missing: [],
      reviews: [],
      conflicts: [],
      windows: [],
      decision: 'approved',
      explanation: 'Approved.',
    },
  ],
};

describe('evidence notes', () => {
  it('round-trip: what is written is what is read', () => {
    const note = evidenceNote(result, '2026-03-01T12:00:00.000Z');
    expect(note).toEqual({
      version: 1,
      pr: 12,
      head_sha: HEAD,
      decided_at: '2026-03-01T12:00:00.000Z',
      changes: [
        {
          change: 'CHG-0031',
          decision: 'approved',
          approvers: result.subjects[0]!.approvers,
          required: [
            { role: 'cab', count: 2, approvers: ['alice', 'bob'] },
            { role: 'service-owner', service: 'SVC-payments', count: 1, approvers: ['carol'] },
          ],
        },
      ],
    });
    expect(parseEvidenceNote(serializeEvidenceNote(note))).toEqual({ ok: true, note });
  });

  const good = (): Record<string, unknown> => JSON.parse(serializeEvidenceNote(evidenceNote(result, '2026-03-01T12:00:00Z')));
  const problem = (data: unknown): string => {
    const parsed = parseEvidenceNote(typeof data === 'string' ? data : JSON.stringify(data));
    expect(parsed.ok).toBe(false);
    return (parsed as { problem: string }).problem;
  };

  it('refuse versions it does not know, by name', () => {
    expect(problem({ ...good(), version: 2 })).toBe('unknown version 2 (this itsm reads version 1)');
    expect(problem({ ...good(), version: '1' })).toMatch(/unknown version "1"/);
  });

  it('report, never throw, on text that is not a note', () => {
    expect(problem('approved by alice')).toMatch(/^not JSON/);
    expect(problem('')).toMatch(/^not JSON/);
    expect(problem([1])).toBe('the note must be an object');
    expect(problem(null)).toBe('the note must be an object');
  });

  it('check every field strictly', () => {
    const { version: _, ...noVersion } = good();
    expect(problem(noVersion)).toBe('the note lacks "version"');
    expect(problem({ ...good(), extra: true })).toBe('the note has an unknown field "extra"');
    expect(problem({ ...good(), pr: 0 })).toMatch(/^pr must be a positive whole number/);
    expect(problem({ ...good(), head_sha: 'abc' })).toMatch(/^head_sha must be/);
    expect(problem({ ...good(), decided_at: 'yesterday' })).toMatch(/^decided_at must be/);
    const change = (patch: Record<string, unknown>) => ({ ...good(), changes: [{ ...(good().changes as Record<string, unknown>[])[0], ...patch }] });
    expect(problem(change({ decision: 'fine' }))).toMatch(/^changes\[0\]\.decision must be one of approved, pending/);
    expect(problem(change({ change: '../../etc' }))).toMatch(/^changes\[0\]\.change must be/);
    expect(problem(change({ approvers: [{ login: 'alice' }] }))).toBe('changes[0].approvers[0] lacks "at"');
    expect(problem(change({ approvers: [{ login: '', at: null }] }))).toMatch(/^changes\[0\]\.approvers\[0\]\.login must be a non-empty string/);
    expect(problem(change({ required: [{ role: 'cab', count: 1, approvers: [7] }] }))).toMatch(/^changes\[0\]\.required\[0\]\.approvers\[0\]/);
  });
});

describe('evidence on history versions', () => {
  const note = (pr: number, change: string, logins: string[]): EvidenceNote => ({
    version: 1,
    pr,
    head_sha: HEAD,
    decided_at: '2026-03-01T12:00:00Z',
    changes: [{ change, decision: 'approved', approvers: logins.map((login) => ({ login, at: '2026-03-01T10:00:00Z' })), required: [] }],
  });

  it('groups notes by change, oldest PR first', () => {
    const by = evidenceByChange([
      { commit: 'm2', note: note(15, 'CHG-1', ['bob']) },
      { commit: 'm1', note: note(12, 'CHG-1', ['alice']) },
      { commit: 'm3', note: note(16, 'CHG-2', ['carol']) },
    ]);
    expect(by.get('CHG-1')!.map((e) => [e.pr, e.commit])).toEqual([
      [12, 'm1'],
      [15, 'm2'],
    ]);
    expect(by.get('CHG-2')!.map((e) => e.approvers[0]!.login)).toEqual(['carol']);
  });

  it('go on the newest version each PR brought in, or on the noted commit itself', () => {
    const evidence = evidenceByChange([
      { commit: 'sq', note: note(12, 'CHG-1', ['alice']) },
      { commit: 'rebased', note: note(20, 'CHG-1', ['bob']) },
    ]).get('CHG-1')!;
    const versions = [
      { commit: 'rebased', pr: null },
      { commit: 'later', pr: 12 },
      { commit: 'earlier', pr: 12 },
      { commit: 'direct', pr: null },
    ];
    expect(approvalsForVersions(versions, evidence)).toEqual([
      { pr: 20, approvers: [{ login: 'bob', at: '2026-03-01T10:00:00Z' }], decision: 'approved' },
      { pr: 12, approvers: [{ login: 'alice', at: '2026-03-01T10:00:00Z' }], decision: 'approved' },
      null,
      null,
    ]);
  });

  it('leave every version without evidence null', () => {
    expect(approvalsForVersions([{ commit: 'x', pr: 3 }], [])).toEqual([null]);
  });
});
