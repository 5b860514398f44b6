/**
 * Hand-computed reference cases for what a policy can ask beyond the defaults: cycles on reopen,
 * restarts on a priority change, start/stop/pause conditions and OLAs on a team's part of the work.
 * Calendars (harness.ts): OFFICE is Berlin, Mon-Fri 09:00-12:00 and 13:00-17:00 (7 h a day), Christmas
 * Day 2026 (Friday 2026-12-25) off; BERLIN_24X7_CHRISTMAS counts every hour except Christmas Day.
 * Europe switches to summer time on Sunday 2026-03-29 at 02:00 CET (01:00Z) -> 03:00 CEST.
 */
import { describe, expect, it } from 'vitest';
import type { AnyRecord, Incident, SlaPolicy, TimelineEntry } from '../../../src/core/model.ts';
import { computeSla, type SlaResult } from '../../../src/core/sla/index.ts';
import { HOUR, MINUTE, policyOn, workspaceWith } from './harness.ts';

const LATER = '2027-01-01T00:00:00Z';

/** An incident with a full timeline (entries may carry priority and team). */
function story(fields: Partial<Incident> & Pick<Incident, 'reported_at' | 'status'>, timeline: TimelineEntry[]): AnyRecord {
  const data: Incident = {
    id: 'INC-0001',
    title: 'Something broke',
    service: 'SVC-shop',
    impact: 'medium',
    urgency: 'high',
    priority: 'P2',
    ...fields,
    timeline,
  };
  return { kind: 'incident', id: data.id, file: `content/incidents/${data.id}.md`, data, body: '' };
}

function clocks(policies: SlaPolicy[], record: AnyRecord, now = LATER): Record<string, SlaResult> {
  return Object.fromEntries(computeSla(workspaceWith(policies, [record]), now).map((r) => [r.metric, r]));
}

/** P3 has a 14 h resolution target, P1 4 h. */
function byPriority(calendar: string, extra: Partial<SlaPolicy> = {}): SlaPolicy {
  return { ...policyOn(calendar, {}), targets: { P1: { resolution: '4h' }, P3: { resolution: '14h' } }, ...extra };
}

describe('cycles on reopen', () => {
  // Office, resolution 4 h. Reported Tue 2026-03-03 09:00, resolved 11:00, reopened Wed 10:00,
  // resolved again Wed 15:30.
  const record = story({ reported_at: '2026-03-03T09:00:00+01:00', status: 'resolved', resolved_at: '2026-03-04T15:30:00+01:00' }, [
    { at: '2026-03-03T09:00:00+01:00', status: 'new' },
    { at: '2026-03-03T11:00:00+01:00', status: 'resolved' },
    { at: '2026-03-04T10:00:00+01:00', status: 'in_progress' },
    { at: '2026-03-04T15:30:00+01:00', status: 'resolved' },
  ]);

  it('resume (the default): one clock over both spells, due once 4 h have counted', () => {
    // Tue 09:00-11:00 (2 h) + Wed 10:00-12:00 (2 h) + 13:00-15:30 (2 h 30 m) = 6 h 30 m = 23400 s.
    // The 4 h are reached 2 h into Wednesday: Wed 12:00 -> stopped 15:30 after it: breached.
    const { resolution } = clocks([policyOn('office', { resolution: '4h' })], record);
    expect(resolution).toMatchObject({ elapsed_seconds: 6.5 * HOUR, state: 'breached', due_at: '2026-03-04T12:00:00+01:00', cycles: [] });
  });

  it('new_cycle: the first spell is a completed, met cycle; the reopen starts a new clock', () => {
    // Cycle 1: Tue 09:00-11:00 = 2 h = 7200 s, due 09:00 + 4 h = 09-12 (3 h) + 13:00-14:00 -> Tue 14:00; met.
    // Cycle 2 (current): Wed 10:00-12:00 (2 h) + 13:00-15:30 (2 h 30 m) = 4 h 30 m = 16200 s;
    // due 10:00 + 4 h = 10-12 (2 h) + 13-15 (2 h) -> Wed 15:00; stopped 15:30 after it: breached.
    const { resolution } = clocks([{ ...policyOn('office', { resolution: '4h' }), on_reopen: 'new_cycle' }], record);
    expect(resolution).toMatchObject({
      started_at: '2026-03-04T10:00:00+01:00',
      elapsed_seconds: 4.5 * HOUR,
      remaining_seconds: -0.5 * HOUR,
      state: 'breached',
      due_at: '2026-03-04T15:00:00+01:00',
      stopped_at: '2026-03-04T15:30:00+01:00',
    });
    expect(resolution!.cycles).toEqual([
      {
        started_at: '2026-03-03T09:00:00+01:00',
        stopped_at: '2026-03-03T11:00:00+01:00',
        elapsed_seconds: 2 * HOUR,
        target_seconds: 4 * HOUR,
        state: 'met',
        due_at: '2026-03-03T14:00:00+01:00',
        priority: 'P2',
      },
    ]);
  });

  it('new_cycle leaves the response clock alone: it stopped at the first acknowledgement', () => {
    // Response 1 h: reported 09:00, first move (resolved) 11:00 -> 2 h, breached at 10:00, no cycles.
    const { response } = clocks([{ ...policyOn('office', { response: '1h', resolution: '4h' }), on_reopen: 'new_cycle' }], record);
    expect(response).toMatchObject({ elapsed_seconds: 2 * HOUR, state: 'breached', due_at: '2026-03-03T10:00:00+01:00', cycles: [] });
  });
});

describe('priority changes: a P3 raised to P1 mid-flight, across a night and a holiday', () => {
  // Office. Reported Thu 2026-12-24 15:00 as P3; raised to P1 Mon 2026-12-28 10:00; resolved Mon 14:30.
  // Thu 15:00-17:00 = 2 h; Fri 25 is Christmas (off); Sat, Sun closed; Mon 09:00-10:00 = 1 h -> 3 h at the raise;
  // Mon 10:00-12:00 (2 h) + 13:00-14:30 (1 h 30 m) = 3 h 30 m after it; 6 h 30 m in all.
  const record = story({ reported_at: '2026-12-24T15:00:00+01:00', status: 'resolved', priority: 'P1', resolved_at: '2026-12-28T14:30:00+01:00' }, [
    { at: '2026-12-24T15:00:00+01:00', status: 'new', priority: 'P3' },
    { at: '2026-12-28T10:00:00+01:00', priority: 'P1', note: 'Raised: every shop is down.' },
    { at: '2026-12-28T14:30:00+01:00', status: 'resolved' },
  ]);

  it('retroactive (the default): the P1 target applies from the start', () => {
    // 4 h from Thu 15:00: Thu 15-17 (2 h), then Mon 09:00-11:00 (2 h) -> due Mon 11:00.
    // Stopped 14:30 after it: breached; 6 h 30 m = 23400 s, 162.5%.
    const { resolution } = clocks([byPriority('office')], record);
    expect(resolution).toMatchObject({
      priority: 'P1',
      target_seconds: 4 * HOUR,
      elapsed_seconds: 6.5 * HOUR,
      percent: 162.5,
      state: 'breached',
      due_at: '2026-12-28T11:00:00+01:00',
      cycles: [],
    });
  });

  it('retroactive, before the raise: the priority as of then (P3) applies', () => {
    // Now Mon 09:30: Thu 15-17 (2 h) + Mon 09:00-09:30 (30 m) = 2 h 30 m of P3's 14 h, in progress.
    const { resolution } = clocks([byPriority('office')], record, '2026-12-28T09:30:00+01:00');
    expect(resolution).toMatchObject({ priority: 'P3', target_seconds: 14 * HOUR, elapsed_seconds: 2.5 * HOUR, state: 'in_progress' });
  });

  it('restart: the P3 clock is cancelled at the raise and a P1 clock starts there', () => {
    // Cycle 1 (P3, 14 h): Thu 15:00 -> Mon 10:00, 3 h = 10800 s, cancelled (no due time).
    // Cycle 2 (P1, 4 h): Mon 10:00-12:00 (2 h) + 13:00-14:30 (1 h 30 m) = 3 h 30 m = 12600 s;
    // due 10:00 + 4 h = 10-12 (2 h) + 13-15 (2 h) -> Mon 15:00; stopped 14:30: met, 87.5%.
    const { resolution } = clocks([byPriority('office', { on_priority_change: 'restart' })], record);
    expect(resolution).toMatchObject({
      priority: 'P1',
      started_at: '2026-12-28T10:00:00+01:00',
      elapsed_seconds: 3.5 * HOUR,
      percent: 87.5,
      state: 'met',
      due_at: '2026-12-28T15:00:00+01:00',
      stopped_at: '2026-12-28T14:30:00+01:00',
    });
    expect(resolution!.cycles).toEqual([
      {
        started_at: '2026-12-24T15:00:00+01:00',
        stopped_at: '2026-12-28T10:00:00+01:00',
        elapsed_seconds: 3 * HOUR,
        target_seconds: 14 * HOUR,
        state: 'cancelled',
        due_at: null,
        priority: 'P3',
      },
    ]);
  });

  it('restart across the switch to summer time: the new clock counts real hours', () => {
    // Berlin 24x7. Reported Sat 2026-03-28 22:00 CET (21:00Z) as P3; raised to P1 Sun 01:30 CET (00:30Z);
    // resolved Sun 06:00 CEST (04:00Z). Clocks jump 02:00 CET -> 03:00 CEST (01:00Z).
    // Cycle 1 (P3): 21:00Z -> 00:30Z = 3 h 30 m, cancelled.
    // Cycle 2 (P1, 4 h): from 00:30Z, due 04:30Z = 06:30 CEST (5 h on the wall clock, 4 h elapsed);
    // resolved 04:00Z: 3 h 30 m = 12600 s, met.
    // Retroactive instead: 4 h from 21:00Z -> due 01:00Z = 03:00 CEST; 7 h elapsed, breached.
    const raised = story({ reported_at: '2026-03-28T22:00:00+01:00', status: 'resolved', priority: 'P1', resolved_at: '2026-03-29T06:00:00+02:00' }, [
      { at: '2026-03-28T22:00:00+01:00', status: 'new', priority: 'P3' },
      { at: '2026-03-29T01:30:00+01:00', priority: 'P1' },
      { at: '2026-03-29T06:00:00+02:00', status: 'resolved' },
    ]);
    const restart = clocks([byPriority('berlin-24x7', { on_priority_change: 'restart' })], raised).resolution!;
    expect(restart).toMatchObject({ elapsed_seconds: 3.5 * HOUR, state: 'met', due_at: '2026-03-29T06:30:00+02:00', started_at: '2026-03-29T01:30:00+01:00' });
    expect(restart.cycles).toMatchObject([{ elapsed_seconds: 3.5 * HOUR, state: 'cancelled', priority: 'P3', stopped_at: '2026-03-29T01:30:00+01:00' }]);
    const retro = clocks([byPriority('berlin-24x7')], raised).resolution!;
    expect(retro).toMatchObject({ elapsed_seconds: 7 * HOUR, state: 'breached', due_at: '2026-03-29T03:00:00+02:00' });
  });
});

describe('a reopen that also raises the priority', () => {
  // Office. Reported Tue 2026-03-03 09:00 as P3, resolved 11:00 (2 h); reopened Wed 10:00 and raised to P1 in
  // the same entry; resolved Wed 15:30: 10:00-12:00 + 13:00-15:30 = 4 h 30 m. P1: 4 h, P3: 14 h.
  const record = story({ reported_at: '2026-03-03T09:00:00+01:00', status: 'resolved', priority: 'P1', resolved_at: '2026-03-04T15:30:00+01:00' }, [
    { at: '2026-03-03T09:00:00+01:00', status: 'new', priority: 'P3' },
    { at: '2026-03-03T11:00:00+01:00', status: 'resolved' },
    { at: '2026-03-04T10:00:00+01:00', status: 'in_progress', priority: 'P1' },
    { at: '2026-03-04T15:30:00+01:00', status: 'resolved' },
  ]);

  it('retroactive: P1 judges both cycles', () => {
    // Cycle 1 under P1 (4 h): 2 h, due Tue 09:00 + 4 h = 14:00, met. Current: 4 h 30 m, due Wed 10:00 + 4 h = 15:00, breached.
    const r = clocks([byPriority('office', { on_reopen: 'new_cycle' })], record).resolution!;
    expect(r).toMatchObject({ priority: 'P1', elapsed_seconds: 4.5 * HOUR, state: 'breached', due_at: '2026-03-04T15:00:00+01:00' });
    expect(r.cycles).toMatchObject([
      { priority: 'P1', target_seconds: 4 * HOUR, elapsed_seconds: 2 * HOUR, state: 'met', due_at: '2026-03-03T14:00:00+01:00' },
    ]);
  });

  it('restart: the first cycle stays a met P3 cycle; the change while resolved cancels nothing', () => {
    // Cycle 1 under P3 (14 h): 2 h; due Tue 09:00 + 14 h = Tue 7 h + Wed 09-12 (3 h) + 13-17 (4 h) -> Wed 17:00; met.
    const r = clocks([byPriority('office', { on_reopen: 'new_cycle', on_priority_change: 'restart' })], record).resolution!;
    expect(r).toMatchObject({ priority: 'P1', elapsed_seconds: 4.5 * HOUR, state: 'breached', due_at: '2026-03-04T15:00:00+01:00' });
    expect(r.cycles).toMatchObject([
      { priority: 'P3', target_seconds: 14 * HOUR, elapsed_seconds: 2 * HOUR, state: 'met', due_at: '2026-03-04T17:00:00+01:00' },
    ]);
  });
});

describe('start, stop and pause conditions', () => {
  it('pause_when a field has a value: the clock stands still while the vendor has the record', () => {
    // Office, resolution 4 h, pause while team is TEAM-vendor. Mon 2026-03-02: reported 09:00 (TEAM-ops),
    // to TEAM-vendor 10:00, back to TEAM-ops 14:00, resolved 16:00.
    // Counted: 09:00-10:00 (1 h) + 14:00-16:00 (2 h) = 3 h = 10800 s. Due: 1 h before the pause, 3 h more
    // from 14:00 -> 17:00. Met.
    const record = story({ reported_at: '2026-03-02T09:00:00+01:00', status: 'resolved', team: 'TEAM-ops', resolved_at: '2026-03-02T16:00:00+01:00' }, [
      { at: '2026-03-02T09:00:00+01:00', status: 'new', team: 'TEAM-ops' },
      { at: '2026-03-02T10:00:00+01:00', team: 'TEAM-vendor' },
      { at: '2026-03-02T14:00:00+01:00', team: 'TEAM-ops' },
      { at: '2026-03-02T16:00:00+01:00', status: 'resolved' },
    ]);
    const policy = { ...policyOn('office', { resolution: '4h' }), pause_when: [{ field: 'team' as const, equals: 'TEAM-vendor' }] };
    expect(clocks([policy], record).resolution).toMatchObject({ elapsed_seconds: 3 * HOUR, state: 'met', due_at: '2026-03-02T17:00:00+01:00' });
    // While with the vendor (now 11:00) the clock is paused at 1 h.
    expect(clocks([policy], record, '2026-03-02T11:00:00+01:00').resolution).toMatchObject({ elapsed_seconds: HOUR, state: 'paused', clock: 'paused' });
  });

  it('a start condition: the resolution clock starts at the acknowledgement', () => {
    // Office, resolution 4 h from the first entry into acknowledged. Reported Mon 09:00, acknowledged 10:00,
    // resolved 12:00: 10:00-12:00 = 2 h = 7200 s, started_at 10:00 (in the calendar's zone).
    const record = story({ reported_at: '2026-03-02T09:00:00+01:00', status: 'resolved', resolved_at: '2026-03-02T12:00:00+01:00' }, [
      { at: '2026-03-02T09:00:00+01:00', status: 'new' },
      { at: '2026-03-02T10:00:00+01:00', status: 'acknowledged' },
      { at: '2026-03-02T12:00:00+01:00', status: 'resolved' },
    ]);
    const policy = { ...policyOn('office', { resolution: '4h' }), start: { status: ['acknowledged'] } } satisfies SlaPolicy;
    expect(clocks([policy], record).resolution).toMatchObject({ elapsed_seconds: 2 * HOUR, started_at: '2026-03-02T10:00:00+01:00', state: 'met' });
    // Before the start condition holds there is no clock to show.
    expect(clocks([policy], record, '2026-03-02T09:30:00+01:00').resolution).toBeUndefined();
  });

  it('stop conditions: resolution stops at closed, response at in_progress', () => {
    // Office. Reported Mon 09:00, acknowledged 09:30, in_progress 10:15, resolved 12:00, closed 15:00.
    // Response (stop: in_progress): 09:00-10:15 = 1 h 15 m = 4500 s (the acknowledgement does not stop it).
    // Resolution (stop: closed): 09:00-12:00 (3 h) + 13:00-15:00 (2 h) = 5 h = 18000 s, over 4 h: due 14:00, breached.
    const record = story(
      {
        reported_at: '2026-03-02T09:00:00+01:00',
        status: 'closed',
        acknowledged_at: '2026-03-02T09:30:00+01:00',
        resolved_at: '2026-03-02T12:00:00+01:00',
        closed_at: '2026-03-02T15:00:00+01:00',
      },
      [
        { at: '2026-03-02T09:00:00+01:00', status: 'new' },
        { at: '2026-03-02T09:30:00+01:00', status: 'acknowledged' },
        { at: '2026-03-02T10:15:00+01:00', status: 'in_progress' },
        { at: '2026-03-02T12:00:00+01:00', status: 'resolved' },
        { at: '2026-03-02T15:00:00+01:00', status: 'closed' },
      ],
    );
    const policy: SlaPolicy = {
      ...policyOn('office', { response: '2h', resolution: '4h' }),
      stop: { response: { status: ['in_progress'] }, resolution: { status: ['closed'] } },
    };
    const { response, resolution } = clocks([policy], record);
    expect(response).toMatchObject({ elapsed_seconds: HOUR + 15 * MINUTE, state: 'met', stopped_at: '2026-03-02T10:15:00+01:00' });
    expect(resolution).toMatchObject({
      elapsed_seconds: 5 * HOUR,
      state: 'breached',
      due_at: '2026-03-02T14:00:00+01:00',
      stopped_at: '2026-03-02T15:00:00+01:00',
    });
  });
});

describe('OLAs: a team’s part of the work, beside the customer SLA', () => {
  // Office. Mon 2026-03-02: reported 09:00 with TEAM-ops, reassigned to TEAM-db 11:00, resolved 16:30.
  const record = story({ reported_at: '2026-03-02T09:00:00+01:00', status: 'resolved', team: 'TEAM-db', resolved_at: '2026-03-02T16:30:00+01:00' }, [
    { at: '2026-03-02T09:00:00+01:00', status: 'new', team: 'TEAM-ops' },
    { at: '2026-03-02T11:00:00+01:00', team: 'TEAM-db', note: 'Looks like the database.' },
    { at: '2026-03-02T16:30:00+01:00', status: 'resolved' },
  ]);
  const sla = policyOn('office', { resolution: '8h' });
  const ola: SlaPolicy = { ...policyOn('office', { resolution: '4h' }), id: 'resolver-ola', scope: 'team' };

  it('across a reassignment: one cycle per team, next to the customer SLA', () => {
    // Customer SLA (8 h): 09:00-12:00 (3 h) + 13:00-16:30 (3 h 30 m) = 6 h 30 m = 23400 s, met.
    // OLA cycle 1, TEAM-ops: 09:00-11:00 = 2 h, stopped by the hand-off; due 09:00 + 4 h -> 14:00: met.
    // OLA cycle 2, TEAM-db: 11:00-12:00 (1 h) + 13:00-16:30 (3 h 30 m) = 4 h 30 m = 16200 s;
    // due 11:00 + 4 h = 11-12 (1 h) + 13-16 (3 h) -> 16:00; stopped 16:30: breached.
    const results = clocks([sla, ola], record);
    expect(Object.keys(results).sort()).toEqual(['ola-resolution', 'resolution']);
    expect(results.resolution).toMatchObject({ elapsed_seconds: 6.5 * HOUR, state: 'met', policy: 'incident-policy' });
    expect(results['ola-resolution']).toMatchObject({
      policy: 'resolver-ola',
      team: 'TEAM-db',
      started_at: '2026-03-02T11:00:00+01:00',
      elapsed_seconds: 4.5 * HOUR,
      state: 'breached',
      due_at: '2026-03-02T16:00:00+01:00',
    });
    expect(results['ola-resolution']!.cycles).toEqual([
      {
        started_at: '2026-03-02T09:00:00+01:00',
        stopped_at: '2026-03-02T11:00:00+01:00',
        elapsed_seconds: 2 * HOUR,
        target_seconds: 4 * HOUR,
        state: 'met',
        due_at: '2026-03-02T14:00:00+01:00',
        priority: 'P2',
        team: 'TEAM-ops',
      },
    ]);
  });

  it('an OLA for one team measures only its part', () => {
    const dbOnly: SlaPolicy = { ...ola, applies_to: { kind: 'incident', teams: ['TEAM-db'] } };
    const r = clocks([sla, dbOnly], record)['ola-resolution']!;
    expect(r).toMatchObject({ team: 'TEAM-db', elapsed_seconds: 4.5 * HOUR, cycles: [] });
    // An OLA for a team that never had the record yields no clock.
    expect(clocks([sla, { ...ola, applies_to: { kind: 'incident', teams: ['TEAM-net'] } }], record)['ola-resolution']).toBeUndefined();
  });

  it('ola-response: each team until the acknowledgement', () => {
    // Office, OLA response 30 m. Reported Mon 09:00 with TEAM-ops, handed to TEAM-db 09:20, acknowledged 09:50.
    // TEAM-ops 09:00-09:20 = 20 m (hand-off before its due 09:30: met); TEAM-db 09:20-09:50 = 30 m, due
    // 09:20 + 30 m = 09:50 = the acknowledgement: met at 100%.
    const acked = story({ reported_at: '2026-03-02T09:00:00+01:00', status: 'acknowledged', team: 'TEAM-db', acknowledged_at: '2026-03-02T09:50:00+01:00' }, [
      { at: '2026-03-02T09:00:00+01:00', status: 'new', team: 'TEAM-ops' },
      { at: '2026-03-02T09:20:00+01:00', team: 'TEAM-db' },
      { at: '2026-03-02T09:50:00+01:00', status: 'acknowledged' },
    ]);
    const r = clocks([sla, { ...ola, targets: { P2: { response: '30m' } } }], acked)['ola-response']!;
    expect(r).toMatchObject({ team: 'TEAM-db', elapsed_seconds: 30 * MINUTE, state: 'met', percent: 100, due_at: '2026-03-02T09:50:00+01:00' });
    expect(r.cycles).toMatchObject([{ team: 'TEAM-ops', elapsed_seconds: 20 * MINUTE, state: 'met', due_at: '2026-03-02T09:30:00+01:00' }]);
  });

  it('a record that never changed team: the OLA runs from the start for the record’s team', () => {
    // 09:00-12:00 (3 h) + 13:00-14:00 (1 h) = 4 h = the target: met exactly at 14:00.
    const plain = story({ reported_at: '2026-03-02T09:00:00+01:00', status: 'resolved', team: 'TEAM-ops', resolved_at: '2026-03-02T14:00:00+01:00' }, []);
    expect(clocks([sla, ola], plain)['ola-resolution']).toMatchObject({ team: 'TEAM-ops', elapsed_seconds: 4 * HOUR, state: 'met', percent: 100 });
  });
});
