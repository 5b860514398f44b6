import { describe, expect, it } from 'vitest';
import { cmdbIndex } from '../../../src/core/site/cmdb.ts';
import { graphSvg } from '../../../src/core/site/graph-svg.ts';
import { siteLinks } from '../../../src/core/site/links.ts';
import { layoutGraph } from '../../../src/io/graph-layout.ts';
import { fixtureWorkspace } from './helpers.ts';

describe('CMDB views', () => {
  const ws = fixtureWorkspace();
  const cmdb = cmdbIndex(ws, siteLinks('/'));

  it('if the database fails, what needs it fails, and the services built from those: as `itsm impact` says', async () => {
    const impact = cmdb.impact('CI-pg-main');
    expect(impact.cis.map((c) => c.id)).toEqual(['CI-payments-api', 'CI-pg-replica', 'CI-web-frontend']);
    expect(impact.services.map((s) => [s.id, s.how])).toEqual([
      ['SVC-checkout', '3 steps away, via CI-web-frontend'],
      ['SVC-payments', '2 steps away, via CI-payments-api'],
    ]);
    expect(impact.openIncidents.map((r) => r.id)).toEqual(['INC-0001', 'INC-0003']);
    expect(impact.plannedChanges.map((r) => r.id)).toEqual(['CHG-0002', 'CHG-0003']);
    const { buildImpactIndex, impactOf } = await import('../../../src/core/impact.ts');
    const cli = impactOf(buildImpactIndex(ws.records), 'CI-pg-main');
    expect(cli.ok && cli.result.servicesAffected.sort()).toEqual(impact.services.map((s) => s.id));
  });

  it('a CI nothing else needs affects only the services built from it', () => {
    expect(cmdb.impact('CI-web-frontend').cis).toEqual([]);
    expect(cmdb.impact('CI-web-frontend').services.map((s) => [s.id, s.how])).toEqual([['SVC-checkout', 'SVC-checkout built from CI-web-frontend']]);
  });

  it('the graph holds the CI, its neighbours both ways and the services built from it', () => {
    const g = cmdb.graph('CI-payments-api');
    expect(g.nodes.map((n) => `${n.id}${n.focus ? '*' : ''}`)).toEqual(['CI-payments-api*', 'CI-pg-main', 'CI-web-frontend', 'SVC-payments']);
    expect(g.edges).toContainEqual({ from: 'CI-web-frontend', to: 'CI-payments-api', label: 'connects to' });
    expect(g.edges).toContainEqual({ from: 'SVC-payments', to: 'CI-payments-api', label: 'built from' });
  });

  it('draws the laid-out graph as an accessible SVG whose boxes link to the records', async () => {
    const g = cmdb.graph('CI-pg-main');
    const svg = graphSvg(g, await layoutGraph(g), 'Relationships of CI-pg-main');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Relationships of CI-pg-main"/);
    expect(svg).toContain('<a href="/cis/CI-payments-api/" class="node ci">');
    expect(svg).toContain('class="node ci focus"');
    expect((svg.match(/class="edge"/g) ?? []).length).toBe(g.edges.length);
    expect(graphSvg(g, await layoutGraph(g), 'Relationships of CI-pg-main')).toBe(svg);
  });
});
