/** Properties a security reviewer cares about, checked over many generated review histories. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideApprovals } from '../../../src/core/approvals/index.ts';
import type { Review } from '../../../src/core/approvals/types.ts';
import { added, change, HEAD, input, OLD_HEAD } from './fixture.ts';

const LOGINS = ['alice', 'paula', 'pete', 'carol', 'dave', 'erin', 'frank', 'mallory', 'Paula', 'DAVE'];
const STATES = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'];
const reviewArb = fc.record({
  login: fc.constantFrom(...LOGINS),
  state: fc.constantFrom(...STATES),
  commitId: fc.constantFrom(HEAD, OLD_HEAD),
  second: fc.integer({ min: 0, max: 10_000 }),
});
const historyArb = fc.array(reviewArb, { maxLength: 25 }).map((rs) =>
  rs.map((r, i): Review => ({
    id: i + 1,
    login: r.login,
    state: r.state,
    commitId: r.commitId,
    submittedAt: new Date(Date.UTC(2026, 9, 1) + r.second * 1000).toISOString(),
  })),
);
const changeArb = fc
  .record({ type: fc.constantFrom('normal' as const, 'emergency' as const), risk: fc.constantFrom('low' as const, 'medium' as const, 'high' as const) })
  .map((o) => change(o));
const decide = (reviews: Review[], c = change()) => decideApprovals(input({ changes: [added(c)], reviews }));
const RUNS = { numRuns: 300 };

describe('decision properties', () => {
  it("the author's reviews never change the decision", () => {
    fc.assert(
      fc.property(historyArb, changeArb, (history, c) => {
        const without = history.filter((r) => r.login!.toLowerCase() !== 'alice');
        expect(decide(history, c).decision).toBe(decide(without, c).decision);
      }),
      RUNS,
    );
  });

  it('reviews by people outside every team never turn a decision into approved', () => {
    fc.assert(
      fc.property(
        historyArb,
        changeArb,
        fc.array(
          reviewArb.map((r) => ({ ...r, login: 'mallory' })),
          { maxLength: 5 },
        ),
        (history, c, extra) => {
          const before = decide(history, c).decision;
          const more = [
            ...history,
            ...extra.map((r, i): Review => ({ id: 1000 + i, login: r.login, state: r.state, commitId: r.commitId, submittedAt: '2026-12-01T00:00:00.000Z' })),
          ];
          if (before !== 'approved') expect(decide(more, c).decision).not.toBe('approved');
        },
      ),
      RUNS,
    );
  });

  it('someone who only reviewed an old commit is never counted', () => {
    fc.assert(
      fc.property(historyArb, changeArb, (history, c) => {
        const counted = decide(history, c).subjects[0]!.approvers.map((a) => a.login.toLowerCase());
        for (const login of counted) expect(history.some((r) => r.login!.toLowerCase() === login && r.commitId === HEAD && r.state === 'APPROVED')).toBe(true);
      }),
      RUNS,
    );
  });

  it('the order reviews are listed in does not matter', () => {
    fc.assert(
      fc.property(historyArb, changeArb, (history, c) => {
        expect(decide([...history].reverse(), c)).toEqual(decide(history, c));
      }),
      RUNS,
    );
  });

  it('approved means every seat is filled by a distinct non-author on the head commit', () => {
    fc.assert(
      fc.property(historyArb, changeArb, (history, c) => {
        const s = decide(history, c).subjects[0]!;
        if (s.decision !== 'approved') return;
        const people = s.required.flatMap((r) => r.approvers.map((l) => l.toLowerCase()));
        expect(new Set(people).size).toBe(people.length);
        expect(people).not.toContain('alice');
        for (const r of s.required) expect(r.missing).toBe(0);
      }),
      RUNS,
    );
  });
});
