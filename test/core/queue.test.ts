/** The queue a service desk works from: open work, soonest due first, with what is left of each clock. */
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/core/model.ts';
import { queue, queueKinds, timeLeft } from '../../src/core/queue.ts';
import { loadWorkspaceFromFiles } from '../../src/io/workspace.ts';
import { QUEUE_FILES, QUEUE_NOW } from '../helpers/queue-fixture.ts';

const NOW = new Date(QUEUE_NOW);

function workspace(files: Record<string, string> = QUEUE_FILES): Workspace {
  const loaded = loadWorkspaceFromFiles(new Map(Object.entries(files)));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.file}: ${d.message}`).join('\n'));
  return loaded.workspace;
}

describe('the queue', () => {
  const ws = workspace();

  it('lists open work only, soonest running clock first, then paused clocks, then the rest oldest first', () => {
    const rows = queue(ws, NOW);
    // INC-0001 is resolved and CHG-0001 completed: not work any more.
    expect(rows.map((r) => r.id)).toEqual(['INC-0002', 'INC-0005', 'INC-0004', 'INC-0003', 'PRB-0001', 'PRB-0002', 'REQ-0001']);
  });

  it('sorts by the earliest running clock: a breached response before a resolution due later', () => {
    const [first] = queue(ws, NOW);
    expect(first!.sla).toMatchObject({ metric: 'response', clock: 'running', state: 'breached', due_at: '2026-03-03T09:15:00+01:00' });
  });

  it('says how long is left, or by how much a clock is overdue, in wall-clock time to the due instant', () => {
    const byId = new Map(queue(ws, NOW).map((r) => [r.id, r]));
    expect(timeLeft(byId.get('INC-0002')!.sla!)).toBe('overdue 1h 45m');
    expect(timeLeft(byId.get('INC-0005')!.sla!)).toBe('20m left');
    expect(byId.get('INC-0004')!.sla!.due_at).toBe('2026-03-05T12:00:00+01:00');
    expect(timeLeft(byId.get('INC-0004')!.sla!)).toBe('2d 1h left');
    expect(byId.get('PRB-0001')!.sla).toBeNull();
  });

  it('says a paused clock is paused, whatever its projected due time', () => {
    const row = queue(ws, NOW).find((r) => r.id === 'INC-0003')!;
    expect(row.sla!.clock).toBe('paused');
    expect(timeLeft(row.sla!)).toBe('paused');
  });

  it('counts age from the earliest instant the record states', () => {
    const byId = new Map(queue(ws, NOW).map((r) => [r.id, r]));
    expect(byId.get('INC-0002')!.age_seconds).toBe(2 * 3600);
    expect(byId.get('PRB-0001')!).toMatchObject({ opened_at: '2026-02-01T09:00:00+01:00', priority: null, team: 'TEAM-ops', assignee: null });
  });

  it('as now moves on, time left turns into overdue', () => {
    const later = queue(ws, new Date('2026-03-03T11:30:00+01:00'));
    expect(timeLeft(later.find((r) => r.id === 'INC-0005')!.sla!)).toBe('overdue 10m');
  });

  it('filters by team, by assignee (any case), and to unassigned work', () => {
    expect(queue(ws, NOW, { team: 'TEAM-ops' }).map((r) => r.id)).toEqual(['INC-0002', 'INC-0005', 'INC-0004', 'INC-0003', 'PRB-0001']);
    expect(queue(ws, NOW, { assignee: 'Grace' }).map((r) => r.id)).toEqual(['INC-0005']);
    // Incidents and requests without an assignee; a problem (which has no assignee) without a team.
    expect(queue(ws, NOW, { unassigned: true }).map((r) => r.id)).toEqual(['INC-0002', 'INC-0003', 'PRB-0002', 'REQ-0001']);
  });

  it('filters by kind', () => {
    expect(queue(ws, NOW, { kinds: ['problem', 'request'] }).map((r) => r.id)).toEqual(['PRB-0001', 'PRB-0002', 'REQ-0001']);
  });

  it('without clocks, a higher priority comes first, then the older record', () => {
    const requestsOnly =
      'policies:\n  - { id: requests, name: Requests, applies_to: { kind: request }, calendar: office, targets: { P3: { response: 1h, resolution: 8h } } }\n';
    const noPolicy = workspace({ ...QUEUE_FILES, 'content/policies/sla.yaml': requestsOnly });
    expect(queue(noPolicy, NOW, { kinds: ['incident'] }).map((r) => `${r.id} ${r.priority}`)).toEqual([
      'INC-0002 P1',
      'INC-0005 P2',
      'INC-0003 P3',
      'INC-0004 P3',
    ]);
  });

  it('has a queue for every kind with open statuses and a team, from the kind definitions', () => {
    expect(queueKinds()).toEqual(['incident', 'problem', 'change', 'request', 'release']);
  });
});
