import { describe, expect, it } from 'vitest';
import { dashboard } from '../../../src/core/site/dashboard.ts';
import { siteLinks } from '../../../src/core/site/links.ts';
import { slaViews } from '../../../src/core/site/sla-view.ts';
import { computeSla, isOpenClock } from '../../../src/core/sla/index.ts';
import { FIXTURE_NOW } from '../../site/fixture.ts';
import { fixtureWorkspace } from './helpers.ts';

const links = siteLinks('/itsm/');

describe('home dashboard', () => {
  const ws = fixtureWorkspace();
  const sla = computeSla(ws, FIXTURE_NOW);
  const d = dashboard({ ws, sla: slaViews(sla), now: FIXTURE_NOW, links });

  it('counts open incidents by priority, leaving resolved ones out', () => {
    expect(d.openIncidents).toBe(2);
    expect(Object.fromEntries(d.openByPriority.map((p) => [p.priority, p.count]))).toEqual({ P1: 1, P2: 0, P3: 0, P4: 0, P5: 1 });
    expect(d.openByPriority[0]).toMatchObject({ name: 'Critical', href: '/itsm/incidents/?status=open&priority=P1' });
    expect(d.majorOpen.map((r) => r.id)).toEqual(['INC-0001']);
  });

  it('lists the SLA breaches and risks on clocks still running, as `itsm sla` counts them', () => {
    expect(d.slaBreached.map((a) => `${a.id} ${a.clock}`)).toEqual(
      sla.filter((r) => r.state === 'breached' && isOpenClock(r)).map((r) => `${r.record} ${r.metric}`),
    );
    expect(d.slaAtRisk.map((a) => `${a.id} ${a.clock}`)).toEqual(sla.filter((r) => r.at_risk).map((r) => `${r.record} ${r.metric}`));
    expect(d.slaBreached).toEqual([
      expect.objectContaining({ id: 'INC-0001', clock: 'resolution', detail: 'resolution target missed at 2026-11-19 13:00 CET' }),
    ]);
  });

  it('shows changes planned in the next 14 days, soonest first, and not finished ones', () => {
    expect(d.upcomingChanges.map((c) => c.id)).toEqual(['CHG-0002', 'CHG-0003']);
    expect(d.upcomingChanges[0]!.startDisplay).toBe('2026-11-24 22:00 CET');
  });

  it('shows a change 15 days out nowhere on the dashboard', () => {
    const later = fixtureWorkspace((f) => {
      f['content/changes/CHG-0003.md'] = f['content/changes/CHG-0003.md']!.replace('2026-11-24T23:00:00+01:00', '2026-12-05T23:00:00+01:00').replace(
        '2026-11-25T01:00:00+01:00',
        '2026-12-06T01:00:00+01:00',
      );
    });
    const d2 = dashboard({ ws: later, sla: new Map(), now: FIXTURE_NOW, links });
    expect(d2.upcomingChanges.map((c) => c.id)).toEqual(['CHG-0002']);
  });

  it('lists recent known errors with their workaround and recent published articles', () => {
    expect(d.recentKnownErrors).toEqual([expect.objectContaining({ id: 'PRB-0001', workaround: 'Restart the payments API pods to release connections.' })]);
    expect(d.recentArticles.map((a) => a.id)).toEqual(['KB-0001', 'KB-0002']);
  });

  it('counts every kind with a link to its catalog', () => {
    expect(d.counts.find((c) => c.kind === 'incident')).toEqual({ kind: 'incident', count: 3, href: '/itsm/incidents/' });
  });
});

describe('shortening long texts on the dashboard', () => {
  it('cuts at a word boundary and says so', async () => {
    const { shorten } = await import('../../../src/core/site/dashboard.ts');
    expect(shorten('short text', 160)).toBe('short text');
    expect(shorten('Scale the tracking consumers down to 12 pods, and back up', 30)).toBe('Scale the tracking consumers…');
  });
});
