/** Planning `itsm update`: what a lifecycle step, an assignment or a field change does to a record's text. */
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { REGISTRY, type Kind } from '../../src/core/kinds/index.ts';
import type { Diagnostic } from '../../src/core/diagnostic.ts';
import type { JsonSchema } from '../../src/core/new-record.ts';
import type { PriorityMatrix } from '../../src/core/model.ts';
import { splitFrontMatter, updateRecord } from '../../src/core/record-writer.ts';
import {
  askForMissing,
  closeStep,
  personByEmail,
  planUpdate,
  reopenClears,
  reopenStep,
  resolveStep,
  type UpdatePlan,
  type UpdateRequest,
} from '../../src/core/update.ts';
import { readSchemas } from '../../src/io/schemas.ts';
import { peopleFrom } from '../../src/core/people.ts';
import { INCIDENT, REQUEST } from '../helpers/fixtures.ts';
import { record } from '../helpers/workspace.ts';

const AT = '2026-03-04T10:00:00+01:00';
const MATRIX = {
  matrix: { high: { high: 'P1', medium: 'P2', low: 'P3' }, medium: { high: 'P2', medium: 'P3', low: 'P4' }, low: { high: 'P3', medium: 'P4', low: 'P5' } },
} as unknown as PriorityMatrix;

const NEW_INCIDENT = record(`
id: INC-0002
title: Search is slow
status: new
service: SVC-shop
impact: medium
urgency: medium
priority: P3
reported_at: 2026-03-04T09:00:00+01:00
timeline:
  - { at: 2026-03-04T09:00:00+01:00, status: new, by: ada }
`);

function plan(text: string, kind: Kind, request: Partial<UpdateRequest>): UpdatePlan {
  const data = load(splitFrontMatter(text)!.yaml) as Record<string, unknown>;
  return planUpdate({
    id: String(data.id),
    text,
    data,
    def: REGISTRY.get(kind),
    schema: readSchemas().documents[kind] as JsonSchema,
    matrix: MATRIX,
    request: { assignments: [], at: AT, by: 'ada', ...request },
  });
}

function ok(p: UpdatePlan) {
  if (!p.ok) throw new Error(p.message);
  return { ...p, data: load(splitFrontMatter(p.text)!.yaml) as Record<string, unknown> };
}

describe('a status change', () => {
  it('sets the milestone and appends a timeline entry with status, by and note', () => {
    const p = ok(plan(NEW_INCIDENT, 'incident', { status: 'acknowledged', note: 'On it' }));
    expect(p.data.status).toBe('acknowledged');
    expect(p.data.acknowledged_at).toBe(AT);
    expect(p.entry).toEqual({ at: AT, status: 'acknowledged', by: 'ada', note: 'On it' });
    expect((p.data.timeline as unknown[]).at(-1)).toEqual(p.entry);
    expect(p.summary).toBe('acknowledged');
  });

  it('marks the entry public with --public', () => {
    const p = ok(plan(NEW_INCIDENT, 'incident', { status: 'in_progress', note: 'We are on it', public: true }));
    expect(p.entry).toMatchObject({ visibility: 'public', note: 'We are on it' });
  });

  it('refuses a transition the lifecycle does not allow, naming the allowed ones', () => {
    const p = plan(NEW_INCIDENT, 'incident', { status: 'closed' });
    expect(p).toEqual({
      ok: false,
      message: 'INC-0002 cannot go from new to closed. From new it may move to: acknowledged, in_progress, on_hold, resolved, cancelled.',
    });
  });

  it('refuses a status the kind does not have', () => {
    const p = plan(NEW_INCIDENT, 'incident', { status: 'done' });
    expect(p.ok || p.message).toContain('unknown status "done" for an incident. Statuses: new, acknowledged,');
  });

  it("stamps a change's actual_end whatever the outcome", () => {
    const change = record(`
id: CHG-0002
title: Rotate keys
type: standard
template: cert-renewal
status: implementing
actual_start: 2026-03-04T09:00:00+01:00
`);
    const p = ok(plan(change, 'change', { status: 'failed', assignments: ['outcome=failed'] }));
    expect(p.data).toMatchObject({ status: 'failed', actual_end: AT, outcome: 'failed', actual_start: '2026-03-04T09:00:00+01:00' });
  });

  it('a reopen clears how the work ended; the timeline keeps it', () => {
    const closed = INCIDENT.replace('status: resolved', 'status: closed')
      .replace('resolution:', 'closed_at: 2026-03-02T12:00:00+01:00\nresolution:')
      .replace(/(timeline:\n(?:.*\n)*?.*status: resolved.*\n)/, '$1  - { at: 2026-03-02T12:00:00+01:00, status: closed }\n');
    const p = ok(plan(closed, 'incident', { status: 'in_progress', note: 'Errors are back' }));
    for (const gone of ['resolved_at', 'closed_at', 'resolution', 'close_code']) expect(p.data).not.toHaveProperty(gone);
    expect(p.data.acknowledged_at).toBe('2026-03-02T09:20:00+01:00');
    expect((p.data.timeline as Array<{ status?: string }>).map((e) => e.status)).toEqual(['new', 'acknowledged', 'resolved', 'closed', 'in_progress']);
    expect(p.summary).toBe('reopened');
  });

  it('the fields a reopen clears come from the kind definitions', () => {
    expect(reopenClears(REGISTRY.get('incident'))).toEqual(['resolved_at', 'closed_at', 'resolution', 'close_code']);
    expect(reopenClears(REGISTRY.get('request'))).toEqual(['fulfilled_at', 'close_code']);
    expect(reopenClears(REGISTRY.get('problem'))).toEqual(['resolved_at']);
  });
});

describe('fields', () => {
  it('priority, team and assignee changes leave a timeline entry with the new value', () => {
    const p = ok(plan(NEW_INCIDENT, 'incident', { assignments: ['priority=P1', 'priority_override_reason=CEO demo', 'team=TEAM-ops', 'assignee=grace'] }));
    expect(p.entry).toEqual({ at: AT, priority: 'P1', team: 'TEAM-ops', assignee: 'grace', by: 'ada' });
    expect(p.summary).toBe('assigned to grace');
  });

  it('a new impact recomputes the priority from the matrix, and the timeline records it', () => {
    const p = ok(plan(NEW_INCIDENT, 'incident', { assignments: ['impact=high', 'urgency=high'] }));
    expect(p.data.priority).toBe('P1');
    expect(p.entry).toMatchObject({ priority: 'P1' });
  });

  it('reads lists and removes a field given as field=', () => {
    const withCis = NEW_INCIDENT.replace('impact:', 'cis: [CI-old]\nimpact:');
    const p = ok(plan(withCis, 'incident', { assignments: ['cis=[CI-web,CI-db]', 'service='] }));
    expect(p.data.cis).toEqual(['CI-web', 'CI-db']);
    expect(p.data).not.toHaveProperty('service');
    expect(p.changes).toEqual([
      { field: 'cis', before: ['CI-old'], after: ['CI-web', 'CI-db'] },
      { field: 'service', before: 'SVC-shop', after: undefined },
    ]);
    expect(p.entry).toBeUndefined();
  });

  it('refuses an unknown field with the list of fields', () => {
    const p = plan(NEW_INCIDENT, 'incident', { assignments: ['owner=ada'] });
    expect(p.ok || p.message).toMatch(/^unknown field "owner" for an incident\. Fields: title, caller, category, service,/);
  });

  it('names of Object.prototype are unknown fields, not a way in', () => {
    for (const field of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(plan(NEW_INCIDENT, 'incident', { assignments: [`${field}=x`] })).toMatchObject({
        ok: false,
        message: expect.stringContaining(`unknown field "${field}"`),
      });
    }
  });

  it('refuses the ID and the timeline, saying what to use instead', () => {
    expect(plan(NEW_INCIDENT, 'incident', { assignments: ['id=INC-0009'] })).toMatchObject({ ok: false, message: expect.stringContaining('itsm renumber') });
    expect(plan(NEW_INCIDENT, 'incident', { assignments: ['timeline=[]'] })).toMatchObject({ ok: false, message: expect.stringContaining('appended to by') });
  });

  it('a note alone is a timeline entry; a kind without a timeline refuses it', () => {
    expect(ok(plan(NEW_INCIDENT, 'incident', { note: 'Called the vendor' })).entry).toEqual({ at: AT, by: 'ada', note: 'Called the vendor' });
    const kb = record('id: KB-0001\ntitle: Restart\ncategory: how-to\nstatus: draft\nowner: TEAM-ops');
    expect(plan(kb, 'kb', { note: 'x' })).toEqual({
      ok: false,
      message: `${REGISTRY.get('kb').plural} have no timeline: --note and --public have nowhere to go.`,
    });
  });

  it('nothing to change is refused', () => {
    expect(plan(NEW_INCIDENT, 'incident', { status: 'new' })).toEqual({ ok: false, message: 'nothing to change in INC-0002: it is already new.' });
  });

  it('--resolution fills the resolution field, or becomes the note where the kind has none', () => {
    const inc = ok(plan(NEW_INCIDENT.replace('status: new', 'status: in_progress'), 'incident', { status: 'resolved', resolution: 'Rebuilt the index' }));
    expect(inc.data.resolution).toBe('Rebuilt the index');
    const req = ok(plan(REQUEST.replace('status: new', 'status: in_progress'), 'request', { status: 'fulfilled', resolution: 'Account created' }));
    expect(req.entry).toEqual({ at: AT, status: 'fulfilled', by: 'ada', note: 'Account created' });
    expect(req.data.fulfilled_at).toBe(AT);
  });
});

describe('the shortcuts', () => {
  it("resolve goes to the kind's done status, close to closed, reopen to the first open status allowed", () => {
    expect(resolveStep(REGISTRY.get('incident'))).toEqual({ ok: true, status: 'resolved' });
    expect(resolveStep(REGISTRY.get('request'))).toEqual({ ok: true, status: 'fulfilled' });
    expect(resolveStep(REGISTRY.get('change'))).toEqual({ ok: true, status: 'completed' });
    expect(closeStep(REGISTRY.get('request')).ok).toBe(false);
    expect(reopenStep(REGISTRY.get('incident'), 'INC-1', 'closed')).toEqual({ ok: true, status: 'in_progress' });
    expect(reopenStep(REGISTRY.get('request'), 'REQ-1', 'rejected')).toEqual({ ok: true, status: 'new' });
    expect(reopenStep(REGISTRY.get('incident'), 'INC-1', 'new')).toEqual({ ok: false, message: 'INC-1 is new: it is open already.' });
  });
});

describe('askForMissing', () => {
  const d = (message: string, hint: string): Diagnostic => ({ file: 'f', line: 1, column: 1, rule: 'r', severity: 'error', message, hint });
  it('names the option that gives a missing field', () => {
    const out = askForMissing(
      [
        d('`resolution` is required once the incident is resolved.', 'Add `resolution:` saying how.'),
        d('Missing required field `service`.', 'Add `service:`.'),
        d('Other.', 'Fix it.'),
        d('`/timeline/0` is missing required field `at`.', 'Add `at:`.'),
      ],
      (f) => (f === 'resolution' ? '--resolution TEXT' : `${f}=...`),
    );
    expect(out.map((x) => x.hint)).toEqual([
      'Pass --resolution TEXT; add `resolution:` saying how.',
      'Pass service=...; add `service:`.',
      'Fix it.',
      'Add `at:`.',
    ]);
  });
});

describe('who is running the command', () => {
  const people = peopleFrom([
    { id: 'TEAM-ops', members: [{ name: 'Ada Lovelace', login: 'ada', other_logins: ['ada-bot'], email: 'ada@example.com' }] },
    { id: 'TEAM-db', members: [{ name: 'Grace Hopper', login: 'grace' }] },
  ]);
  it("git's user.email finds the member by their email or a GitHub no-reply address", () => {
    expect(personByEmail(people, ' Ada@Example.com ')?.handle).toBe('ada');
    expect(personByEmail(people, '1234+grace@users.noreply.github.com')?.handle).toBe('grace');
    expect(personByEmail(people, 'eve@example.com')).toBeUndefined();
    expect(personByEmail(people, '')).toBeUndefined();
  });
});

describe('updateRecord', () => {
  it('keeps comments, key order and the spelling of every field it does not touch', () => {
    const text = `---
# Filed from the phone call
title: "Search is slow"   # as the caller said it
id: INC-0002
status: new # updated by itsm
reported_at: 2026-03-04T09:00:00+01:00
# work notes
timeline:
  - { at: 2026-03-04T09:00:00+01:00, status: new }   # first
service: SVC-shop
---

Body *stays*.
`;
    const r = updateRecord(text, {
      set: { status: 'acknowledged', acknowledged_at: AT },
      append: { key: 'timeline', item: { at: AT, status: 'acknowledged', by: 'ada' } },
    });
    expect(r).toEqual({
      ok: true,
      text: `---
# Filed from the phone call
title: "Search is slow"   # as the caller said it
id: INC-0002
status: acknowledged # updated by itsm
reported_at: 2026-03-04T09:00:00+01:00
acknowledged_at: ${AT}
# work notes
timeline:
  - { at: 2026-03-04T09:00:00+01:00, status: new }   # first
  - { at: ${AT}, status: acknowledged, by: ada }
service: SVC-shop
---

Body *stays*.
`,
    });
  });

  it('appends block-style items as blocks, and creates a missing list', () => {
    const text = '---\nid: X\ntimeline:\n  - at: 1\n    status: new\n---\n';
    expect(updateRecord(text, { append: { key: 'timeline', item: { at: 2, status: 'closed' } } })).toEqual({
      ok: true,
      text: '---\nid: X\ntimeline:\n  - at: 1\n    status: new\n  - at: 2\n    status: closed\n---\n',
    });
    expect(updateRecord('---\nid: X\n---\n', { append: { key: 'timeline', item: { at: 2 } } })).toEqual({
      ok: true,
      text: '---\nid: X\ntimeline:\n  - {at: 2}\n---\n',
    });
  });

  it('keeps CRLF line ends and a byte order mark', () => {
    const text = '\uFEFF---\r\nid: X\r\nstatus: new\r\n---\r\n\r\nBody.\r\n';
    expect(updateRecord(text, { set: { status: 'closed' } })).toEqual({ ok: true, text: '\uFEFF---\r\nid: X\r\nstatus: closed\r\n---\r\n\r\nBody.\r\n' });
  });

  it('removes a field with its comment, leaving the next field alone', () => {
    const text = '---\nid: X\n# how it ended\nresolution: done\nteam: TEAM-a # owner\n---\n';
    expect(updateRecord(text, { remove: ['resolution'] })).toEqual({ ok: true, text: '---\nid: X\nteam: TEAM-a # owner\n---\n' });
  });
});
