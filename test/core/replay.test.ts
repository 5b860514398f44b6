/**
 * The demo's history, as planned from the demo content: the commits replay the records' timelines in
 * time order, each record's versions are its states at those instants, the authors are the people of
 * the team files, changes that need approval carry it, and the last version of every file is the file.
 */
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { planReplay, type ReplayPlan } from '../../src/core/replay/plan.ts';
import { splitFrontMatter } from '../../src/core/record-writer.ts';
import { demoSourceFiles } from '../../src/io/demo-repo.ts';
import { loadWorkspaceFromFiles } from '../../src/io/workspace.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { record, REPO_ROOT } from '../helpers/workspace.ts';

let files: Map<string, string>;
let plan: ReplayPlan;

beforeAll(() => {
  files = demoSourceFiles(REPO_ROOT);
  plan = planReplay({ files, workspace: loadWorkspaceFromFiles(files).workspace, org: 'northwind' });
});

/** Front matter of each version of a file, oldest first, with the pull request that wrote it (0: the setup). */
function versions(path: string): Array<{ pr: number; at: string; author: string; data: Record<string, unknown> }> {
  const commits = [{ ...plan.setup, number: 0 }, ...plan.pulls];
  return commits
    .filter((c) => c.files.has(path))
    .map((c) => ({ pr: c.number, at: c.at, author: c.author.login, data: load(splitFrontMatter(c.files.get(path)!)!.yaml) as Record<string, unknown> }));
}

const teamLogins = () =>
  [...files]
    .filter(([p]) => p.startsWith('content/teams/'))
    .flatMap(([, text]) => ((load(splitFrontMatter(text)!.yaml) as { members: Array<{ login: string }> }).members ?? []).map((m) => m.login));

describe('the replayed demo history', () => {
  it('starts with a setup commit, then numbered pull requests in time order', () => {
    expect(plan.setup.files.has('itsm.yaml')).toBe(true);
    expect(plan.setup.files.has('content/policies/change-policy.yaml')).toBe(true);
    expect(plan.pulls.length).toBeGreaterThan(1000);
    let last = Date.parse(plan.setup.at);
    plan.pulls.forEach((p, i) => {
      expect(p.number).toBe(i + 1);
      expect(Date.parse(p.at)).toBeGreaterThanOrEqual(last);
      expect(p.mergeMessage).toMatch(new RegExp(`^Merge pull request #${p.number} from northwind/[a-z0-9-]+\\n`));
      last = Date.parse(p.at);
    });
  });

  it('ends with every file exactly as it is in content/', () => {
    const final = new Map(plan.setup.files);
    for (const p of plan.pulls) for (const [path, text] of p.files) final.set(path, text);
    expect([...final.keys()].sort()).toEqual([...files.keys()].sort());
    const differing = [...files].filter(([path, text]) => final.get(path) !== text).map(([path]) => path);
    expect(differing).toEqual([]);
  });

  it('has every commit authored by a person of the team files, with a no-reply email', () => {
    const logins = new Set(teamLogins());
    const authors = [plan.setup.author, ...plan.pulls.map((p) => p.author)];
    expect(authors.filter((a) => !logins.has(a.login))).toEqual([]);
    for (const a of authors) expect(a.email).toBe(`${a.login}@users.noreply.github.com`);
  });

  it('replays an incident: created at its report, each timeline entry a commit by who made it, resolution known at the resolve', () => {
    const v = versions('content/incidents/INC-0001.md');
    expect(v[0]).toMatchObject({ at: '2025-11-28T10:42:00+01:00', author: 'lenafischer' });
    expect(v[0]!.data).toMatchObject({ status: 'new', reported_at: '2025-11-28T10:42:00+01:00' });
    expect(v[0]!.data).not.toHaveProperty('acknowledged_at');
    expect(v[0]!.data).not.toHaveProperty('resolution');
    expect(v[0]!.data.timeline).toHaveLength(1);
    const resolve = v.find((x) => x.data.status === 'resolved')!;
    expect(resolve).toMatchObject({ at: '2025-11-28T13:30:00+01:00', author: 'lukas-braun' });
    expect(resolve.data).toMatchObject({ resolved_at: '2025-11-28T13:30:00+01:00' });
    expect(resolve.data.resolution).toMatch(/^Capped checkout-api autoscaling/);
    const before = v[v.indexOf(resolve) - 1]!;
    expect(before.data).not.toHaveProperty('resolved_at');
    expect(before.data).not.toHaveProperty('resolution');
  });

  it('links a record to one created later in the later one’s pull request', () => {
    const incident = versions('content/incidents/INC-0001.md');
    const problem = versions('content/problems/PRB-0001.md');
    expect(incident[0]!.data).not.toHaveProperty('problem');
    const linked = incident.find((x) => x.data.problem === 'PRB-0001')!;
    expect(linked.pr).toBe(problem[0]!.pr);
  });

  it('clears the resolution when an incident is reopened, and brings it back at the next resolve', () => {
    const v = versions('content/incidents/INC-0039.md');
    const reopened = v.find((x) => x.at === '2026-02-16T13:20:00+01:00')!;
    expect(reopened.data.status).toBe('in_progress');
    expect(reopened.data).not.toHaveProperty('resolved_at');
    expect(reopened.data).not.toHaveProperty('resolution');
    const first = v.find((x) => x.at === '2026-02-16T08:28:00+01:00')!;
    expect(first.data).toMatchObject({ status: 'resolved', resolved_at: '2026-02-16T08:28:00+01:00' });
  });

  it('gives a record without a timeline its milestones as commits (a release is released when it was)', () => {
    const v = versions('content/releases/REL-2026-06-wms-4-2.md');
    expect(v[0]!.pr).toBe(0);
    expect(v[0]!.data.status).toBe('planned');
    expect(v[0]!.data).not.toHaveProperty('released_at');
    expect(v.at(-1)!.data).toMatchObject({ status: 'released', released_at: '2026-06-28T02:50:00+02:00' });
  });

  it('lands change approvals with evidence: approved by people who may approve, never the author', () => {
    const approvals = plan.pulls.filter((p) => p.approval);
    expect(approvals.length).toBeGreaterThan(50);
    for (const p of approvals) {
      expect(p.approval!.decision).toBe('approved');
      const subject = p.approval!.subjects.find((s) => s.subject.startsWith('CHG-'))!;
      // A standard change is approved by its template: no seats, no reviewers.
      expect(subject.approvers.length > 0).toBe(subject.required.length > 0);
      expect(subject.approvers.map((a) => a.login)).not.toContain(p.author.login);
      for (const r of subject.required) expect(r.missing).toBe(0);
    }
    // CHG-0031 is approved by the person its timeline names (bkoch), in the PR its requester opened.
    const chg31 = approvals.find((p) => p.files.has('content/changes/CHG-0031.md') && p.at === '2026-06-29T14:12:00+02:00')!;
    expect(chg31.author.login).toBe('julialange');
    expect(chg31.approval!.subjects[0]!.approvers.map((a) => a.login)).toContain('bkoch');
    // Drafting a change needs no approval, so it has no evidence.
    const drafted = plan.pulls.find((p) => p.files.has('content/changes/CHG-0031.md'))!;
    expect(drafted.approval).toBeUndefined();
  });
});

describe('fields a timeline entry sets', () => {
  it('follow the entries: a reassignment and a priority change show at their instants, the first value from the start', () => {
    const incident = record(`
id: INC-0002
title: Checkout is slow
status: resolved
service: SVC-shop
cis: [CI-web]
impact: high
urgency: medium
priority: P2
reported_at: 2026-03-03T09:00:00+01:00
acknowledged_at: 2026-03-03T09:10:00+01:00
resolved_at: 2026-03-03T12:00:00+01:00
team: TEAM-ops
assignee: grace
resolution: Fixed the cache.
close_code: solved-permanently
timeline:
  - { at: 2026-03-03T09:00:00+01:00, status: new, by: ada, priority: P3 }
  - { at: 2026-03-03T09:10:00+01:00, status: acknowledged, by: ada, assignee: ada }
  - { at: 2026-03-03T10:00:00+01:00, by: ada, assignee: grace, priority: P2, note: Handed over; raised to P2. }
  - { at: 2026-03-03T12:00:00+01:00, status: resolved, by: grace, note: Fixed the cache. }
`);
    const settings = 'name: Test Org\ntime_zone: Europe/Berlin\nclose_codes: [solved-permanently]\n';
    const small = new Map(Object.entries({ ...minimalWorkspace(), 'itsm.yaml': settings, 'content/incidents/INC-0002.md': incident }));
    const loaded = loadWorkspaceFromFiles(small);
    expect(loaded.workspace.byId.has('INC-0002')).toBe(true);
    const p = planReplay({ files: small, workspace: loaded.workspace, org: 'acme' });
    const states = p.pulls
      .filter((x) => x.files.has('content/incidents/INC-0002.md'))
      .map((x) => load(splitFrontMatter(x.files.get('content/incidents/INC-0002.md')!)!.yaml) as Record<string, unknown>);
    expect(states.map((d) => [d.status, d.priority, d.assignee])).toEqual([
      ['new', 'P3', 'ada'],
      ['acknowledged', 'P3', 'ada'],
      ['acknowledged', 'P2', 'grace'],
      ['resolved', 'P2', 'grace'],
    ]);
    expect(p.pulls.map((x) => x.author.login)).toContain('grace');
  });
});
