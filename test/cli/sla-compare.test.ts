/**
 * `itsm sla --compare BASE`: a pull request that tightens sla.yaml, back-tested in a real git
 * repository against its base branch. The base policies are read from git objects; the working
 * tree is the pull request's head.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalWorkspace, POLICIES } from '../helpers/fixtures.ts';
import { gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { record, runMain } from '../helpers/workspace.ts';

/** Friday evening: the week's incidents are all resolved. */
const NOW = '2026-03-06T17:00:00+01:00';

/** A resolved incident on SVC-shop (office hours 09-12, 13-17 Berlin), its three instants on one day. */
function incident(id: string, impact: string, urgency: string, priority: string, reported: string, acknowledged: string, resolved: string): string {
  return record(`
id: ${id}
title: Trouble ${id}
status: resolved
service: SVC-shop
impact: ${impact}
urgency: ${urgency}
priority: ${priority}
reported_at: ${reported}
acknowledged_at: ${acknowledged}
resolved_at: ${resolved}
team: TEAM-ops
resolution: Fixed.
close_code: solved-permanently
timeline:
  - { at: ${reported}, status: new }
  - { at: ${acknowledged}, status: acknowledged }
  - { at: ${resolved}, status: resolved }
`);
}

const RECORDS = {
  // INC-0001 (the fixture's): P2, acknowledged after 10m, resolved after 1h50m.
  // P2: acknowledged after 25m (target 30m), resolved after 4h (09-12, 13-14; target 8h).
  'content/incidents/INC-0002.md': incident(
    'INC-0002',
    'medium',
    'high',
    'P2',
    '2026-03-03T09:00:00+01:00',
    '2026-03-03T09:25:00+01:00',
    '2026-03-03T14:00:00+01:00',
  ),
  // P3: acknowledged after 50m (target 1h), resolved after 6h (09-12, 13-16; target 16h).
  'content/incidents/INC-0003.md': incident(
    'INC-0003',
    'high',
    'low',
    'P3',
    '2026-03-04T09:00:00+01:00',
    '2026-03-04T09:50:00+01:00',
    '2026-03-04T16:00:00+01:00',
  ),
  // P1: acknowledged after 5m (target 15m), resolved after 2h (target 4h).
  'content/incidents/INC-0004.md': incident(
    'INC-0004',
    'high',
    'high',
    'P1',
    '2026-03-05T10:00:00+01:00',
    '2026-03-05T10:05:00+01:00',
    '2026-03-05T12:00:00+01:00',
  ),
  // Four months ago, outside the 90 days: a P2 acknowledged after 25m, like INC-0002.
  'content/incidents/INC-0005.md': incident(
    'INC-0005',
    'medium',
    'high',
    'P2',
    '2025-11-04T09:00:00+01:00',
    '2025-11-04T09:25:00+01:00',
    '2025-11-04T10:00:00+01:00',
  ),
};

/** The pull request's edit: P2 response 30m -> 20m, P3 resolution 16h -> 5h. */
const TIGHTER_SLA = POLICIES['content/policies/sla.yaml']
  .replace('P2: { response: 30m', 'P2: { response: 20m')
  .replace('P3: { response: 1h, resolution: 16h', 'P3: { response: 1h, resolution: 5h');

let repo: GitRepo;

beforeAll(() => {
  repo = gitRepo('itsm-sla-compare-');
  repo.commit('Workspace', { ...minimalWorkspace(), ...RECORDS });
  repo.branch('tighter-sla');
  repo.commit('Tighten the P2 response and P3 resolution targets', { 'content/policies/sla.yaml': TIGHTER_SLA });
});
afterAll(() => repo.remove());

const compare = (...args: string[]) => runMain(['sla', '--compare', 'main', '--now', NOW, ...args], { cwd: repo.dir });

describe('itsm sla --compare BASE', () => {
  it('turns exactly two met clocks into breaches: attainment per priority before and after, and the two records named', async () => {
    const r = await compare('--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.base).toEqual({ rev: 'main', commit: repo.git('rev-parse', 'main').trim() });
    // INC-0001..0004 and REQ-0001 were opened in the 90 days; INC-0005 was not.
    expect(out.records).toBe(5);
    const pct = (cells: Record<string, { met: number; breached: number; percent: number | null }>) =>
      Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, `${c.met}/${c.met + c.breached} ${c.percent}%`]));
    expect(out.by_priority.map((row: { key: string; base: never; head: never }) => [row.key, pct(row.base), pct(row.head)])).toEqual([
      ['P1', { response: '1/1 100%', resolution: '1/1 100%' }, { response: '1/1 100%', resolution: '1/1 100%' }],
      ['P2', { response: '2/2 100%', resolution: '2/2 100%' }, { response: '1/2 50%', resolution: '2/2 100%' }],
      ['P3', { response: '1/1 100%', resolution: '1/1 100%' }, { response: '1/1 100%', resolution: '0/1 0%' }],
    ]);
    expect(out.by_service.map((row: { key: string; base: never; head: never }) => [row.key, pct(row.base), pct(row.head)])).toEqual([
      ['SVC-shop', { response: '4/4 100%', resolution: '4/4 100%' }, { response: '3/4 75%', resolution: '3/4 75%' }],
    ]);
    expect(out.changed).toEqual([
      {
        record: 'INC-0002',
        metric: 'response',
        cycle: 1,
        service: 'SVC-shop',
        base: { state: 'met', policy: 'incidents', priority: 'P2', due_at: '2026-03-03T09:30:00+01:00', target_seconds: 1800 },
        head: { state: 'breached', policy: 'incidents', priority: 'P2', due_at: '2026-03-03T09:20:00+01:00', target_seconds: 1200 },
      },
      {
        record: 'INC-0003',
        metric: 'resolution',
        cycle: 1,
        service: 'SVC-shop',
        base: { state: 'met', policy: 'incidents', priority: 'P3', due_at: '2026-03-06T11:00:00+01:00', target_seconds: 57600 },
        head: { state: 'breached', policy: 'incidents', priority: 'P3', due_at: '2026-03-04T15:00:00+01:00', target_seconds: 18000 },
      },
    ]);
  });

  it('prints the same figures side by side for a terminal', async () => {
    const r = await compare();
    expect(r.code).toBe(0);
    const sha = repo.git('rev-parse', '--short=7', 'main').trim();
    expect(r.stdout).toBe(
      `SLA back-test: 5 incidents and requests opened in the 90 days before 2026-03-06T16:00:00.000Z (since 2025-12-06T16:00:00.000Z), judged under the policies of main (${sha}) (base) and of the working tree (head).

Attainment by priority:
  priority  response, base  response, head  resolution, base  resolution, head
  all        100% (4 of 4)    75% (3 of 4)     100% (4 of 4)      75% (3 of 4)
  P1         100% (1 of 1)   100% (1 of 1)     100% (1 of 1)     100% (1 of 1)
  P2         100% (2 of 2)    50% (1 of 2)     100% (2 of 2)     100% (2 of 2)
  P3         100% (1 of 1)   100% (1 of 1)     100% (1 of 1)       0% (0 of 1)

Attainment by service:
  service   response, base  response, head  resolution, base  resolution, head
  all        100% (4 of 4)    75% (3 of 4)     100% (4 of 4)      75% (3 of 4)
  SVC-shop   100% (4 of 4)    75% (3 of 4)     100% (4 of 4)      75% (3 of 4)

Clocks decided differently (2): 2 breaches appear, 0 disappear.
  INC-0002  response    met -> breached
      base: met, due 2026-03-03T09:30:00+01:00 (P2, 30m, policy incidents)
      head: breached, due 2026-03-03T09:20:00+01:00 (P2, 20m, policy incidents)
  INC-0003  resolution  met -> breached
      base: met, due 2026-03-06T11:00:00+01:00 (P3, 16h, policy incidents)
      head: breached, due 2026-03-04T15:00:00+01:00 (P3, 5h, policy incidents)
`,
    );
  });

  it('writes a Markdown comment for the pull request', async () => {
    const r = await compare('--format', 'markdown');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `### Attainment by priority

| Priority | response, base | response, head | resolution, base | resolution, head |
|---|---:|---:|---:|---:|
| all | 100% (4 of 4) | 75% (3 of 4) | 100% (4 of 4) | 75% (3 of 4) |
| P1 | 100% (1 of 1) | 100% (1 of 1) | 100% (1 of 1) | 100% (1 of 1) |
| P2 | 100% (2 of 2) | 50% (1 of 2) | 100% (2 of 2) | 100% (2 of 2) |
| P3 | 100% (1 of 1) | 100% (1 of 1) | 100% (1 of 1) | 0% (0 of 1) |
`,
    );
    expect(r.stdout).toContain(
      `### Clocks decided differently (2): 2 breaches appear, 0 disappear

| Record | Clock | Service | Change | Base | Head |
|---|---|---|---|---|---|
| INC-0002 | response | SVC-shop | met -> breached | met, due 2026-03-03T09:30:00+01:00 (P2, 30m, policy incidents) | breached, due 2026-03-03T09:20:00+01:00 (P2, 20m, policy incidents) |
| INC-0003 | resolution | SVC-shop | met -> breached | met, due 2026-03-06T11:00:00+01:00 (P3, 16h, policy incidents) | breached, due 2026-03-04T15:00:00+01:00 (P3, 5h, policy incidents) |
`,
    );
  });

  it('widens the window with --days: the incident of four months ago breaches too', async () => {
    const r = await compare('--days', '200', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).changed.map((c: { record: string; metric: string }) => `${c.record} ${c.metric}`)).toEqual([
      'INC-0002 response',
      'INC-0003 resolution',
      'INC-0005 response',
    ]);
  });

  it('compared with itself, nothing changes', async () => {
    const r = await runMain(['sla', '--compare', 'HEAD', '--now', NOW, '--format', 'json'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).changed).toEqual([]);
  });
});

describe('itsm sla --compare judges each side by its own commit', () => {
  it('a base policy naming a service the head has removed is valid at the base', async () => {
    const r2 = gitRepo('itsm-sla-compare-removed-');
    try {
      const legacy = record('id: SVC-legacy\nname: Legacy shop\nstatus: active\nowner: TEAM-ops\ntier: 3\nsupport_calendar: office\n');
      const withLegacy = POLICIES['content/policies/sla.yaml'].replace(
        'policies:\n',
        'policies:\n  - id: legacy\n    name: Legacy\n    applies_to: { kind: incident, services: [SVC-legacy] }\n    calendar: office\n    targets:\n      P2: { response: 1h }\n',
      );
      r2.commit('Workspace', { ...minimalWorkspace(), ...RECORDS, 'content/services/SVC-legacy.md': legacy, 'content/policies/sla.yaml': withLegacy });
      r2.commit('Retire the legacy shop', { 'content/services/SVC-legacy.md': null, 'content/policies/sla.yaml': POLICIES['content/policies/sla.yaml'] });
      const r = await runMain(['sla', '--compare', 'HEAD~1', '--now', NOW, '--format', 'json'], { cwd: r2.dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).changed).toEqual([]);
    } finally {
      r2.remove();
    }
  });
});

describe('itsm sla --compare in a workspace in a sub-folder of its repository', () => {
  it('reads the base policies from that sub-folder', async () => {
    const r3 = gitRepo('itsm-sla-compare-sub-');
    try {
      const inOps = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [`ops/${k}`, v]));
      r3.commit('Workspace', { 'README.md': 'Ops.\n', ...inOps({ ...minimalWorkspace(), ...RECORDS }) });
      r3.commit('Tighten', inOps({ 'content/policies/sla.yaml': TIGHTER_SLA }));
      const r = await runMain(['sla', '--compare', 'HEAD~1', '--now', NOW, '--root', 'ops', '--format', 'json'], { cwd: r3.dir });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).changed.map((c: { record: string; metric: string }) => `${c.record} ${c.metric}`)).toEqual([
        'INC-0002 response',
        'INC-0003 resolution',
      ]);
    } finally {
      r3.remove();
    }
  });
});

describe('itsm sla --compare refuses', () => {
  it('a base whose policies do not validate, naming the file at that commit (exit 1)', async () => {
    const broken = gitRepo('itsm-sla-compare-broken-');
    try {
      broken.commit('Workspace', { ...minimalWorkspace(), 'content/policies/sla.yaml': 'policies:\n  - id: incidents\n    calendar: service\n' });
      broken.commit('Fix the SLA policy', { 'content/policies/sla.yaml': POLICIES['content/policies/sla.yaml'] });
      const r = await runMain(['sla', '--compare', 'HEAD~1', '--now', NOW], { cwd: broken.dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('HEAD~1:content/policies/sla.yaml');
      expect(r.stderr).toContain('itsm sla: the SLA policies at HEAD~1 (');
      expect(r.stderr).toContain(') do not validate (above), so nothing can be judged under them.');
    } finally {
      broken.remove();
    }
  });

  it('a base git cannot find (exit 2)', async () => {
    const r = await compare('--compare', 'no-such-branch');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('git revision "no-such-branch" was not found');
  });

  it('options that list clocks, and --days without --compare (exit 2)', async () => {
    expect((await compare('--only', 'breached')).stderr).toContain('--compare judges every record of the window and takes no --only');
    expect((await compare('INC-0002')).code).toBe(2);
    expect((await compare('--days', 'ninety')).stderr).toContain('--days must be a whole number of days');
    const r = await runMain(['sla', '--days', '30'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--days is the window of --compare');
  });
});
