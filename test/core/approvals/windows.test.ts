import { describe, expect, it } from 'vitest';
import { decideApprovals } from '../../../src/core/approvals/index.ts';
import { added, change, input, modified, policy, review } from './fixture.ts';

const subject = (i: Parameters<typeof decideApprovals>[0]) => decideApprovals(i).subjects.find((s) => s.subject === 'CHG-0001')!;
const inFreeze = { planned_start: '2026-12-20T22:00:00+01:00', planned_end: '2026-12-21T01:00:00+01:00' };

describe('freezes', () => {
  it('a normal change planned inside a freeze also needs ECAB approval', () => {
    const s = subject(input({ changes: [added(change(inFreeze))], reviews: [review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.windows.map((w) => w.kind)).toEqual(['freeze']);
    expect(s.missing).toEqual(['1 more approval from the ecab role (TEAM-ecab), for planned inside the freeze "Year-end freeze"']);
    const withEcab = subject(input({ changes: [added(change(inFreeze))], reviews: [review('paula', 'APPROVED'), review('frank', 'APPROVED')] }));
    expect(withEcab.decision).toBe('approved');
  });

  it('moving an approved change into a freeze voids its approval and needs ECAB', () => {
    const s = subject(input({ changes: [modified(change(), change(inFreeze))], reviews: [review('paula', 'APPROVED')] }));
    expect(s.triggers).toEqual(['it changes planned_start, planned_end after approval']);
    expect(s.decision).toBe('pending');
  });

  it('an emergency change inside a freeze needs only its own ECAB approval', () => {
    const s = subject(input({ changes: [added(change({ ...inFreeze, type: 'emergency' }))], reviews: [review('frank', 'APPROVED')] }));
    expect(s.decision).toBe('approved');
    expect(s.windows[0]!.message).toContain('allowed for an emergency change');
  });

  it('a freeze scoped to other services does not apply', () => {
    const scoped = { ...policy, freezes: [{ name: 'Portal audit', start: '2026-10-01T00:00:00Z', end: '2026-10-31T00:00:00Z', services: ['SVC-portal'] }] };
    expect(subject(input({ policy: scoped, reviews: [review('paula', 'APPROVED')] })).windows).toEqual([]);
  });

  it('a change ending exactly when the freeze starts is outside it', () => {
    const edge = change({ planned_start: '2026-12-13T20:00:00+01:00', planned_end: '2026-12-14T00:00:00+01:00' });
    expect(subject(input({ changes: [added(edge)], reviews: [review('paula', 'APPROVED')] })).windows).toEqual([]);
  });
});

describe('maintenance windows', () => {
  const onDb = (start: string, end: string) => added(change({ cis: ['CI-pg-main'], planned_start: start, planned_end: end }));

  it('a database change inside the Sunday window has no finding', () => {
    // 2026-10-11 is a Sunday; 04:00-07:00 Europe/Berlin (CEST).
    expect(subject(input({ changes: [onDb('2026-10-11T04:30:00+02:00', '2026-10-11T06:00:00+02:00')] })).windows).toEqual([]);
  });

  it('a database change outside the window is reported, but does not block', () => {
    const s = subject(input({ changes: [onDb('2026-10-11T08:00:00+02:00', '2026-10-11T09:00:00+02:00')], reviews: [review('paula', 'APPROVED')] }));
    expect(s.windows.map((w) => w.kind)).toEqual(['outside-maintenance-window']);
    expect(s.decision).toBe('approved');
  });

  it('the window follows its time zone across the DST change', () => {
    // 2026-10-25: clocks go back in Berlin; the window opens 04:00 CET = 03:00Z.
    expect(subject(input({ changes: [onDb('2026-10-25T03:00:00Z', '2026-10-25T06:00:00Z')] })).windows).toEqual([]);
    expect(subject(input({ changes: [onDb('2026-10-25T02:00:00Z', '2026-10-25T04:00:00Z')] })).windows).toHaveLength(1);
  });

  it('a change on unrelated items is not held to the database window', () => {
    expect(subject(input({ changes: [added(change({ services: ['SVC-portal'] }))] })).windows).toEqual([]);
  });
});

describe('schedule conflicts', () => {
  const other = change({
    id: 'CHG-0002',
    title: 'Reindex payments DB',
    status: 'scheduled',
    planned_start: '2026-10-11T01:00:00+02:00',
    planned_end: '2026-10-11T03:00:00+02:00',
  });

  it('overlapping windows on the same service are reported as a conflict', () => {
    const s = subject(input({ schedule: [other] }));
    expect(s.conflicts).toEqual([{ change: 'CHG-0002', shared: ['SVC-payments'], message: expect.stringContaining('CHG-0002 ("Reindex payments DB")') }]);
  });

  it('a CI shared through a service counts as the same target', () => {
    const onCi = { ...other, services: [], cis: ['CI-pg-main'] };
    expect(subject(input({ schedule: [onCi] })).conflicts.map((c) => c.shared)).toEqual([['SVC-payments']]);
  });

  it('back-to-back windows, cancelled changes and other services do not conflict', () => {
    const after = { ...other, planned_start: '2026-10-11T02:00:00+02:00' };
    const cancelled = { ...other, status: 'cancelled' as const };
    const elsewhere = { ...other, services: ['SVC-portal'] };
    expect(subject(input({ schedule: [after, cancelled, elsewhere] })).conflicts).toEqual([]);
  });
});

describe('post-implementation review of emergency changes', () => {
  const emergency = (pir?: { due: string }) => added(change({ type: 'emergency', ...(pir ? { pir } : {}) }));

  it('asks for pir.due when the emergency rule sets pir_within_days', () => {
    const s = subject(input({ changes: [emergency()], reviews: [review('frank', 'APPROVED')] }));
    expect(s.windows).toEqual([
      { kind: 'pir', message: 'This emergency change needs a post-implementation review within 5 days of its end: set pir.due to 2026-10-16 or earlier.' },
    ]);
    expect(s.decision).toBe('approved');
  });

  it('accepts a review due in time and flags a late one', () => {
    expect(subject(input({ changes: [emergency({ due: '2026-10-16' })] })).windows).toEqual([]);
    expect(subject(input({ changes: [emergency({ due: '2026-10-20' })] })).windows[0]!.message).toContain('later than the policy');
  });
});
