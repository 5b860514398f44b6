import { describe, expect, it } from 'vitest';
import { findCollisions, type CollisionInput, type PlannedChange, type ProposedPull } from '../../src/core/collisions.ts';
import type { Change, ChangePolicy } from '../../src/core/model.ts';

/**
 * The CMDB of the stories: SVC-shop is built from CI-web and CI-lb; CI-web depends on CI-db, which
 * runs on CI-host; CI-lb connects to CI-web; CI-spare stands alone.
 */
const graph: CollisionInput['graph'] = {
  services: [
    { id: 'SVC-shop', owner: 'TEAM-ops', cis: ['CI-web', 'CI-lb'] },
    { id: 'SVC-portal', owner: 'TEAM-ops', depends_on: ['SVC-shop'] },
  ],
  cis: [
    { id: 'CI-host' },
    { id: 'CI-db', runs_on: ['CI-host'] },
    { id: 'CI-web', depends_on: ['CI-db'] },
    { id: 'CI-lb', connects_to: ['CI-web'] },
    { id: 'CI-spare' },
  ],
};

const policy = {
  rules: [],
  freezes: [{ name: 'Year-end freeze', start: '2026-12-20T00:00:00+01:00', end: '2027-01-02T00:00:00+01:00' }],
} as unknown as ChangePolicy;

/** A scheduled change on 14 March 22:00-23:00 Berlin unless `extra` says otherwise. */
function planned(id: string, extra: Partial<Change> = {}): PlannedChange {
  const change: Change = {
    id,
    title: `Work ${id}`,
    type: 'normal',
    risk: 'low',
    status: 'scheduled',
    planned_start: '2026-03-14T22:00:00+01:00',
    planned_end: '2026-03-14T23:00:00+01:00',
    ...extra,
  };
  return { id, file: `content/changes/${id}.md`, change };
}

const sha = (n: number) => String(n).repeat(40).slice(0, 40);
const pull = (number: number, changes: PlannedChange[], unreadable: ProposedPull['unreadable'] = []): ProposedPull => ({
  number,
  headSha: sha(number),
  changes,
  unreadable,
});

const run = (input: Partial<CollisionInput>) => findCollisions({ defaultBranch: [], pulls: [], graph, policy, ...input });

describe('collisions across open pull requests', () => {
  it('three PRs that meet through CI dependencies, and one that meets nobody: each finding with its path', () => {
    const result = run({
      defaultBranch: [planned('CHG-0002', { title: 'Patch the database host', cis: ['CI-host'] })],
      pulls: [
        pull(11, [planned('CHG-0011', { cis: ['CI-web'] })]),
        pull(12, [planned('CHG-0012', { cis: ['CI-db'], planned_start: '2026-03-14T22:30:00+01:00', planned_end: '2026-03-15T01:00:00+01:00' })]),
        pull(13, [planned('CHG-0013', { cis: ['CI-lb'], planned_start: '2026-03-14T21:00:00+01:00', planned_end: '2026-03-14T22:15:00+01:00' })]),
        pull(14, [planned('CHG-0014', { cis: ['CI-spare'] })]),
      ],
    });
    const summary = result.map((p) => ({ pr: p.pr, findings: p.findings.map((f) => f.message) }));
    expect(summary).toEqual([
      {
        pr: 11,
        findings: [
          'CHG-0011 overlaps CHG-0002 ("Patch the database host", on the default branch) from 2026-03-14T22:00:00+01:00 to 2026-03-14T23:00:00+01:00: CI-web -> depends_on -> CI-db -> runs_on -> CI-host.',
          'CHG-0011 overlaps CHG-0012 ("Work CHG-0012", proposed in #12) from 2026-03-14T22:30:00+01:00 to 2026-03-14T23:00:00+01:00: CI-web -> depends_on -> CI-db.',
          'CHG-0011 overlaps CHG-0013 ("Work CHG-0013", proposed in #13) from 2026-03-14T22:00:00+01:00 to 2026-03-14T22:15:00+01:00: CI-lb -> connects_to -> CI-web.',
        ],
      },
      {
        pr: 12,
        findings: [
          'CHG-0012 overlaps CHG-0002 ("Patch the database host", on the default branch) from 2026-03-14T22:30:00+01:00 to 2026-03-14T23:00:00+01:00: CI-db -> runs_on -> CI-host.',
          'CHG-0012 overlaps CHG-0011 ("Work CHG-0011", proposed in #11) from 2026-03-14T22:30:00+01:00 to 2026-03-14T23:00:00+01:00: CI-web -> depends_on -> CI-db.',
        ],
      },
      {
        pr: 13,
        findings: [
          'CHG-0013 overlaps CHG-0002 ("Patch the database host", on the default branch) from 2026-03-14T22:00:00+01:00 to 2026-03-14T22:15:00+01:00: CI-lb -> connects_to -> CI-web -> depends_on -> CI-db -> runs_on -> CI-host.',
          'CHG-0013 overlaps CHG-0011 ("Work CHG-0011", proposed in #11) from 2026-03-14T22:00:00+01:00 to 2026-03-14T22:15:00+01:00: CI-lb -> connects_to -> CI-web.',
        ],
      },
      { pr: 14, findings: [] },
    ]);
    // 12 and 13 do not overlap in time (13 ends at 22:15, 12 starts at 22:30), though CI-lb reaches CI-db.
    const first = result[0]!.findings[0]!;
    expect(first).toMatchObject({
      kind: 'collision',
      change: 'CHG-0011',
      file: 'content/changes/CHG-0011.md',
      other: { id: 'CHG-0002', where: { kind: 'default-branch' } },
      links: [
        {
          kind: 'dependency',
          path: [
            { from: 'CI-web', field: 'depends_on', to: 'CI-db' },
            { from: 'CI-db', field: 'runs_on', to: 'CI-host' },
          ],
        },
      ],
    });
    expect(result[1]!.findings[1]).toMatchObject({ other: { id: 'CHG-0011', where: { kind: 'pull-request', pr: 11, headSha: sha(11) } } });
  });

  it('the same CI and the same service are named as such, without a path', () => {
    const [p] = run({
      defaultBranch: [planned('CHG-0002', { cis: ['CI-db'], services: ['SVC-shop'] })],
      pulls: [pull(5, [planned('CHG-0005', { cis: ['CI-db', 'CI-web'], services: ['SVC-shop'] })])],
    });
    expect(p!.findings).toHaveLength(1);
    expect(p!.findings[0]).toMatchObject({
      links: [
        { kind: 'same-ci', id: 'CI-db' },
        { kind: 'same-service', id: 'SVC-shop' },
      ],
    });
    expect(p!.findings[0]!.message).toContain(': both change CI-db; both change the service SVC-shop.');
  });

  it('a service built from the CI another change touches: the path goes through the service', () => {
    const [p] = run({
      defaultBranch: [planned('CHG-0002', { cis: ['CI-lb'] })],
      pulls: [pull(5, [planned('CHG-0005', { services: ['SVC-portal'] })])],
    });
    expect(p!.findings.map((f) => f.kind === 'collision' && f.links[0])).toEqual([
      {
        kind: 'dependency',
        path: [
          { from: 'SVC-portal', field: 'depends_on', to: 'SVC-shop' },
          { from: 'SVC-shop', field: 'cis', to: 'CI-lb' },
        ],
        text: 'SVC-portal -> depends_on -> SVC-shop -> cis -> CI-lb',
      },
    ]);
  });

  it('no collision when the windows only touch, or a change will not run, or nothing connects them', () => {
    const result = run({
      defaultBranch: [
        planned('CHG-0002', { cis: ['CI-db'], planned_start: '2026-03-14T23:00:00+01:00', planned_end: '2026-03-15T00:00:00+01:00' }),
        planned('CHG-0003', { cis: ['CI-db'], status: 'cancelled' }),
        planned('CHG-0004', { cis: ['CI-db'], status: 'completed' }),
        planned('CHG-0006', { cis: ['CI-spare'] }),
      ],
      pulls: [pull(5, [planned('CHG-0005', { cis: ['CI-db'] })])],
    });
    expect(result[0]!.findings).toEqual([]);
  });

  it("a PR's version of a change replaces the default branch's: it never collides with itself", () => {
    const result = run({
      defaultBranch: [planned('CHG-0002', { cis: ['CI-db'] })],
      pulls: [pull(5, [planned('CHG-0002', { cis: ['CI-db'], planned_start: '2026-03-14T22:30:00+01:00' })])],
    });
    expect(result[0]!.findings).toEqual([]);
  });

  it('two PRs editing the same change record are told of each other', () => {
    const result = run({ pulls: [pull(5, [planned('CHG-0002')]), pull(6, [planned('CHG-0002', { risk: 'high' })])] });
    expect(result.map((p) => p.findings.map((f) => f.message))).toEqual([
      ["#6 edits CHG-0002 too: whichever merges second changes a record the other's reviewers did not see."],
      ["#5 edits CHG-0002 too: whichever merges second changes a record the other's reviewers did not see."],
    ]);
  });

  it('a proposed change inside a freeze is a finding', () => {
    const [p] = run({
      pulls: [pull(5, [planned('CHG-0005', { cis: ['CI-spare'], planned_start: '2026-12-21T22:00:00+01:00', planned_end: '2026-12-21T23:00:00+01:00' })])],
    });
    expect(p!.findings).toEqual([
      {
        kind: 'freeze',
        change: 'CHG-0005',
        file: 'content/changes/CHG-0005.md',
        freeze: 'Year-end freeze',
        message:
          'CHG-0005: Planned 2026-12-21T22:00:00+01:00 to 2026-12-21T23:00:00+01:00, inside the freeze "Year-end freeze" (2026-12-20T00:00:00+01:00 to 2027-01-02T00:00:00+01:00): it needs emergency (ECAB) approval or a new date.',
      },
    ]);
  });

  it('a change file that could not be read is a finding of its PR', () => {
    const [p] = run({ pulls: [pull(5, [], [{ file: 'content/changes/CHG-0005.md', problem: 'line 3: bad indentation' }])] });
    expect(p).toEqual({
      pr: 5,
      headSha: sha(5),
      changes: [],
      findings: [
        {
          kind: 'unreadable',
          file: 'content/changes/CHG-0005.md',
          message: `content/changes/CHG-0005.md at ${sha(5).slice(0, 7)} is not a readable change record, so its collisions cannot be checked: line 3: bad indentation`,
        },
      ],
    });
  });
});
