/** Each report figure on the fixture quarter, worked out by hand (see fixture.ts for the records). */
import { describe, expect, it } from 'vitest';
import { recordsOf } from '../../../src/core/model.ts';
import {
  changeFailureRate,
  changeSuccessRate,
  incidentVolume,
  meanTimeToAcknowledge,
  meanTimeToResolve,
  monthKeyer,
  monthsBetween,
  problemBacklog,
  reportContext,
  slaAttainment,
  topCis,
} from '../../../src/core/reports/index.ts';
import { NOW, SLA, WORKSPACE, ZONE } from './fixture.ts';

const whole = reportContext({ now: NOW, timeZone: ZONE });
const march = reportContext({ now: NOW, timeZone: ZONE, from: '2026-03-01', to: '2026-03-31' });
const incidents = recordsOf(WORKSPACE, 'incident');
const changes = recordsOf(WORKSPACE, 'change');

describe('MTTA and MTTR', () => {
  it('averages acknowledgement times on the wall clock and on the SLA calendar', () => {
    // Wall: 10m, 1h30m, 5m = 600, 5400, 300 -> mean 2100, median 600 (INC-0004 never acknowledged).
    // Business: INC-0001 was acknowledged on a Sunday night (0 office time), 5400, 300 -> mean 1900, median 300.
    expect(meanTimeToAcknowledge(incidents, SLA, whole)).toEqual({
      business: { count: 3, mean_seconds: 1900, median_seconds: 300 },
      wall: { count: 3, mean_seconds: 2100, median_seconds: 600 },
    });
  });

  it('averages resolution times of resolved incidents only', () => {
    // Wall: 2h and 4h -> 10800. Business: 0 (Sunday night) and 3h (10-12, 13-14) -> mean 5400.
    expect(meanTimeToResolve(incidents, SLA, whole)).toEqual({
      business: { count: 2, mean_seconds: 5400, median_seconds: 5400 },
      wall: { count: 2, mean_seconds: 10800, median_seconds: 10800 },
    });
  });

  it('counts only incidents reported in the period', () => {
    // March: INC-0003 only, acknowledged in 5m, not resolved.
    expect(meanTimeToAcknowledge(incidents, SLA, march).wall).toEqual({ count: 1, mean_seconds: 300, median_seconds: 300 });
    expect(meanTimeToResolve(incidents, SLA, march).wall).toEqual({ count: 0, mean_seconds: null, median_seconds: null });
  });
});

describe('SLA attainment', () => {
  const a = slaAttainment(SLA, whole);

  it('is met over met plus breached; a running clock past target is a breach, a cancelled one is nothing', () => {
    // Response: INC-0001 met, INC-0002 breached (1h30m > 1h), INC-0003 met -> 2/3.
    // Resolution: INC-0001 met, INC-0002 met, INC-0003 still open past 4h -> breached -> 2/3.
    expect(a.overall).toEqual({
      response: { met: 2, breached: 1, percent: 66.7 },
      resolution: { met: 2, breached: 1, percent: 66.7 },
    });
  });

  it('splits by service, priority and month (months in the workspace zone)', () => {
    expect(a.by_service).toEqual([
      { key: 'SVC-pay', response: { met: 1, breached: 0, percent: 100 }, resolution: { met: 0, breached: 1, percent: 0 } },
      { key: 'SVC-shop', response: { met: 1, breached: 1, percent: 50 }, resolution: { met: 2, breached: 0, percent: 100 } },
    ]);
    expect(a.by_priority.map((r) => r.key)).toEqual(['P1', 'P2', 'P3']);
    // INC-0001 was reported on 31 January in UTC, 1 February in Berlin.
    expect(a.by_month).toEqual([
      { key: '2026-02', response: { met: 1, breached: 1, percent: 50 }, resolution: { met: 2, breached: 0, percent: 100 } },
      { key: '2026-03', response: { met: 1, breached: 0, percent: 100 }, resolution: { met: 0, breached: 1, percent: 0 } },
    ]);
  });
});

describe('incident volume', () => {
  it('counts incidents by month, with empty months, and by service', () => {
    expect(incidentVolume(incidents, whole)).toEqual({
      total: 4,
      by_month: [
        { month: '2026-02', count: 2, by_service: { 'SVC-shop': 2 } },
        { month: '2026-03', count: 1, by_service: { 'SVC-pay': 1 } },
        { month: '2026-04', count: 1, by_service: { 'SVC-pay': 1 } },
      ],
      by_service: [
        { service: 'SVC-pay', count: 2 },
        { service: 'SVC-shop', count: 2 },
      ],
    });
  });

  it('spans the whole period even when months are empty', () => {
    const q1 = reportContext({ now: NOW, timeZone: ZONE, from: '2026-01-01', to: '2026-03-31' });
    expect(incidentVolume(incidents, q1).by_month.map((m) => [m.month, m.count])).toEqual([
      ['2026-01', 0],
      ['2026-02', 2],
      ['2026-03', 1],
    ]);
  });
});

describe('changes', () => {
  it('success rate: successful over implemented, by the month they ended', () => {
    // Implemented: CHG-0001 (Feb, ok), CHG-0002 (Mar, failed), CHG-0003 (Mar, ok); CHG-0004 is only scheduled.
    expect(changeSuccessRate(changes, whole)).toEqual({
      implemented: 3,
      successful: 2,
      failed: 1,
      percent: 66.7,
      by_month: [
        { month: '2026-02', implemented: 1, successful: 1, percent: 100 },
        { month: '2026-03', implemented: 2, successful: 1, percent: 50 },
      ],
    });
  });

  it('failure rate: implemented changes that an incident names as its cause', () => {
    // INC-0002 was caused by CHG-0001: 1 of 3.
    expect(changeFailureRate(changes, incidents, whole)).toEqual({
      implemented: 3,
      causing_incidents: 1,
      percent: 33.3,
      changes: [{ change: 'CHG-0001', title: 'Change CHG-0001', incidents: ['INC-0002'] }],
    });
    expect(changeFailureRate(changes, incidents, march)).toMatchObject({ implemented: 2, causing_incidents: 0, percent: 0 });
  });
});

describe('problem backlog', () => {
  it('ages the problems open now', () => {
    // PRB-0001 open since 1 Jan: 31 + 28 + 31 + 9 = 99 days; PRB-0002 since 20 Feb: 8 + 31 + 9 = 49 days.
    expect(problemBacklog(recordsOf(WORKSPACE, 'problem'), whole)).toEqual({
      as_of: '2026-04-10T00:00:00.000Z',
      open: 2,
      known_errors: 1,
      age_days: { mean: 74, median: 74, max: 99 },
      by_age: [
        { bucket: 'under 7 days', count: 0 },
        { bucket: '7-30 days', count: 0 },
        { bucket: '30-90 days', count: 1 },
        { bucket: 'over 90 days', count: 1 },
      ],
      oldest: [
        { problem: 'PRB-0001', title: 'Problem PRB-0001', status: 'investigating', opened_at: '2026-01-01T00:00:00Z', age_days: 99 },
        { problem: 'PRB-0002', title: 'Problem PRB-0002', status: 'known_error', opened_at: '2026-02-20T00:00:00Z', age_days: 49 },
      ],
    });
  });

  it('measures at the end of the period: a problem resolved later was still open then', () => {
    // End of January in Berlin = 2026-01-31T23:00Z. PRB-0001: 30d 23h = 31.0 days; PRB-0003 (resolved
    // 1 Feb): 21d 23h = 22.0 days; PRB-0002 did not exist yet.
    const january = reportContext({ now: NOW, timeZone: ZONE, to: '2026-01-31' });
    const b = problemBacklog(recordsOf(WORKSPACE, 'problem'), january);
    expect(b.as_of).toBe('2026-01-31T23:00:00.000Z');
    expect(b.oldest.map((p) => [p.problem, p.age_days])).toEqual([
      ['PRB-0001', 31],
      ['PRB-0003', 22],
    ]);
  });
});

describe('top CIs', () => {
  it('ranks CIs by incidents, ties by ID, with their names', () => {
    expect(topCis(incidents, WORKSPACE.byId, whole)).toEqual([
      { ci: 'CI-db', name: 'Database', incidents: 2 },
      { ci: 'CI-web', name: 'Web servers', incidents: 2 },
      { ci: 'CI-lb', name: 'Load balancer', incidents: 1 },
    ]);
    expect(topCis(incidents, WORKSPACE.byId, march)).toEqual([{ ci: 'CI-db', name: 'Database', incidents: 1 }]);
  });
});

describe('months', () => {
  it('puts instants in the month of the report zone, across DST and year ends', () => {
    const berlin = monthKeyer('Europe/Berlin');
    expect(berlin(Date.parse('2026-03-31T21:59:59Z'))).toBe('2026-03');
    expect(berlin(Date.parse('2026-03-31T22:00:00Z'))).toBe('2026-04');
    expect(berlin(Date.parse('2026-12-31T23:00:00Z'))).toBe('2027-01');
    expect(monthKeyer('America/New_York')(Date.parse('2027-01-01T04:59:59Z'))).toBe('2026-12');
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});
