import { describe, expect, it } from 'vitest';
import { crossChecks, type FileFacts } from '../../../src/core/validate/cross-checks.ts';
import type { RecordFacts } from '../../../src/core/validate/check-record.ts';

const ref = (target: string, to: RecordFacts['kind'], field: string, pointer = `/${field}`, acyclic = false) => ({ target, to, field, pointer, acyclic });
const file = (path: string, folderKind: RecordFacts['kind'], facts: Partial<RecordFacts>): FileFacts => ({
  file: path,
  folderKind,
  facts: { kind: folderKind, id: undefined, refs: [], schemaValid: true, summary: {}, ...facts },
});

const SERVICE = file('content/services/SVC-shop.md', 'service', { id: 'SVC-shop', offerings: ['new-account'] });
const CI_A = file('content/cis/CI-a.md', 'ci', { id: 'CI-a' });

describe('crossChecks', () => {
  it('finds nothing wrong in a consistent set', () => {
    const inc = file('content/incidents/INC-0001.md', 'incident', { id: 'INC-0001', refs: [ref('SVC-shop', 'service', 'service'), ref('CI-a', 'ci', 'cis', '/cis/0')] });
    expect(crossChecks([SERVICE, CI_A, inc])).toEqual([]);
  });

  it('reports a dangling reference at its pointer', () => {
    const inc = file('content/incidents/INC-0001.md', 'incident', { id: 'INC-0001', refs: [ref('CI-b', 'ci', 'cis', '/cis/1')] });
    expect(crossChecks([inc])).toEqual([expect.objectContaining({ rule: 'ref/unknown-id', pointer: '/cis/1', message: '`cis` refers to CI-b, but no such configuration item exists.' })]);
  });

  it('reports a reference to a record of the wrong kind that has the right prefix', () => {
    // a CI file whose id looks like a service ID: referencing it as a service is wrong
    const odd = file('content/cis/SVC-odd.md', 'ci', { id: 'SVC-odd' });
    const inc = file('content/incidents/INC-0001.md', 'incident', { id: 'INC-0001', refs: [ref('SVC-odd', 'service', 'service')] });
    const rules = crossChecks([odd, inc]).map((d) => d.rule);
    expect(rules).toContain('ref/wrong-kind');
    expect(rules).toContain('file/wrong-folder');
  });

  it('reports duplicate IDs on every file that carries them', () => {
    const a = file('content/incidents/INC-0001.md', 'incident', { id: 'INC-0001' });
    const b = file('content/incidents/INC-0002.md', 'incident', { id: 'INC-0001' });
    const d = crossChecks([a, b]);
    expect(d.filter((x) => x.rule === 'ref/duplicate-id').map((x) => x.file)).toEqual([a.file, b.file]);
    expect(d.filter((x) => x.rule === 'file/name-mismatch').map((x) => x.file)).toEqual([b.file]);
  });

  it('reports each dependency cycle once, wherever it closes', () => {
    const a = file('content/cis/CI-a.md', 'ci', { id: 'CI-a', refs: [ref('CI-b', 'ci', 'depends_on', '/depends_on/0', true)] });
    const b = file('content/cis/CI-b.md', 'ci', { id: 'CI-b', refs: [ref('CI-c', 'ci', 'depends_on', '/depends_on/0', true)] });
    const c = file('content/cis/CI-c.md', 'ci', { id: 'CI-c', refs: [ref('CI-a', 'ci', 'depends_on', '/depends_on/0', true)] });
    const cycles = crossChecks([a, b, c]).filter((d) => d.rule === 'cmdb/cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toBe('`depends_on` forms a cycle: CI-a -> CI-b -> CI-c -> CI-a.');
  });

  it('allows cycles in connects_to, which is two-way traffic', () => {
    const a = file('content/cis/CI-a.md', 'ci', { id: 'CI-a', refs: [ref('CI-b', 'ci', 'connects_to')] });
    const b = file('content/cis/CI-b.md', 'ci', { id: 'CI-b', refs: [ref('CI-a', 'ci', 'connects_to')] });
    expect(crossChecks([a, b])).toEqual([]);
  });

  it('checks that a request asks for an offering its service has', () => {
    const req = file('content/requests/REQ-0001.md', 'request', { id: 'REQ-0001', offering: 'new-laptop', refs: [ref('SVC-shop', 'service', 'service')] });
    expect(crossChecks([SERVICE, req])).toEqual([expect.objectContaining({ rule: 'ref/unknown-offering', hint: 'Use one of: new-account.' })]);
  });
});
