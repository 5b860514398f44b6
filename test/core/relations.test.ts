import { describe, expect, it } from 'vitest';
import { linkIndex, referencesOf, RELATIONS } from '../../src/core/relations.ts';
import { KINDS } from '../../src/core/ids.ts';
import { readSchemas } from '../../src/io/schemas.ts';

type Node = { properties?: Record<string, Node>; items?: Node };

describe('relations', () => {
  it("find references inside a section's lists, with a pointer to each", () => {
    const data = {
      problem: 'PRB-0001',
      pir: {
        actions: [
          { title: 'a', change: 'CHG-0002' },
          { title: 'b', problem: 'PRB-0003', change: 'CHG-0004' },
        ],
      },
    };
    expect(referencesOf('incident', data).map((r) => `${r.relation.field} ${r.target} ${r.pointer}`)).toEqual([
      'problem PRB-0001 /problem',
      'pir.actions.problem PRB-0003 /pir/actions/1/problem',
      'pir.actions.change CHG-0002 /pir/actions/0/change',
      'pir.actions.change CHG-0004 /pir/actions/1/change',
    ]);
    const links = linkIndex([
      { kind: 'incident', id: 'INC-0001', data },
      { kind: 'change', id: 'CHG-0002', data: {} },
    ]);
    expect(links.get('CHG-0002')).toEqual([{ id: 'INC-0001', label: 'carries out review actions of', direction: 'in' }]);
  });

  it('every declared relation field exists in its kind schema', () => {
    const { documents } = readSchemas();
    for (const r of RELATIONS) {
      // A dotted field walks into the section's properties, and through a list to its items' properties.
      let node = documents[r.from] as Node | undefined;
      for (const key of r.field.split('.')) node = (node?.items ?? node)?.properties?.[key];
      expect(node, `${r.from}.${r.field}`).toBeDefined();
      expect(KINDS).toContain(r.to);
    }
  });
  it('links records both ways with the inverse labels', () => {
    const links = linkIndex([
      { kind: 'incident', id: 'INC-0001', data: { service: 'SVC-a', cis: ['CI-x'], problem: 'PRB-0001' } },
      { kind: 'service', id: 'SVC-a', data: {} },
      { kind: 'ci', id: 'CI-x', data: {} },
      { kind: 'problem', id: 'PRB-0001', data: { incidents: ['INC-0001'] } },
    ]);
    expect(links.get('SVC-a')).toEqual([{ id: 'INC-0001', label: 'incidents', direction: 'in' }]);
    expect(links.get('INC-0001')).toEqual([
      { id: 'SVC-a', label: 'affects service', direction: 'out' },
      { id: 'CI-x', label: 'involves', direction: 'out' },
      { id: 'PRB-0001', label: 'caused by problem', direction: 'out' },
      { id: 'PRB-0001', label: 'explained by problem', direction: 'in' },
    ]);
  });
});
