/** `itsm sla` end to end: a real workspace in a temp dir, the real CLI, asserted through its JSON. */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, record, REPO_ROOT, runCli, runMain } from '../helpers/workspace.ts';

/** Tue 2026-03-03: the minimal workspace's shop keeps Berlin office hours (09-12, 13-17). */
const NOW = '2026-03-03T11:00:00+01:00';

// Reported Tue 09:00, still new at 11:00: 2h of office time against a 15m response (P1) -> breached
// at 09:15; resolution 2h of 4h = 50%.
const OPEN_P1 = record(`
id: INC-0002
title: Shop is down
status: new
service: SVC-shop
cis: [CI-web]
impact: high
urgency: high
priority: P1
reported_at: 2026-03-03T09:00:00+01:00
`);

// Reported Mon 13:00, acknowledged 13:05, on hold since Mon 16:00: response met (5m of 1h);
// resolution 3h of 16h (P3), paused.
const ON_HOLD_P3 = record(`
id: INC-0003
title: Slow search
status: on_hold
service: SVC-shop
impact: high
urgency: low
priority: P3
reported_at: 2026-03-02T13:00:00+01:00
acknowledged_at: 2026-03-02T13:05:00+01:00
timeline:
  - { at: 2026-03-02T13:00:00+01:00, status: new }
  - { at: 2026-03-02T13:05:00+01:00, status: acknowledged }
  - { at: 2026-03-02T16:00:00+01:00, status: on_hold, note: Waiting for the vendor }
`);

function workspace(extra: Record<string, string> = {}): string {
  return makeWorkspace({
    ...minimalWorkspace(),
    'content/incidents/INC-0002.md': OPEN_P1,
    'content/incidents/INC-0003.md': ON_HOLD_P3,
    ...extra,
  });
}

describe('itsm sla', () => {
  const root = workspace();

  it('end to end: reports every clock as JSON, and the records no policy covers', async () => {
    const r = runCli(['sla', '--now', NOW, '--format', 'json'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.now).toBe('2026-03-03T10:00:00.000Z');
    const byKey = Object.fromEntries(out.results.map((x: { record: string; metric: string }) => [`${x.record} ${x.metric}`, x]));
    // INC-0001: reported Mon 09:10, acknowledged 09:20 (10m), resolved 11:00 (1h50m).
    expect(byKey['INC-0001 response']).toMatchObject({
      policy: 'incidents',
      calendar: 'office',
      target_seconds: 1800,
      elapsed_seconds: 600,
      state: 'met',
      breached_at: null,
    });
    expect(byKey['INC-0001 resolution']).toMatchObject({
      target_seconds: 28800,
      elapsed_seconds: 6600,
      state: 'met',
      clock: 'stopped',
      stopped_at: '2026-03-02T11:00:00+01:00',
    });
    expect(byKey['INC-0002 response']).toMatchObject({
      target_seconds: 900,
      elapsed_seconds: 7200,
      remaining_seconds: -6300,
      percent: 800,
      state: 'breached',
      clock: 'running',
      due_at: '2026-03-03T09:15:00+01:00',
      breached_at: '2026-03-03T09:15:00+01:00',
    });
    expect(byKey['INC-0002 resolution']).toMatchObject({
      elapsed_seconds: 7200,
      percent: 50,
      state: 'in_progress',
      due_at: '2026-03-03T14:00:00+01:00',
      at_risk: false,
    });
    // On hold since Mon 16:00: the paused clock says since when.
    expect(byKey['INC-0003 resolution']).toMatchObject({
      elapsed_seconds: 3 * 3600,
      state: 'paused',
      clock: 'paused',
      breached_at: null,
      paused_since: '2026-03-02T16:00:00+01:00',
    });
    expect(byKey['INC-0002 resolution'].paused_since).toBeNull();
    // The minimal workspace has no request policy: REQ-0001 is reported, not skipped.
    expect(byKey['REQ-0001 resolution']).toMatchObject({
      state: 'no_policy',
      policy: null,
      target_seconds: null,
      reason: 'no policy in sla.yaml covers requests of priority P4 on SVC-shop',
    });
    expect(out.summary).toEqual({
      records: 4,
      clocks: 6,
      by_state: { in_progress: 1, paused: 1, met: 3, breached: 1, cancelled: 0, no_policy: 1 },
      open_breaches: 1,
      at_risk: 0,
      no_policy: 1,
    });
  });

  it('filters with --only and --open, and fails on a breach only when asked', async () => {
    const breached = await runMain(['sla', '--now', NOW, '--format', 'json', '--only', 'breached'], { cwd: root });
    expect(breached.code).toBe(0);
    expect(JSON.parse(breached.stdout).results.map((x: { record: string; metric: string }) => `${x.record} ${x.metric}`)).toEqual(['INC-0002 response']);

    const open = await runMain(['sla', '--now', NOW, '--format', 'json', '--open', '--fail-on-breach'], { cwd: root });
    expect(open.code).toBe(1);
    expect(JSON.parse(open.stdout).results.map((x: { record: string; metric: string }) => `${x.record} ${x.metric}`)).toEqual([
      'INC-0002 response',
      'INC-0002 resolution',
      'INC-0003 resolution',
    ]);
  });

  it('shows what needs attention in pretty output', async () => {
    const r = await runMain(['sla', '--now', NOW], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SLA at 2026-03-03T10:00:00.000Z: 6 clocks on 4 records. 3 met, 1 breached (1 still open)');
    expect(r.stdout).toMatch(
      /Breached, still open \(1\):\n {2}INC-0002 +response +P1 +2h of 15m +800% +breached +breached at 2026-03-03T09:15:00\+01:00 +\(incidents, office\)/,
    );
    expect(r.stdout).toContain('No policy (1):\n  REQ-0001   no policy in sla.yaml covers requests of priority P4 on SVC-shop');
  });

  it('writes Markdown tables for a GitHub job summary', async () => {
    const r = await runMain(['sla', '--now', NOW, '--format', 'github'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## SLA at 2026-03-03T10:00:00.000Z');
    expect(r.stdout).toContain('| 6 | 3 | 1 | 1 | 1 | 1 | 0 | 0 | 1 |');
    expect(r.stdout).toContain('| INC-0002 | response | P1 | SVC-shop | 2h | 15m | 800% | breached | 2026-03-03T09:15:00+01:00 | incidents |');
    expect(r.stdout).toContain('### At risk (0)\n\nNone.');
  });

  it('refuses to compute clocks on an invalid workspace (exit 1, as every command), showing the problems', async () => {
    const broken = workspace({ 'content/incidents/INC-0004.md': record('id: INC-0004\ntitle: No dates\nstatus: new') });
    const r = await runMain(['sla', '--now', NOW, '--format', 'json'], { cwd: broken });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('content/incidents/INC-0004.md');
    expect(r.stderr).toContain('itsm sla: the workspace has errors');
  });

  it('explains a bad --now or --only', async () => {
    const badNow = await runMain(['sla', '--now', '2026-03-03 11:00'], { cwd: root });
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now must be an instant with an offset, e.g. 2026-03-04T09:15:00+01:00');
    const badOnly = await runMain(['sla', '--only', 'late'], { cwd: root });
    expect(badOnly.code).toBe(2);
    expect(badOnly.stderr).toContain('--only must be one of breached, at-risk; got "late"');
  });
});

describe('the scheduled SLA workflow', () => {
  it('runs daily and on demand, with least privilege and no expressions in shell steps', async () => {
    const wf = load(readFileSync(`${REPO_ROOT}.github/workflows/sla.yml`, 'utf8')) as {
      on: { schedule: Array<{ cron: string }>; workflow_dispatch: unknown };
      permissions: Record<string, string>;
      jobs: Record<string, { permissions: Record<string, string>; steps: Array<{ run?: string; uses?: string; with?: Record<string, unknown> }> }>;
    };
    expect(wf.on.schedule).toHaveLength(1);
    expect('workflow_dispatch' in wf.on).toBe(true);
    expect(wf.permissions).toEqual({});
    expect(wf.jobs.compute!.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.track!.permissions).toEqual({ issues: 'write' });
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    for (const step of steps) if (step.run) expect(step.run).not.toContain('${{');
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe(22);
    expect(steps.some((s) => s.run?.includes('sla --format github') && s.run.includes('GITHUB_STEP_SUMMARY'))).toBe(true);
  });
});

describe('itsm sla ID...', () => {
  it('lists and sums up only the clocks of the records given', async () => {
    const dir = makeWorkspace({ ...minimalWorkspace(), 'content/incidents/INC-0002.md': OPEN_P1, 'content/incidents/INC-0003.md': ON_HOLD_P3 });
    const r = await runMain(['sla', 'INC-0002', '--format', 'json', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { summary: { records: number }; results: Array<{ record: string }> };
    expect(new Set(json.results.map((x) => x.record))).toEqual(new Set(['INC-0002']));
    expect(json.summary.records).toBe(1);
  });

  it('refuses an ID that is not an incident or request of the workspace (exit 2), with a "did you mean"', async () => {
    const dir = makeWorkspace({ ...minimalWorkspace(), 'content/incidents/INC-0002.md': OPEN_P1 });
    const r = await runMain(['sla', 'INC-0002', 'INC-0020', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^itsm sla: no incident or request INC-0020\. Did you mean [^\n]*INC-0002/);
    expect(r.stdout).toBe('');
  });
});

describe('itsm sla --at-risk --within', () => {
  const root = workspace();
  const listed = (stdout: string) =>
    (JSON.parse(stdout) as { results: Array<{ record: string; metric: string }> }).results.map((x) => `${x.record} ${x.metric}`);

  it('lists running clocks due within the horizon, besides those past the warning threshold', async () => {
    // At Tue 11:00 INC-0002's resolution clock is at 2h of 4h (50%, not at risk), due 14:00.
    // Within 4h (until 15:00) it will breach: listed. Within 2h (until 13:00) it will not.
    // Its response clock is breached already; INC-0003 is paused at 3h of 16h: neither is listed.
    const alone = await runMain(['sla', '--now', NOW, '--format', 'json', '--at-risk'], { cwd: root });
    expect(listed(alone.stdout)).toEqual([]);
    const four = await runMain(['sla', '--now', NOW, '--format', 'json', '--at-risk', '--within', '4h'], { cwd: root });
    expect(four.code).toBe(0);
    expect(listed(four.stdout)).toEqual(['INC-0002 resolution']);
    const two = await runMain(['sla', '--now', NOW, '--format', 'json', '--at-risk', '--within', '2h'], { cwd: root });
    expect(listed(two.stdout)).toEqual([]);
    const pretty = await runMain(['sla', '--now', NOW, '--at-risk', '--within', '4h'], { cwd: root });
    expect(pretty.stdout).toMatch(/At risk or due within 4h \(1\):\n {2}INC-0002 +resolution +P1 +2h of 4h +50% +in progress +due 2026-03-03T14:00:00\+01:00/);
  });

  it('explains a bad --within (exit 2)', async () => {
    const days = await runMain(['sla', '--at-risk', '--within', '2d'], { cwd: root });
    expect(days.code).toBe(2);
    expect(days.stderr).toContain('itsm sla: --within');
    const alone = await runMain(['sla', '--within', '4h'], { cwd: root });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--within is the horizon of --at-risk');
    const both = await runMain(['sla', '--at-risk', '--only', 'breached'], { cwd: root });
    expect(both.code).toBe(2);
  });
});

describe('itsm sla: cycles and OLAs in JSON', () => {
  // The incidents policy starts a new cycle on reopen; an OLA (4h) measures each team's part.
  const SLA_YAML = `policies:
  - id: incidents
    name: Incidents
    applies_to: { kind: incident }
    calendar: service
    pause_statuses: [on_hold]
    on_reopen: new_cycle
    targets:
      P2: { response: 30m, resolution: 8h }
  - id: resolver-ola
    name: Resolver teams
    applies_to: { kind: incident }
    scope: team
    calendar: office
    targets:
      P2: { resolution: 4h }
`;
  // Mon 2026-03-02, office hours: reported 09:00 with TEAM-ops, resolved 11:00; reopened Tue 09:00 and
  // handed to TEAM-db at 10:00; resolved Tue 16:30.
  const REOPENED = record(`
id: INC-0004
title: Checkout errors come back
status: resolved
service: SVC-shop
impact: medium
urgency: high
priority: P2
team: TEAM-db
reported_at: 2026-03-02T09:00:00+01:00
acknowledged_at: 2026-03-02T09:10:00+01:00
resolved_at: 2026-03-03T16:30:00+01:00
resolution: Connection pool resized.
close_code: solved-permanently
timeline:
  - { at: 2026-03-02T09:00:00+01:00, status: new, team: TEAM-ops }
  - { at: 2026-03-02T09:10:00+01:00, status: acknowledged }
  - { at: 2026-03-02T11:00:00+01:00, status: resolved }
  - { at: 2026-03-03T09:00:00+01:00, status: in_progress, note: Back again }
  - { at: 2026-03-03T10:00:00+01:00, team: TEAM-db }
  - { at: 2026-03-03T16:30:00+01:00, status: resolved }
`);
  const TEAM_DB = record(`
id: TEAM-db
name: Database team
status: active
members:
  - { login: dana, name: Dana }
`);

  it('gives the current cycle as today plus the completed ones, and the OLA beside the SLA', async () => {
    const root = workspace({
      'content/policies/sla.yaml': SLA_YAML,
      'content/incidents/INC-0004.md': REOPENED,
      'content/teams/TEAM-db.md': TEAM_DB,
    });
    const r = await runMain(['sla', 'INC-0004', '--now', '2026-03-04T12:00:00+01:00', '--format', 'json'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { results: Array<Record<string, unknown> & { metric: string }> };
    const by = Object.fromEntries(out.results.map((x) => [x.metric, x]));
    expect(Object.keys(by).sort()).toEqual(['ola-resolution', 'resolution', 'response']);
    // Resolution, cycle 1: Mon 09:00-11:00 = 2h of 8h, met (due Mon 09:00 + 8h office time = Tue 10:00).
    // Cycle 2 (current): Tue 09:00-12:00 (3h) + 13:00-16:30 (3h30m) = 6h30m = 23400 s, met (due Tue + 8h = Wed 10:00).
    expect(by.resolution).toMatchObject({ started_at: '2026-03-03T09:00:00+01:00', elapsed_seconds: 23400, state: 'met', team: null });
    expect(by.resolution!.cycles).toEqual([
      {
        started_at: '2026-03-02T09:00:00+01:00',
        stopped_at: '2026-03-02T11:00:00+01:00',
        elapsed_seconds: 7200,
        target_seconds: 28800,
        state: 'met',
        due_at: '2026-03-03T10:00:00+01:00',
        priority: 'P2',
      },
    ]);
    // OLA (on_reopen resume, the default): TEAM-ops Mon 09:00-11:00 (2h), resumed on the reopen Tue 09:00-10:00
    // (1h), handed off at 10:00: 3h of 4h, met (due projected from 10:00 + 1h = 11:00); TEAM-db Tue 10:00-12:00 (2h) + 13:00-16:30 (3h30m) = 5h30m = 19800 s of 4h: due 15:00, breached.
    expect(by['ola-resolution']).toMatchObject({
      policy: 'resolver-ola',
      team: 'TEAM-db',
      elapsed_seconds: 19800,
      state: 'breached',
      due_at: '2026-03-03T15:00:00+01:00',
    });
    expect(
      (by['ola-resolution']!.cycles as Array<{ team: string; elapsed_seconds: number; state: string }>).map((c) => [c.team, c.elapsed_seconds, c.state]),
    ).toEqual([['TEAM-ops', 10800, 'met']]);
  });
});
