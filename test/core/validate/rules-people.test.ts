/**
 * People are named once, in the team files: every person a record names must be there (under
 * their handle or another login of theirs), an assignee must be in the record's team, and incidents
 * and requests end with a close code from the workspace's list.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/diagnostic.ts';
import { DEFAULT_CLOSE_CODES } from '../../../src/core/validate/closing-rules.ts';
import { validateOnDisk } from '../../../src/io/validate-run.ts';
import { CHANGE, INCIDENT, REQUEST, minimalWorkspace } from '../../helpers/fixtures.ts';
import { REPO_ROOT, makeWorkspace, record } from '../../helpers/workspace.ts';

const INC = 'content/incidents/INC-0001.md';
const REQ = 'content/requests/REQ-0001.md';
const CHG = 'content/changes/CHG-0001.md';
const OTHER_TEAM = record(`id: TEAM-dev\nname: Developers\nstatus: active\nmembers:\n  - { name: Linus Dev, login: linus, other_logins: [linus-bot] }`);

/** What validate reports when `changes` replace files of the minimal workspace. */
async function diagnosticsOf(changes: Record<string, string>): Promise<Diagnostic[]> {
  const dir = makeWorkspace({ ...minimalWorkspace(), ...changes }, 'itsm-people-');
  try {
    return (await validateOnDisk(dir, { cache: false, workers: 0 })).diagnostics;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const rules = (ds: Diagnostic[]) => ds.map((d) => `${d.rule} ${d.file}`);
const assigned = (who: string) => INCIDENT.replace('team: TEAM-ops\n', `team: TEAM-ops\nassignee: ${who}\n`);

describe('person/unknown: every person a record names is in the team files', () => {
  it('accepts a member by handle, and by another login of theirs', async () => {
    expect(rules(await diagnosticsOf({ [INC]: assigned('ada') }))).toEqual([]);
    const dev = INCIDENT.replace('team: TEAM-ops\n', 'team: TEAM-dev\nassignee: linus-bot\n');
    expect(rules(await diagnosticsOf({ [INC]: dev, 'content/teams/TEAM-dev.md': OTHER_TEAM }))).toEqual([]);
  });

  it('refuses an assignee nobody lists, suggesting the closest handle', async () => {
    const [d, ...rest] = await diagnosticsOf({ [INC]: assigned('adda') });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ rule: 'person/unknown', file: INC, line: 14, severity: 'error' });
    expect(d!.message).toBe('`assignee` is "adda", but no team file lists that login. Did you mean "ada"?');
  });

  it("suggests the handle of someone named by their full name, in a timeline entry's by", async () => {
    const text = INCIDENT.replace('status: acknowledged, by: ada', 'status: acknowledged, by: Grace Hopper');
    const [d] = await diagnosticsOf({ [INC]: text });
    expect(d).toMatchObject({ rule: 'person/unknown', line: 17 });
    expect(d!.message).toBe('Timeline entry 2\'s `by` is "Grace Hopper", but no team file lists that login. Did you mean "grace"?');
  });

  it('refuses a change requested by someone unknown', async () => {
    const text = CHANGE.replace('team: TEAM-ops\n', 'team: TEAM-ops\nrequested_by: nobody-here\n');
    expect(rules(await diagnosticsOf({ [CHG]: text }))).toEqual([`person/unknown ${CHG}`]);
  });

  it('tells how to write an external requester or caller: as {name, email}', async () => {
    const [d] = await diagnosticsOf({ [REQ]: REQUEST.replace(/^requester: .*$/m, 'requester: Lin Chen') });
    expect(d).toMatchObject({ rule: 'person/unknown', file: REQ });
    expect(d!.hint).toContain('write an external contact as {name, email}');
    const caller = INCIDENT.replace('status: resolved\n', 'status: resolved\ncaller: { name: Lin Chen, email: lin.chen@example.org }\n');
    expect(rules(await diagnosticsOf({ [INC]: caller }))).toEqual([]);
    expect(rules(await diagnosticsOf({ [INC]: caller.replace(/caller: .*/, 'caller: grace') }))).toEqual([]);
    expect(rules(await diagnosticsOf({ [INC]: caller.replace(/caller: .*/, 'caller: lin') }))).toEqual([`person/unknown ${INC}`]);
  });
});

describe('assignee/not-in-team: the assignee is a member of the record team', () => {
  it("refuses someone from another team, naming the team's members", async () => {
    const [d, ...rest] = await diagnosticsOf({ [INC]: assigned('linus'), 'content/teams/TEAM-dev.md': OTHER_TEAM });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ rule: 'assignee/not-in-team', file: INC, line: 14 });
    expect(d!.message).toBe('`assignee` is Linus Dev (linus), who is not a member of TEAM-ops (members: ada, grace).');
  });

  it('checks requests too', async () => {
    const text = REQUEST.replace('status: new\n', 'status: new\nteam: TEAM-dev\nassignee: ada\n');
    expect(rules(await diagnosticsOf({ [REQ]: text, 'content/teams/TEAM-dev.md': OTHER_TEAM }))).toEqual([`assignee/not-in-team ${REQ}`]);
  });
});

describe('close_code and category', () => {
  it('lifecycle/close-code: a resolved incident or a rejected request needs one, listing the allowed codes', async () => {
    const [d] = await diagnosticsOf({ [INC]: INCIDENT.replace('close_code: solved-permanently\n', '') });
    expect(d).toMatchObject({ rule: 'lifecycle/close-code', file: INC, message: '`close_code` is required once the incident is resolved.' });
    expect(d!.hint).toContain('solved-permanently, solved-workaround, solved-remotely, not-reproducible, duplicate, closed-by-caller, fulfilled, rejected');
    expect(rules(await diagnosticsOf({ [REQ]: REQUEST.replace('status: new', 'status: rejected') }))).toEqual([`lifecycle/close-code ${REQ}`]);
    expect(rules(await diagnosticsOf({ [REQ]: REQUEST.replace('status: new', 'status: rejected\nclose_code: rejected') }))).toEqual([]);
  });

  it("close-code/unknown: the code must be one of itsm.yaml's close_codes", async () => {
    const settings = 'name: Test Org\ntime_zone: Europe/Berlin\nclose_codes: [fixed, wont-fix]\n';
    const [d, ...rest] = await diagnosticsOf({ 'itsm.yaml': settings });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ rule: 'close-code/unknown', file: INC, message: 'close_code "solved-permanently" is not one of the workspace\'s close codes.' });
    expect(d!.hint).toContain('Use one of: fixed, wont-fix');
    expect(rules(await diagnosticsOf({ 'itsm.yaml': settings, [INC]: INCIDENT.replace('solved-permanently', 'wont-fix') }))).toEqual([]);
  });

  it("category/unknown: a category must be in itsm.yaml's categories when it lists them", async () => {
    const text = INCIDENT.replace('status: resolved\n', 'status: resolved\ncategory: hardware\n');
    expect(rules(await diagnosticsOf({ [INC]: text }))).toEqual([]);
    const settings = 'name: Test Org\ntime_zone: Europe/Berlin\ncategories: [network, software]\n';
    const [d] = await diagnosticsOf({ 'itsm.yaml': settings, [INC]: text });
    expect(d).toMatchObject({ rule: 'category/unknown', file: INC, message: 'category "hardware" is not one of the workspace\'s categories.' });
    expect(rules(await diagnosticsOf({ 'itsm.yaml': settings, [INC]: text.replace('hardware', 'software') }))).toEqual([]);
  });
});

describe('the default close codes', () => {
  it('are the list the workspace schema documents', () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/workspace.schema.json'), 'utf8')) as {
      properties: { close_codes: { description: string } };
    };
    expect(schema.properties.close_codes.description).toContain(`Default: ${DEFAULT_CLOSE_CODES.join(', ')}.`);
  });
});
