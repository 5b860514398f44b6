/**
 * `itsm update` and its shortcuts as a service desk uses them: whole lifecycles done with the
 * commands alone (each step valid), refusals that say what to do, files that keep their shape,
 * and one commit per step.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/core/record-writer.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, record, runCli, runMain } from '../helpers/workspace.ts';

const NOW = '2026-03-10T12:00:00Z';
const ENV = { ITSM_NOW: NOW, GITHUB_ACTOR: undefined };

const TEAM = record(`
id: TEAM-ops
name: Operations
status: active
roles: [cab, ecab]
members:
  - { name: Ada Lovelace, login: ada, email: ada@example.com }
  - { name: Grace Hopper, login: grace, other_logins: [grace-bot] }
`);

const NEW_INCIDENT = record(
  `
id: INC-0002
title: Search is slow
status: new
service: SVC-shop
impact: medium
urgency: medium
priority: P3
reported_at: 2026-03-10T09:00:00+01:00
team: TEAM-ops
timeline:
  - { at: 2026-03-10T09:00:00+01:00, status: new, by: ada }
`,
  'Search takes 10 s.\n',
);

const NEW_REQUEST = record(`
id: REQ-0002
title: Admin account for Lin
service: SVC-shop
offering: new-account
requester: { name: Lin Park, email: lin@example.com }
requested_at: 2026-03-10T08:00:00+01:00
status: new
`);

const DRAFT_CHANGE = record(`
id: CHG-0002
title: Add a search index
type: normal
risk: low
status: draft
team: TEAM-ops
services: [SVC-shop]
planned_start: 2026-03-10T10:00:00+01:00
planned_end: 2026-03-10T11:00:00+01:00
implementation_plan: Create the index concurrently.
test_plan: Search for "shoes" in under a second.
rollback_plan: Drop the index.
`);

function workspace(extra: Record<string, string> = {}): string {
  return makeWorkspace({
    ...minimalWorkspace(),
    'content/teams/TEAM-ops.md': TEAM,
    'content/incidents/INC-0002.md': NEW_INCIDENT,
    'content/requests/REQ-0002.md': NEW_REQUEST,
    'content/changes/CHG-0002.md': DRAFT_CHANGE,
    ...extra,
  });
}

const itsm = (dir: string, ...args: string[]) => runMain(args, { cwd: dir, env: ENV });
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const data = (dir: string, file: string) => load(splitFrontMatter(read(dir, file))!.yaml) as Record<string, unknown>;

/** Runs a step, expects it to succeed, and the whole workspace to validate afterwards. */
async function step(dir: string, ...args: string[]): Promise<string> {
  const r = await itsm(dir, ...args);
  expect(r.stderr, `itsm ${args.join(' ')}`).toBe('');
  expect(r.code).toBe(0);
  const v = await runMain(['validate', '--now', NOW, '--no-cache'], { cwd: dir });
  expect(v.stdout, `validate after itsm ${args.join(' ')}`).not.toContain('error ');
  expect(v.code).toBe(0);
  return r.stdout;
}

function gitInit(dir: string, email: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test User');
  git('config', 'user.email', email);
  git('add', '-A');
  git('commit', '-q', '-m', 'Workspace');
}
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

describe('whole lifecycles with itsm update and its shortcuts', () => {
  it('an incident from new to closed', async () => {
    const dir = workspace();
    const f = 'content/incidents/INC-0002.md';
    expect(await step(dir, 'update', 'INC-0002', '--status', 'acknowledged', '--by', 'ada', '--at', '2026-03-10T09:05:00+01:00')).toContain(
      'INC-0002: acknowledged\n  status: new -> acknowledged\n  acknowledged_at: (none) -> 2026-03-10T09:05:00+01:00\n',
    );
    expect(await step(dir, 'assign', 'INC-0002', 'grace', '--by', 'ada', '--at', '2026-03-10T09:10:00+01:00')).toContain('INC-0002: assigned to grace');
    await step(dir, 'update', 'INC-0002', '--status', 'in_progress', '--note', 'Reindexing', '--by', 'grace', '--at', '2026-03-10T09:15:00+01:00');
    await step(dir, 'update', 'INC-0002', 'impact=high', '--by', 'grace', '--at', '2026-03-10T09:20:00+01:00');
    await step(
      dir,
      'resolve',
      'INC-0002',
      '--resolution',
      'Rebuilt the search index',
      '--close-code',
      'solved-permanently',
      '--note',
      'Search is fast again',
      '--public',
      '--by',
      'grace',
      '--at',
      '2026-03-10T10:00:00+01:00',
    );
    await step(dir, 'close', 'INC-0002', '--by', 'ada', '--at', '2026-03-10T11:00:00+01:00');
    expect(data(dir, f)).toMatchObject({
      status: 'closed',
      assignee: 'grace',
      priority: 'P2',
      acknowledged_at: '2026-03-10T09:05:00+01:00',
      resolved_at: '2026-03-10T10:00:00+01:00',
      closed_at: '2026-03-10T11:00:00+01:00',
      resolution: 'Rebuilt the search index',
      close_code: 'solved-permanently',
      timeline: [
        { at: '2026-03-10T09:00:00+01:00', status: 'new', by: 'ada' },
        { at: '2026-03-10T09:05:00+01:00', status: 'acknowledged', by: 'ada' },
        { at: '2026-03-10T09:10:00+01:00', assignee: 'grace', by: 'ada' },
        { at: '2026-03-10T09:15:00+01:00', status: 'in_progress', by: 'grace', note: 'Reindexing' },
        { at: '2026-03-10T09:20:00+01:00', priority: 'P2', by: 'grace' },
        { at: '2026-03-10T10:00:00+01:00', status: 'resolved', by: 'grace', visibility: 'public', note: 'Search is fast again' },
        { at: '2026-03-10T11:00:00+01:00', status: 'closed', by: 'ada' },
      ],
    });
    expect(read(dir, f)).toMatch(/---\n\nSearch takes 10 s\.\n$/);

    // Reopened: how it ended is cleared, the timeline keeps it.
    await step(dir, 'reopen', 'INC-0002', '--note', 'Slow again since 11:30', '--by', 'ada', '--at', '2026-03-10T11:30:00+01:00');
    const reopened = data(dir, f);
    expect(reopened.status).toBe('in_progress');
    for (const gone of ['resolved_at', 'closed_at', 'resolution', 'close_code']) expect(reopened).not.toHaveProperty(gone);
    expect((reopened.timeline as unknown[]).length).toBe(8);
  });

  it('a step that skips a status stamps the milestones the rules need (resolved straight from new)', async () => {
    const dir = workspace();
    const out = await step(
      dir,
      'resolve',
      'INC-0002',
      '--resolution',
      'Cache warmed',
      '--close-code',
      'solved-permanently',
      '--by',
      'ada',
      '--at',
      '2026-03-10T09:30:00+01:00',
    );
    expect(out).toContain('  acknowledged_at: (none) -> 2026-03-10T09:30:00+01:00\n');
    expect(data(dir, 'content/incidents/INC-0002.md')).toMatchObject({
      status: 'resolved',
      acknowledged_at: '2026-03-10T09:30:00+01:00',
      resolved_at: '2026-03-10T09:30:00+01:00',
    });
  });

  it('assigning another team leaves the record unassigned when the assignee is not in it', async () => {
    const other = record(`
id: TEAM-db
name: Databases
status: active
members:
  - { name: Edgar Codd, login: edgar }
`);
    const dir = workspace({ 'content/teams/TEAM-db.md': other });
    await step(dir, 'assign', 'INC-0002', 'grace', '--by', 'ada', '--at', '2026-03-10T09:10:00+01:00');
    await step(dir, 'assign', 'INC-0002', 'TEAM-db', '--by', 'ada', '--at', '2026-03-10T09:20:00+01:00');
    const inc = data(dir, 'content/incidents/INC-0002.md');
    expect(inc.team).toBe('TEAM-db');
    expect(inc).not.toHaveProperty('assignee');
    expect((inc.timeline as unknown[]).at(-1)).toEqual({ at: '2026-03-10T09:20:00+01:00', team: 'TEAM-db', by: 'ada', note: 'Removed assignee.' });
  });

  it('a service request from new to fulfilled', async () => {
    const dir = workspace();
    await step(dir, 'update', 'REQ-0002', '--status', 'approved', '--by', 'ada', '--at', '2026-03-10T08:30:00+01:00');
    await step(dir, 'assign', 'REQ-0002', 'grace', '--by', 'ada', '--at', '2026-03-10T08:40:00+01:00');
    await step(dir, 'update', 'REQ-0002', '--status', 'in_progress', '--by', 'grace', '--at', '2026-03-10T09:00:00+01:00');
    await step(
      dir,
      'resolve',
      'REQ-0002',
      '--resolution',
      'Account created',
      '--close-code',
      'fulfilled',
      '--by',
      'grace',
      '--at',
      '2026-03-10T09:30:00+01:00',
    );
    expect(data(dir, 'content/requests/REQ-0002.md')).toMatchObject({
      status: 'fulfilled',
      approved_at: '2026-03-10T08:30:00+01:00',
      fulfilled_at: '2026-03-10T09:30:00+01:00',
      team: 'TEAM-ops', // grace is in one team and the request had none
      assignee: 'grace',
      close_code: 'fulfilled',
    });
    expect((data(dir, 'content/requests/REQ-0002.md').timeline as Array<Record<string, unknown>>).at(-1)).toEqual({
      at: '2026-03-10T09:30:00+01:00',
      status: 'fulfilled',
      by: 'grace',
      note: 'Account created',
    });
  });

  it('a change from draft to completed', async () => {
    const dir = workspace();
    const at = (t: string) => ['--by', 'ada', '--at', `2026-03-10T${t}:00+01:00`];
    await step(dir, 'update', 'CHG-0002', '--status', 'submitted', ...at('08:00'));
    await step(dir, 'update', 'CHG-0002', '--status', 'approved', ...at('08:30'));
    await step(dir, 'update', 'CHG-0002', '--status', 'scheduled', ...at('08:45'));
    await step(dir, 'update', 'CHG-0002', '--status', 'implementing', ...at('10:02'));
    await step(dir, 'resolve', 'CHG-0002', 'outcome=successful', '--resolution', 'Index live', ...at('10:40'));
    expect(data(dir, 'content/changes/CHG-0002.md')).toMatchObject({
      status: 'completed',
      actual_start: '2026-03-10T10:02:00+01:00',
      actual_end: '2026-03-10T10:40:00+01:00',
      outcome: 'successful',
    });
  });
});

describe('refusals that say what to do', () => {
  it('a transition the lifecycle does not allow: exit 2, the allowed ones named, nothing written', async () => {
    const dir = workspace();
    const r = await itsm(dir, 'update', 'INC-0002', '--status', 'closed', '--by', 'ada');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'itsm update: INC-0002 cannot go from new to closed. From new it may move to: acknowledged, in_progress, on_hold, resolved, cancelled.\n',
    );
    expect(read(dir, 'content/incidents/INC-0002.md')).toBe(NEW_INCIDENT);
  });

  it('a missing resolution: exit 1, nothing written, and the hint names what to pass', async () => {
    const dir = workspace();
    await step(
      dir,
      'update',
      'INC-0002',
      '--status',
      'in_progress',
      'acknowledged_at=2026-03-10T09:05:00+01:00',
      '--by',
      'ada',
      '--at',
      '2026-03-10T09:05:00+01:00',
    );
    const before = read(dir, 'content/incidents/INC-0002.md');

    const viaUpdate = await itsm(dir, 'update', 'INC-0002', '--status', 'resolved', '--by', 'ada');
    expect(viaUpdate.code).toBe(1);
    expect(viaUpdate.stderr).toContain('itsm update: INC-0002 would not be valid; nothing was written.');
    expect(viaUpdate.stderr).toContain('`resolution` is required once the incident is resolved.');
    expect(viaUpdate.stderr).toContain('fix: Pass resolution=...; add `resolution:`');

    const viaResolve = await itsm(dir, 'resolve', 'INC-0002', '--by', 'ada');
    expect(viaResolve.code).toBe(1);
    expect(viaResolve.stderr).toContain('fix: Pass --resolution TEXT;');
    expect(read(dir, 'content/incidents/INC-0002.md')).toBe(before);
  });

  it('an unknown field is refused with the fields of the kind', async () => {
    const r = await itsm(workspace(), 'update', 'INC-0002', 'owner=ada', '--by', 'ada');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^itsm update: unknown field "owner" for an incident\. Fields: title, caller, /);
  });

  it('an unknown record gets a "did you mean"', async () => {
    const r = await itsm(workspace(), 'update', 'INC-0020', '--status', 'acknowledged', '--by', 'ada');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no incident INC-0020 (content/incidents/INC-0020.md does not exist). Did you mean INC-0001, INC-0002?');
  });

  it('--by must be a person of the team files, with a "did you mean"; an other login is written as the handle', async () => {
    const dir = workspace();
    const typo = await itsm(dir, 'update', 'INC-0002', '--note', 'x', '--by', 'grce');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--by grce: nobody in the team files (content/teams/) has that login. Did you mean grace?');
    await step(dir, 'update', 'INC-0002', '--note', 'Looking', '--by', 'grace-bot', '--at', '2026-03-10T09:01:00+01:00');
    expect(await itsm(dir, 'update', 'INC-0002', 'assignee=Grace-Bot', '--by', 'ada', '--dry-run', '--format', 'json')).toMatchObject({
      stdout: expect.stringContaining('"after": "grace"'),
    });
    expect((data(dir, 'content/incidents/INC-0002.md').timeline as Array<Record<string, unknown>>).at(-1)).toEqual({
      at: '2026-03-10T09:01:00+01:00',
      by: 'grace',
      note: 'Looking',
    });
  });

  it('a broken team file elsewhere is no crash: its people do not count until it validates', async () => {
    const broken = record(
      'id: TEAM-odd\nname: Odd\nstatus: active\nmembers:\n  - just a string\n  - { login: 42 }\n  - { name: Eve, login: eve, other_logins: [7] }',
    );
    const dir = workspace({ 'content/teams/TEAM-odd.md': broken });
    const r = await itsm(dir, 'update', 'INC-0002', '--note', 'Looking', '--by', 'eve', '--at', '2026-03-10T09:01:00+01:00');
    // Validation reads people only from team files that validate (fail closed), so the entry is refused, not crashed on.
    expect(r.stderr).toContain('person/unknown');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(1);
    expect(read(dir, 'content/incidents/INC-0002.md')).toBe(NEW_INCIDENT);
  });

  it('a record that is a symlink is refused, and what it points to is left alone', async () => {
    const dir = workspace();
    const outside = makeWorkspace({ 'INC-0002.md': NEW_INCIDENT });
    rmSync(join(dir, 'content/incidents/INC-0002.md'));
    symlinkSync(join(outside, 'INC-0002.md'), join(dir, 'content/incidents/INC-0002.md'));
    const r = await itsm(dir, 'update', 'INC-0002', '--status', 'acknowledged', '--by', 'ada');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a symlink; itsm does not follow links');
    expect(read(outside, 'INC-0002.md')).toBe(NEW_INCIDENT);
  });

  it('--at more than 5 minutes in the future is refused', async () => {
    const r = await itsm(workspace(), 'update', 'INC-0002', '--status', 'acknowledged', '--by', 'ada', '--at', '2026-03-10T12:06:00Z');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--at 2026-03-10T12:06:00Z is in the future');
  });

  it('errors already in other files do not block an update', async () => {
    const dir = workspace({ 'content/incidents/INC-0003.md': record('id: INC-0003\ntitle: Broken\nstatus: new') });
    expect((await runMain(['validate', '--now', NOW], { cwd: dir })).code).toBe(1);
    const r = await itsm(dir, 'update', 'INC-0002', '--status', 'acknowledged', '--by', 'ada', '--at', '2026-03-10T09:05:00+01:00');
    expect(r.code).toBe(0);
    expect(data(dir, 'content/incidents/INC-0002.md').status).toBe('acknowledged');
  });
});

describe('fields of every shape, and kinds without a timeline', () => {
  it('lists, booleans and contacts are read as what they are', async () => {
    const dir = workspace();
    await step(
      dir,
      'update',
      'INC-0002',
      'tags=[search, slow]',
      'major=true',
      'caller={name: Lin Park, email: lin@example.com}',
      'cis=CI-web,CI-db',
      '--by',
      'ada',
    );
    expect(data(dir, 'content/incidents/INC-0002.md')).toMatchObject({
      tags: ['search', 'slow'],
      major: true,
      caller: { name: 'Lin Park', email: 'lin@example.com' },
      cis: ['CI-web', 'CI-db'],
    });
  });

  it('a knowledge article changes status with its milestone and no timeline', async () => {
    const dir = workspace({ 'content/kb/KB-0002.md': record('id: KB-0002\ntitle: Reindex search\ncategory: how-to\nstatus: draft\nowner: TEAM-ops') });
    await step(dir, 'update', 'KB-0002', '--status', 'published', '--by', 'ada', '--at', '2026-03-10T09:00:00+01:00');
    const kb = data(dir, 'content/kb/KB-0002.md');
    expect(kb).toMatchObject({ status: 'published', published_at: '2026-03-10' });
    expect(kb).not.toHaveProperty('timeline');
  });
});

describe('the file keeps its shape', () => {
  it('comments, an unusual key order and the body survive; only the changed lines change', async () => {
    const text = `---
# Reported by phone; see the call log.
status: new   # itsm update changes this
id: INC-0002
title: 'Search is slow'
reported_at: 2026-03-10T09:00:00+01:00
service: SVC-shop   # the shop's search
priority: P3
urgency: medium
impact: medium
timeline:
  - { at: 2026-03-10T09:00:00+01:00, status: new, by: ada }   # from the phone call
team: TEAM-ops
---

Body with *Markdown*.
`;
    const dir = workspace({ 'content/incidents/INC-0002.md': text });
    await step(dir, 'update', 'INC-0002', '--status', 'acknowledged', '--by', 'ada', '--at', '2026-03-10T09:05:00+01:00');
    expect(read(dir, 'content/incidents/INC-0002.md')).toBe(`---
# Reported by phone; see the call log.
status: acknowledged   # itsm update changes this
id: INC-0002
title: 'Search is slow'
reported_at: 2026-03-10T09:00:00+01:00
service: SVC-shop   # the shop's search
priority: P3
urgency: medium
impact: medium
acknowledged_at: 2026-03-10T09:05:00+01:00
timeline:
  - { at: 2026-03-10T09:00:00+01:00, status: new, by: ada }   # from the phone call
  - { at: 2026-03-10T09:05:00+01:00, status: acknowledged, by: ada }
team: TEAM-ops
---

Body with *Markdown*.
`);
  });
});

describe('--dry-run and --format json', () => {
  it('--dry-run prints the changes and writes nothing', async () => {
    const dir = workspace();
    const r = await itsm(dir, 'update', 'INC-0002', '--status', 'acknowledged', '--by', 'ada', '--at', '2026-03-10T09:05:00+01:00', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'INC-0002: acknowledged\n' +
        '  status: new -> acknowledged\n' +
        '  acknowledged_at: (none) -> 2026-03-10T09:05:00+01:00\n' +
        '  timeline: + {at: 2026-03-10T09:05:00+01:00, status: acknowledged, by: ada}\n' +
        '(dry run: content/incidents/INC-0002.md not written)\n',
    );
    expect(read(dir, 'content/incidents/INC-0002.md')).toBe(NEW_INCIDENT);
  });

  it('--format json says what changed, the timeline entry and the file', async () => {
    const dir = workspace();
    const r = await itsm(dir, 'assign', 'INC-0002', 'ada', '--by', 'ada', '--at', '2026-03-10T09:05:00+01:00', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      id: 'INC-0002',
      file: 'content/incidents/INC-0002.md',
      written: true,
      dry_run: false,
      summary: 'assigned to ada',
      status: null,
      changes: [{ field: 'assignee', before: null, after: 'ada' }],
      timeline_entry: { at: '2026-03-10T09:05:00+01:00', assignee: 'ada', by: 'ada' },
      commit: null,
      diagnostics: [],
    });
  });
});

describe('who: --by from git', () => {
  it("defaults to the member whose email is git's user.email", async () => {
    const dir = workspace();
    gitInit(dir, 'ada@example.com');
    await step(dir, 'update', 'INC-0002', '--note', 'Looking', '--at', '2026-03-10T09:01:00+01:00');
    expect((data(dir, 'content/incidents/INC-0002.md').timeline as Array<Record<string, unknown>>).at(-1)).toMatchObject({ by: 'ada' });
  });

  it('when nobody matches: exit 2, saying how to fix it', async () => {
    const dir = workspace();
    gitInit(dir, 'eve@example.com');
    const r = await itsm(dir, 'update', 'INC-0002', '--note', 'Looking');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "git's user.email is eve@example.com, and no member of the team files has that email. Pass --by HANDLE, or add `email: eve@example.com`",
    );
  });
});

describe('--commit', () => {
  it('makes exactly one commit of that file, with a conventional message, leaving other staged changes staged', async () => {
    const dir = workspace();
    gitInit(dir, 'ada@example.com');
    writeFileSync(join(dir, 'notes.txt'), 'staged, not mine\n');
    git(dir, 'add', 'notes.txt');
    const before = git(dir, 'rev-list', '--count', 'HEAD').trim();
    const r = await itsm(
      dir,
      'resolve',
      'INC-0002',
      'acknowledged_at=2026-03-10T09:05:00+01:00',
      '--resolution',
      'Rebuilt the index',
      '--close-code',
      'solved-permanently',
      '--at',
      '2026-03-10T10:00:00+01:00',
      '--commit',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Number(git(dir, 'rev-list', '--count', 'HEAD').trim())).toBe(Number(before) + 1);
    expect(git(dir, 'log', '-1', '--format=%s|%an <%ae>')).toBe('INC-0002: resolved|Test User <ada@example.com>\n');
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD')).toBe('content/incidents/INC-0002.md\n');
    expect(git(dir, 'diff', '--cached', '--name-only')).toBe('notes.txt\n');
    expect(r.stdout).toMatch(/Committed [0-9a-f]{7} "INC-0002: resolved"/);

    await itsm(dir, 'assign', 'INC-0002', 'grace', '--at', '2026-03-10T10:05:00+01:00', '--commit');
    expect(git(dir, 'log', '-1', '--format=%s')).toBe('INC-0002: assigned to grace\n');
  });

  it('outside a git repository: exit 2, nothing written', async () => {
    const dir = workspace();
    const r = await itsm(dir, 'update', 'INC-0002', '--status', 'acknowledged', '--by', 'ada', '--commit');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not in a git repository');
    expect(read(dir, 'content/incidents/INC-0002.md')).toBe(NEW_INCIDENT);
  });
});

describe('end to end', () => {
  it('end to end: itsm resolve as a process writes the record and prints JSON', () => {
    const dir = workspace();
    const r = runCli(
      [
        'resolve',
        'INC-0002',
        'acknowledged_at=2026-03-10T09:05:00+01:00',
        '--resolution',
        'Rebuilt the index',
        '--close-code',
        'solved-permanently',
        '--by',
        'ada',
        '--at',
        '2026-03-10T10:00:00+01:00',
        '--format',
        'json',
      ],
      { cwd: dir, env: ENV },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ written: true, status: { from: 'new', to: 'resolved' } });
    expect(data(dir, 'content/incidents/INC-0002.md')).toMatchObject({ status: 'resolved', resolved_at: '2026-03-10T10:00:00+01:00' });
  });
});
