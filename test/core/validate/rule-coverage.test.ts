/**
 * Every rule ID the validator can report is produced by some test. Rule IDs are read from the
 * source by their call sites (`rule: 'x/y'`, `add('x/y'`, `once('x/y'`, `need(..., 'x/y'`,
 * `fail(file, 'x/y'`); a test counts when it names the ID (in `toEqual`, `toContain`, a
 * `rule file` summary...). Schema rules (`schema/<ajv keyword>`) are built from ajv's keywords and
 * are not listed here. A new rule without a test fails this file, which names it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/workspace.ts';

/** A quoted rule ID, in either quote style (a formatter may change which). */
const ID = String.raw`['"]([a-z0-9-]+/[a-z0-9-]+)['"]`;
const CALL_SITES = [
  new RegExp(String.raw`\brule: ${ID}`, 'g'),
  new RegExp(String.raw`\b(?:add|once)\(\s*${ID}`, 'g'),
  // need(when, data, field, rule, ...): the first x/y string of the call is the rule.
  new RegExp(String.raw`\bneed\([^;]*?${ID}`, 'g'),
  new RegExp(String.raw`\bfail\(\s*\w+,\s*${ID}`, 'g'),
];

function sources(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ path: `${dir}/${f}`, text: readFileSync(join(REPO_ROOT, dir, f), 'utf8') }));
}

/** Rule ID -> the source files that report it. */
function ruleIds(): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const { path, text } of sources('src')) {
    for (const re of CALL_SITES) {
      for (const m of text.matchAll(re)) ids.set(m[1]!, [...new Set([...(ids.get(m[1]!) ?? []), path])]);
    }
  }
  return ids;
}

describe('rule coverage', () => {
  const ids = ruleIds();

  it('finds the rules at every kind of call site', () => {
    for (const id of ['ref/unknown-id', 'kb/empty', 'lifecycle/fulfilled-at', 'team/same-name', 'front-matter/yaml', 'yaml/syntax'])
      expect(ids.has(id), id).toBe(true);
    expect(ids.size).toBeGreaterThan(60);
  });

  it('has a test producing every rule ID', () => {
    const tests = sources('test')
      .filter((f) => !f.path.endsWith('rule-coverage.test.ts'))
      .map((f) => f.text)
      .join('\n');
    const untested = [...ids]
      .filter(([id]) => !new RegExp(String.raw`(?<![\w/.-])${id}(?![\w/.-])`).test(tests))
      .map(([id, files]) => `${id} (${files.join(', ')})`);
    expect(untested, `rule IDs no test produces; add a test under test/core/validate/rules-*.test.ts:\n${untested.join('\n')}`).toEqual([]);
  });
});
