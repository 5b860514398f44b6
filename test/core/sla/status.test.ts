/** Where the clocks' status history comes from: the timeline, or the milestone fields when it has none. */
import { describe, expect, it } from 'vitest';
import type { Incident, ServiceRequest } from '../../../src/core/model.ts';
import { statusHistory } from '../../../src/core/sla/index.ts';
import { instant } from '../../../src/core/sla/status.ts';
import { incident, request } from './harness.ts';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const changesOf = (kind: 'incident' | 'request', data: Incident | ServiceRequest) => {
  const h = statusHistory(kind, data)!;
  return { source: h.source, changes: h.changes.map((c) => `${iso(c.at)} ${c.status}`) };
};

describe('status history', () => {
  it('reads status changes from the timeline, ignoring notes without a status', () => {
    const rec = incident({ status: 'resolved', reported_at: '2026-03-02T08:00:00Z', resolved_at: '2026-03-02T10:00:00Z' }, [
      ['2026-03-02T08:00:00Z', 'new'],
      ['2026-03-02T09:00:00Z', 'in_progress'],
      ['2026-03-02T10:00:00Z', 'resolved'],
    ]);
    (rec.data as Incident).timeline!.splice(2, 0, { at: '2026-03-02T09:30:00Z', note: 'Found the cause' });
    expect(changesOf('incident', rec.data as Incident)).toEqual({
      source: 'timeline',
      changes: ['2026-03-02T08:00:00Z new', '2026-03-02T09:00:00Z in_progress', '2026-03-02T10:00:00Z resolved'],
    });
  });

  it('builds the history from milestone fields when the timeline has no statuses', () => {
    const rec = incident({
      status: 'closed',
      reported_at: '2026-03-02T08:00:00Z',
      acknowledged_at: '2026-03-02T08:10:00Z',
      resolved_at: '2026-03-02T10:00:00Z',
      closed_at: '2026-03-03T10:00:00Z',
    });
    expect(changesOf('incident', rec.data as Incident)).toEqual({
      source: 'milestones',
      changes: ['2026-03-02T08:10:00Z acknowledged', '2026-03-02T10:00:00Z resolved', '2026-03-03T10:00:00Z closed'],
    });
  });

  it('adds resolved_at when the timeline never reached resolved', () => {
    const rec = incident({ status: 'resolved', reported_at: '2026-03-02T08:00:00Z', resolved_at: '2026-03-02T11:00:00Z' }, [
      ['2026-03-02T08:00:00Z', 'new'],
      ['2026-03-02T09:00:00Z', 'in_progress'],
    ]);
    expect(changesOf('incident', rec.data as Incident).changes.at(-1)).toBe('2026-03-02T11:00:00Z resolved');
  });

  it('ends the history at the current status: an on_hold record without a timeline is paused since its last milestone', () => {
    const rec = incident({ status: 'on_hold', reported_at: '2026-03-02T08:00:00Z', acknowledged_at: '2026-03-02T08:30:00Z' });
    expect(changesOf('incident', rec.data as Incident).changes).toEqual(['2026-03-02T08:30:00Z acknowledged', '2026-03-02T08:30:00Z on_hold']);
  });

  it('reads a request from requested_at, acknowledged_at and fulfilled_at', () => {
    const rec = request({
      status: 'fulfilled',
      requested_at: '2026-03-02T08:00:00Z',
      acknowledged_at: '2026-03-02T09:00:00Z',
      fulfilled_at: '2026-03-03T09:00:00Z',
    });
    const h = statusHistory('request', rec.data as ServiceRequest)!;
    expect([iso(h.start), iso(h.acknowledgedAt!)]).toEqual(['2026-03-02T08:00:00Z', '2026-03-02T09:00:00Z']);
    expect(changesOf('request', rec.data as ServiceRequest).changes).toEqual(['2026-03-02T09:00:00Z in_progress', '2026-03-03T09:00:00Z fulfilled']);
  });
});

describe('reading timestamps', () => {
  it('agrees with Date.parse on every shape a workspace may hold', () => {
    const samples = [
      '2026-03-04T09:15:00+01:00',
      '2026-03-04T08:15:00Z',
      '2024-02-29T23:59:59-05:30',
      '2026-10-25T02:30:00+14:00',
      '2026-03-04T09:15:00.250+01:00',
      '2026-02-29T00:00:00Z',
      '2026-03-04T09:15:00+24:00',
      '2026-13-04T09:15:00Z',
      'yesterday',
    ];
    for (const s of samples) expect(instant(s), s).toBe(Number.isNaN(Date.parse(s)) ? null : Date.parse(s));
  });
});
