import { describe, expect, it } from 'vitest';
import { catalog, compareIds } from '../../../src/core/site/catalog.ts';
import { siteLinks } from '../../../src/core/site/links.ts';
import { slaViews } from '../../../src/core/site/sla-view.ts';
import { computeSla } from '../../../src/core/sla/index.ts';
import { FIXTURE_NOW } from '../../site/fixture.ts';
import { fixtureWorkspace } from './helpers.ts';

describe('catalog tables', () => {
  const ws = fixtureWorkspace();
  const links = siteLinks('/');

  it('gives incidents their columns, linked IDs and SLA state', () => {
    const c = catalog(ws, 'incident', links, slaViews(computeSla(ws, FIXTURE_NOW)));
    expect(c.columns.map((col) => col.label)).toEqual(['ID', 'Title', 'Status', 'Priority', 'Service', 'Team', 'Assignee', 'Reported', 'SLA']);
    expect(c.order).toBe('descending');
    expect(c.rows.map((r) => r.id)).toEqual(['INC-0003', 'INC-0002', 'INC-0001']);
    const first = c.rows[2]!;
    expect(first.cells[0]).toEqual({ text: 'INC-0001', sort: 'INC-0001', href: '/incidents/INC-0001/' });
    expect(first.cells[2]!.text).toBe('in progress');
    expect(first.cells[4]!.parts).toEqual([{ text: 'SVC-payments', href: '/services/SVC-payments/' }]);
    expect(first.cells[7]).toEqual({ text: '2026-11-19 09:00 CET', sort: '2026-11-19T08:00:00.000Z' });
    expect(first.cells[8]!.text).toBe('breached');
    expect(first.facets).toMatchObject({ status: ['in progress'], priority: ['P1'], service: ['SVC-payments'], team: ['TEAM-payments'], assignee: ['carol'] });
  });

  it('offers each facet value with its count', () => {
    const c = catalog(ws, 'incident', links);
    expect(c.facets.find((f) => f.key === 'service')!.options).toEqual([
      { value: 'SVC-checkout', count: 1 },
      { value: 'SVC-payments', count: 2 },
    ]);
    expect(c.facets.map((f) => f.key)).toEqual(['status', 'priority', 'service', 'team', 'assignee']);
  });

  it('orders numbered IDs by number', () => {
    expect(['INC-10000', 'INC-9999', 'INC-0002'].sort(compareIds)).toEqual(['INC-0002', 'INC-9999', 'INC-10000']);
  });

  it('builds a catalog for every kind, empty ones included', () => {
    expect(catalog(ws, 'release', links).rows).toEqual([]);
    const services = catalog(ws, 'service', links);
    expect(services.order).toBe('ascending');
    expect(services.rows.map((r) => r.cells[1]!.text)).toEqual(['Checkout', 'Identity', 'Payments']);
  });
});
