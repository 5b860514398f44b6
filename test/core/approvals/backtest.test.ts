/** backtestChangePolicy: merged pull requests decided again, with their recorded approvals, under two change policies. */
import { describe, expect, it } from 'vitest';
import { backtestChangePolicy, reviewsFromNote, type MergedPullRequest } from '../../../src/core/approvals/backtest.ts';
import type { EvidenceNote } from '../../../src/core/approvals/evidence-note.ts';
import type { ChangePolicy } from '../../../src/core/model.ts';
import { backtestText } from '../../../src/core/approvals/backtest-format.ts';
import { change, HEAD, input, policy } from './fixture.ts';

function note(approvers: string[], decision: EvidenceNote['changes'][number]['decision'] = 'approved'): EvidenceNote {
  return {
    version: 1,
    pr: 7,
    head_sha: HEAD,
    decided_at: '2026-10-01T12:00:00Z',
    changes: [{ change: 'CHG-0001', decision, approvers: approvers.map((login) => ({ login, at: '2026-10-01T10:00:00Z' })), required: [] }],
  };
}

function merged(n: EvidenceNote): MergedPullRequest {
  const { policy: _, ...rest } = input();
  return { commit: 'd'.repeat(40), mergedAt: '2026-10-01T12:30:00Z', note: n, input: rest };
}

/** Low-risk normal changes need two from the CAB rather than one payments owner. */
const stricter: ChangePolicy = {
  ...policy,
  rules: policy.rules.map((r) =>
    r.type === 'normal' && r.risk?.includes('low') ? { ...r, require: [{ role: 'cab' as const, count: 2 }] } : r,
  ) as ChangePolicy['rules'],
};

describe('reviewsFromNote', () => {
  it('turns each recorded approver into one approving review on the noted head commit', () => {
    const n = note(['paula', 'Paula', 'dave']);
    expect(reviewsFromNote(n)).toEqual([
      { id: 1, login: 'paula', state: 'APPROVED', commitId: HEAD, submittedAt: '2026-10-01T10:00:00Z' },
      { id: 2, login: 'dave', state: 'APPROVED', commitId: HEAD, submittedAt: '2026-10-01T10:00:00Z' },
    ]);
  });
});

describe('backtestChangePolicy', () => {
  it('a change approved by one owner is pending under a policy that wants two from the CAB', () => {
    const r = backtestChangePolicy([merged(note(['paula']))], policy, stricter);
    expect(r).toMatchObject({ pull_requests: 1, decisions: 1 });
    expect(r.differences.map((d) => [d.change, d.pr, d.base.decision, d.head.decision])).toEqual([['CHG-0001', 7, 'approved', 'pending']]);
    expect(r.differences[0]!.why).toBe(
      'the head policy adds 2 from cab (TEAM-cab) and no longer asks for 1 from the owner team of SVC-payments (TEAM-payments): still needed 2 more approvals from the cab role (TEAM-cab), for normal change, risk low.',
    );
  });

  it('the other way round, an approval the head policy accepts is named', () => {
    const r = backtestChangePolicy([merged(note(['dave', 'erin'], 'pending'))], policy, stricter);
    expect(r.differences.map((d) => [d.recorded, d.base.decision, d.head.decision, d.why])).toEqual([
      [
        'pending',
        'pending',
        'approved',
        'the head policy adds 2 from cab (TEAM-cab) and no longer asks for 1 from the owner team of SVC-payments (TEAM-payments): approved by dave, erin.',
      ],
    ]);
  });

  it('the same policy on both sides decides nothing differently', () => {
    expect(backtestChangePolicy([merged(note(['paula']))], policy, policy).differences).toEqual([]);
  });

  it('a merge that did not move the change toward approval needs none under either policy', () => {
    const m = merged(note(['paula']));
    m.input = { ...m.input, changes: [{ id: 'CHG-0001', file: 'content/changes/CHG-0001.md', before: change(), after: change() }] };
    expect(backtestChangePolicy([m], policy, stricter)).toMatchObject({ decisions: 1, differences: [] });
  });
});

describe('backtestText', () => {
  const frame = { base: 'main (1a2b3c4)', head: 'the working tree', days: 90, now: '2026-10-02T00:00:00.000Z', from: '2026-07-04T00:00:00.000Z' };
  it('names the first ten pull requests it could not replay, and counts the rest', () => {
    const text = backtestText({ pull_requests: 0, decisions: 0, differences: [] }, { ...frame, withoutEvidence: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    expect(text).toContain(
      '12 merged pull requests editing change records have no evidence note and were not replayed: #1, #2, #3, #4, #5, #6, #7, #8, #9, #10 and 2 more.',
    );
    expect(text).toContain('Decided differently (0):\n  None: every merged change is decided the same under both policies.\n');
  });
});
