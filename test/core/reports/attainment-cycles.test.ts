/** SLA attainment counted per cycle (as Jira Service Management does), and OLA clocks beside the SLA. */
import { describe, expect, it } from 'vitest';
import type { AnyRecord, Incident, SlaPolicy } from '../../../src/core/model.ts';
import { buildReport, reportContext, reportRows, slaAttainment } from '../../../src/core/reports/index.ts';
import { computeSla } from '../../../src/core/sla/index.ts';
import { policyOn, workspaceWith } from '../sla/harness.ts';

const NOW = '2026-04-01T00:00:00Z';
const ctx = reportContext({ now: NOW, timeZone: 'Europe/Berlin' });

// Office, resolution 4h. Reported Tue 2026-03-03 09:00, resolved 11:00 (2h: met), reopened Wed 10:00 and
// resolved Wed 15:30: the second spell alone is 10-12 + 13-15:30 = 4h30m (breached, due 15:00); as one
// resumed clock it is 6h30m (breached, due Wed 12:00). The record moved from TEAM-ops to TEAM-db on the reopen.
const REOPENED: AnyRecord = (() => {
  const data: Incident = {
    id: 'INC-0001',
    title: 'Checkout errors',
    service: 'SVC-shop',
    impact: 'medium',
    urgency: 'high',
    priority: 'P2',
    team: 'TEAM-db',
    reported_at: '2026-03-03T09:00:00+01:00',
    resolved_at: '2026-03-04T15:30:00+01:00',
    status: 'resolved',
    timeline: [
      { at: '2026-03-03T09:00:00+01:00', status: 'new', team: 'TEAM-ops' },
      { at: '2026-03-03T11:00:00+01:00', status: 'resolved' },
      { at: '2026-03-04T10:00:00+01:00', status: 'in_progress', team: 'TEAM-db' },
      { at: '2026-03-04T15:30:00+01:00', status: 'resolved' },
    ],
  };
  return { kind: 'incident', id: data.id, file: 'content/incidents/INC-0001.md', data, body: '' };
})();

function attainment(policies: SlaPolicy[]) {
  return slaAttainment(computeSla(workspaceWith(policies, [REOPENED]), NOW), ctx);
}

describe('SLA attainment per cycle', () => {
  it('counts a resumed clock once, and each cycle of a new_cycle policy', () => {
    expect(attainment([policyOn('office', { resolution: '4h' })]).overall.resolution).toEqual({ met: 0, breached: 1, percent: 0 });
    const cycles = attainment([{ ...policyOn('office', { resolution: '4h' }), on_reopen: 'new_cycle' }]);
    expect(cycles.overall.resolution).toEqual({ met: 1, breached: 1, percent: 50 });
    // Both cycles started in March.
    expect(cycles.by_month).toMatchObject([{ key: '2026-03', resolution: { met: 1, breached: 1 } }]);
  });

  it('shows the OLA beside the SLA in every row and in the CSV rows', () => {
    // SLA (8h): 6h30m, met. OLA (4h): TEAM-ops 09:00-11:00 (2h, met); TEAM-db from Wed 10:00, 4h30m (breached).
    const ws = workspaceWith([policyOn('office', { resolution: '8h' }), { ...policyOn('office', { resolution: '4h' }), id: 'ola', scope: 'team' }], [REOPENED]);
    const report = buildReport(ws, computeSla(ws, NOW), { now: NOW, timeZone: 'Europe/Berlin' });
    const a = report.sla_attainment;
    expect(a.overall['ola-resolution']).toEqual({ met: 1, breached: 1, percent: 50 });
    expect(a.by_service[0]).toMatchObject({ key: 'SVC-shop', resolution: { met: 1, breached: 0 }, 'ola-resolution': { met: 1, breached: 1 } });
    const rows = reportRows(report);
    expect(rows).toContainEqual({ figure: 'sla_attainment', group: 'overall', key: '', measure: 'ola_resolution_percent', value: 50 });
  });
});
