import { describe, expect, it } from 'vitest';
import { checkAgainstBase } from '../../src/core/base-rules.ts';
import type { AnyRecord } from '../../src/core/model.ts';

function incident(id: string, fields: Record<string, unknown> = {}, body = 'Users saw errors.\n'): AnyRecord {
  return {
    kind: 'incident',
    id,
    file: `content/incidents/${id}.md`,
    body,
    data: {
      id,
      title: 'Checkout returns 500',
      status: 'in_progress',
      service: 'SVC-shop',
      impact: 'medium',
      urgency: 'high',
      priority: 'P2',
      reported_at: '2026-03-02T09:10:00+01:00',
      timeline: [
        { at: '2026-03-02T09:10:00+01:00', status: 'new' },
        { at: '2026-03-02T09:20:00+01:00', status: 'in_progress', by: 'ada' },
      ],
      ...fields,
    },
  } as unknown as AnyRecord;
}

function check(base: AnyRecord[], head: AnyRecord[], extraFiles: string[] = []) {
  return checkAgainstBase({ base, head, headFiles: new Set([...head.map((r) => r.file), ...extraFiles]), baseRev: 'origin/main' });
}

const RESOLVED_AT = { at: '2026-03-02T11:00:00+01:00', status: 'resolved', note: 'Restarted' };

describe('validate --base: status transitions', () => {
  it('accepts a step the table allows', () => {
    expect(check([incident('INC-0001')], [incident('INC-0001', { status: 'resolved' })])).toEqual([]);
  });

  it('rejects a step the table does not allow, at the status field, naming the allowed ones', () => {
    const [d, ...rest] = check([incident('INC-0001')], [incident('INC-0001', { status: 'closed' })]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'content/incidents/INC-0001.md', rule: 'base/transition', severity: 'error', pointer: '/status' });
    expect(d!.message).toBe(
      'INC-0001 cannot go from `in_progress` to `closed`: an incident in `in_progress` may move only to `on_hold`, `resolved` or `cancelled`.',
    );
  });

  it('accepts several steps at once when the appended timeline walks through them', () => {
    const timeline = [
      ...(incident('INC-0001').data as unknown as { timeline: unknown[] }).timeline,
      RESOLVED_AT,
      { at: '2026-03-03T09:00:00+01:00', status: 'closed' },
    ];
    expect(check([incident('INC-0001')], [incident('INC-0001', { status: 'closed', timeline })])).toEqual([]);
  });

  it('says a final status is final', () => {
    const change = (status: string) =>
      ({
        kind: 'change',
        id: 'CHG-0001',
        file: 'content/changes/CHG-0001.md',
        body: '',
        data: {
          id: 'CHG-0001',
          title: 'Upgrade',
          type: 'normal',
          risk: 'low',
          status,
          planned_start: '2026-03-07T22:00:00+01:00',
          planned_end: '2026-03-08T02:00:00+01:00',
        },
      }) as unknown as AnyRecord;
    const [d] = check([change('completed')], [change('implementing')]);
    expect(d).toMatchObject({ rule: 'base/transition', pointer: '/status' });
    expect(d!.message).toContain('`completed` is final for a change');
  });
});

describe('validate --base: closed and cancelled records are immutable', () => {
  const closed = incident('INC-0001', { status: 'closed', closed_at: '2026-03-04T09:00:00+01:00' });

  it('rejects an edit to a closed incident, at the edited field', () => {
    const [d, ...rest] = check([closed], [incident('INC-0001', { status: 'closed', closed_at: '2026-03-04T09:00:00+01:00', priority: 'P1' })]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ rule: 'base/immutable', pointer: '/priority' });
    expect(d!.message).toBe('INC-0001 is closed, so it cannot change: `priority` changed from `P2` to `P1`.');
    expect(d!.hint).toContain('set `status: in_progress`');
  });

  it('rejects an edit to the body of a cancelled incident', () => {
    const cancelled = incident('INC-0001', { status: 'cancelled' });
    const [d] = check([cancelled], [incident('INC-0001', { status: 'cancelled' }, 'Rewritten.\n')]);
    expect(d).toMatchObject({ rule: 'base/immutable', pointer: '/status' });
    expect(d!.message).toContain('the Markdown body was edited');
  });

  it('points at the status when a field was removed', () => {
    const [d] = check([closed], [incident('INC-0001', { status: 'closed' })]);
    expect(d).toMatchObject({ rule: 'base/immutable', pointer: '/status' });
    expect(d!.message).toContain('`closed_at` was removed');
  });

  it("lets a closed incident's review actions be followed up, but not the review itself", () => {
    const review = (done: boolean, summary = 'Bad push.') => ({
      major: true,
      pir: { summary, contributing_factors: ['No canary'], actions: [{ title: 'Canary', owner: 'ada', due: '2026-03-20', done }] },
    });
    const base = incident('INC-0001', { status: 'closed', closed_at: '2026-03-04T09:00:00+01:00', ...review(false) });
    const followedUp = incident('INC-0001', { status: 'closed', closed_at: '2026-03-04T09:00:00+01:00', ...review(true) });
    expect(check([base], [followedUp])).toEqual([]);
    const rewritten = incident('INC-0001', { status: 'closed', closed_at: '2026-03-04T09:00:00+01:00', ...review(true, 'Something else.') });
    expect(check([base], [rewritten])).toEqual([expect.objectContaining({ rule: 'base/immutable', pointer: '/pir/summary' })]);
  });

  it('allows edits that reopen it in the same change', () => {
    expect(check([closed], [incident('INC-0001', { status: 'in_progress', priority: 'P1' })])).toEqual([]);
  });

  it('lets an open record change freely', () => {
    expect(check([incident('INC-0001')], [incident('INC-0001', { priority: 'P1', title: 'Checkout fails' }, 'More detail.\n')])).toEqual([]);
  });
});

describe('validate --base: IDs are never reused or renumbered', () => {
  it('rejects another record under an ID the base already uses, with the exact fix', () => {
    const other = incident('INC-0001', { title: 'Login is slow', reported_at: '2026-03-05T08:00:00+01:00' });
    const [d, ...rest] = check([incident('INC-0001'), incident('INC-0002')], [other, incident('INC-0002')]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'content/incidents/INC-0001.md', rule: 'base/id-reused', pointer: '/id' });
    expect(d!.message).toContain('INC-0001 is already another incident on the base ("Checkout returns 500", reported_at 2026-03-02T09:10:00+01:00)');
    expect(d!.message).toContain('("Login is slow", reported_at 2026-03-05T08:00:00+01:00)');
    expect(d!.hint).toBe(
      "Give this incident a free ID with `itsm renumber INC-0001 INC-0003`, then bring back the base's record with `git checkout origin/main -- content/incidents/INC-0001.md`.",
    );
  });

  it('does not mistake a record renamed and rescheduled at once for another, when its text is kept', () => {
    const body = 'Users saw errors at checkout after the 09:00 deploy.\n';
    const moved = incident('INC-0001', { title: 'Checkout fails for EU users', reported_at: '2026-03-02T08:55:00+01:00' }, body);
    expect(check([incident('INC-0001', {}, body)], [moved])).toEqual([]);
  });

  it('still sees another record when both only share the headings and comments of a template', () => {
    const template = '## What users see and since when\n\n<!-- Describe the symptoms users report here -->\n';
    const other = incident('INC-0001', { title: 'Login is slow', reported_at: '2026-03-05T08:00:00+01:00' }, template + 'Logins take 30 seconds.\n');
    const [d] = check([incident('INC-0001', {}, template + 'Checkout errors for everyone.\n')], [other]);
    expect(d).toMatchObject({ rule: 'base/id-reused' });
  });

  it('does not mistake an edited title for another record', () => {
    expect(check([incident('INC-0001')], [incident('INC-0001', { title: 'Checkout fails for EU users' })])).toEqual([]);
  });

  it('rejects a record moved to a new ID', () => {
    const [d, ...rest] = check([incident('INC-0001')], [incident('INC-0007')]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'content/incidents/INC-0007.md', rule: 'base/renumbered', pointer: '/id' });
    expect(d!.message).toContain('INC-0007 is INC-0001 renumbered');
    expect(d!.hint).toBe('Give it back its ID: `itsm renumber INC-0007 INC-0001`.');
  });
});

describe('validate --base: files are never deleted', () => {
  it('rejects a deleted record, on the base path, suggesting to retire it', () => {
    const [d, ...rest] = check(
      [incident('INC-0001'), incident('INC-0002', { title: 'Other', reported_at: '2026-03-03T10:00:00+01:00' })],
      [incident('INC-0002', { title: 'Other', reported_at: '2026-03-03T10:00:00+01:00' })],
    );
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'content/incidents/INC-0001.md', rule: 'base/deleted', severity: 'error' });
    expect(d!.pointer).toBeUndefined();
    expect(d!.hint).toBe('Restore it with `git checkout origin/main -- content/incidents/INC-0001.md` and set `status: cancelled` instead.');
  });

  it('does not call a file deleted when it is still there but fails validation', () => {
    expect(check([incident('INC-0001')], [], ['content/incidents/INC-0001.md'])).toEqual([]);
  });

  it('suggests the retiring status of each kind', () => {
    const kb = {
      kind: 'kb',
      id: 'KB-0001',
      file: 'content/kb/KB-0001.md',
      body: '',
      data: { id: 'KB-0001', title: 'Restart', category: 'how-to', status: 'published', owner: 'TEAM-ops' },
    } as unknown as AnyRecord;
    expect(check([kb], [])[0]!.hint).toContain('set `status: retired`');
  });
});

describe('validate --base: timelines are append-only', () => {
  const timeline = (incident('INC-0001').data as unknown as { timeline: Array<Record<string, string>> }).timeline;

  it('accepts appended entries', () => {
    expect(check([incident('INC-0001')], [incident('INC-0001', { status: 'resolved', timeline: [...timeline, RESOLVED_AT] })])).toEqual([]);
  });

  it('rejects an edited entry, at that entry', () => {
    const edited = [timeline[0], { ...timeline[1], by: 'grace' }];
    const [d, ...rest] = check([incident('INC-0001')], [incident('INC-0001', { timeline: edited })]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ rule: 'base/timeline-rewritten', pointer: '/timeline/1' });
    expect(d!.message).toBe('Timeline entry 2 of INC-0001 (at 2026-03-02T09:20:00+01:00) was edited, removed or reordered; timeline entries are append-only.');
  });

  it('rejects a removed entry, at the timeline', () => {
    const [d] = check([incident('INC-0001')], [incident('INC-0001', { timeline: [timeline[0]] })]);
    expect(d).toMatchObject({ rule: 'base/timeline-rewritten', pointer: '/timeline' });
    expect(d!.message).toContain('was removed');
  });
});

it('reports nothing for records new in the head', () => {
  expect(check([], [incident('INC-0001', { status: 'closed' })])).toEqual([]);
});
