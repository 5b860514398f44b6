/** buildReport puts every figure in one JSON-able object; reportCsv flattens it for spreadsheets. */
import { describe, expect, it } from 'vitest';
import { buildReport, reportCsv, reportRows } from '../../../src/core/reports/index.ts';
import { NOW, SLA, WORKSPACE, ZONE } from './fixture.ts';

describe('buildReport', () => {
  const report = buildReport(WORKSPACE, SLA, { now: NOW, timeZone: ZONE, from: '2026-02-01', to: '2026-03-31' });

  it('has one field per figure and survives a JSON round trip', () => {
    expect(Object.keys(report)).toEqual([
      'period',
      'mtta',
      'mttr',
      'sla_attainment',
      'incident_volume',
      'change_success_rate',
      'change_failure_rate',
      'problem_backlog',
      'top_cis',
      'imported_sla',
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('states its period as instants: whole days in the workspace zone, the last day included', () => {
    expect(report.period).toEqual({
      from: '2026-01-31T23:00:00.000Z',
      to: '2026-03-31T22:00:00.000Z',
      now: '2026-04-10T00:00:00.000Z',
      time_zone: 'Europe/Berlin',
    });
    // February and March: three incidents (INC-0004 is in April).
    expect(report.incident_volume.total).toBe(3);
  });

  it('refuses a bound that is not a date', () => {
    expect(() => buildReport(WORKSPACE, SLA, { now: NOW, timeZone: ZONE, from: 'last week' })).toThrow(RangeError);
    expect(() => buildReport(WORKSPACE, SLA, { now: NOW, timeZone: ZONE, to: '2026-02-30' })).toThrow(/2026-02-30/);
  });
});

describe('reportCsv', () => {
  it('writes one row per number with a header', () => {
    const report = buildReport(WORKSPACE, SLA, { now: NOW, timeZone: ZONE });
    const lines = reportCsv(report).split('\r\n');
    expect(lines.slice(0, 4)).toEqual([
      'figure,group,key,measure,value',
      'mtta,business,,count,3',
      'mtta,business,,mean_seconds,1900',
      'mtta,business,,median_seconds,300',
    ]);
    expect(lines).toContain('change_failure_rate,overall,,percent,33.3');
    expect(lines).toContain('top_cis,ci,CI-db,incidents,2');
    expect(lines.length - 2).toBe(reportRows(report).length);
  });
});
