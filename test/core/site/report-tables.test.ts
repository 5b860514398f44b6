import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/core/reports/index.ts';
import { reportTables, toCsv, vegaLiteSpec, type ReportTable } from '../../../src/core/site/report-tables.ts';
import { knowledgeBase, knownErrors } from '../../../src/core/site/knowledge.ts';
import { siteLinks } from '../../../src/core/site/links.ts';
import { serviceCatalog } from '../../../src/core/site/services.ts';
import { computeSla } from '../../../src/core/sla/index.ts';
import { FIXTURE_NOW } from '../../site/fixture.ts';
import { withSlaFiles } from '../../site/sla-fixture.ts';
import { fixtureWorkspace } from './helpers.ts';

describe('report tables', () => {
  const ws = fixtureWorkspace();
  const sla = computeSla(ws, FIXTURE_NOW);
  const report = buildReport(ws, sla, { now: FIXTURE_NOW, timeZone: ws.settings.time_zone });
  const tables = reportTables(report);

  it("shows the report engine's figures, MTTR in hours and rates in percent", () => {
    const key = tables.find((t) => t.id === 'key-figures')!;
    const row = (figure: string) => key.rows.find((r) => r.figure === figure)!;
    expect(row('MTTR (wall clock)').value).toBe(Math.round((report.mttr.wall.mean_seconds! / 3600) * 10) / 10);
    expect(row('Change failure rate').value).toBe(report.change_failure_rate.percent);
    expect(tables.find((t) => t.id === 'incident-volume-by-service')!.rows).toEqual(
      report.incident_volume.by_service.map((s) => ({ service: s.service, count: s.count })),
    );
  });

  it('has one table per figure with a chart where a chart helps', () => {
    expect(tables.map((t) => t.id)).toEqual([
      'key-figures',
      'incident-volume-by-month',
      'incident-volume-by-service',
      'sla-attainment-by-month',
      'sla-attainment-by-service',
      'sla-attainment-by-team',
      'sla-attainment-by-priority',
      'change-success-by-month',
      'change-failures',
      'problem-backlog',
      'top-cis',
    ]);
    expect(vegaLiteSpec(tables[0]!)).toBeNull();
    const spec = vegaLiteSpec(tables.find((t) => t.id === 'sla-attainment-by-service')!) as {
      layer: Array<{ encoding: Record<string, unknown> }>;
      data: { values: unknown[] };
    };
    expect(spec.layer[0]!.encoding.xOffset).toEqual({ field: 'clock' });
    expect(spec.data.values).toHaveLength(report.sla_attainment.by_service.length * 2);
  });

  it('adds OLA columns and chart series beside the SLA when a team-scope policy measured clocks', () => {
    const sla0 = ws.policies.sla!.policies;
    const ola = {
      id: 'resolver-ola',
      name: 'Resolver teams',
      applies_to: { kind: 'incident' as const },
      scope: 'team' as const,
      calendar: 'always-on',
      targets: { P3: { resolution: '8h' } },
    };
    const withOla = { ...ws, policies: { ...ws.policies, sla: { policies: [...sla0, ola] as typeof sla0 } } };
    const olaReport = buildReport(withOla, computeSla(withOla, FIXTURE_NOW), { now: FIXTURE_NOW, timeZone: ws.settings.time_zone });
    const byService = reportTables(olaReport).find((t) => t.id === 'sla-attainment-by-service')!;
    expect(byService.columns.map((c) => c.label)).toContain('OLA resolution met %');
    // INC-0002 (P3, TEAM-platform, resolved in 2h of 8h around the clock) met its OLA.
    expect(byService.rows.find((r) => r.key === 'SVC-checkout')).toMatchObject({ ola_resolution_met: 1, ola_resolution_percent: 100 });
    expect(byService.chart!.data!.filter((d) => d.clock === 'OLA resolution')).toHaveLength(olaReport.sla_attainment.by_service.length);
  });

  it("shows attainment by team: an OLA cycle for its own team, a customer SLA clock for the record's team", () => {
    // test/site/sla-fixture.ts: INC-0101's first cycle (met) and the platform team's OLA cycle (breached,
    // 3h of 2h); the record is now with TEAM-payments, whose OLA cycle is paused (not counted).
    const wiki = fixtureWorkspace((files) => Object.assign(files, withSlaFiles(files)));
    const wikiReport = buildReport(wiki, computeSla(wiki, FIXTURE_NOW), { now: FIXTURE_NOW, timeZone: wiki.settings.time_zone });
    const byTeam = reportTables(wikiReport).find((t) => t.id === 'sla-attainment-by-team')!;
    expect(byTeam.columns[0]).toEqual({ key: 'key', label: 'Team' });
    const team = (key: string) => byTeam.rows.find((r) => r.key === key)!;
    // TEAM-payments: INC-0001 (resolution breached, still running) and INC-0101's first cycle (met).
    expect(team('TEAM-payments')).toMatchObject({
      resolution_met: 1,
      resolution_breached: 1,
      resolution_percent: 50,
      ola_resolution_met: 0,
      ola_resolution_breached: 0,
      ola_resolution_percent: null,
    });
    // TEAM-platform: INC-0002 met both clocks; INC-0101's OLA cycle with the platform team breached.
    expect(team('TEAM-platform')).toMatchObject({ resolution_met: 1, resolution_percent: 100, ola_resolution_breached: 1, ola_resolution_percent: 0 });
  });

  it('draws the attainment target as a labelled line, 95% unless sla.yaml says otherwise', () => {
    type Layered = { layer: Array<{ name?: string; mark: { type: string; description?: string }; encoding: { y: unknown } }> };
    const target = (t: ReportTable[]) =>
      (vegaLiteSpec(t.find((x) => x.id === 'sla-attainment-by-priority')!) as Layered).layer.find((l) => l.name === 'target')!;
    expect(target(tables)).toMatchObject({ mark: { type: 'rule', description: 'target 95%' }, encoding: { y: { datum: 95 } } });
    expect(target(reportTables(report, { attainmentTarget: 90 }))).toMatchObject({ mark: { description: 'target 90%' }, encoding: { y: { datum: 90 } } });
    for (const id of ['sla-attainment-by-month', 'sla-attainment-by-service', 'sla-attainment-by-team'])
      expect(tables.find((t) => t.id === id)!.chart!.target).toEqual({ value: 95, label: 'target 95%' });
    // Other charts have no target.
    expect(tables.find((t) => t.id === 'incident-volume-by-service')!.chart!.target).toBeUndefined();
    expect(vegaLiteSpec(tables.find((t) => t.id === 'incident-volume-by-service')!)).not.toHaveProperty('layer');
  });

  it('writes CSV with a header row, quoting where needed', () => {
    const t: ReportTable = {
      id: 't',
      title: 'T',
      description: '',
      columns: [
        { key: 'a', label: 'Name' },
        { key: 'b', label: 'Count' },
      ],
      rows: [
        { a: 'x, "y"', b: 2 },
        { a: 'line\nbreak', b: null },
      ],
    };
    expect(toCsv(t)).toBe('Name,Count\r\n"x, ""y""",2\r\n"line\nbreak",\r\n');
  });
});

describe('knowledge and services', () => {
  const ws = fixtureWorkspace();
  const links = siteLinks('/');

  it('the known-error database lists the workaround, the incidents and the article', () => {
    expect(knownErrors(ws, links)).toEqual([
      expect.objectContaining({
        id: 'PRB-0001',
        incidents: 1,
        workaround: 'Restart the payments API pods to release connections.',
        articles: [expect.objectContaining({ id: 'KB-0001' })],
      }),
    ]);
  });

  it('the knowledge base groups articles by category', () => {
    expect(knowledgeBase(ws, links, FIXTURE_NOW).map((c) => [c.label, c.articles.map((a) => a.id)])).toEqual([
      ['How-to guides', ['KB-0001']],
      ['Troubleshooting', ['KB-0002']],
    ]);
  });

  it('the service catalog shows offerings, owner, open incidents and support hours', () => {
    const payments = serviceCatalog(ws, links, FIXTURE_NOW).find((s) => s.id === 'SVC-payments')!;
    expect(payments.offerings).toEqual([{ id: 'refund', name: 'Manual refund', description: 'A refund the shop cannot issue itself', target: '8h' }]);
    expect(payments.openIncidents).toBe(2);
    expect(payments.support!.rows[0]).toEqual({ day: 'Mon', hours: '08:00-12:00, 13:00-18:00' });
    expect(payments.support!.rows[5]).toEqual({ day: 'Sat', hours: 'closed' });
    expect(payments.support!.holidays[0]).toEqual({ date: '2026-12-24', name: 'Christmas Eve' });
  });
});

describe('requesting an offering', () => {
  it('links each offering to a new request with the service and offering filled in', async () => {
    const { forgeLinks } = await import('../../../src/core/forge.ts');
    const ws = fixtureWorkspace();
    const payments = serviceCatalog(ws, siteLinks('/'), FIXTURE_NOW, forgeLinks(ws.settings.repo_url, 'main')).find((s) => s.id === 'SVC-payments')!;
    const url = new URL(payments.offerings[0]!.requestHref!);
    expect(url.pathname).toBe('/fixture/itsm/new/main/content/requests');
    expect(url.searchParams.get('filename')).toBe('REQ-0001.md');
    expect(url.searchParams.get('value')).toContain('service: SVC-payments\noffering: refund\n');
  });
});
