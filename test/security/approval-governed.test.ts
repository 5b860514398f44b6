/**
 * Threat: a pull request changes what decides who approves (a service's owner, its CIs, a CI's
 * relations, or the gate's own code and workflow) with no review, so that it, or a later change, is
 * approved by a friendly team or by a check that no longer checks.
 * Guarantee: every input the decision reads, and every file of the gate, needs the policy-change
 * approvals from the base branch's CAB when a PR edits it; fields the decision does not read stay free.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideApprovals } from '../../src/core/approvals/decide.ts';
import {
  CI_FIELDS,
  GATE_FILE_NAMES,
  GATE_FOLDERS,
  GATE_ROOT_FILES,
  GOVERNED_PREFIXES,
  SERVICE_FIELDS,
  decisionInputs,
  governedEdits,
  type DecisionInputs,
} from '../../src/core/approvals/inputs.ts';
import { DEPENDENCY_RELATIONS } from '../../src/core/impact.ts';
import { approvePr, BASE_FILES, changeFile, ci, service } from '../helpers/approval-pr.ts';
import { REPO_ROOT } from '../helpers/workspace.ts';
import { added, change, input, review, services } from '../core/approvals/fixture.ts';

const CAB = [
  { login: 'carol', state: 'APPROVED' as const },
  { login: 'dave', state: 'APPROVED' as const },
];

describe('edits to what decides who approves need the policy-change approvals', () => {
  it('a PR handing a service to a friendly team is pending until the base CAB approves', async () => {
    const r = await approvePr({
      pr: { 'content/services/SVC-payments.md': service('SVC-payments', 'TEAM-friends', 'cis: [CI-api]\nsummary: Takes payments.') },
    });
    expect(r.code).toBe(1);
    const policy = r.subject('policy')!;
    expect(policy.decision).toBe('pending');
    expect(policy.triggers.join(' ')).toContain('SVC-payments: owner TEAM-payments -> TEAM-friends');
    expect(policy.required.map((q) => [q.role, q.teams, q.count])).toEqual([['cab', ['TEAM-cab'], 2]]);
  });

  it("the same PR passes with the base CAB's approvals", async () => {
    const r = await approvePr({
      pr: { 'content/services/SVC-payments.md': service('SVC-payments', 'TEAM-friends', 'cis: [CI-api]\nsummary: Takes payments.') },
      reviews: CAB,
    });
    expect(r.code).toBe(0);
    expect(r.subject('policy')!.decision).toBe('approved');
  });

  // The class: every way of changing who a change reaches, or who owns it.
  it.each([
    [
      "a service's CIs",
      { 'content/services/SVC-portal.md': service('SVC-portal', 'TEAM-friends', 'cis: [CI-web, CI-api]') },
      'SVC-portal: cis [CI-web] -> [CI-api, CI-web]',
    ],
    [
      "a service's dependencies",
      { 'content/services/SVC-portal.md': service('SVC-portal', 'TEAM-friends', 'cis: [CI-web]\ndepends_on: [SVC-payments]') },
      'SVC-portal: depends_on (none) -> [SVC-payments]',
    ],
    [
      'a new service',
      { 'content/services/SVC-ledger.md': service('SVC-ledger', 'TEAM-friends', 'cis: [CI-db]') },
      'SVC-ledger: added (owner TEAM-friends, cis [CI-db])',
    ],
    ['a deleted service', { 'content/services/SVC-payments.md': null }, 'SVC-payments: removed'],
    [
      'a service that no longer validates',
      { 'content/services/SVC-payments.md': service('SVC-payments', 'TEAM-payments', 'cis: [CI-api]\nowners_note: [x]') },
      'SVC-payments: removed, or no longer valid at the head',
    ],
    [
      'a service renamed to a new ID',
      { 'content/services/SVC-payments.md': null, 'content/services/SVC-pay.md': service('SVC-pay', 'TEAM-payments', 'cis: [CI-api]') },
      'SVC-pay: added',
    ],
    ["a CI's depends_on", { 'content/cis/CI-api.md': ci('CI-api') }, 'CI-api: depends_on [CI-db] -> (none)'],
    ["a CI's runs_on", { 'content/cis/CI-web.md': ci('CI-web', 'runs_on: [CI-db]') }, 'CI-web: runs_on (none) -> [CI-db]'],
    ["a CI's connects_to", { 'content/cis/CI-db.md': ci('CI-db', 'connects_to: [CI-web]') }, 'CI-db: connects_to (none) -> [CI-web]'],
    ['a new CI with relations', { 'content/cis/CI-cache.md': ci('CI-cache', 'depends_on: [CI-db]') }, 'CI-cache: added (depends_on [CI-db])'],
    ['a deleted CI with relations', { 'content/cis/CI-api.md': null }, 'CI-api: removed'],
  ])('%s', async (_name, pr, expected) => {
    const r = await approvePr({ pr });
    expect(r.code).toBe(1);
    expect(r.subject('policy')?.decision).toBe('pending');
    expect(r.subject('policy')!.triggers.join(' ')).toContain(expected);
  });

  it.each([
    [
      "a service's summary and body",
      {
        'content/services/SVC-payments.md': service('SVC-payments', 'TEAM-payments', 'cis: [CI-api]\nsummary: Takes card payments.').replace(
          'Some text.',
          'Runbook moved.',
        ),
      },
    ],
    ["the order of a service's CIs", { 'content/services/SVC-portal.md': service('SVC-portal', 'TEAM-friends', 'cis: [CI-db, CI-web]') }],
    ['a new CI with no relations', { 'content/cis/CI-spare.md': ci('CI-spare') }],
    ["a CI's owner (the decision does not read it)", { 'content/cis/CI-db.md': ci('CI-db', 'owner: TEAM-friends') }],
  ])('editing %s stays free', async (_name, pr) => {
    const base = { ...BASE_FILES, 'content/services/SVC-portal.md': service('SVC-portal', 'TEAM-friends', 'cis: [CI-web, CI-db]') };
    const r = await approvePr({ pr, base });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.subject('policy')).toBeUndefined();
  });

  it('a PR cannot hand a service away and have its own change approved by the new owner in one go', async () => {
    const r = await approvePr({
      pr: {
        'content/services/SVC-payments.md': service('SVC-payments', 'TEAM-friends', 'cis: [CI-api]'),
        'content/changes/CHG-0001.md': changeFile('CHG-0001'),
      },
      reviews: [{ login: 'mallory', state: 'APPROVED' }],
    });
    expect(r.code).toBe(1);
    expect(r.subject('policy')!.decision).toBe('pending');
    // The change itself is judged by the base's owner, paula's team: mallory does not count.
    expect(r.subject('CHG-0001')!.decision).toBe('pending');
  });
});

describe('the decision follows the CMDB graph (so CI relations are governed inputs)', () => {
  it('a change to a CI needs the owner of every service built on what depends on it', async () => {
    // CHG names the portal and CI-db; payments is built from CI-api, which depends on CI-db.
    const r = await approvePr({
      pr: { 'content/changes/CHG-0001.md': changeFile('CHG-0001', { services: '[SVC-portal]', cis: '[CI-db]' }) },
      reviews: [{ login: 'mallory', state: 'APPROVED' }],
    });
    expect(r.code).toBe(1);
    const chg = r.subject('CHG-0001')!;
    expect(chg.decision).toBe('pending');
    expect(chg.required.map((q) => q.service)).toEqual(['SVC-payments', 'SVC-portal']);
  });

  it('the pure decision reaches services through runs_on, connects_to and service dependencies', () => {
    const graph = {
      services: [...services, { id: 'SVC-reports', owner: 'TEAM-platform', depends_on: ['SVC-payments'] }],
      cis: [
        { id: 'CI-app', runs_on: ['CI-host'] },
        { id: 'CI-pg-main', connects_to: ['CI-app'] },
      ],
    };
    const r = decideApprovals({ ...input({ changes: [added(change({ services: [], cis: ['CI-host'] }))], reviews: [review('paula', 'APPROVED')] }), ...graph });
    expect(r.subjects[0]!.required.map((q) => q.service)).toEqual(['SVC-payments', 'SVC-reports']);
    expect(r.subjects[0]!.decision).toBe('pending');
  });

  it('the projection holds every dependency relation the graph walk follows', () => {
    for (const rel of DEPENDENCY_RELATIONS) {
      const fields: readonly string[] = rel.from === 'service' ? SERVICE_FIELDS : CI_FIELDS;
      expect(fields, `${rel.from}.${rel.field}`).toContain(rel.field);
    }
    const ws = decisionInputs({
      policies: {},
      records: [
        {
          kind: 'service',
          id: 'SVC-a',
          file: 'x',
          body: 'secret body',
          data: { id: 'SVC-a', name: 'A', status: 'active', owner: 'TEAM-a', tier: 1, summary: 'free text' },
        },
      ],
    });
    expect(ws.services).toEqual([{ id: 'SVC-a', owner: 'TEAM-a' }]);
  });
});

describe('the governed-edit check, for any CMDB', () => {
  const ids = (prefix: string) => fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 4 }).map((xs) => xs.map((x) => `${prefix}-${x}`));
  const graph = fc.record({
    services: fc.uniqueArray(
      fc.record({ id: fc.constantFrom('SVC-a', 'SVC-b', 'SVC-c'), owner: fc.constantFrom('TEAM-a', 'TEAM-b'), cis: ids('CI'), depends_on: ids('SVC') }),
      { selector: (s) => s.id },
    ),
    cis: fc.uniqueArray(fc.record({ id: fc.constantFrom('CI-a', 'CI-b', 'CI-c'), depends_on: ids('CI'), runs_on: ids('CI'), connects_to: ids('CI') }), {
      selector: (c) => c.id,
    }),
  });
  const inputs = (g: Pick<DecisionInputs, 'services' | 'cis'>): DecisionInputs => ({ policy: undefined, teams: [], ...g });
  const shuffled = <T>(xs: readonly T[]) => [...xs].reverse();

  it('finds nothing when only the order of records and lists changes', () => {
    fc.assert(
      fc.property(graph, (g) => {
        const reordered = {
          services: shuffled(g.services.map((s) => ({ ...s, cis: shuffled(s.cis) }))),
          cis: shuffled(g.cis.map((c) => ({ ...c, runs_on: shuffled(c.runs_on) }))),
        };
        expect(governedEdits(inputs(g), inputs(reordered))).toEqual([]);
      }),
    );
  });

  it('names the record and field of every owner change', () => {
    fc.assert(
      fc.property(
        graph.filter((g) => g.services.length > 0),
        fc.nat(),
        (g, n) => {
          const i = n % g.services.length;
          const s = g.services[i]!;
          const owner = s.owner === 'TEAM-a' ? 'TEAM-b' : 'TEAM-a';
          const after = { ...g, services: g.services.map((x, j) => (j === i ? { ...x, owner } : x)) };
          expect(governedEdits(inputs(g), inputs(after))).toEqual([`${s.id}: owner ${s.owner} -> ${owner}`]);
        },
      ),
    );
  });
});

describe("the gate's own code and workflow need the policy-change approvals", () => {
  it.each([
    '.github/workflows/approvals.yml',
    '.github/CODEOWNERS',
    '.github/actions/setup/action.yml',
    'src/core/approvals/decide.ts',
    'bin/itsm.js',
    'scripts/gen-types.ts',
    'schemas/change-policy.schema.json',
    'package.json',
    'package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    '.npmrc',
    'astro.config.mjs',
    'tsconfig.json',
    'tsconfig.build.json',
    '.ci/run',
    'dev',
    'tools/checker/package.json',
    'SRC/cli/approvals.ts',
    '.GitHub/workflows/approvals.yml',
    '.ci',
    'schemas',
  ])('a PR editing %s', async (path) => {
    const r = await approvePr({ pr: { [path]: 'changed\n' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const policy = r.subject('policy')!;
    expect(policy.decision).toBe('pending');
    expect(policy.triggers.join(' ')).toContain(`the approval check's own code or workflow: ${path}`);
  });

  it('counts repository paths when the workspace sits in a sub-folder', async () => {
    const r = await approvePr({
      root: 'itsm',
      pr: { '.github/workflows/approvals.yml': 'on: push\n', 'itsm/content/changes/CHG-0001.md': changeFile('CHG-0001') },
      reviews: [{ login: 'paula', state: 'APPROVED' }],
    });
    expect(r.code).toBe(1);
    expect(r.subject('policy')!.triggers.join(' ')).toContain('.github/workflows/approvals.yml');
    expect(r.subject('CHG-0001')!.decision).toBe('approved');
  });

  it("passes with the base CAB's approvals, and other files stay free", async () => {
    expect((await approvePr({ pr: { '.github/workflows/approvals.yml': 'on: push\n' }, reviews: CAB })).code).toBe(0);
    const docs = await approvePr({ pr: { 'docs/approvals.md': 'Notes.\n', 'README.md': 'Hello.\n' } });
    expect(docs.code).toBe(0);
    expect(docs.subject('policy')).toBeUndefined();
  });

  it('.github/CODEOWNERS names an owner for every governed path', () => {
    const owned = readFileSync(join(REPO_ROOT, '.github/CODEOWNERS'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(/\s+/))
      .filter((parts) => parts.length >= 2)
      .map((parts) => parts[0]!);
    const expected = [
      ...GATE_FOLDERS.map((f) => `/${f}`),
      ...GATE_ROOT_FILES.map((f) => `/${f}`),
      ...GATE_FILE_NAMES,
      ...GOVERNED_PREFIXES.map((p) => `/${p}`),
    ];
    for (const path of expected) expect(owned, path).toContain(path);
  });
});

it('the base workspace of these tests is valid, so every verdict above is about the PR', async () => {
  const r = await approvePr({ pr: { 'content/changes/CHG-0001.md': changeFile('CHG-0001') }, reviews: [{ login: 'paula', state: 'APPROVED' }] });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(Object.keys(BASE_FILES)).toContain('content/cis/CI-db.md');
});
