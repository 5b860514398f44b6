import { describe, expect, it } from 'vitest';
import { catalog, catalogSet, compareIds } from '../../../src/core/site/catalog.ts';
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

  describe('paged when a kind has more records than a page holds', () => {
    it('lists the open records on the index page, then every record over numbered pages', () => {
      const set = catalogSet(ws, 'incident', links, new Map(), { pageSize: 2 });
      expect(set.pages).toBe(2);
      const index = set.index();
      expect(index.rows.map((r) => r.id)).toEqual(['INC-0003', 'INC-0001']);
      expect(index.openSwitch).toBeNull();
      expect(index.pager).toEqual({ page: 0, pages: 2, indexHref: '/incidents/', hrefs: ['/incidents/all/', '/incidents/all/2/'], all: 3, open: 2 });
      expect(set.page(1).rows.map((r) => r.id)).toEqual(['INC-0003', 'INC-0002']);
      expect(set.page(2).rows.map((r) => r.id)).toEqual(['INC-0001']);
      expect(set.page(2).pager!.page).toBe(2);
      // A page's facets count its own rows: the filters work within the page.
      expect(set.page(2).facets.find((f) => f.key === 'service')!.options).toEqual([{ value: 'SVC-payments', count: 1 }]);
      expect(() => set.page(3)).toThrow(RangeError);
    });

    it('shows page 1 on the index of a kind without open statuses', () => {
      const set = catalogSet(ws, 'service', links, new Map(), { pageSize: 2 });
      expect(set.pages).toBe(2);
      expect(set.index().rows.map((r) => r.id)).toEqual(set.page(1).rows.map((r) => r.id));
      expect(set.index().pager).toMatchObject({ page: 0, open: null, all: 3 });
    });

    it('keeps a kind that fits on one page as one catalog, open records first', () => {
      const set = catalogSet(ws, 'incident', links);
      expect(set.pages).toBe(0);
      expect(set.index()).toEqual(catalog(ws, 'incident', links));
      expect(() => set.page(1)).toThrow(RangeError);
    });
  });
});
