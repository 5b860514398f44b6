import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyEdits, editableDocument, scalarEdits, setTopLevel } from '../../src/core/record-writer.ts';

const OLD = 'INC-0001';
const NEW = 'INC-0042';

/** One front-matter line, as text before and after renumbering (only reference values change). */
type Piece = { before: string; after: string };

const value = (key: string) =>
  fc.constantFrom<Piece>(
    { before: `${key}: ${OLD}`, after: `${key}: ${NEW}` },
    { before: `${key}: "${OLD}"`, after: `${key}: "${NEW}"` },
    { before: `${key}: '${OLD}'   # was ${OLD}`, after: `${key}: '${NEW}'   # was ${OLD}` },
    { before: `${key}: [INC-0007, ${OLD}]`, after: `${key}: [INC-0007, ${NEW}]` },
    { before: `${key}: [ "${OLD}" ,INC-00011 ]`, after: `${key}: [ "${NEW}" ,INC-00011 ]` },
    { before: `${key}:\n  - ${OLD}\n  -   INC-0002`, after: `${key}:\n  - ${NEW}\n  -   INC-0002` },
    { before: `${key}: INC-00011`, after: `${key}: INC-00011` },
  );

const other = fc.constantFrom<Piece>(
  { before: `title: ${OLD} follow-up`, after: `title: ${OLD} follow-up` },
  { before: `# ${OLD} is mentioned in a comment`, after: `# ${OLD} is mentioned in a comment` },
  { before: `note: "${OLD}"`, after: `note: "${OLD}"` },
  { before: `timeline:\n  - { at: 2026-03-02T09:10:00+01:00, note: ${OLD} }`, after: `timeline:\n  - { at: 2026-03-02T09:10:00+01:00, note: ${OLD} }` },
);

describe('scalarEdits', () => {
  it('property: rewrites exactly the reference values, every other byte stays', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(value('incidents'), value('problem'), other), { minLength: 1, maxLength: 8 }), fc.boolean(), (pieces, crlf) => {
        // Keys must be unique for the YAML to be valid: number them.
        const numbered = pieces.map((p, i) => ({ before: p.before.replace(/^(incidents|problem|note|title|timeline):/, `$1_${i}:`), after: p.after.replace(/^(incidents|problem|note|title|timeline):/, `$1_${i}:`) }));
        const nl = crlf ? '\r\n' : '\n';
        const before = numbered.map((p) => p.before).join('\n').replace(/\n/g, nl) + nl;
        const after = numbered.map((p) => p.after).join('\n').replace(/\n/g, nl) + nl;
        const isReference = (path: ReadonlyArray<string | number>) => /^(incidents|problem)_/.test(String(path[0])) && path.length <= 2;
        expect(applyEdits(before, scalarEdits(before, OLD, NEW, isReference))).toBe(after);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses YAML it cannot parse, so nothing is half-renamed', () => {
    expect(() => scalarEdits('incidents: [INC-0001\n', OLD, NEW, () => true)).toThrow();
  });
});

describe('setTopLevel', () => {
  it('fills values in place, keeping comments, key order and the comments of replaced lists', () => {
    const doc = editableDocument('# head\nid: "{{id}}"\n# the service\nservice:\n# items\ncis: [] # none yet\nimpact: medium\n');
    setTopLevel(doc, { id: 'INC-0002', service: 'SVC-shop', cis: ['CI-a', 'CI-b'], team: 'TEAM-ops' });
    const text = doc.toString({ flowCollectionPadding: false });
    expect(text).toBe('# head\nid: INC-0002\n# the service\nservice: SVC-shop\n# items\ncis: [CI-a, CI-b] # none yet\nimpact: medium\nteam: TEAM-ops\n');
    expect(parse(text)).toEqual({ id: 'INC-0002', service: 'SVC-shop', cis: ['CI-a', 'CI-b'], impact: 'medium', team: 'TEAM-ops' });
  });
});
