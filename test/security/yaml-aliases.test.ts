/**
 * Threat: a record or policy file whose YAML alias refers to itself (`a: &x [*x]`) builds a cyclic
 * value; every walker after the parser (ajv, diff, JSON.stringify for the cache and the site)
 * recursed forever and `validate` / `build` died with exit 70. A cycle is one diagnostic at the alias.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/core/front-matter.ts';
import { minimalWorkspace, INCIDENT } from '../helpers/fixtures.ts';
import { makeWorkspace, runMain } from '../helpers/workspace.ts';

const INC = 'content/incidents/INC-0001.md';

/** Cyclic front matter, each with the 1-based line and column of the alias that closes the loop. */
const CYCLES: Array<[string, string, number, number]> = [
  ['a list that contains itself', 'cis: &x [*x]', 2, 10],
  ['a map that contains itself', 'extra: &x { self: *x }', 2, 19],
  ['a deeply nested alias to an ancestor', 'extra: &top\n  a:\n    b:\n      - c: *top', 5, 12],
  ['a merge key that merges the map into itself', 'extra: &x\n  name: a\n  <<: *x', 4, 7],
  ['the whole front matter aliased from inside', '&root\nid: INC-0001\nextra: *root', 4, 8],
  ['two anchors that refer to each other', 'extra: &a\n  b: &b\n    a: *a\n    b: *b', 4, 8],
];

describe('a self-referencing YAML alias', () => {
  it.each(CYCLES)('in front matter (%s) is one front-matter/alias-cycle diagnostic at the alias', (_name, yaml, line, column) => {
    const parsed = parseFrontMatter(`---\n${yaml}\n---\nbody\n`, INC);
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({
        file: INC,
        rule: 'front-matter/alias-cycle',
        severity: 'error',
        line,
        column,
        message: expect.stringContaining('refers to itself'),
      }),
    ]);
    expect(parsed.diagnostics[0]!.hint).toMatch(/Write the values out/);
  });

  it('shared aliases that form no loop are still accepted', () => {
    const parsed = parseFrontMatter('---\nid: INC-0001\ncis: &c [CI-web]\nextra: { a: *c, b: *c }\n---\n', INC);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({ id: 'INC-0001', cis: ['CI-web'], extra: { a: ['CI-web'], b: ['CI-web'] } });
  });

  it('in a record makes `itsm validate` report it and exit 1, not crash', async () => {
    const dir = makeWorkspace({ ...minimalWorkspace(), [INC]: INCIDENT.replace('cis: [CI-web]', 'cis: &x [*x]') });
    const r = await runMain(['validate', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; rule: string; line: number }> };
    expect(out.diagnostics).toEqual([expect.objectContaining({ file: INC, rule: 'front-matter/alias-cycle', line: 6 })]);
    // The cache written by that run is readable by the next (JSON.stringify saw no cycle).
    const again = await runMain(['validate', '--format', 'json'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe(r.stdout);
  });

  it.each([
    ['itsm.yaml', 'name: &n [*n]\ntime_zone: Europe/Berlin\n', 1, 11],
    ['content/policies/sla.yaml', 'policies: &p\n  loop: *p\n', 2, 9],
    ['content/policies/priority-matrix.yaml', 'matrix: &m\n  <<: *m\n', 2, 7],
  ])('in %s is one yaml/alias-cycle diagnostic and exit 1', async (file, text, line, column) => {
    const dir = makeWorkspace({ ...minimalWorkspace(), [file]: text });
    const r = await runMain(['validate', '--format', 'json', '--no-cache'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; rule: string; line: number; column: number }> };
    expect(out.diagnostics.filter((d) => d.file === file)).toEqual([expect.objectContaining({ file, rule: 'yaml/alias-cycle', line, column })]);
  });

  it('in a value given to `itsm new` is refused, exit 2, nothing written', async () => {
    const dir = makeWorkspace(minimalWorkspace());
    const r = await runMain(['new', 'team', '--title', 'Night shift', '--no-edit', 'members=&x [*x]'], { cwd: dir, env: { ITSM_NOW: '2026-03-04T08:15:00Z' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('front-matter/alias-cycle');
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(join(dir, 'content/teams/TEAM-night-shift.md'))).toBe(false);
  });

  it('in a record makes `itsm build` fail with the diagnostic, not an internal error', async () => {
    const dir = makeWorkspace({ ...minimalWorkspace(), [INC]: INCIDENT.replace('cis: [CI-web]', 'cis: &x [*x]') });
    const r = await runMain(['build', '--out', `${dir}/../${dir.split('/').pop()}-site`], { cwd: dir });
    expect(r.code).not.toBe(70);
    expect(r.stderr + r.stdout).toContain('front-matter/alias-cycle');
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /i);
  }, 60_000);
});
