import { describe, expect, it } from 'vitest';
import { crossChecks, type FileFacts } from '../../../src/core/validate/cross-checks.ts';
import type { RecordFacts } from '../../../src/core/validate/check-record.ts';

/** A file's facts from its id and the fields the cross checks read. */
const file = (path: string, folderKind: RecordFacts['kind'], id: string, summary: Record<string, unknown> = {}): FileFacts => ({
  file: path,
  folderKind,
  facts: { kind: folderKind, id, schemaValid: true, summary: { id, ...summary } },
});

const SERVICE = file('content/services/SVC-shop.md', 'service', 'SVC-shop', { offerings: [{ id: 'new-account', name: 'New account' }] });
const CI_A = file('content/cis/CI-a.md', 'ci', 'CI-a');

describe('crossChecks', () => {
  it('finds nothing wrong in a consistent set', () => {
    const inc = file('content/incidents/INC-0001.md', 'incident', 'INC-0001', { service: 'SVC-shop', cis: ['CI-a'] });
    expect(crossChecks([SERVICE, CI_A, inc])).toEqual([]);
  });

  it('reports a dangling reference at its pointer', () => {
    const inc = file('content/incidents/INC-0001.md', 'incident', 'INC-0001', { cis: ['CI-a', 'CI-b'] });
    expect(crossChecks([CI_A, inc])).toEqual([
      expect.objectContaining({ rule: 'ref/unknown-id', pointer: '/cis/1', message: '`cis` refers to CI-b, but no such configuration item exists.' }),
    ]);
  });

  it('reports a reference to a record of the wrong kind that has the right prefix', () => {
    // a CI file whose id looks like a service ID: referencing it as a service is wrong
    const odd = file('content/cis/SVC-odd.md', 'ci', 'SVC-odd');
    const inc = file('content/incidents/INC-0001.md', 'incident', 'INC-0001', { service: 'SVC-odd' });
    const rules = crossChecks([odd, inc]).map((d) => d.rule);
    expect(rules).toContain('ref/wrong-kind');
    expect(rules).toContain('file/wrong-folder');
  });

  it('reports duplicate IDs on every file that carries them', () => {
    const a = file('content/incidents/INC-0001.md', 'incident', 'INC-0001');
    const b = file('content/incidents/INC-0002.md', 'incident', 'INC-0001');
    const d = crossChecks([a, b]);
    expect(d.filter((x) => x.rule === 'ref/duplicate-id').map((x) => x.file)).toEqual([a.file, b.file]);
    expect(d.filter((x) => x.rule === 'file/name-mismatch').map((x) => x.file)).toEqual([b.file]);
  });

  it('reports each dependency cycle once, wherever it closes', () => {
    const a = file('content/cis/CI-a.md', 'ci', 'CI-a', { depends_on: ['CI-b'] });
    const b = file('content/cis/CI-b.md', 'ci', 'CI-b', { depends_on: ['CI-c'] });
    const c = file('content/cis/CI-c.md', 'ci', 'CI-c', { depends_on: ['CI-a'] });
    const cycles = crossChecks([a, b, c]).filter((d) => d.rule === 'cmdb/cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toBe('`depends_on` forms a cycle: CI-a -> CI-b -> CI-c -> CI-a.');
  });

  it('allows cycles in connects_to, which is two-way traffic', () => {
    const a = file('content/cis/CI-a.md', 'ci', 'CI-a', { connects_to: ['CI-b'] });
    const b = file('content/cis/CI-b.md', 'ci', 'CI-b', { connects_to: ['CI-a'] });
    expect(crossChecks([a, b])).toEqual([]);
  });

  it('checks that a request asks for an offering its service has', () => {
    const req = file('content/requests/REQ-0001.md', 'request', 'REQ-0001', { service: 'SVC-shop', offering: 'new-laptop' });
    expect(crossChecks([SERVICE, req])).toEqual([expect.objectContaining({ rule: 'ref/unknown-offering', hint: 'Use one of: new-account.' })]);
  });
});
