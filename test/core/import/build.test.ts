import { describe, expect, it } from 'vitest';
import { ticketFolder, workspaceFacts } from '../../../src/core/import/build.ts';
import { planHeader, type MapContext } from '../../../src/core/import/map.ts';
import { EMPTY_MAPPING } from '../../../src/core/import/mapping-file.ts';
import { SERVICENOW_INCIDENT } from '../../../src/core/import/servicenow.ts';

const HEADER = ['number', 'short_description', 'state', 'opened_at', 'sys_updated_at', 'sys_mod_count'];
const ORDER = ['id', 'title', 'status', 'service', 'impact', 'urgency', 'priority', 'reported_at', 'acknowledged_at', 'timeline', 'source'];

/** A folder over an incident event log that notes each ticket as it is finished (checked). */
function folder() {
  const ws = workspaceFacts('incident', [], undefined);
  const ctx: MapContext = { timeZone: 'UTC', lookups: ws.lookups, defaults: { service: 'SVC-shop' }, mapping: EMPTY_MAPPING };
  const finished: string[] = [];
  const f = ticketFolder(SERVICENOW_INCIDENT, planHeader(SERVICENOW_INCIDENT, HEADER), ctx, ws, ORDER, (_kind, file, data) => {
    finished.push(`${file} ${(data.source as { id: string }).id}`);
    return [];
  });
  const row = (line: number, id: string, state: string, at: string, seq: number) =>
    f.add(line, [id, `Ticket ${id}`, state, '2026-03-02 09:00:00', at, String(seq)]);
  return { f, row, finished };
}

describe('folding an export as it is read', () => {
  it('finishes a ticket as soon as the next one starts when the rows come grouped, holding only the open one', () => {
    const { f, row, finished } = folder();
    row(2, 'INC1', 'New', '2026-03-02 09:00:00', 0);
    row(3, 'INC1', 'In Progress', '2026-03-02 09:30:00', 1);
    expect(finished).toEqual([]);
    row(4, 'INC2', 'New', '2026-03-02 10:00:00', 0);
    expect(finished).toEqual(['content/incidents/INC-0001.md INC1']);
    row(5, 'INC2', 'In Progress', '2026-03-02 10:10:00', 1);
    expect(f.scattered().size).toBe(0);
    const result = f.end();
    expect(finished).toEqual(['content/incidents/INC-0001.md INC1', 'content/incidents/INC-0002.md INC2']);
    expect(result.files.map((x) => x.id)).toEqual(['INC-0001', 'INC-0002']);
    expect(result.rows).toBe(4);
    expect(result.tickets).toBe(2);
  });

  it('asks for the rows of the tickets finished too early when their rows come back, and folds them again from all of them, keeping their IDs', () => {
    const { f, row } = folder();
    const rows: Array<[number, string, string, string, number]> = [
      [2, 'INC1', 'New', '2026-03-02 09:00:00', 0],
      [3, 'INC2', 'New', '2026-03-02 10:00:00', 0],
      [4, 'INC3', 'New', '2026-03-02 10:30:00', 0],
      [5, 'INC1', 'In Progress', '2026-03-02 11:00:00', 1],
      [6, 'INC2', 'In Progress', '2026-03-02 11:30:00', 1],
    ];
    for (const r of rows) row(...r);
    // INC1 and INC2 were finished before their rows came back; INC3 was still open when the export showed it is not grouped.
    expect([...f.scattered()]).toEqual(['servicenow-inc1', 'servicenow-inc2']);
    for (const [line, id, state, at, seq] of rows) f.again(line, [id, `Ticket ${id}`, state, '2026-03-02 09:00:00', at, String(seq)]);
    const result = f.end();
    expect(result.files.map((x) => x.id)).toEqual(['INC-0001', 'INC-0002', 'INC-0003']);
    expect(result.rows).toBe(5);
    expect(result.files[0]!.text).toContain('  - {at: 2026-03-02T09:00:00+00:00, status: new}\n  - {at: 2026-03-02T11:00:00+00:00, status: in_progress}\n');
    expect(result.files[1]!.text).toContain('  - {at: 2026-03-02T10:00:00+00:00, status: new}\n  - {at: 2026-03-02T11:30:00+00:00, status: in_progress}\n');
  });
});
