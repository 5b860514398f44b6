/** compareSla: the same records under two sets of SLA policies, and what changed between them. */
import { describe, expect, it } from 'vitest';
import type { PriorityMatrix } from '../../../src/core/model.ts';
import { compareSla, prioritized, type SlaPolicySide } from '../../../src/core/sla/compare.ts';
import { comparisonText } from '../../../src/core/sla/compare-format.ts';
import { ALL_CALENDARS, incident, policyOn, workspaceWith, type Targets } from './harness.ts';

const NOW = new Date('2026-03-06T17:00:00+01:00');

/** Office hours; each acknowledged after `ack` and resolved at Tue 12:00 (3h of office time). */
const RECORDS = [
  incident({
    id: 'INC-0001',
    reported_at: '2026-03-03T09:00:00+01:00',
    acknowledged_at: '2026-03-03T09:40:00+01:00',
    resolved_at: '2026-03-03T12:00:00+01:00',
    status: 'resolved',
  }),
  incident({
    id: 'INC-0002',
    reported_at: '2026-03-03T09:00:00+01:00',
    acknowledged_at: '2026-03-03T09:10:00+01:00',
    resolved_at: '2026-03-03T12:00:00+01:00',
    status: 'resolved',
  }),
];

function side(targets: Targets, priorityMatrix?: PriorityMatrix): SlaPolicySide {
  const ws = workspaceWith([policyOn('office', targets)], []);
  return { ...ws.policies, ...(priorityMatrix ? { priorityMatrix } : {}) };
}

function compare(base: SlaPolicySide, head: SlaPolicySide, records = RECORDS, days = 90) {
  const ws = workspaceWith([], records, ALL_CALENDARS);
  return compareSla({ workspace: { ...ws, settings: { name: 'Test', time_zone: 'Europe/Berlin' } }, base, head, now: NOW, days });
}

describe('compareSla', () => {
  it('a looser target turns a breach into a met clock: the breach disappears', () => {
    const c = compare(side({ response: '30m', resolution: '4h' }), side({ response: '1h', resolution: '4h' }));
    expect(c.overall.base.response).toEqual({ met: 1, breached: 1, percent: 50 });
    expect(c.overall.head.response).toEqual({ met: 2, breached: 0, percent: 100 });
    expect(c.changed).toEqual([
      {
        record: 'INC-0001',
        metric: 'response',
        cycle: 1,
        service: 'SVC-shop',
        base: { state: 'breached', policy: 'incident-policy', priority: 'P2', due_at: '2026-03-03T09:30:00+01:00', target_seconds: 1800 },
        head: { state: 'met', policy: 'incident-policy', priority: 'P2', due_at: '2026-03-03T10:00:00+01:00', target_seconds: 3600 },
      },
    ]);
    expect(comparisonText(c, { base: 'main', head: 'the branch' })).toContain('Clocks decided differently (1): 0 breaches appear, 1 disappear.');
  });

  it('a clock the base did not measure (no target) and the head breaches is listed as appearing', () => {
    const c = compare(side({ resolution: '4h' }), side({ response: '15m', resolution: '4h' }));
    expect(c.changed.map((x) => [x.record, x.metric, x.base.state, x.head.state])).toEqual([
      ['INC-0001', 'response', 'none', 'breached'],
      ['INC-0002', 'response', 'none', 'met'],
    ]);
  });

  it('judges only records opened in the window', () => {
    const c = compare(side({ response: '30m' }), side({ response: '5m' }), RECORDS, 2);
    expect(c.records).toBe(0);
    expect(c.changed).toEqual([]);
    expect(c.from).toBe('2026-03-04T16:00:00.000Z');
  });

  it("measures each incident at the priority the side's matrix gives it", () => {
    const strict: PriorityMatrix = { matrix: { high: { high: 'P1' }, medium: { high: 'P1' } } } as unknown as PriorityMatrix;
    const usual: PriorityMatrix = { matrix: { high: { high: 'P1' }, medium: { high: 'P2' } } } as unknown as PriorityMatrix;
    const policy = (matrix: PriorityMatrix) => {
      const s = side({ response: '30m' }, matrix);
      s.sla!.policies[0].targets = { P1: { response: '15m' }, P2: { response: '30m' } };
      return s;
    };
    // Acknowledged after 20m: within P2's 30m, past P1's 15m.
    const twenty = incident({ id: 'INC-0005', reported_at: '2026-03-03T09:00:00+01:00', acknowledged_at: '2026-03-03T09:20:00+01:00', status: 'acknowledged' });
    const c = compare(policy(usual), policy(strict), [twenty]);
    expect(c.by_priority.map((r) => [r.key, r.base.response.met + r.base.response.breached, r.head.response.met + r.head.response.breached])).toEqual([
      ['P1', 0, 1],
      ['P2', 1, 0],
    ]);
    expect(c.changed.map((x) => `${x.record} ${x.base.priority} ${x.base.state} -> ${x.head.priority} ${x.head.state}`)).toEqual([
      'INC-0005 P2 met -> P1 breached',
    ]);
  });
});

describe('prioritized', () => {
  const matrix = { matrix: { medium: { high: 'P1' } } } as unknown as PriorityMatrix;
  it('keeps an overridden priority and one whose timeline records priority changes', () => {
    const overridden = incident({ id: 'INC-0003', reported_at: '2026-03-03T09:00:00+01:00', status: 'new', priority_override_reason: 'VIP' });
    const plain = incident({ id: 'INC-0004', reported_at: '2026-03-03T09:00:00+01:00', status: 'new' });
    const changed = incident({
      id: 'INC-0005',
      reported_at: '2026-03-03T09:00:00+01:00',
      status: 'new',
      timeline: [{ at: '2026-03-03T09:00:00+01:00', status: 'new', priority: 'P2' }],
    });
    const out = prioritized([overridden, plain, changed], matrix);
    expect(out.map((r) => (r.data as { priority: string }).priority)).toEqual(['P2', 'P1', 'P2']);
  });
});
