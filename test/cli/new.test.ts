import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { CLI, makeWorkspace, REPO_ROOT, runCli, runMain } from '../helpers/workspace.ts';

const NOW = { ITSM_NOW: '2026-03-04T08:15:00Z' };

/** The minimal workspace plus the demo's templates (content/.templates/). */
function workspace(extra: Record<string, string> = {}): string {
  const dir = makeWorkspace({ ...minimalWorkspace(), ...extra });
  cpSync(join(REPO_ROOT, 'content/.templates'), join(dir, 'content/.templates'), { recursive: true });
  return dir;
}

const listAll = (dir: string) => readdirSync(join(dir, 'content'), { recursive: true, encoding: 'utf8' }).sort();

describe('itsm new', () => {
  it('end to end: writes the next incident from the template, with priority from the matrix and Berlin time', async () => {
    const dir = workspace();
    const r = runCli(['new', 'incident', '--title', 'Checkout: card payments fail', 'service=SVC-shop', 'impact=high', 'urgency=high', 'cis=CI-web,CI-db'], {
      cwd: dir,
      env: NOW,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('content/incidents/INC-0002.md\n');
    const text = readFileSync(join(dir, 'content/incidents/INC-0002.md'), 'utf8');
    expect(text).toContain('id: INC-0002\n');
    expect(text).toContain('title: "Checkout: card payments fail"\n');
    expect(text).toContain('priority: P1\n');
    expect(text).toContain('reported_at: 2026-03-04T09:15:00+01:00\n');
    expect(text).toContain('cis: [CI-web, CI-db]\n');
    // The template's hints survive, each still above its own field.
    expect(text).toMatch(/# The affected service: .*\nservice: SVC-shop\n# Configuration items involved/);
    expect((await runMain(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('keeps the template key order', async () => {
    const dir = workspace();
    await runMain(['new', 'incident', '--title', 'Slow search', 'service=SVC-shop', 'team=TEAM-ops'], { cwd: dir, env: NOW });
    const text = readFileSync(join(dir, 'content/incidents/INC-0002.md'), 'utf8');
    const keys = [...text.matchAll(/^([a-z_]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(['id', 'title', 'status', 'service', 'cis', 'impact', 'urgency', 'priority', 'reported_at', 'timeline', 'team']);
  });

  it('starts the timeline with the priority and team the record starts with, so a later change is one the SLA engine sees', async () => {
    const dir = workspace();
    await runMain(['new', 'incident', '--title', 'Slow search', 'service=SVC-shop', 'team=TEAM-ops', 'impact=low', 'urgency=medium'], { cwd: dir, env: NOW });
    const text = readFileSync(join(dir, 'content/incidents/INC-0002.md'), 'utf8');
    expect(text).toContain('timeline:\n  - {at: 2026-03-04T09:15:00+01:00, status: new, note: Reported, priority: P4, team: TEAM-ops}\n');
    expect((await runMain(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('reads tags=a,b as the list the schema says tags is, like any list field', async () => {
    const dir = workspace();
    const r = await runMain(['new', 'incident', '--title', 'Slow search', 'service=SVC-shop', 'tags=search,slow-query'], { cwd: dir, env: NOW });
    expect(r.stderr).not.toContain('nothing was written');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'content/incidents/INC-0002.md'), 'utf8')).toContain('tags: [search, slow-query]\n');
    await runMain(['new', 'problem', '--title', 'Pool exhaustion', 'tags=database'], { cwd: dir, env: NOW });
    expect(readFileSync(join(dir, 'content/problems/PRB-0001.md'), 'utf8')).toContain('tags: [database]\n');
    expect((await runMain(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('uses summer time in summer', async () => {
    const dir = workspace();
    await runMain(['new', 'problem', '--title', 'Pool exhaustion'], { cwd: dir, env: { ITSM_NOW: '2026-07-01T10:00:00Z' } });
    expect(readFileSync(join(dir, 'content/problems/PRB-0001.md'), 'utf8')).toContain('opened_at: 2026-07-01T12:00:00+02:00');
  });

  it('takes the number after the highest in use, even from a file that does not validate', async () => {
    const dir = workspace({ 'content/incidents/INC-0041.md': '---\nid: INC-0041\n---\nhalf written\n' });
    const r = await runMain(['new', 'incident', '--title', 'Another one', 'service=SVC-shop'], { cwd: dir, env: NOW });
    expect(r.stdout).toBe('content/incidents/INC-0042.md\n');
  });

  it('names slug kinds after the title', async () => {
    const dir = workspace();
    const r = await runMain(['new', 'service', '--title', 'Payments API (EU)', 'owner=TEAM-ops', 'support_calendar=office', 'tier=1'], { cwd: dir, env: NOW });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('content/services/SVC-payments-api-eu.md\n');
    const text = readFileSync(join(dir, 'content/services/SVC-payments-api-eu.md'), 'utf8');
    expect(text).toContain('name: Payments API (EU)\n');
    expect(text).toContain('tier: 1\n');
    expect((await runMain(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('writes an incomplete record and says what is left to fill in', async () => {
    const dir = workspace();
    const r = await runMain(['new', 'incident'], { cwd: dir, env: NOW });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('content/incidents/INC-0002.md\n');
    expect(r.stderr).toContain('Still to fill in: title, service');
  });

  it('end to end: opens $EDITOR on the new file when run in a terminal', async () => {
    const dir = workspace();
    // util-linux `script` gives the command a pseudo-terminal, as a person at a shell has.
    const editor = 'sh -c "echo Written in the editor. >> \\"\\$1\\"" --';
    const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} new kb --title "Reset a password" owner=TEAM-ops`, '/dev/null'], {
      cwd: dir,
      env: { ...process.env, ...NOW, EDITOR: editor, VISUAL: '' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'content/kb/KB-0002.md'), 'utf8')).toMatch(/\nWritten in the editor\.\n$/);
  });

  it('never overwrites a record', async () => {
    const dir = workspace();
    const before = readFileSync(join(dir, 'content/incidents/INC-0001.md'), 'utf8');
    const r = await runMain(['new', 'incident', '--title', 'Dup', 'id=INC-0001', 'service=SVC-shop'], { cwd: dir, env: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('content/incidents/INC-0001.md already exists');
    expect(readFileSync(join(dir, 'content/incidents/INC-0001.md'), 'utf8')).toBe(before);
  });

  it.each([
    [['new', 'incdent'], 'unknown kind "incdent". Kinds: service, ci, incident'],
    [['new', 'incident', 'colour=red'], 'unknown field "colour". Fields of this kind: id, title, caller, category, status'],
    [['new', 'incident', 'major=maybe'], 'major must be true or false; got "maybe"'],
    [['new', 'incident', 'impact'], '"impact" is not field=value'],
    [['new', 'incident', 'id=CHG-0009'], '"CHG-0009" is not an incident ID (it is a change ID)'],
    [['new', 'service'], 'give --title "Payments API" or id=SVC-payments-api'],
  ])('refuses %j with a clear message and writes nothing', async (args, message) => {
    const dir = workspace();
    const before = listAll(dir);
    const r = await runMain(args, { cwd: dir, env: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(listAll(dir)).toEqual(before);
  });

  it('refuses values the validator rejects, showing where and how to fix', async () => {
    const dir = workspace();
    const before = listAll(dir);
    const r = await runMain(['new', 'incident', '--title', 'x', 'service=SVC-nope', 'impact=huge'], { cwd: dir, env: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing was written');
    expect(r.stderr).toContain('`service` refers to SVC-nope, but no such service exists');
    expect(r.stderr).toContain('Did you mean "high"?');
    expect(listAll(dir)).toEqual(before);
  });

  it('builds a template from the schema when the workspace has none', async () => {
    const dir = makeWorkspace(minimalWorkspace());
    const r = await runMain(['new', 'release', '--title', 'Spring release', 'target_date=2026-04-01'], { cwd: dir, env: NOW });
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'content/releases/REL-spring-release.md'), 'utf8');
    expect(text).toContain('# The planned release date.');
    expect((await runMain(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('reads a team-edited template, including new placeholders', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'content/.templates/kb.md'),
      '---\n# Ours\nid: "{{id}}"\ntitle: "{{title}}"\ncategory: reference\nstatus: draft\nowner: TEAM-ops\nreview_by: "{{today+30d}}"\n---\n\n# {{title}}\n',
    );
    await runMain(['new', 'kb', '--title', 'VPN setup'], { cwd: dir, env: NOW });
    expect(readFileSync(join(dir, 'content/kb/KB-0002.md'), 'utf8')).toBe(
      '---\n# Ours\nid: KB-0002\ntitle: VPN setup\ncategory: reference\nstatus: draft\nowner: TEAM-ops\nreview_by: 2026-04-03\n---\n\n# VPN setup\n',
    );
  });

  it('makes a valid record of every kind from the demo templates', async () => {
    const dir = workspace();
    const calls: string[][] = [
      ['service', '--title', 'Mail', 'owner=TEAM-ops', 'support_calendar=office'],
      ['ci', '--title', 'Mail relay', 'owner=TEAM-ops'],
      ['incident', '--title', 'Mail delayed', 'service=SVC-mail'],
      ['problem', '--title', 'Relay queue grows'],
      [
        'change',
        '--title',
        'Resize relay',
        'planned_start=2026-03-10T20:00:00+01:00',
        'planned_end=2026-03-10T21:00:00+01:00',
        'implementation_plan=Resize',
        'test_plan=Send mail',
        'rollback_plan=Resize back',
      ],
      ['request', '--title', 'Shared mailbox', 'service=SVC-shop', 'offering=new-account', 'requester=ada'],
      ['release', '--title', 'Mail 2'],
      ['kb', '--title', 'How to read mail headers', 'owner=TEAM-ops'],
      ['team', '--title', 'Mail team', 'members=[{name: Lin, login: lin}]'],
    ];
    for (const args of calls) {
      const r = await runMain(['new', ...args], { cwd: dir, env: NOW });
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code).toBe(0);
    }
    const v = await runMain(['validate'], { cwd: dir });
    expect(v.stdout).toContain('no errors');
    // The hint after the last field stays on a line of its own once the field is filled in.
    expect(readFileSync(join(dir, 'content/changes/CHG-0002.md'), 'utf8')).toMatch(
      /\nrollback_plan: Resize back\n[\s\S]*\n# The text below: why the change is needed/,
    );
    expect(existsSync(join(dir, 'content/teams/TEAM-mail-team.md'))).toBe(true);
  });
});
