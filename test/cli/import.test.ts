import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vendorTime } from '../../src/core/import/convert.ts';
import { loadWorkspace } from '../../src/io/workspace.ts';
import { cmdbWorkspace } from '../helpers/cmdb-fixture.ts';
import { makeWorkspace, REPO_ROOT, runCli, runMain } from '../helpers/workspace.ts';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/import');
const SN_INCIDENTS = join(FIXTURES, 'servicenow-incident.csv');
const SN_CIS = join(FIXTURES, 'servicenow-cmdb_ci.json');
const JIRA = join(FIXTURES, 'jira-incidents.csv');

const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');
/** An imported record with its stamp blanked (the stamp is a hash of the text: any change changes it). */
const unhashed = (text: string) => text.replace(/hash: '?[0-9a-f]{16}'?/, 'hash: HASH');
const listAll = (dir: string) => readdirSync(join(dir, 'content'), { recursive: true, encoding: 'utf8' }).sort();

describe('vendor times', () => {
  it.each([
    ['2026-03-02 09:10:00', 'Europe/Berlin', '2026-03-02T09:10:00+01:00'],
    ['2026-07-02 09:10', 'Europe/Berlin', '2026-07-02T09:10:00+02:00'],
    ['2026-03-29 02:30:00', 'Europe/Berlin', '2026-03-29T03:30:00+02:00'], // a time the spring-forward gap skips
    ['03/04/2026 17:05:00', 'America/New_York', '2026-03-04T17:05:00-05:00'],
    ['02/Mar/26 1:40 PM', 'America/New_York', '2026-03-02T13:40:00-05:00'],
    ['02/Mar/26 12:05 AM', 'UTC', '2026-03-02T00:05:00+00:00'],
    ['2026-03-02T08:10:00Z', 'Europe/Berlin', '2026-03-02T09:10:00+01:00'],
  ])('reads %s in %s', async (text, zone, expected) => {
    expect(vendorTime(text, zone)).toBe(expected);
  });

  it.each(['yesterday', '2026-02-30 10:00:00', '31/Foo/26 1:00 PM', ''])('refuses %j', async (text) => {
    expect(vendorTime(text, 'UTC')).toBeUndefined();
  });
});

describe('itsm import servicenow --table incident', () => {
  it('end to end: imports a CSV export with a BOM, quoted newlines and a bad row, and reports what it could not map', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    const r = runCli(['import', 'servicenow', '--table', 'incident', SN_INCIDENTS, '--tz', 'Europe/Berlin'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Imported 3 incidents from');
    expect(r.stdout).toContain('(INC-0003 .. INC-0005)');
    expect(r.stdout).toContain('line 5: INC0010003: no service');
    expect(r.stdout).toContain('line 6: the row has 6 fields, the header 19');
    expect(r.stdout).toContain('Where each column went:\n  number             source.id\n  short_description  title\n');
    expect(r.stdout).toContain('  caller_id          caller\n');
    expect(r.stdout).toContain('  u_region           imported.u_region\n  sys_id             dropped (the model has no place for it)\n');
    expect(r.stdout).toContain('caller_id "Abel Tuter (kept as a name)": 1 row');
    expect(r.stdout).toContain('assignment_group "Network Team": 1 row');
    expect(r.stdout).toContain('business_service "Printing": 1 row');
    expect(unhashed(read(dir, 'content/incidents/INC-0003.md'))).toBe(`---
id: INC-0003
title: Checkout returns 500
caller: {name: Abel Tuter}
status: resolved
service: SVC-shop
cis: [CI-web]
impact: high
urgency: high
priority: P1
reported_at: 2026-03-02T09:10:00+01:00
acknowledged_at: 2026-03-02T09:10:00+01:00
resolved_at: 2026-03-02T11:00:00+01:00
team: TEAM-ops
assignee: ada
resolution: Rolled back the deploy.
close_code: solved-permanently
source: {system: servicenow, id: INC0010001, hash: HASH}
imported: {u_region: EMEA}
---

Users see an error page at checkout.
Started after the 09:00 deploy, "cart" service logs show timeouts.
`);
    expect(read(dir, 'content/incidents/INC-0004.md')).toContain('reported_at: 2026-03-29T03:30:00+02:00');
    expect(read(dir, 'content/incidents/INC-0005.md')).toContain('status: on_hold');
    expect(read(dir, 'content/incidents/INC-0005.md')).toContain(
      'priority: P3\npriority_override_reason: Imported from ServiceNow, where the priority was 3 - Moderate.',
    );
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });

  it('reports a row with a stray quote once and imports the rows around it', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    writeFileSync(
      join(dir, 'q.csv'),
      'number,short_description,state,opened_at,business_service\nINC1,ok one,New,2026-03-02 09:10:00,Web shop\nINC2,a "bad" quote,New,2026-03-02 09:10:00,Web shop\nINC3,ok three,New,2026-03-02 09:10:00,Web shop\n',
    );
    const r = await runMain(['import', 'servicenow', '--table', 'incident', 'q.csv', '--tz', 'UTC'], { cwd: dir });
    expect(r.stdout).toContain('Imported 2 incidents');
    expect(r.stdout).toContain('Rows not imported: 1\n  line 3: Invalid Opening Quote');
  });

  it('skips what an earlier run imported, and never touches existing files', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    await runMain(['import', 'servicenow', '--table', 'incident', SN_INCIDENTS, '--tz', 'Europe/Berlin'], { cwd: dir });
    writeFileSync(join(dir, 'content/incidents/INC-0003.md'), read(dir, 'content/incidents/INC-0003.md').replace('Rolled back', 'We rolled back'));
    const before = listAll(dir);
    const again = await runMain(['import', 'servicenow', '--table', 'incident', SN_INCIDENTS, '--tz', 'Europe/Berlin', '--default', 'service=Web shop'], {
      cwd: dir,
    });
    expect(again.stdout).toContain('Already in the workspace (imported before, nothing new in the export): 3');
    expect(again.stdout).toContain('Imported 1 incident from');
    expect(listAll(dir)).toEqual([...before, 'incidents/INC-0006.md'].sort());
    expect(read(dir, 'content/incidents/INC-0003.md')).toContain('We rolled back');
    expect(read(dir, 'content/incidents/INC-0006.md')).toContain('title: Printer jam on floor 2\ncaller: {name: Carol}\nstatus: new\nservice: SVC-shop');
  });

  it('knows records imported before the source field existed by their old tag, and records with errors by their source', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    await runMain(['import', 'servicenow', '--table', 'incident', SN_INCIDENTS, '--tz', 'Europe/Berlin'], { cwd: dir });
    // INC0010001 as an older version wrote it: a tag, no source field.
    const old = read(dir, 'content/incidents/INC-0003.md').replace(
      /source: \{system: servicenow, id: INC0010001, [^}]*\}\n/,
      'tags: [servicenow-inc0010001]\n',
    );
    writeFileSync(join(dir, 'content/incidents/INC-0003.md'), old);
    // INC0010002, edited by hand into a record that does not validate: still imported before.
    const broken = read(dir, 'content/incidents/INC-0004.md').replace(/^impact: \w+\n/m, 'impact: enormous\n');
    writeFileSync(join(dir, 'content/incidents/INC-0004.md'), broken);
    expect((await loadWorkspace(dir)).diagnostics.some((d) => d.file === 'content/incidents/INC-0004.md' && d.severity === 'error')).toBe(true);
    const before = listAll(dir);
    const again = await runMain(['import', 'servicenow', '--table', 'incident', SN_INCIDENTS, '--tz', 'Europe/Berlin'], { cwd: dir });
    expect(again.stdout).toContain('Already in the workspace (imported before, nothing new in the export): 3');
    expect(again.stdout).toContain('Imported 0 incidents from');
    expect(listAll(dir)).toEqual(before);
  });

  it('reads the JSON export of a CMDB class, matching teams by name and CIs already there', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    const r = await runMain(['import', 'servicenow', '--table', 'cmdb_ci', SN_CIS, '--tz', 'UTC'], { cwd: dir });
    expect(r.stdout).toContain('Imported 3 configuration items');
    expect(r.stdout).toContain('Already in the workspace (imported before, or a CI of the same name, nothing new in the export): 1');
    expect(r.stdout).toContain('support_group "DBA Team": 1 row');
    expect(r.stdout).toContain('Rows not imported: 1\n  record 5: no name (the row has no servicenow ID)');
    expect(r.code).toBe(1);
    expect(unhashed(read(dir, 'content/cis/CI-payments-api.md'))).toBe(
      "---\nid: CI-payments-api\nname: Payments API\ntype: application\nenvironment: production\nstatus: active\nowner: TEAM-ops\nvendor: In-house\nversion: '4.2'\nsource: {system: servicenow, id: Payments API, hash: HASH}\n---\n\n",
    );
    expect(read(dir, 'content/cis/CI-pg-payments-01.md')).toContain('type: database');
    expect(read(dir, 'content/cis/CI-old-mail-relay.md')).toContain('status: retired');
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });
});

describe('itsm import servicenow: changes and knowledge', () => {
  it('imports changes with their windows, plans, outcome and a template for standard ones', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    const r = await runMain(
      [
        'import',
        'servicenow',
        '--table',
        'change_request',
        join(FIXTURES, 'servicenow-change_request.csv'),
        '--tz',
        'Europe/Berlin',
        '--default',
        'template=cert-renewal',
      ],
      { cwd: dir },
    );
    expect(r.stdout).toContain('Imported 3 changes');
    expect(r.stdout).toContain('  cab_required         dropped (the model has no place for it)\n');
    expect(r.stdout).toContain('test_plan filled in as "Not recorded in the ServiceNow export.": 1 record');
    const done = read(dir, 'content/changes/CHG-0003.md');
    expect(done).toContain('type: normal\nrisk: high\nstatus: completed\nteam: TEAM-ops\nservices: [SVC-shop]\ncis: [CI-db]\n');
    expect(done).toContain('rollback_plan: Fail back to the old primary.\noutcome: successful\n');
    expect(read(dir, 'content/changes/CHG-0004.md')).toContain('template: cert-renewal');
    expect(read(dir, 'content/changes/CHG-0005.md')).toContain('status: implementing');
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });

  it('imports knowledge articles from the Table API JSON, with display values', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    const r = await runMain(
      ['import', 'servicenow', '--table', 'kb_knowledge', join(FIXTURES, 'servicenow-kb_knowledge.json'), '--tz', 'UTC', '--default', 'owner=TEAM-ops'],
      { cwd: dir },
    );
    expect(r.stdout).toContain('Imported 2 knowledge articles');
    expect(r.stdout).toContain('ownership_group "Print Team": 1 row');
    expect(unhashed(read(dir, 'content/kb/KB-0002.md'))).toBe(
      '---\nid: KB-0002\ntitle: How to restart the web tier\ncategory: how-to\nstatus: published\nowner: TEAM-ops\npublished_at: 2026-01-15\nreview_by: 2026-09-30\nsource: {system: servicenow, id: KB0010001, hash: HASH}\n---\n\n<p>Run the <b>restart</b> playbook.</p>\n',
    );
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });
});

describe('itsm import jira', () => {
  it('imports incidents and service requests in the export zone, keeps labels and text as written, skips other issue types', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    const r = await runMain(['import', 'jira', JIRA, '--tz', 'America/New_York'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Imported 2 incidents');
    expect(r.stdout).toContain('Imported 1 service request from');
    expect(r.stdout).toContain('line 6: issue type Task (only incidents and service requests are imported from Jira)');
    expect(r.stdout).toContain('  Watchers                imported.watchers\n');
    const text = read(dir, 'content/incidents/INC-0003.md');
    expect(text).toContain('reported_at: 2026-03-02T09:15:00-05:00\n');
    expect(text).toContain('resolved_at: 2026-03-02T13:40:00-05:00\n');
    expect(text).toContain('priority_override_reason: Imported from Jira, where the priority was High.');
    expect(unhashed(text)).toContain('tags: [vpn, network]\nsource: {system: jira, id: ITSM-101, hash: HASH}\n');
    expect(text).toContain('\n`$(rm -rf /)` appears in the log.\n');
    expect(unhashed(read(dir, 'content/requests/REQ-0002.md'))).toBe(`---
id: REQ-0002
title: Admin account for Lin
service: SVC-shop
offering: new-account
requester: {name: lin}
status: fulfilled
priority: P3
requested_at: 2026-03-03T10:00:00-05:00
fulfilled_at: 2026-03-03T15:30:00-05:00
assignee: grace
close_code: fulfilled
source: {system: jira, id: ITSM-102, hash: HASH}
---

Needed for the spring sale.
`);
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });
});

describe('columns the map does not know', () => {
  it('are kept in the imported block of an incident and listed in the report, not a reason to refuse the file', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    writeFileSync(join(dir, 'odd.csv'), 'Issue key,Summary,Status,Created,Colour\nITSM-1,Printer jam,Open,02/Mar/26 9:15 AM,red\n');
    const before = new Set(listAll(dir));
    const r = await runMain(['import', 'jira', 'odd.csv', '--tz', 'UTC', '--default', 'service=SVC-shop'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Colour\s+->?\s*imported\.colour|Colour.*imported\.colour/i);
    const written = listAll(dir).filter((f) => !before.has(f));
    expect(written).toHaveLength(1);
    expect(read(dir, `content/${written[0]!}`)).toMatch(/imported:[\s\S]*colour: red/);
  });
});

describe('columns the map does not know, in changes, CIs and articles', () => {
  it("keeps a change export's own columns in the imported block and says so", async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    writeFileSync(
      join(dir, 'odd.csv'),
      'number,short_description,type,risk,state,start_date,end_date,colour,u_approver_count,cab_required\nCHG0030009,Swap the disks,Normal,2 - High,New,2026-03-07 22:00:00,2026-03-08 02:00:00,red,2,TRUE\n',
    );
    const r = await runMain(['import', 'servicenow', '--table', 'change_request', 'odd.csv', '--tz', 'UTC'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '  colour             imported.colour\n  u_approver_count   imported.u_approver_count\n  cab_required       dropped (the model has no place for it)\n',
    );
    expect(unhashed(read(dir, 'content/changes/CHG-0003.md'))).toBe(`---
id: CHG-0003
title: Swap the disks
type: normal
risk: high
status: draft
planned_start: 2026-03-07T22:00:00+00:00
planned_end: 2026-03-08T02:00:00+00:00
test_plan: Not recorded in the ServiceNow export.
rollback_plan: Not recorded in the ServiceNow export.
source: {system: servicenow, id: CHG0030009, hash: HASH}
imported: {colour: red, u_approver_count: 2}
---

`);
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });

  it("keeps a CMDB export's own columns, and an article's, in their imported blocks", async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    writeFileSync(
      join(dir, 'cis.json'),
      JSON.stringify({
        records: [{ name: 'Mail relay', sys_class_name: 'cmdb_ci_linux_server', 'Rack Position': 'R12-U4', u_patch_window: 'Sunday', ram: '16384' }],
      }),
    );
    writeFileSync(
      join(dir, 'kb.json'),
      JSON.stringify({
        result: [
          {
            number: 'KB0010009',
            short_description: 'Reset a password',
            text: 'Use the self-service page.',
            workflow_state: 'published',
            x_acme_audience: 'staff',
            reviewed: 'FALSE',
          },
        ],
      }),
    );
    const cis = await runMain(['import', 'servicenow', '--table', 'cmdb_ci', 'cis.json', '--tz', 'UTC', '--default', 'owner=TEAM-ops'], { cwd: dir });
    expect(cis.code).toBe(0);
    expect(cis.stdout).toContain(
      '  Rack Position   imported.rack_position\n  u_patch_window  imported.u_patch_window\n  ram             dropped (the model has no place for it)\n',
    );
    expect(unhashed(read(dir, 'content/cis/CI-mail-relay.md'))).toBe(
      '---\nid: CI-mail-relay\nname: Mail relay\ntype: server\nenvironment: production\nstatus: active\nowner: TEAM-ops\nsource: {system: servicenow, id: Mail relay, hash: HASH}\nimported: {rack_position: R12-U4, u_patch_window: Sunday}\n---\n\n',
    );
    const kb = await runMain(['import', 'servicenow', '--table', 'kb_knowledge', 'kb.json', '--tz', 'UTC', '--default', 'owner=TEAM-ops'], { cwd: dir });
    expect(kb.code).toBe(0);
    expect(kb.stdout).toContain('  x_acme_audience    imported.x_acme_audience\n  reviewed           imported.reviewed\n');
    expect(unhashed(read(dir, 'content/kb/KB-0002.md'))).toBe(
      '---\nid: KB-0002\ntitle: Reset a password\ncategory: reference\nstatus: published\nowner: TEAM-ops\nsource: {system: servicenow, id: KB0010009, hash: HASH}\nimported: {x_acme_audience: staff, reviewed: false}\n---\n\nUse the self-service page.\n',
    );
    expect((await runMain(['validate'], { cwd: dir })).stdout).toContain('no errors');
  });
});

describe('writing the records', () => {
  it('never writes through a symlinked folder: stops at the first file, says where, and leaves the folder it points to alone', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    const outside = mkdtempSync(join(tmpdir(), 'itsm-outside-'));
    rmSync(join(dir, 'content/incidents'), { recursive: true });
    symlinkSync(outside, join(dir, 'content/incidents'));
    const r = await runMain(['import', 'servicenow', '--table', 'incident', SN_INCIDENTS, '--tz', 'Europe/Berlin'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /itsm import: stopped at content\/incidents\/INC-0001\.md: refusing to write .*symlink.*Files written before it stay; run the same import again to continue\./,
    );
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('bad input: a clear error and nothing written', () => {
  const cases: Array<[string, string[], string, (dir: string) => void]> = [
    ['missing --tz', ['import', 'servicenow', '--table', 'incident', SN_INCIDENTS], "give the export's time zone with --tz", () => {}],
    ['an unknown zone', ['import', 'jira', JIRA, '--tz', 'Mars/Olympus'], '--tz "Mars/Olympus" is not a time zone', () => {}],
    ['no such file', ['import', 'jira', 'nope.csv', '--tz', 'UTC'], 'cannot read nope.csv: no such file', () => {}],
    [
      'the wrong table',
      ['import', 'servicenow', '--table', 'change_request', SN_INCIDENTS, '--tz', 'UTC'],
      'does not look like a servicenow change_request export: it has no type column',
      () => {},
    ],
    ['a missing table', ['import', 'servicenow', SN_INCIDENTS, '--tz', 'UTC'], 'Give --table incident|change_request|cmdb_ci|kb_knowledge', () => {}],
    ['an unknown vendor', ['import', 'remedy', SN_INCIDENTS, '--tz', 'UTC'], 'unknown vendor "remedy"', () => {}],
    [
      'broken JSON',
      ['import', 'servicenow', '--table', 'cmdb_ci', 'bad.json', '--tz', 'UTC'],
      'cannot read bad.json as JSON',
      (dir) => writeFileSync(join(dir, 'bad.json'), '{"records": ['),
    ],
    ['an unknown default service', ['import', 'jira', JIRA, '--tz', 'UTC', '--default', 'service=SVC-nope'], 'the workspace has no service SVC-nope', () => {}],
  ];
  it.each(cases)('%s', async (_name, args, message, setup) => {
    const dir = makeWorkspace(cmdbWorkspace());
    setup(dir);
    const before = listAll(dir);
    const r = await runMain(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(listAll(dir)).toEqual(before);
  });
});
