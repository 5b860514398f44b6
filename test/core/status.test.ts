import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availability, incidentStatus, statusReport, type Window } from '../../src/core/status.ts';
import { loadWorkspaceFromFiles } from '../../src/io/workspace.ts';
import { cmdbWorkspace } from '../helpers/cmdb-fixture.ts';
import { record } from '../helpers/workspace.ts';

const H = 3_600_000;
const DAY = 24 * H;

function incident(id: string, fields: string): Record<string, string> {
  return { [`content/incidents/${id}.md`]: record(`id: ${id}\ntitle: ${id} trouble\nservice: SVC-shop\nurgency: high\n${fields}`) };
}

function report(extra: Record<string, string>, now = '2026-03-05T12:00:00+01:00') {
  const { workspace, diagnostics } = loadWorkspaceFromFiles(new Map(Object.entries({ ...cmdbWorkspace(), ...extra })));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return statusReport(workspace.records, { now, timeZone: 'Europe/Berlin' });
}

const shop = (r: ReturnType<typeof report>) => r.services.find((s) => s.id === 'SVC-shop')!;

describe('service status', () => {
  it('is the worst open incident: low degrades, medium is a partial outage, high or major a major outage', () => {
    expect(incidentStatus({ impact: 'low' })).toBe('degraded');
    expect(incidentStatus({ impact: 'medium' })).toBe('partial_outage');
    expect(incidentStatus({ impact: 'high' })).toBe('major_outage');
    expect(incidentStatus({ impact: 'low', major: true })).toBe('major_outage');
  });

  it('rolls up open incidents only; resolved ones are history', () => {
    const r = report({
      ...incident(
        'INC-0010',
        'status: in_progress\nimpact: low\npriority: P3\nreported_at: 2026-03-05T09:00:00+01:00\nacknowledged_at: 2026-03-05T09:05:00+01:00',
      ),
      ...incident('INC-0011', 'status: new\nimpact: medium\npriority: P2\nreported_at: 2026-03-05T10:00:00+01:00'),
    });
    expect(shop(r).status).toBe('partial_outage');
    expect(shop(r).openIncidents.map((i) => i.id)).toEqual(['INC-0010', 'INC-0011']);
    expect(shop(r).history.map((i) => i.id)).toEqual(['INC-0011', 'INC-0010', 'INC-0001']);
    expect(r.overall).toBe('major_outage'); // the portal's P1
  });

  it('lists maintenance on the service or its CIs that has not ended, soonest first', () => {
    const r = report({}, '2026-03-14T22:30:00+01:00');
    expect(shop(r).maintenance).toEqual([
      {
        id: 'CHG-0002',
        summary: 'Planned maintenance of Web shop.',
        status: 'scheduled',
        planned_start: '2026-03-14T22:00:00+01:00',
        planned_end: '2026-03-14T23:00:00+01:00',
        ongoing: true,
      },
    ]);
    expect(shop(report({}, '2026-03-15T00:00:00+01:00')).maintenance).toEqual([]);
  });
});

describe('availability', () => {
  it('counts a resolved partial outage at 30 %', () => {
    // INC-0001: medium impact, 09:10 to 11:00 on 2 March = 110 minutes, 33 weighted.
    const a = shop(report({})).availability;
    expect(a.map((x) => x.downtimeMinutes)).toEqual([33, 33]);
    expect(a[0]!.availability).toBeCloseTo(1 - 33 / (30 * 24 * 60), 6);
  });

  it('does not count overlapping incidents twice', () => {
    const r = report({
      ...incident(
        'INC-0010',
        'status: resolved\nimpact: high\npriority: P1\nreported_at: 2026-03-04T10:00:00+01:00\nacknowledged_at: 2026-03-04T10:01:00+01:00\nresolved_at: 2026-03-04T12:00:00+01:00\nresolution: Fixed.\nclose_code: solved-permanently',
      ),
      ...incident(
        'INC-0011',
        'status: resolved\nimpact: high\npriority: P1\nreported_at: 2026-03-04T11:00:00+01:00\nacknowledged_at: 2026-03-04T11:01:00+01:00\nresolved_at: 2026-03-04T13:00:00+01:00\nresolution: Fixed.\nclose_code: solved-permanently',
      ),
    });
    // 10:00-13:00 is three hours of major outage, plus INC-0001's 33 weighted minutes.
    expect(shop(r).availability[0]!.downtimeMinutes).toBe(180 + 33);
  });

  it('counts an open incident until now, and only the part inside the window', () => {
    const r = report(
      incident(
        'INC-0010',
        'status: in_progress\nimpact: high\npriority: P1\nreported_at: 2026-01-01T12:00:00+01:00\nacknowledged_at: 2026-01-01T12:05:00+01:00',
      ),
    );
    const [d30, d90] = shop(r).availability;
    expect(d30!.availability).toBe(0);
    expect(d90!.downtimeMinutes).toBeCloseTo((Date.parse('2026-03-05T12:00:00+01:00') - Date.parse('2026-01-01T12:00:00+01:00')) / 60_000, 1);
  });

  it('gives one bar per calendar day in the workspace zone, today last', () => {
    const days = shop(report({})).daily;
    expect(days).toHaveLength(90);
    expect(days.at(-1)!.date).toBe('2026-03-05');
    const bad = days.find((d) => d.date === '2026-03-02')!;
    expect(bad.worst).toBe('partial_outage');
    expect(bad.availability).toBeCloseTo(1 - (110 * 0.3) / (24 * 60), 6);
    expect(days.filter((d) => d.worst !== 'operational').map((d) => d.date)).toEqual(['2026-03-02']);
  });

  it('property: never below the single worst window, never double counts, always within 0..1', () => {
    const windowArb = fc.record({
      start: fc.integer({ min: 0, max: 10 * DAY }),
      length: fc.integer({ min: 0, max: 2 * DAY }),
      status: fc.constantFrom('degraded', 'partial_outage', 'major_outage' as const),
    });
    fc.assert(
      fc.property(fc.array(windowArb, { maxLength: 12 }), (ws) => {
        const windows: Window[] = ws.map((w) => ({ start: w.start, end: w.start + w.length, status: w.status }));
        const a = availability(windows, 0, 12 * DAY);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(1);
        // Duplicating every window changes nothing: overlaps count once.
        expect(availability([...windows, ...windows], 0, 12 * DAY)).toBeCloseTo(a, 9);
        // The union of major windows bounds the downtime from below.
        for (const w of windows) if (w.status === 'major_outage') expect(1 - a).toBeGreaterThanOrEqual((w.end - w.start) / (12 * DAY) - 1e-12);
      }),
    );
  });
});
