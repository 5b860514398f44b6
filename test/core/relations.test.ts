import { describe, expect, it } from 'vitest';
import { linkIndex, RELATIONS } from '../../src/core/relations.ts';
import { KINDS } from '../../src/core/ids.ts';
import { readSchemas } from '../../src/io/schemas.ts';

describe('relations', () => {
  it('every declared relation field exists in its kind schema', () => {
    const { documents } = readSchemas();
    for (const r of RELATIONS) {
      const schema = documents[r.from] as { properties: Record<string, unknown> };
      expect(schema.properties[r.field], `${r.from}.${r.field}`).toBeDefined();
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
