/**
 * Open work for the queue tests: incidents with a breached, a running, a long and a paused clock,
 * problems with and without a team, around one instant (QUEUE_NOW) on the minimal workspace.
 */
import { minimalWorkspace } from './fixtures.ts';
import { record } from './workspace.ts';

/** Tue 2026-03-03 11:00 in Berlin; the shop keeps office hours 09-12 and 13-17. */
export const QUEUE_NOW = '2026-03-03T11:00:00+01:00';

const incident = (id: string, fields: string) =>
  record(`id: ${id}\ntitle: Incident ${id}\nservice: SVC-shop\nimpact: high\nurgency: high\npriority: P1\nteam: TEAM-ops\n${fields}`);

export const QUEUE_FILES: Record<string, string> = {
  ...minimalWorkspace(),
  // P1 reported at 09:00, nobody has acknowledged it: the 15m response clock ran out at 09:15.
  'content/incidents/INC-0002.md': incident('INC-0002', 'status: new\nreported_at: 2026-03-03T09:00:00+01:00'),
  // P2 reported at 10:50, assigned to grace: response due at 11:20.
  'content/incidents/INC-0005.md': incident('INC-0005', 'status: new\nreported_at: 2026-03-03T10:50:00+01:00\nassignee: grace')
    .replace('urgency: high', 'urgency: medium')
    .replace('priority: P1', 'priority: P2'),
  // P3 in progress since Tue 10:00: 16h of office time (6h Tue, 7h Wed, 3h Thu), due Thu 12:00.
  'content/incidents/INC-0004.md': incident(
    'INC-0004',
    'status: in_progress\nreported_at: 2026-03-03T10:00:00+01:00\nacknowledged_at: 2026-03-03T10:05:00+01:00\nassignee: ada',
  )
    .replace('urgency: high', 'urgency: low')
    .replace('priority: P1', 'priority: P3'),
  // P3 on hold: its resolution clock is paused.
  'content/incidents/INC-0003.md': incident(
    'INC-0003',
    'status: on_hold\nreported_at: 2026-03-02T13:00:00+01:00\nacknowledged_at: 2026-03-02T13:05:00+01:00\ntimeline:\n  - { at: 2026-03-02T13:00:00+01:00, status: new }\n  - { at: 2026-03-02T13:05:00+01:00, status: acknowledged }\n  - { at: 2026-03-02T16:00:00+01:00, status: on_hold }',
  )
    .replace('urgency: high', 'urgency: low')
    .replace('priority: P1', 'priority: P3'),
  // No SLA policy covers problems and changes: they come after the clocks, oldest first.
  'content/problems/PRB-0001.md': record(
    'id: PRB-0001\ntitle: Web tier leaks memory\nstatus: investigating\nopened_at: 2026-02-01T09:00:00+01:00\nteam: TEAM-ops',
  ),
  'content/problems/PRB-0002.md': record('id: PRB-0002\ntitle: Nobody owns this yet\nstatus: new\nopened_at: 2026-02-20T09:00:00+01:00'),
};
