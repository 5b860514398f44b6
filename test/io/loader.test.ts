import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeRecord } from '../../src/io/analyze.ts';
import { getValidators } from '../../src/io/workspace.ts';

describe('the loader never throws on user content', () => {
  const v = getValidators();
  const policies = {};
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const o = analyzeRecord('content/incidents/INC-0001.md', 'incident', bytes, v, policies, false);
        expect(Array.isArray(o.diagnostics)).toBe(true);
        for (const d of o.diagnostics) expect(d.line).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
  it('on arbitrary text after a front-matter fence', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 50 }), (yaml, body) => {
        const bytes = new TextEncoder().encode(`---\n${yaml}\n---\n${body}`);
        const o = analyzeRecord('content/incidents/INC-0001.md', 'incident', bytes, v, policies, true);
        expect(o.diagnostics.length > 0 || o.facts !== undefined).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('readBytes', () => {
  it('says why a path cannot be read instead of throwing', async () => {
    const { readBytes, unreadableDiagnostic } = await import('../../src/io/layout.ts');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/itsm-read-`);
    const r = readBytes(dir);
    expect(r).toEqual({ unreadable: 'EISDIR' });
    expect(unreadableDiagnostic('content/incidents/INC-0001.md', 'EISDIR')).toMatchObject({
      rule: 'file/unreadable',
      severity: 'error',
      message: 'The file cannot be read (EISDIR).',
    });
  });
});
