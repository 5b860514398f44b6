/** `itsm queue`: what a service desk agent runs first thing, on a real workspace in a temp dir. */
import { describe, expect, it } from 'vitest';
import { QUEUE_FILES, QUEUE_NOW } from '../helpers/queue-fixture.ts';
import { makeWorkspace, record, runCli, runMain } from '../helpers/workspace.ts';

const dir = makeWorkspace(QUEUE_FILES);
const queue = (...args: string[]) => runMain(['queue', '--root', dir, '--now', QUEUE_NOW, ...args], { cwd: dir });

describe('itsm queue', () => {
  it('prints a table of the open work, most urgent first, with due times and time left', async () => {
    const r = await queue();
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Queue at 2026-03-03T10:00:00.000Z: 7 open records.');
    expect(lines[2]).toMatch(/^ID\s+Priority\s+Status\s+Title\s+Team\s+Assignee\s+Age\s+SLA\s+Due\s+Left$/);
    const ids = lines
      .slice(3)
      .filter(Boolean)
      .map((l) => l.split(/\s+/)[0]);
    expect(ids).toEqual(['INC-0002', 'INC-0005', 'INC-0004', 'INC-0003', 'PRB-0001', 'PRB-0002', 'REQ-0001']);
    expect(lines[3]).toMatch(/^INC-0002\s+P1\s+new\s+Incident INC-0002\s+TEAM-ops\s+2h 00m\s+response\s+2026-03-03 09:15 CET\s+overdue 1h 45m$/);
    expect(r.stdout).toMatch(/INC-0005 .* grace .* 11:20 CET\s+20m left/);
    expect(r.stdout).toMatch(/INC-0003 .*on hold.* paused/);
  });

  it('writes JSON with the due instant and the seconds left, for scripts', async () => {
    const r = await queue('--format', 'json', '--assignee', 'grace');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.now).toBe('2026-03-03T10:00:00.000Z');
    expect(out.rows).toEqual([
      expect.objectContaining({
        id: 'INC-0005',
        kind: 'incident',
        priority: 'P2',
        status: 'new',
        team: 'TEAM-ops',
        assignee: 'grace',
        age_seconds: 600,
        sla: expect.objectContaining({ metric: 'response', clock: 'running', due_at: '2026-03-03T11:20:00+01:00', left_seconds: 1200 }),
      }),
    ]);
  });

  it('writes CSV with a header row, one row per record', async () => {
    const r = await queue('--format', 'csv', '--kind', 'incident', '--unassigned');
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe('ID,Priority,Status,Title,Team,Assignee,Age,SLA,Due at,Left,Left (seconds),State');
    expect(rows.slice(1).map((l) => l.split(',')[0])).toEqual(['INC-0002', 'INC-0003']);
    expect(rows[1]).toBe('INC-0002,P1,new,Incident INC-0002,TEAM-ops,,2h 00m,response,2026-03-03T09:15:00+01:00,overdue 1h 45m,-6300,breached');
  });

  it('keeps a title that looks like a formula as text in the CSV', async () => {
    const hostile = makeWorkspace({
      ...QUEUE_FILES,
      'content/problems/PRB-0003.md': record(
        'id: PRB-0003\ntitle: "=HYPERLINK(\\"https://evil.example\\")"\nstatus: new\nopened_at: 2026-03-01T09:00:00+01:00',
      ),
    });
    const r = await runMain(['queue', '--root', hostile, '--now', QUEUE_NOW, '--kind', 'problem', '--format', 'csv'], { cwd: hostile });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PRB-0003,,new,"\'=HYPERLINK(""https://evil.example"")",,,');
  });

  it('takes a team with or without its TEAM- prefix', async () => {
    const a = await queue('--team', 'TEAM-ops', '--format', 'json');
    const b = await queue('--team', 'ops', '--format', 'json');
    expect(JSON.parse(a.stdout).rows.map((x: { id: string }) => x.id)).toEqual(['INC-0002', 'INC-0005', 'INC-0004', 'INC-0003', 'PRB-0001']);
    expect(b.stdout).toBe(a.stdout);
  });

  it('refuses an unknown team or person with exit 2 and a suggestion', async () => {
    const team = await queue('--team', 'TEAM-opps');
    expect(team.code).toBe(2);
    expect(team.stderr).toContain('no team "TEAM-opps" in the team files. Did you mean TEAM-ops?');
    expect(team.stdout).toBe('');
    const person = await queue('--assignee', 'grase');
    expect(person.code).toBe(2);
    expect(person.stderr).toContain('no person "grase" in the team files. Did you mean grace?');
  });

  it('refuses an unknown kind, and --assignee with --unassigned', async () => {
    const kind = await queue('--kind', 'incident,kb');
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('--kind takes incident, problem, change, request, release');
    const both = await queue('--assignee', 'ada', '--unassigned');
    expect(both.code).toBe(2);
  });

  it('says so when there is nothing to do', async () => {
    const r = await queue('--assignee', 'ada', '--kind', 'problem');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 open records.\nNothing to do.');
  });

  it('end to end: the real process prints the queue', () => {
    const r = runCli(['queue', '--root', dir, '--now', QUEUE_NOW, '--team', 'ops'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(TEAM-ops): 5 open records.');
  });
});
