import { describe, expect, it } from 'vitest';
import { addRow, foldTicket, ms, type TicketRows } from '../../../src/core/import/fold.ts';
import { newDraft } from '../../../src/core/import/map.ts';

/** A row of an incident's event log: its state after one update. */
function row(at: string, data: Record<string, unknown>, seq?: number) {
  const d = newDraft('incident');
  d.sourceId = 'INC1';
  d.data = { reported_at: '2026-03-02T09:00:00+01:00', ...data };
  d.event = { at, ...(seq === undefined ? {} : { seq }), by: 'ada' };
  return d;
}

function fold(...drafts: ReturnType<typeof row>[]) {
  let t: TicketRows | undefined;
  drafts.forEach((d, i) => (t = addRow(t, i + 2, d)));
  return foldTicket(t!, 'ServiceNow');
}

describe('folding an event log', () => {
  it('orders updates by time, then by update count, whatever the order in the file', () => {
    const d = fold(
      row('2026-03-02T10:00:00+01:00', { status: 'resolved', resolved_at: '2026-03-02T09:55:00+01:00' }, 2),
      row('2026-03-02T09:05:00+01:00', { status: 'new' }, 0),
      row('2026-03-02T09:05:00+01:00', { status: 'in_progress' }, 1),
    );
    expect(d.data.timeline).toEqual([
      { at: '2026-03-02T09:05:00+01:00', status: 'new', by: 'ada' },
      { at: '2026-03-02T09:05:00+01:00', status: 'in_progress', by: 'ada' },
      { at: '2026-03-02T09:55:00+01:00', status: 'resolved', by: 'ada' },
    ]);
    expect(d.data).toMatchObject({ status: 'resolved', acknowledged_at: '2026-03-02T09:05:00+01:00', resolved_at: '2026-03-02T09:55:00+01:00' });
  });

  it('dates a resolution by the update when the column lies outside it, and moves an update stamped before the opening to it', () => {
    const d = fold(
      row('2026-03-02T08:50:00+01:00', { status: 'new' }),
      row('2026-03-02T10:00:00+01:00', { status: 'resolved', resolved_at: '2026-03-01T12:00:00+01:00' }),
    );
    expect(d.data.timeline).toEqual([
      { at: '2026-03-02T09:00:00+01:00', status: 'new', by: 'ada' },
      { at: '2026-03-02T10:00:00+01:00', status: 'resolved', by: 'ada' },
    ]);
    expect(d.data.resolved_at).toBe('2026-03-02T10:00:00+01:00');
    expect(d.notes).toContain('timeline: an update stamped before the one before it was moved to that time');
  });

  it('leaves one row as it is: a list export has no history', () => {
    const d = fold(row('2026-03-02T10:00:00+01:00', { status: 'in_progress' }));
    expect(d.data.timeline).toBeUndefined();
  });
});

describe('reading the times the import writes', () => {
  it.each(['2026-03-14T09:00:00+01:00', '2016-02-29T01:16:00-05:30', '2026-10-25T02:30:00+00:00', '2026-03-14T09:00:00Z', '2026-13-01T00:00:00+00:00', 'soon'])(
    'reads %s as Date.parse does',
    (text) => {
      expect(ms(text)).toEqual(Date.parse(text));
    },
  );
});
