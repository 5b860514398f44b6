/**
 * Migrating with history: a ServiceNow event log (one row per update of each ticket) folded into
 * one record per ticket, through a mapping file; imported again as it grows.
 */
import { appendFileSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmdbWorkspace } from '../helpers/cmdb-fixture.ts';
import { makeWorkspace, record, REPO_ROOT, runMain } from '../helpers/workspace.ts';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/import');
const LOG = join(FIXTURES, 'servicenow-event-log.csv');
const MAP = join(FIXTURES, 'servicenow-event-log.map.yaml');
const IMPORT = ['import', 'servicenow', '--table', 'incident', 'log.csv', '--tz', 'Europe/Berlin', '--map', 'map.yaml', '--default', 'service=SVC-shop'];

/** The CMDB workspace plus a network team, with the event log and its mapping file next to it. */
function workspace(): string {
  const dir = makeWorkspace({
    ...cmdbWorkspace(),
    'content/teams/TEAM-net.md': record('id: TEAM-net\nname: Network\nstatus: active\nmembers:\n  - { name: Linus Nord, login: linus }'),
  });
  copyFileSync(LOG, join(dir, 'log.csv'));
  copyFileSync(MAP, join(dir, 'map.yaml'));
  return dir;
}

const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');
const timelineOf = (text: string) => /\ntimeline:\n((?: {2}- .*\n)+)/.exec(text)?.[1] ?? '';
const snapshot = (dir: string) => Object.fromEntries(readdirSync(join(dir, 'content/incidents')).map((f) => [f, read(dir, `content/incidents/${f}`)]));

describe('itsm import servicenow: an event log', () => {
  it('folds the rows of each ticket into one record whose timeline replays states, reassignments and priority changes', async () => {
    const dir = workspace();
    const r = await runMain(IMPORT, { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Imported 3 incidents from log.csv into content/incidents/ (INC-0003 .. INC-0005), folded from 12 rows of 3 tickets.');
    expect(r.stdout).toContain('Dates read as DD-MM-YYYY HH:mm (detected: line 2, opened_at 14-03-2026 08:55)');
    expect(r.stdout).toContain('title generated from category, subcategory and symptom (the export has no short description): 3 records');
    expect(r.stdout).toContain('Every record written validates.');

    // INC0000101: reassigned from the service desk to the network team, priority raised mid-flight, resolved, closed.
    const first = read(dir, 'content/incidents/INC-0003.md');
    expect(timelineOf(first)).toBe(
      [
        '  - {at: 2026-03-14T09:00:00+01:00, status: new, priority: P3, team: TEAM-ops, by: ada}',
        '  - {at: 2026-03-14T09:20:00+01:00, status: in_progress, assignee: ada, by: ada}',
        `  - {at: 2026-03-14T10:05:00+01:00, priority: P2, team: TEAM-net, assignee: linus, note: 'In ServiceNow: updated by "Updated by 7".'}`,
        '  - {at: 2026-03-14T11:25:00+01:00, status: resolved, by: ada}',
        '  - {at: 2026-03-17T12:00:00+01:00, status: closed, by: ada}',
        '',
      ].join('\n'),
    );
    expect(first).toContain(
      [
        'title: Category 40 / Subcategory 12 / Symptom 7',
        'caller: grace',
        'category: network',
        'status: closed',
        'service: SVC-shop',
        'impact: medium',
        'urgency: high',
        'priority: P2',
        'reported_at: 2026-03-14T08:55:00+01:00',
        'acknowledged_at: 2026-03-14T09:20:00+01:00',
        'resolved_at: 2026-03-14T11:25:00+01:00',
        'closed_at: 2026-03-17T12:00:00+01:00',
        'team: TEAM-net',
        'assignee: linus',
      ].join('\n'),
    );
    expect(first).toContain('close_code: solved-permanently\n');
    expect(first).toContain(
      'imported: {reassignment_count: 1, reopen_count: 0, made_sla: true, opened_by: Opener 4, contact_type: Phone, location: Berlin office, subcategory: Subcategory 12, u_symptom: Symptom 7, knowledge: false, u_priority_confirmation: false, notify: Do Not Notify, resolved_by: linus, title_generated: true}\n',
    );

    // INC0000102: rows out of order in the file, non-standard states, a group the map leaves unmapped, a reopen.
    const second = read(dir, 'content/incidents/INC-0004.md');
    expect(timelineOf(second)).toBe(
      [
        `  - {at: 2026-03-20T10:00:00+01:00, status: new, priority: P4, note: 'In ServiceNow: assignment group "Group 70"; updated by "Updated by 8".'}`,
        '  - {at: 2026-03-20T11:00:00+01:00, status: on_hold, by: ada}',
        '  - {at: 2026-03-21T09:00:00+01:00, status: in_progress, assignee: ada, by: ada}',
        '  - {at: 2026-03-21T14:45:00+01:00, status: resolved, by: ada}',
        `  - {at: 2026-03-23T08:30:00+01:00, status: in_progress, note: 'In ServiceNow: updated by "Updated by 8".'}`,
        '  - {at: 2026-03-23T09:00:00+01:00, status: on_hold, by: ada}',
        '',
      ].join('\n'),
    );
    expect(second).toContain('caller: {name: Caller 777}\ncategory: category-9\nstatus: on_hold\n');
    expect(second).toContain('cis: [CI-web]\n');
    expect(second).not.toContain('resolved_at');
    expect(second).not.toContain('close_code');
    expect(second).toContain('reopen_count: 1');
    expect(second).toContain('problem_id: Problem 12');

    // INC0000103: one row, nothing to name it by: no history to replay, a title from its number.
    const third = read(dir, 'content/incidents/INC-0005.md');
    // No caller_id: the person who opened it stands in as the caller.
    expect(third).toContain('title: ServiceNow incident INC0000103\ncaller: {name: Opener 4}\nstatus: new\n');
    expect(third).not.toContain('timeline');

    expect(r.stdout).toContain('caller_id "Caller 777 (kept as a name)": 6 rows');
    expect(r.stdout).toContain('assignment_group "Group 70": 6 rows');
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });

  it('accounts for every column of the export: a field, the timeline, the imported block, or dropped', async () => {
    const dir = workspace();
    const r = await runMain(IMPORT, { cwd: dir });
    const where = r.stdout.slice(r.stdout.indexOf('Where each column went:'));
    const header = read(dir, 'log.csv').split('\n')[0]!.split(',');
    for (const column of header) expect(where).toMatch(new RegExp(`\\n  ${column} +\\S`));
    expect(where).toContain('  incident_state           status\n');
    expect(where).toContain('  sys_updated_at           timeline (at)\n');
    expect(where).toContain('  made_sla                 imported.made_sla\n');
    expect(where).toContain('  active                   dropped (the model has no place for it)\n');
  });

  it('folds the same records whatever the order of the rows: grouped by ticket, interleaved, or each ticket backwards', async () => {
    const [header, ...rows] = read(workspace(), 'log.csv').trimEnd().split('\n');
    const ticket = (row: string) => row.slice(0, row.indexOf(','));
    const tickets = [...new Set(rows.map(ticket))];
    const grouped = tickets.flatMap((t) => rows.filter((r) => ticket(r) === t));
    const backwards = tickets.flatMap((t) => rows.filter((r) => ticket(r) === t).reverse());
    const imported = async (lines: string[]) => {
      const dir = workspace();
      writeFileSync(join(dir, 'log.csv'), [header, ...lines, ''].join('\n'));
      const r = await runMain(IMPORT, { cwd: dir });
      expect(r.stdout).toContain('folded from 12 rows of 3 tickets');
      return snapshot(dir);
    };
    const interleaved = await imported(rows);
    expect(Object.keys(interleaved)).toEqual(['INC-0001.md', 'INC-0002.md', 'INC-0003.md', 'INC-0004.md', 'INC-0005.md']);
    expect(await imported(grouped)).toEqual(interleaved);
    expect(await imported(backwards)).toEqual(interleaved);
  });

  it('says so when a second run has nothing new, and writes nothing', async () => {
    const dir = workspace();
    await runMain(IMPORT, { cwd: dir });
    const before = snapshot(dir);
    const again = await runMain(IMPORT, { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Imported 0 incidents from log.csv');
    expect(again.stdout).toContain('Already in the workspace (imported before, nothing new in the export): 3 incidents, left as they are.');
    expect(again.stdout).toContain('Nothing new to import: every ticket in log.csv is already in the workspace as exported.');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a later export with more rows extends the timelines of untouched records, and refuses records edited since', async () => {
    const dir = workspace();
    await runMain(IMPORT, { cwd: dir });
    // Someone adds a note to INC0000101's record here; meanwhile ServiceNow reopens it.
    const edited = read(dir, 'content/incidents/INC-0003.md') + 'Customer confirmed the fix.\n';
    writeFileSync(join(dir, 'content/incidents/INC-0003.md'), edited);
    const untouched = read(dir, 'content/incidents/INC-0005.md');
    const header = read(dir, 'log.csv').split('\n')[0]!;
    const last102 = read(dir, 'log.csv')
      .split('\n')
      .filter((l) => l.includes('Awaiting Problem'))[0]!;
    const row = (state: string, mod: string, at: string, extra: (cells: string[]) => void = () => {}) => {
      const cells = last102.split(',');
      const col = (name: string) => header.split(',').indexOf(name);
      cells[col('incident_state')] = state;
      cells[col('sys_mod_count')] = mod;
      cells[col('sys_updated_at')] = at;
      extra(cells);
      return cells.join(',');
    };
    const col = (name: string) => header.split(',').indexOf(name);
    appendFileSync(
      join(dir, 'log.csv'),
      [
        row('Active', '6', '24-03-2026 10:00'),
        row('Resolved', '7', '24-03-2026 16:00', (c) => {
          c[col('resolved_at')] = '24-03-2026 15:50';
          c[col('closed_code')] = 'Code 2';
        }),
        read(dir, 'log.csv')
          .split('\n')
          .filter((l) => l.startsWith('INC0000101') && l.includes(',Closed,'))[0]!
          .replace(',Closed,FALSE,', ',Active,TRUE,')
          .replace(',4,TRUE,', ',5,TRUE,')
          .replace('Updated by 3,17-03-2026 12:00', 'Updated by 3,18-03-2026 09:00'),
        '',
      ].join('\n'),
    );
    const r = await runMain(IMPORT, { cwd: dir });
    expect(r.stdout).toContain('Updated 1 incident imported before, untouched since, with what the export adds: INC-0004.');
    expect(r.stdout).toContain('Not updated, edited here since the import (the export has more about them): 1 incident: INC-0003 (INC0000101).');
    expect(r.stdout).toContain('Already in the workspace (imported before, nothing new in the export): 1 incident, left as they are.');
    expect(r.code).toBe(1);
    expect(read(dir, 'content/incidents/INC-0003.md')).toBe(edited);
    expect(read(dir, 'content/incidents/INC-0005.md')).toBe(untouched);
    const updated = read(dir, 'content/incidents/INC-0004.md');
    expect(timelineOf(updated).split('\n').slice(-3).join('\n')).toBe(
      ['  - {at: 2026-03-24T10:00:00+01:00, status: in_progress, by: ada}', '  - {at: 2026-03-24T15:50:00+01:00, status: resolved, by: ada}', ''].join('\n'),
    );
    expect(updated).toContain('status: resolved\n');
    expect(updated).toContain('resolved_at: 2026-03-24T15:50:00+01:00\n');
    expect(updated).toContain('close_code: solved-workaround\n');
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });
});

describe("itsm import: dates in the exporting user's format", () => {
  const csv = 'number,incident_state,opened_at,short_description\nINC1,New,03-04-2026 10:00,Printer offline\nINC2,New,05-04-2026 11:30,Mail slow\n';

  it('refuses dates that could be day-first or month-first, naming the row, and writes nothing', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'amb.csv'), csv);
    const r = await runMain(['import', 'servicenow', '--table', 'incident', 'amb.csv', '--tz', 'UTC', '--default', 'service=SVC-shop'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'amb.csv: line 2: the date 03-04-2026 10:00 (opened_at) could be day-first or month-first, and no date in the export settles it. Give --date-format "DD-MM-YYYY HH:mm" or --date-format "MM-DD-YYYY HH:mm". Nothing was written.',
    );
    expect(readdirSync(join(dir, 'content/incidents'))).toEqual(['INC-0001.md', 'INC-0002.md']);
  });

  it('reads them with --date-format', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'amb.csv'), csv);
    const r = await runMain(
      ['import', 'servicenow', '--table', 'incident', 'amb.csv', '--tz', 'UTC', '--default', 'service=SVC-shop', '--date-format', 'MM-DD-YYYY HH:mm'],
      { cwd: dir },
    );
    expect(r.stdout).toContain('Dates read as MM-DD-YYYY HH:mm (--date-format).');
    expect(read(dir, 'content/incidents/INC-0003.md')).toContain('reported_at: 2026-03-04T10:00:00+00:00\n');
    expect(read(dir, 'content/incidents/INC-0004.md')).toContain('reported_at: 2026-05-04T11:30:00+00:00\n');
  });

  it('holds the rows whose dates could be either until a later date settles it, then reads them all alike', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'late.csv'), `${csv}INC3,New,25-04-2026 09:00,VPN drops\n`);
    const r = await runMain(['import', 'servicenow', '--table', 'incident', 'late.csv', '--tz', 'UTC', '--default', 'service=SVC-shop'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Dates read as DD-MM-YYYY HH:mm (detected: line 4, opened_at 25-04-2026 09:00)');
    expect(read(dir, 'content/incidents/INC-0003.md')).toContain('reported_at: 2026-04-03T10:00:00+00:00\n');
    expect(read(dir, 'content/incidents/INC-0004.md')).toContain('reported_at: 2026-04-05T11:30:00+00:00\n');
    expect(read(dir, 'content/incidents/INC-0005.md')).toContain('reported_at: 2026-04-25T09:00:00+00:00\n');
  });

  it('refuses a --date-format without a day, month and year', async () => {
    const dir = workspace();
    const r = await runMain([...IMPORT, '--date-format', 'HH:mm'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--date-format "HH:mm" needs a day (DD), a month (MM or MMM) and a year (YYYY or YY)');
  });
});

describe('itsm import: the mapping file', () => {
  it('--suggest-map writes a starting map from the distinct values found, and imports nothing', async () => {
    const dir = workspace();
    const r = await runMain(['import', 'servicenow', '--table', 'incident', 'log.csv', '--tz', 'Europe/Berlin', '--suggest-map', 'start.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Wrote a starting mapping to start.yaml: groups 3, users 8, states 6, categories 2, close_codes 2, locations 2, cis 1. Nothing was imported.',
    );
    expect(readdirSync(join(dir, 'content/incidents'))).toEqual(['INC-0001.md', 'INC-0002.md']);
    const map = read(dir, 'start.yaml');
    expect(map).toContain('groups:\n  Group 70:\n  Network Group:\n  Service Desk:\n');
    expect(map).toContain('states:\n  Active: in_progress\n  New: new\n');
    expect(map).toContain('  Awaiting User Info: on_hold\n');
    expect(map).toContain('  Awaiting Problem: on_hold\n');
    expect(map).toContain('categories:\n  Category 9: category-9\n  Category 40: category-40\n');
    expect(map).toContain('close_codes:\n  Code 5:\n  Code 2:\n');
    expect(map).toContain('cis:\n  Web node 1:\n');
    // The suggestion is a valid mapping file as it stands.
    const again = await runMain(
      ['import', 'servicenow', '--table', 'incident', 'log.csv', '--tz', 'Europe/Berlin', '--map', 'start.yaml', '--default', 'service=SVC-shop', '--dry-run'],
      {
        cwd: dir,
      },
    );
    expect(again.stdout).toContain('Would import 3 incidents');
    const refused = await runMain(['import', 'servicenow', '--table', 'incident', 'log.csv', '--tz', 'Europe/Berlin', '--suggest-map', 'start.yaml'], {
      cwd: dir,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cannot write start.yaml: it exists');
  });

  it('refuses a mapping to a team, person or status the workspace does not have, listing each', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'map.yaml'),
      'groups:\n  Service Desk: TEAM-desk\nusers:\n  Resolver 11: nobody\nstates:\n  Awaiting Problem: parked\ncolours:\n  red: blue\n',
    );
    const r = await runMain(IMPORT, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('map.yaml: unknown section "colours"');
    expect(r.stderr).toContain(
      'map.yaml: groups: "Service Desk" -> "TEAM-desk" is not a team of the workspace; expected a team ID (TEAM-...), or nothing to leave it unmapped.',
    );
    expect(r.stderr).toContain('map.yaml: users: "Resolver 11" -> "nobody" is not a person in the team files');
    expect(r.stderr).toContain(
      'map.yaml: states: "Awaiting Problem" -> "parked" is not a status (new, acknowledged, in_progress, on_hold, resolved, closed, cancelled)',
    );
    expect(readdirSync(join(dir, 'content/incidents'))).toEqual(['INC-0001.md', 'INC-0002.md']);
  });
});

describe('itsm import: other export routes', () => {
  it('a ServiceNow list export with display labels as headers', async () => {
    const dir = workspace();
    const r = await runMain(['import', 'servicenow', '--table', 'incident', join(FIXTURES, 'servicenow-incident-labels.csv'), '--tz', 'Europe/Berlin'], {
      cwd: dir,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Imported 2 incidents');
    expect(r.stdout).toContain('  Opened              reported_at\n');
    expect(r.stdout).toContain('  Configuration item  cis\n');
    expect(r.stdout).toContain('  Made SLA            imported.made_sla\n');
    const closed = read(dir, 'content/incidents/INC-0003.md');
    expect(closed).toContain('title: Payroll export fails\ncaller: ada\ncategory: software\nstatus: closed\nservice: SVC-shop\ncis: [CI-db]\n');
    expect(closed).toContain('resolved_at: 2026-04-02T12:10:00+02:00\nclosed_at: 2026-04-03T17:00:00+02:00\nteam: TEAM-ops\nassignee: grace\n');
    expect(closed).toContain('resolution: Re-ran the export by hand.\nclose_code: solved-workaround\n');
    expect(closed).toContain('imported: {subcategory: Batch jobs, made_sla: false, reopen_count: 0, contact_type: Email}\n');
    // One row per ticket: nothing to replay.
    expect(closed).not.toContain('timeline');
    const waiting = read(dir, 'content/incidents/INC-0004.md');
    expect(waiting).toContain('caller: {name: Walter Brandt}\ncategory: network\nstatus: on_hold\n');
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });

  it('a Table API JSON export with display values, several records of one ticket folded', async () => {
    const dir = workspace();
    const r = await runMain(['import', 'servicenow', '--table', 'incident', join(FIXTURES, 'servicenow-incident-api.json'), '--tz', 'Europe/Berlin'], {
      cwd: dir,
    });
    expect(r.stdout).toContain('Imported 2 incidents from');
    expect(r.stdout).toContain('folded from 4 rows of 2 tickets');
    const folded = read(dir, 'content/incidents/INC-0003.md');
    expect(timelineOf(folded)).toBe(
      [
        '  - {at: 2026-04-10T09:00:00+02:00, status: new, priority: P3, team: TEAM-ops, by: ada}',
        '  - {at: 2026-04-10T09:15:00+02:00, status: in_progress, assignee: grace, by: grace}',
        '  - {at: 2026-04-10T13:20:00+02:00, status: resolved, priority: P2, by: grace}',
        '',
      ].join('\n'),
    );
    expect(folded).toContain('impact: high\nurgency: medium\npriority: P2\n');
    expect(folded).toContain('acknowledged_at: 2026-04-10T09:15:00+02:00\nresolved_at: 2026-04-10T13:20:00+02:00\n');
    expect(folded).toContain('resolution: Scaled the web tier.\n');
    expect(folded).toContain('imported: {made_sla: false}\n');
    expect(read(dir, 'content/incidents/INC-0004.md')).toContain('status: on_hold\n');
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });

  it('a Jira Service Management CSV with repeated Comment, Labels and Watchers columns, Status Category and SLA columns', async () => {
    const dir = workspace();
    const r = await runMain(['import', 'jira', join(FIXTURES, 'jsm-repeated-columns.csv'), '--tz', 'Europe/Berlin', '--default', 'service=SVC-shop'], {
      cwd: dir,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Imported 1 incident from');
    expect(r.stdout).toContain('Imported 1 service request from');
    expect(r.stdout).toContain('  Comment                 timeline (notes)\n');
    expect(r.stdout).toContain('  Time to resolution      imported.time_to_resolution\n');
    expect(r.stdout).toContain('status taken from the Status Category (the Status is not known): 1 record');
    const incident = read(dir, 'content/incidents/INC-0003.md');
    expect(incident).toContain('caller: {name: Walter Brandt}\nstatus: in_progress\n');
    expect(timelineOf(incident)).toBe(
      [
        '  - {at: 2026-03-03T09:40:00+01:00, by: grace, note: Looking at the load balancer logs.}',
        `  - {at: 2026-03-03T10:15:00+01:00, note: 'qm:5b10ac8d: Customer says it works again, watching.'}`,
        '',
      ].join('\n'),
    );
    expect(incident).toContain('tags: [checkout, load-balancer]\n');
    expect(incident).toContain("imported: {status_category: In Progress, watchers: 'ada, grace', time_to_resolution: -1h 20m}\n");
    const request = read(dir, 'content/requests/REQ-0002.md');
    expect(request).toContain('requester: ada\nstatus: fulfilled\n');
    expect(timelineOf(request)).toBe('  - {at: 2026-03-04T11:25:00+01:00, by: ada, note: Account created.}\n');
    expect(request).toContain('imported: {status_category: Done, watchers: grace, time_to_resolution: 2h 30m}\n');
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });
});

describe('itsm report on imported data', () => {
  it("compares the old tool's made_sla with this workspace's resolution SLA for the same tickets", async () => {
    const dir = workspace();
    await runMain(IMPORT, { cwd: dir });
    for (const file of ['servicenow-incident-labels.csv', 'servicenow-incident-api.json'])
      await runMain(['import', 'servicenow', '--table', 'incident', join(FIXTURES, file), '--tz', 'Europe/Berlin'], { cwd: dir });
    const period = ['--from', '2026-03-01', '--to', '2026-04-30', '--now', '2026-05-01T00:00:00Z'];
    const r = await runMain(['report', ...period], { cwd: dir });
    expect(r.stdout).toContain(
      [
        "Imported SLA (made_sla from the old tool) vs this workspace's resolution SLA: 1 of 4 agree (25%)",
        '  INC-0005  INC0000103   old tool: made, here: breached',
        '  INC-0006  INC0020001   old tool: missed, here: met',
        '  INC-0008  INC0030001   old tool: missed, here: met',
      ].join('\n'),
    );
    const json = JSON.parse((await runMain(['report', ...period, '--format', 'json'], { cwd: dir })).stdout) as { imported_sla: unknown };
    expect(json.imported_sla).toEqual({
      compared: 4,
      agree: 1,
      percent: 25,
      differing: [
        { record: 'INC-0005', source: 'INC0000103', made_sla: true, here: 'breached' },
        { record: 'INC-0006', source: 'INC0020001', made_sla: false, here: 'met' },
        { record: 'INC-0008', source: 'INC0030001', made_sla: false, here: 'met' },
      ],
    });
  });
});

describe('itsm import: records that would not validate', () => {
  it('are written and listed with their diagnostic (and listed by a dry run, which writes nothing)', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'two-lines.csv'),
      'number,state,opened_at,short_description,business_service\nINC7,New,2026-03-02 09:10:00,"Printer offline\nsince Monday",Web shop\nINC8,New,2026-03-02 09:12:00,Mail slow,Web shop\n',
    );
    // A dry run checks them just the same, and writes nothing.
    const dry = await runMain(['import', 'servicenow', '--table', 'incident', 'two-lines.csv', '--tz', 'UTC', '--dry-run'], { cwd: dir });
    expect(dry.stdout).toMatch(
      /Problems in the records that would be written \(fix them by hand or in the export\): 1\n {2}content\/incidents\/INC-0003\.md: schema\/[a-z-]+: .*title/,
    );
    expect(readdirSync(join(dir, 'content/incidents'))).toEqual(['INC-0001.md', 'INC-0002.md']);
    const r = await runMain(['import', 'servicenow', '--table', 'incident', 'two-lines.csv', '--tz', 'UTC'], { cwd: dir });
    expect(r.stdout).toContain('Imported 2 incidents');
    expect(r.stdout).toMatch(
      /Problems in the records written \(fix them by hand or in the export\): 1\n {2}content\/incidents\/INC-0003\.md: schema\/[a-z-]+: .*title/,
    );
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('content/incidents/INC-0003.md');
  });
});

describe('itsm import jira --changelog', () => {
  it('replays the changelog into each ticket timeline, with the comments', async () => {
    const dir = workspace();
    const r = await runMain(
      [
        'import',
        'jira',
        join(FIXTURES, 'jsm-repeated-columns.csv'),
        '--tz',
        'Europe/Berlin',
        '--default',
        'service=SVC-shop',
        '--changelog',
        join(FIXTURES, 'jsm-changelog.csv'),
      ],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Timelines replayed from the changelog: 1 incident.');
    expect(r.stdout).toContain('Timelines replayed from the changelog: 1 service request.');
    const incident = read(dir, 'content/incidents/INC-0003.md');
    expect(timelineOf(incident)).toBe(
      [
        '  - {at: 2026-03-03T09:15:00+01:00, status: new, priority: P3}',
        '  - {at: 2026-03-03T09:20:00+01:00, status: in_progress, assignee: grace, by: grace}',
        '  - {at: 2026-03-03T09:40:00+01:00, by: grace, note: Looking at the load balancer logs.}',
        '  - {at: 2026-03-03T09:50:00+01:00, priority: P2, by: ada}',
        `  - {at: 2026-03-03T10:15:00+01:00, note: 'qm:5b10ac8d: Customer says it works again, watching.'}`,
        '',
      ].join('\n'),
    );
    expect(incident).toContain('acknowledged_at: 2026-03-03T09:20:00+01:00\n');
    const request = read(dir, 'content/requests/REQ-0002.md');
    expect(timelineOf(request)).toBe(
      [
        '  - {at: 2026-03-04T08:00:00+01:00, status: new, assignee: ada}',
        '  - {at: 2026-03-04T11:25:00+01:00, by: ada, note: Account created.}',
        '  - {at: 2026-03-04T11:30:00+01:00, status: fulfilled, by: ada}',
        '',
      ].join('\n'),
    );
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });

  it('refuses a changelog without the columns it needs, and --changelog for ServiceNow', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'log.csv'), 'Issue key,Field,When\nITSM-201,Status,03/Mar/26 9:20 AM\n');
    const r = await runMain(['import', 'jira', join(FIXTURES, 'jsm-repeated-columns.csv'), '--tz', 'UTC', '--changelog', 'log.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('log.csv does not look like a changelog export: it has no from, to, date, author column.');
    const sn = await runMain(['import', 'servicenow', '--table', 'incident', 'log.csv', '--tz', 'UTC', '--changelog', 'log.csv'], { cwd: dir });
    expect(sn.code).toBe(2);
    expect(sn.stderr).toContain('--changelog is for Jira');
  });
});

describe('itsm report on a JSM import', () => {
  it("reads Jira's Time to resolution as the old verdict: negative once breached", async () => {
    const dir = workspace();
    await runMain(['import', 'jira', join(FIXTURES, 'jsm-repeated-columns.csv'), '--tz', 'Europe/Berlin', '--default', 'service=SVC-shop'], { cwd: dir });
    const r = await runMain(['report', '--from', '2026-03-01', '--to', '2026-03-31', '--now', '2026-04-01T00:00:00Z', '--format', 'json'], { cwd: dir });
    // ITSM-201 ran out of time in Jira ("-1h 20m") and is still open here, past its target: they agree.
    // (The service request has no SLA policy here, so it is not compared.)
    const json = JSON.parse(r.stdout) as { imported_sla: unknown };
    expect(json.imported_sla).toEqual({ compared: 1, agree: 1, percent: 100, differing: [] });
  });
});

describe('itsm import: columns an instance adds', () => {
  it('keeps custom (u_) and scoped-app (x_vendor_) columns in the imported block', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'custom.csv'),
      'number,state,opened_at,short_description,business_service,u_region,x_acme_cost_center\nINC9,New,2026-03-02 09:10:00,Mail slow,Web shop,EMEA,CC-42\n',
    );
    const r = await runMain(['import', 'servicenow', '--table', 'incident', 'custom.csv', '--tz', 'UTC'], { cwd: dir });
    expect(r.stdout).toContain('  x_acme_cost_center  imported.x_acme_cost_center\n');
    expect(read(dir, 'content/incidents/INC-0003.md')).toContain('imported: {u_region: EMEA, x_acme_cost_center: CC-42}\n');
  });
});
