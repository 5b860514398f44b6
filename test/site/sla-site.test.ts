/**
 * The built site's SLA clocks and attainment charts, read as HTML: the site fixture plus the wiki
 * service's policies and INC-0101 (test/site/sla-fixture.ts), reopened under `on_reopen: new_cycle`
 * and on hold at FIXTURE_NOW, with a customer SLA and a team's OLA side by side; sla.yaml sets an
 * attainment target of 90%.
 */
import { describe, expect, it } from 'vitest';
import { builtSite, element, rows, text } from './built-html.ts';
import { fixtureFiles } from './fixture.ts';
import { withSlaFiles } from './sla-fixture.ts';

const files = withSlaFiles(fixtureFiles());
files['content/policies/sla.yaml'] = `attainment_target: 90\n${files['content/policies/sla.yaml']!}`;
const site = builtSite(files, 'itsm-sla-site');
const html = site.html;

describe('SLA clocks on a record page', () => {
  it('shows every clock, the OLA with its team, and since when a paused clock stands still', () => {
    const page = html('incidents/INC-0101');
    expect(rows(element(page, 'data-sla-clocks'))).toEqual([
      'response met 16% 1h 00m 50m 2026-11-19 10:00 CET',
      'resolution paused paused since 2026-11-20 09:15 CET 31% 4h 00m 2h 45m 2026-11-20 12:45 CET paused',
      'OLA resolution TEAM-payments paused paused since 2026-11-20 09:15 CET 62% 2h 00m 45m 2026-11-20 10:45 CET paused',
    ]);
    expect(text(element(page, 'data-sla-policy="wiki-desk"'))).toBe('response, resolution: policy wiki-desk on calendar always-on.');
    expect(text(element(page, 'data-sla-policy="wiki-ola"'))).toBe('OLA resolution: policy wiki-ola on calendar always-on.');
    // A paused clock's cell does not count down in the browser.
    expect(element(page, 'data-clock="resolution"')).not.toContain('data-countdown');
  });

  it('lists the completed cycles with start, stop, time used, state and due time', () => {
    const page = html('incidents/INC-0101');
    expect(rows(element(page, 'data-sla-cycles'))).toEqual([
      'resolution P3 2026-11-19 09:00 CET 2026-11-19 12:00 CET 3h 00m met 2026-11-19 13:00 CET',
      'OLA resolution P3 TEAM-platform 2026-11-19 09:00 CET 2026-11-19 12:00 CET 3h 00m breached 2026-11-19 11:00 CET',
    ]);
    // A record whose clocks never cycled has no cycles table.
    expect(html('incidents/INC-0001')).not.toContain('data-sla-cycles');
  });
  it("gives the same clocks in the record's JSON twin", () => {
    const api = JSON.parse(site.file('api/INC-0101.json')) as {
      sla: {
        clocks: Array<{ clock: string; policy: string; team: string | null; pausedSince: string | null; cycles: Array<{ state: string; team?: string }> }>;
      };
    };
    expect(api.sla.clocks.map((c) => [c.clock, c.policy, c.team, c.pausedSince, c.cycles.map((y) => `${y.state} ${y.team ?? ''}`.trim())])).toEqual([
      ['response', 'wiki-desk', null, null, []],
      ['resolution', 'wiki-desk', null, '2026-11-20T08:15:00Z', ['met']],
      ['ola-resolution', 'wiki-ola', 'TEAM-payments', '2026-11-20T08:15:00Z', ['breached TEAM-platform']],
    ]);
  });
});

describe('attainment reports', () => {
  it('shows attainment by team beside service and priority', () => {
    const section = element(html('reports'), 'data-report="sla-attainment-by-team"');
    const table = element(section, 'class="report"');
    expect(rows(table).map((r) => r.split(' ')[0])).toEqual(['TEAM-payments', 'TEAM-platform']);
  });

  it.each(['sla-attainment-by-month', 'sla-attainment-by-service', 'sla-attainment-by-team', 'sla-attainment-by-priority'])(
    '%s: the chart draws the target as a dashed line, labelled',
    (id) => {
      const svg = element(element(html('reports'), `data-report="${id}"`), '<svg');
      const rule = element(svg, 'class="mark-rule role-mark target_marks"');
      expect(rule).toMatch(/<line aria-label="target 90%"[^>]*stroke-dasharray="6,4"/);
      // The line sits at 90% of the y axis: 10% of the plot's 220 px below its top.
      const y = Number(/<line[^>]*transform="translate\([\d.]+,([\d.]+)\)"/.exec(rule)![1]);
      expect(y).toBeCloseTo(22, 6);
      expect(text(element(svg, 'class="mark-text role-mark target_label_marks"'))).toBe('target 90%');
    },
  );

  it('draws no target on charts that are not attainment', () => {
    expect(element(html('reports'), 'data-report="incident-volume-by-service"')).not.toContain('target_marks');
  });
});
