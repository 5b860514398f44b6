/** The site's queue pages and what the dashboard and catalogs take from the queue. */
import { describe, expect, it } from 'vitest';
import { queue } from '../../../src/core/queue.ts';
import { catalog } from '../../../src/core/site/catalog.ts';
import { dashboard } from '../../../src/core/site/dashboard.ts';
import { siteLinks } from '../../../src/core/site/links.ts';
import { queuePages } from '../../../src/core/site/queues.ts';
import { slaViews } from '../../../src/core/site/sla-view.ts';
import { computeSla } from '../../../src/core/sla/index.ts';
import { FIXTURE_NOW } from '../../site/fixture.ts';
import { fixtureWorkspace } from './helpers.ts';

const links = siteLinks('/itsm/');

describe('queue pages', () => {
  const ws = fixtureWorkspace((f) => {
    f['content/teams/TEAM-legacy.md'] = '---\nid: TEAM-legacy\nname: Legacy team\nstatus: retired\nmembers:\n  - { name: Dora Doe, login: dora }\n---\n';
  });
  const sla = computeSla(ws, FIXTURE_NOW);
  const q = queuePages(ws, queue(ws, new Date(FIXTURE_NOW), {}, sla), FIXTURE_NOW, links);

  it("gives each active team a page of its open work, in the CLI's order", () => {
    expect(q.teams.map((t) => [t.key, t.href, t.rows.map((r) => r.ref.id)])).toEqual([
      ['TEAM-payments', '/itsm/queues/TEAM-payments/', ['INC-0001', 'INC-0003']],
      ['TEAM-platform', '/itsm/queues/TEAM-platform/', ['PRB-0001', 'CHG-0002', 'CHG-0003']],
    ]);
    expect(q.teams[0]!.title).toBe('Queue of Payments team');
  });

  it('shows the due time in the workspace zone and the time left as of the build', () => {
    const [inc1, inc3] = q.teams[0]!.rows;
    expect(inc1!.due).toMatchObject({ metric: 'resolution', text: '2026-11-19 13:00 CET', left: 'overdue 21h 00m', overdue: true, paused: false });
    expect(inc3!.due).toMatchObject({ metric: 'response', text: '2026-11-21 08:00 CET', left: '22h 00m left', overdue: false });
    expect(inc1).toMatchObject({ priority: 'P1', status: 'in progress', assignee: 'carol', age: '1d 1h' });
  });

  it('has an unassigned page: incidents without an assignee, problems and changes without a team', () => {
    expect(q.unassigned).toMatchObject({ key: 'unassigned', href: '/itsm/queues/unassigned/' });
    expect(q.unassigned.rows.map((r) => r.ref.id)).toEqual(['INC-0003']);
  });

  it('feeds the dashboard: open P1/P2, the next breaches, unassigned work', () => {
    const d = dashboard({ ws, sla: slaViews(sla), now: FIXTURE_NOW, links, queues: q });
    expect(d.urgent.map((r) => r.ref.id)).toEqual(['INC-0001']);
    // INC-0001 is already overdue; INC-0003's response clock is the next to run out.
    expect(d.nextBreaches.map((r) => r.ref.id)).toEqual(['INC-0003']);
    expect(d.unassigned).toMatchObject({ count: 1, href: '/itsm/queues/unassigned/' });
  });
});

describe('open-first catalogs', () => {
  const ws = fixtureWorkspace();
  const views = slaViews(computeSla(ws, FIXTURE_NOW));

  it('marks the records not in an open status, and counts both', () => {
    const c = catalog(ws, 'incident', links, views, { now: FIXTURE_NOW });
    expect(c.openSwitch).toEqual({ open: 2, all: 3 });
    expect(c.rows.filter((r) => r.closed).map((r) => r.id)).toEqual(['INC-0002']);
  });

  it('has no switch for kinds without open statuses', () => {
    const c = catalog(ws, 'service', links);
    expect(c.openSwitch).toBeNull();
    expect(c.rows.some((r) => r.closed)).toBe(false);
  });

  it("gives the SLA cell of a live clock its due time and time left; a stopped clock's cell has none", () => {
    const c = catalog(ws, 'incident', links, views, { now: FIXTURE_NOW });
    const sla = c.columns.findIndex((col) => col.key === 'sla');
    const cell = (id: string) => c.rows.find((r) => r.id === id)!.cells[sla]!;
    expect(cell('INC-0001')).toMatchObject({ text: 'breached', due: { text: '2026-11-19 13:00 CET', left: 'overdue 21h 00m' } });
    expect(cell('INC-0002').due).toBeUndefined();
  });
});
