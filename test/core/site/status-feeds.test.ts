import { describe, expect, it } from 'vitest';
import { atomXml, feeds } from '../../../src/core/site/feeds.ts';
import { siteLinks } from '../../../src/core/site/links.ts';
import { statusPage, uptimeBars } from '../../../src/core/site/status-page.ts';
import { statusReport } from '../../../src/core/status.ts';
import { FIXTURE_NOW } from '../../site/fixture.ts';
import { fixtureWorkspace } from './helpers.ts';

describe('status page and feeds', () => {
  const ws = fixtureWorkspace();
  const links = siteLinks('/itsm/');
  const report = statusReport(ws.records, { now: FIXTURE_NOW, timeZone: ws.settings.time_zone });

  it('shows each service with its status, availability and uptime bars', () => {
    const page = statusPage(report, links);
    expect(page.overallText).toBe('Major outage');
    const payments = page.services.find((s) => s.id === 'SVC-payments')!;
    expect(payments.statusText).toBe('Major outage');
    expect(payments.openIncidents.map((i) => i.id)).toEqual(['INC-0001', 'INC-0003']);
    expect(payments.maintenance).toEqual([expect.objectContaining({ id: 'CHG-0002', when: '2026-11-24 22:00 CET to 2026-11-25 00:30 CET', ongoing: false })]);
    expect(payments.availability.map((a) => a.days)).toEqual([30, 90]);
    expect((payments.uptimeSvg.match(/<rect /g) ?? []).length).toBe(90);
  });

  it('draws one bar per day with its date and availability as the tooltip', () => {
    const svg = uptimeBars(
      [
        { date: '2026-11-19', availability: 0.5, worst: 'major_outage' },
        { date: '2026-11-20', availability: 1, worst: 'operational' },
      ],
      'Payments',
    );
    expect(svg).toContain('<title>2026-11-19: 50.00% (Major outage)</title>');
    expect(svg).toMatch(/role="img" aria-label="Payments"/);
  });

  it('publishes Atom feeds, newest first, dated by the records (not the build)', () => {
    const all = feeds(ws, links, report);
    expect(all.map((f) => f.name)).toEqual(['incidents.xml', 'changes.xml', 'knowledge.xml', 'status.xml']);
    const incidents = all[0]!;
    expect(incidents.entries.map((e) => e.id)).toEqual(['INC-0003', 'INC-0001', 'INC-0002']);
    const xml = atomXml(incidents, '/itsm/feeds/incidents.xml', '/itsm/', 'Fixture <Corp>');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(xml).toContain('<updated>2026-11-20T07:00:00.000Z</updated>');
    expect(xml).toContain('<name>Fixture &lt;Corp&gt;</name>');
    expect(xml).toContain('<link rel="alternate" href="/itsm/incidents/INC-0003/"/>');
    expect(atomXml(incidents, '/itsm/feeds/incidents.xml', '/itsm/', 'Fixture <Corp>')).toBe(xml);
  });
});
