/** The condition language of SLA policies, and the field histories it reads. */
import { describe, expect, it } from 'vitest';
import type { Incident, TimelineEntry } from '../../../src/core/model.ts';
import { fieldHistory, holds, valueAt } from '../../../src/core/sla/conditions.ts';
import { statusHistory } from '../../../src/core/sla/index.ts';

const at = (hhmm: string) => `2026-03-02T${hhmm}:00Z`;
const ms = (hhmm: string) => Date.parse(at(hhmm));

function teamHistory(timeline: TimelineEntry[], team: string | undefined) {
  const data: Incident = {
    id: 'INC-0001',
    title: 'x',
    service: 'SVC-shop',
    impact: 'low',
    urgency: 'low',
    priority: 'P5',
    reported_at: at('09:00'),
    status: 'in_progress',
    timeline,
    ...(team ? { team } : {}),
  };
  return fieldHistory(statusHistory('incident', data)!, 'team', team);
}

describe('field histories', () => {
  it('without entries carrying the field, the record’s value holds from the start', () => {
    const h = teamHistory([{ at: at('09:00'), status: 'new' }], 'TEAM-ops');
    expect([valueAt(h, ms('09:00')), valueAt(h, ms('23:00'))]).toEqual(['TEAM-ops', 'TEAM-ops']);
  });

  it('the first entry’s value holds from the start; later entries change it', () => {
    const h = teamHistory(
      [
        { at: at('10:00'), status: 'acknowledged', team: 'TEAM-ops' },
        { at: at('11:00'), team: 'TEAM-db' },
      ],
      'TEAM-db',
    );
    expect([valueAt(h, ms('09:00')), valueAt(h, ms('10:59')), valueAt(h, ms('11:00'))]).toEqual(['TEAM-ops', 'TEAM-ops', 'TEAM-db']);
  });

  it('a record whose field disagrees with its last entry moved there at the timeline’s last entry', () => {
    const h = teamHistory(
      [
        { at: at('10:00'), team: 'TEAM-ops' },
        { at: at('12:00'), status: 'in_progress' },
      ],
      'TEAM-db',
    );
    expect([valueAt(h, ms('11:59')), valueAt(h, ms('12:00'))]).toEqual(['TEAM-ops', 'TEAM-db']);
  });
});

describe('conditions', () => {
  const snap = { status: 'on_hold', priority: 'P2', team: 'TEAM-vendor', assignee: undefined };
  it('hold on a status in the list, or a field with the value', () => {
    expect(holds({ status: ['on_hold', 'new'] }, snap)).toBe(true);
    expect(holds({ status: ['in_progress'] }, snap)).toBe(false);
    expect(holds({ field: 'team', equals: 'TEAM-vendor' }, snap)).toBe(true);
    expect(holds({ field: 'assignee', equals: 'ada' }, snap)).toBe(false);
  });
});
