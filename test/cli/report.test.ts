/** `itsm report` end to end on a temp workspace: the figures a service manager reads, as JSON and CSV. */
import { describe, expect, it } from 'vitest';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, record, runCli, runMain } from '../helpers/workspace.ts';

const NOW = '2026-03-31T12:00:00+02:00';

// The minimal workspace has INC-0001 (Mon 2 Mar 09:10, acknowledged 09:20, resolved 11:00, CI-web)
// and CHG-0001 (completed 8 Mar). This incident was caused by that change: Mon 9 Mar 10:00,
// acknowledged 10:30, resolved 12:30 (office time 10:00-12:00 = 2h; wall 2h30m).
const CAUSED = record(`
id: INC-0002
title: Slow checkout after the database upgrade
status: resolved
service: SVC-shop
cis: [CI-db]
impact: medium
urgency: high
priority: P2
caused_by_change: CHG-0001
reported_at: 2026-03-09T10:00:00+01:00
acknowledged_at: 2026-03-09T10:30:00+01:00
resolved_at: 2026-03-09T12:30:00+01:00
resolution: Rebuilt the missing index.
close_code: solved-permanently
`);

const PROBLEM = record(`
id: PRB-0001
title: Upgrades drop indexes
status: investigating
opened_at: 2026-03-09T12:00:00+01:00
`);

describe('itsm report', () => {
  const root = makeWorkspace({ ...minimalWorkspace(), 'content/incidents/INC-0002.md': CAUSED, 'content/problems/PRB-0001.md': PROBLEM });

  it('end to end: computes every figure as JSON', async () => {
    const r = runCli(['report', '--now', NOW, '--format', 'json'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // MTTA: 10m and 30m, both inside office hours. MTTR wall: 1h50m and 2h30m; business 1h50m and 2h.
    expect(report.mtta).toEqual({
      business: { count: 2, mean_seconds: 1200, median_seconds: 1200 },
      wall: { count: 2, mean_seconds: 1200, median_seconds: 1200 },
    });
    expect(report.mttr).toEqual({
      business: { count: 2, mean_seconds: 6900, median_seconds: 6900 },
      wall: { count: 2, mean_seconds: 7800, median_seconds: 7800 },
    });
    // 30m response of INC-0002 is exactly the P2 target: met.
    expect(report.sla_attainment.overall).toEqual({ response: { met: 2, breached: 0, percent: 100 }, resolution: { met: 2, breached: 0, percent: 100 } });
    expect(report.incident_volume).toEqual({
      total: 2,
      by_month: [{ month: '2026-03', count: 2, by_service: { 'SVC-shop': 2 } }],
      by_service: [{ service: 'SVC-shop', count: 2 }],
    });
    expect(report.change_success_rate).toMatchObject({ implemented: 1, successful: 1, percent: 100 });
    expect(report.change_failure_rate).toEqual({
      implemented: 1,
      causing_incidents: 1,
      percent: 100,
      changes: [{ change: 'CHG-0001', title: 'Upgrade the shop database', incidents: ['INC-0002'] }],
    });
    // Opened 9 Mar 11:00Z, now 31 Mar 10:00Z: 21 days 23 hours = 22.0 days.
    expect(report.problem_backlog).toMatchObject({ open: 1, age_days: { mean: 22, median: 22, max: 22 } });
    expect(report.top_cis).toEqual([
      { ci: 'CI-db', name: 'Shop database', incidents: 1 },
      { ci: 'CI-web', name: 'Web servers', incidents: 1 },
    ]);
  });

  it('limits the figures to the period, in the workspace time zone', async () => {
    const r = await runMain(['report', '--now', NOW, '--from', '2026-03-09', '--to', '2026-03-09', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.period).toEqual({
      from: '2026-03-08T23:00:00.000Z',
      to: '2026-03-09T23:00:00.000Z',
      now: '2026-03-31T10:00:00.000Z',
      time_zone: 'Europe/Berlin',
    });
    expect(report.incident_volume.total).toBe(1);
    // CHG-0001 ended on 8 March, before the period.
    expect(report.change_success_rate).toMatchObject({ implemented: 0, percent: null });
  });

  it('writes CSV rows for spreadsheets, and a readable summary', async () => {
    const csv = await runMain(['report', '--now', NOW, '--format', 'csv'], { cwd: root });
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n').slice(0, 2)).toEqual(['figure,group,key,measure,value', 'mtta,business,,count,2']);
    expect(csv.stdout).toContain('change_failure_rate,change,CHG-0001,incidents,INC-0002\r\n');

    const pretty = await runMain(['report', '--now', NOW], { cwd: root });
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toContain('MTTR  business mean 1h55m, median 1h55m (2)');
    expect(pretty.stdout).toContain('Change failure rate: 100% (1 of 1 caused incidents: CHG-0001 -> INC-0002)');
  });

  it('counts attainment by team: the team a record is with, "(none)" without one', async () => {
    // INC-0001 is with TEAM-ops; INC-0002 names no team. Both met their resolution targets.
    const json = await runMain(['report', '--now', NOW, '--format', 'json'], { cwd: root });
    expect(json.code).toBe(0);
    const byTeam = (JSON.parse(json.stdout) as { sla_attainment: { by_team: Array<{ key: string; resolution: { met: number } }> } }).sla_attainment.by_team;
    expect(byTeam.map((r) => `${r.key} ${r.resolution.met}`)).toEqual(['(none) 1', 'TEAM-ops 1']);
    const csv = await runMain(['report', '--now', NOW, '--format', 'csv'], { cwd: root });
    expect(csv.stdout).toContain('sla_attainment,team,TEAM-ops,resolution_met,1\r\n');
    const pretty = await runMain(['report', '--now', NOW], { cwd: root });
    expect(pretty.stdout).toMatch(/ {2}by team:\n.*\(none\)/);
  });

  it('explains a bad date', async () => {
    const r = await runMain(['report', '--from', '2026-13-01'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from must be a date YYYY-MM-DD (or an instant with an offset); got "2026-13-01"');
  });
});
