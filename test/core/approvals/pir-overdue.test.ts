/**
 * An emergency change whose post-implementation review is overdue is still approved (it has run),
 * but the decision says so, judged against `now`: core never reads the clock.
 */
import { describe, expect, it } from 'vitest';
import { decideApprovals } from '../../../src/core/approvals/decide.ts';
import type { Change } from '../../../src/core/model.ts';
import { added, change, input, review } from './fixture.ts';

/** Completed emergency change that ended on 2026-10-11 at 02:00 (+02:00): the policy gives it until 2026-10-16. */
const done = (overrides: Partial<Change> = {}) =>
  change({
    type: 'emergency',
    status: 'completed',
    actual_start: '2026-10-10T22:00:00+02:00',
    actual_end: '2026-10-11T02:00:00+02:00',
    pir: { due: '2026-10-16' },
    ...overrides,
  });

const decide = (c: Change, now: string) => decideApprovals(input({ changes: [added(c)], reviews: [review('frank', 'APPROVED')], now })).subjects[0]!;
const overdue = (c: Change, now: string) => decide(c, now).windows.filter((w) => w.kind === 'pir-overdue');

describe('an overdue post-implementation review', () => {
  it('is reported on an approved emergency change, with the days overdue', () => {
    const s = decide(done(), '2026-10-20T09:00:00Z');
    expect(s.decision).toBe('approved');
    expect(s.windows).toEqual([
      {
        kind: 'pir-overdue',
        message:
          'The post-implementation review of this emergency change was due by 2026-10-16 and is 4 days overdue (no pir.completed_at as of 2026-10-20): hold the review and record pir.completed_at and pir.summary.',
      },
    ]);
    expect(s.explanation).toContain('4 days overdue');
  });

  it("is not reported on the due day, counted in the offset of the change's end", () => {
    // 2026-10-16T21:59Z is still the 16th at +02:00; 22:00Z is the 17th there.
    expect(overdue(done(), '2026-10-16T21:59:00Z')).toEqual([]);
    expect(overdue(done(), '2026-10-16T22:00:00Z').map((w) => w.message)).toEqual([expect.stringContaining('1 day overdue')]);
  });

  it("uses an earlier pir.due, and the policy's days when pir.due is missing or later", () => {
    expect(overdue(done({ pir: { due: '2026-10-13' } }), '2026-10-14T12:00:00Z')[0]?.message).toContain('due by 2026-10-13');
    expect(overdue(done({ pir: {} }), '2026-10-17T12:00:00Z')[0]?.message).toContain('due by 2026-10-16');
    expect(overdue(done({ pir: { due: '2026-10-30' } }), '2026-10-17T12:00:00Z')[0]?.message).toContain('due by 2026-10-16');
  });

  it('is not reported once the review was held, before the deadline, or where the policy asks for none', () => {
    expect(overdue(done({ pir: { due: '2026-10-16', completed_at: '2026-10-15T10:00:00+02:00' } }), '2026-11-20T09:00:00Z')).toEqual([]);
    expect(overdue(done(), '2026-10-12T09:00:00Z')).toEqual([]);
    const normal = decideApprovals(
      input({ changes: [added(change({ status: 'completed' }))], reviews: [review('paula', 'APPROVED')], now: '2027-01-01T00:00:00Z' }),
    ).subjects[0]!;
    expect(normal.windows).toEqual([]);
  });
});
