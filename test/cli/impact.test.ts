import { describe, expect, it } from 'vitest';
import { buildImpactIndex, changeImpact, impactOf, type ImpactResult } from '../../src/core/impact.ts';
import { loadWorkspaceFromFiles } from '../../src/io/workspace.ts';
import { cmdbWorkspace } from '../helpers/cmdb-fixture.ts';
import { makeWorkspace, record, runCli, runMain } from '../helpers/workspace.ts';

function impact(id: string, files = cmdbWorkspace()): ImpactResult {
  const { workspace, diagnostics } = loadWorkspaceFromFiles(new Map(Object.entries(files)));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const answer = impactOf(buildImpactIndex(workspace.records), id);
  if (!answer.ok) throw new Error(answer.reason);
  return answer.result;
}

describe('impact analysis', () => {
  it('if the database fails: the web tier, what connects to it, the shop and the portal that needs the shop', async () => {
    const r = impact('CI-db');
    expect(r.downstream.map((n) => [n.id, n.depth, `${n.holder} ${n.label} ${n.target}`])).toEqual([
      ['CI-web', 1, 'CI-web depends on CI-db'],
      ['CI-lb', 2, 'CI-lb connects to CI-web'],
      ['SVC-shop', 2, 'SVC-shop built from CI-web'],
      ['SVC-portal', 3, 'SVC-portal depends on SVC-shop'],
    ]);
    expect(r.upstream.map((n) => n.id)).toEqual(['CI-host']);
    expect(r.servicesAffected).toEqual(['SVC-shop', 'SVC-portal']);
  });

  it('lists open incidents and planned changes anywhere in the chain, not finished ones', async () => {
    const r = impact('CI-db');
    expect(r.openIncidents.map((w) => [w.id, w.touches])).toEqual([['INC-0002', ['SVC-portal']]]);
    expect(r.plannedChanges.map((w) => [w.id, w.planned_start])).toEqual([['CHG-0002', '2026-03-14T22:00:00+01:00']]);
    // INC-0001 is resolved and CHG-0001 completed: history, not live work.
    expect(JSON.stringify(r)).not.toContain('INC-0001');
    expect(JSON.stringify(r)).not.toContain('CHG-0001');
  });

  it('for a service: its CIs and what they stand on upstream, services needing it downstream', async () => {
    const r = impact('SVC-shop');
    expect(r.upstream.map((n) => n.id)).toEqual(['CI-web', 'CI-lb', 'CI-db', 'CI-host']);
    expect(r.downstream.map((n) => n.id)).toEqual(['SVC-portal']);
    expect(r.servicesAffected).toEqual(['SVC-shop', 'SVC-portal']);
  });

  it('walks connection cycles once', async () => {
    const r = impact('CI-lb');
    expect(r.downstream.map((n) => n.id).sort()).toEqual(['CI-web', 'SVC-portal', 'SVC-shop']);
    expect(r.upstream.map((n) => n.id)).toEqual(['CI-web', 'CI-db', 'CI-host']);
  });

  it("a change's blast radius: what needs everything it changes, without the change itself", async () => {
    const { workspace } = loadWorkspaceFromFiles(new Map(Object.entries(cmdbWorkspace())));
    const chg = workspace.byId.get('CHG-0002')!;
    const r = changeImpact(buildImpactIndex(workspace.records), {
      ...(chg.data as { title: string; status: string; cis?: string[]; services?: string[] }),
      id: chg.id,
    });
    expect(r.changed!.map((c) => c.id)).toEqual(['CI-host', 'SVC-shop']);
    expect(r.downstream.map((n) => n.id)).toEqual(['CI-db', 'SVC-portal', 'CI-web', 'CI-lb']);
    expect(r.servicesAffected).toEqual(['SVC-shop', 'SVC-portal']);
    expect(r.upstream).toEqual([]);
    expect(r.plannedChanges).toEqual([]);
    expect(r.openIncidents.map((w) => w.id)).toEqual(['INC-0002']);
  });

  it('a CI nothing uses affects no service', async () => {
    const r = impact('CI-spare');
    expect(r.downstream).toEqual([]);
    expect(r.servicesAffected).toEqual([]);
  });
});

describe('itsm impact', () => {
  const dir = makeWorkspace(cmdbWorkspace());

  it('end to end: prints the chain as a tree a person can read', async () => {
    const r = runCli(['impact', 'CI-db'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "CI-db  Shop database  (configuration item, active)

      Needed by (downstream): 4 records that may stop working if CI-db fails
        CI-web          Web servers     (depends on CI-db)
          CI-lb         Load balancer   (connects to CI-web)
          SVC-shop      Web shop        (built from CI-web)
            SVC-portal  Partner portal  (depends on SVC-shop)

      Needs (upstream): 1 record whose failure may take CI-db down
        CI-host  Database host  (CI-db runs on it)

      Services affected: SVC-shop (Web shop), SVC-portal (Partner portal)

      Open incidents: 1
        INC-0002  P1  in_progress  Partner portal login fails  [touches SVC-portal]

      Planned changes: 1
        CHG-0002  scheduled  2026-03-14T22:00:00+01:00 -> 2026-03-14T23:00:00+01:00  Patch the database host  [touches CI-host, SVC-shop]
      "
    `);
  });

  it("shows a change's blast radius from each thing it changes", async () => {
    const r = await runMain(['impact', 'CHG-0002'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Changes: CI-host (Database host), SVC-shop (Web shop)\n');
    expect(r.stdout).toContain('  CI-host\n    CI-db       Shop database   (runs on CI-host)\n');
    expect(r.stdout).toContain('Services affected: SVC-shop (Web shop), SVC-portal (Partner portal)');
    expect((await runMain(['impact', 'CHG-0002', '--format', 'mermaid'], { cwd: dir })).stdout).toContain('n0 -.->|changes| n1');
  });

  it('gives JSON for scripts', async () => {
    const r = await runMain(['impact', 'SVC-portal', '--format', 'json'], { cwd: dir });
    const json = JSON.parse(r.stdout) as ImpactResult;
    expect(json.target).toEqual({ id: 'SVC-portal', kind: 'service', name: 'Partner portal', status: 'active' });
    expect(json.upstream.map((n) => n.id)).toEqual(['SVC-shop', 'CI-web', 'CI-lb', 'CI-db', 'CI-host']);
  });

  it('draws a Mermaid graph with every dependency among the records shown', async () => {
    const r = await runMain(['impact', 'CI-web', '--format', 'mermaid'], { cwd: dir });
    expect(r.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(r.stdout).toContain('n0["CI-web<br/>Web servers"]');
    expect(r.stdout).toMatch(/\(\["SVC-shop<br\/>Web shop"\]\)/);
    // Both directions of the load balancer link, and both CIs the shop is built from.
    expect(r.stdout.match(/-->\|connects to\|/g)).toHaveLength(2);
    expect(r.stdout.match(/-->\|built from\|/g)).toHaveLength(2);
    expect(r.stdout).toContain('class n0 target;');
  });

  it('escapes names that would break the Mermaid text', async () => {
    const files = {
      ...cmdbWorkspace(),
      'content/cis/CI-spare.md': record('id: CI-spare\nname: \'Spare "B" <script>\'\ntype: server\nenvironment: production\nstatus: active'),
    };
    const r = await runMain(['impact', 'CI-spare', '--format', 'mermaid'], { cwd: makeWorkspace(files) });
    expect(r.stdout).toContain('Spare #quot;B#quot; #lt;script#gt;');
  });

  it.each([
    [['impact', 'CI-dbx'], 'no CI or service CI-dbx. Did you mean CI-db?'],
    [['impact', 'INC-0002'], 'INC-0002 is an incident; impact works on configuration items (CI-...), services (SVC-...) and changes (CHG-...)'],
    [['impact', 'CHG-0404'], 'no change CHG-0404'],
    [['impact'], 'give one CI or service ID'],
    [['impact', 'CI-db', '--format', 'svg'], '--format must be one of pretty, json, mermaid'],
  ])('answers %j with a clear error', async (args, message) => {
    const r = await runMain(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
