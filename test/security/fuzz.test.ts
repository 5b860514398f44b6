/**
 * Threat: a record, policy or settings file that a PR author writes is untrusted input to the loader
 * and to `itsm validate`. Whatever it holds (arbitrary bytes, arbitrary unicode, YAML with anchors,
 * aliases and cycles, code-running tags such as !!js/function, !!binary, deep nesting, huge strings,
 * duplicate keys, merge keys), the loader returns data or diagnostics and never throws, and
 * `validate` exits 0, 1 or 2 with no stack trace. Runs are bounded so the file takes a few seconds;
 * a failure prints fast-check's seed and the shrunk input to replay it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecordBytes, parseFrontMatter, type ParsedFile } from '../../src/core/front-matter.ts';
import { loadWorkspaceFromFiles } from '../../src/io/workspace.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, runMain } from '../helpers/workspace.ts';

const INC = 'content/incidents/INC-0001.md';

type YamlNode =
  | { t: 'scalar'; v: string; anchor?: string; tag?: string }
  | { t: 'seq'; items: YamlNode[]; anchor?: string; tag?: string; block: boolean }
  | { t: 'map'; entries: Array<[string, YamlNode]>; anchor?: string; tag?: string; block: boolean }
  | { t: 'alias'; name: string };

const TAGS = [
  '!!js/function',
  '!!js/undefined',
  '!!js/regexp',
  '!!binary',
  '!!python/object/apply:os.system',
  '!!str',
  '!!int',
  '!!float',
  '!!bool',
  '!!null',
  '!!map',
  '!!seq',
  '!!set',
  '!!omap',
  '!!pairs',
  '!!timestamp',
  '!!merge',
  '!custom',
  '!<tag:yaml.org,2002:js/function>',
  '!',
];
const ANCHORS = ['a', 'b', 'c'];
const KEYS = [
  'id',
  'title',
  'status',
  'service',
  'cis',
  'impact',
  'urgency',
  'priority',
  'reported_at',
  'resolved_at',
  'timeline',
  'extra',
  '<<',
  '__proto__',
  'constructor',
  'toString',
];
const SPECIAL = [
  'INC-0001',
  'INC-9007199254740993',
  'SVC-shop',
  'CI-web',
  'null',
  '~',
  'true',
  'no',
  '0x1F',
  '0o17',
  '1e400',
  '.nan',
  '-.inf',
  '123456789012345678901234567890',
  '2026-03-02T09:10:00+01:00',
  '2026-03-02',
  '2026-03-02T09:10:00',
  'resolved',
  'P1',
  'high',
  '""',
  "''",
  '|',
  '>',
  '- ',
  '? ',
  '#c',
  '%YAML 1.2',
  '---',
  '...',
  '@x',
  '`x',
  '!',
  '&',
  '*',
  '{',
  '[',
  ']',
  '}',
  ':',
  'a: b',
  '"\\u0000"',
  '"\\e[31m"',
  '"\\uD800"',
  '\u202e',
  '\t',
];

const scalar = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.nat({ max: 100_000 }).map((n) => 'x'.repeat(n)) },
);
const decorate = fc.record({
  anchor: fc.option(fc.constantFrom(...ANCHORS), { nil: undefined }),
  tag: fc.option(fc.constantFrom(...TAGS), { freq: 12, nil: undefined }),
});
const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });

const { node } = fc.letrec<{ node: YamlNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(scalar, decorate).map(([v, d]) => ({ t: 'scalar' as const, v, ...d })),
    fc.constantFrom(...ANCHORS).map((name) => ({ t: 'alias' as const, name })),
    fc.tuple(fc.array(tie('node'), { maxLength: 4 }), decorate, fc.boolean()).map(([items, d, block]) => ({ t: 'seq' as const, items, block, ...d })),
    fc
      .tuple(fc.array(fc.tuple(key, tie('node')), { maxLength: 4 }), decorate, fc.boolean())
      .map(([entries, d, block]) => ({ t: 'map' as const, entries, block, ...d })),
  ),
}));

function props(n: YamlNode): string {
  if (n.t === 'alias') return '';
  return `${n.tag ? n.tag + ' ' : ''}${n.anchor ? '&' + n.anchor + ' ' : ''}`;
}

function flow(n: YamlNode): string {
  if (n.t === 'alias') return `*${n.name}`;
  if (n.t === 'scalar') return props(n) + n.v;
  if (n.t === 'seq') return `${props(n)}[${n.items.map(flow).join(', ')}]`;
  return `${props(n)}{${n.entries.map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
}

/** A value after `key:` in block style at the given indent (nested collections go on the next lines). */
function block(n: YamlNode, indent: number): string {
  const pad = ' '.repeat(indent);
  if (n.t === 'seq' && n.block && n.items.length) return `${props(n)}\n${n.items.map((i) => `${pad}- ${block(i, indent + 2)}`).join('\n')}`;
  if (n.t === 'map' && n.block && n.entries.length) return `${props(n)}\n${n.entries.map(([k, v]) => `${pad}${k}: ${block(v, indent + 2)}`).join('\n')}`;
  return flow(n);
}

/** Well-formed YAML values (quoted or plain-safe scalars), where `*a` may sit inside the node anchored &a: a cycle. */
const { tame } = fc.letrec<{ tame: string }>((tie) => ({
  tame: fc.oneof(
    { depthSize: 'small' },
    fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
    fc.string({ unit: 'grapheme', maxLength: 12 }).map((t) => JSON.stringify(t)),
    fc.constantFrom('INC-0001', 'CI-web', 'SVC-shop', '2026-03-02T09:10:00+01:00', 'high', '12', '-1.5', 'null', 'true', '*a'),
    fc.array(tie('tame'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
    fc
      .array(fc.tuple(fc.constantFrom(...KEYS.filter((k) => k !== '__proto__')), tie('tame')), { maxLength: 4 })
      .map((es) => `{${es.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
  ),
}));
const INCIDENT_LINES = minimalWorkspace()[INC]!.split('---\n')[1]!.trim().split('\n');
/** The fixture incident with a few fields replaced or added; the first gets the anchor &a. */
const plausible = fc.array(fc.tuple(fc.constantFrom(...KEYS), tame), { minLength: 1, maxLength: 4 }).map((changes) => {
  const lines = INCIDENT_LINES.filter((l) => !changes.some(([k]) => l.startsWith(`${k}:`)) && !l.startsWith('  '));
  return [...lines, ...changes.map(([k, v], i) => `${k}: ${i === 0 ? '&a ' : ''}${v}`)].join('\n');
});

const frontMatterYaml = fc.oneof(
  { weight: 5, arbitrary: plausible },
  { weight: 4, arbitrary: fc.array(fc.tuple(key, node), { minLength: 1, maxLength: 8 }).map((es) => es.map(([k, v]) => `${k}: ${block(v, 2)}`).join('\n')) },
  { weight: 1, arbitrary: node.map((n) => block(n, 0)) },
  // Deep nesting, in flow and in block style.
  { weight: 1, arbitrary: fc.nat({ max: 300 }).map((d) => `k: ${'['.repeat(d)}${']'.repeat(d)}`) },
  { weight: 1, arbitrary: fc.nat({ max: 120 }).map((d) => Array.from({ length: d }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' x') },
  // Arbitrary unicode, including control and bidi characters.
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

const recordText = fc.tuple(frontMatterYaml, fc.string({ unit: 'grapheme', maxLength: 40 })).map(([yaml, body]) => `---\n${yaml}\n---\n${body}\n`);

/** What every parse result must look like: data that is a plain tree, or diagnostics that say where. */
function expectWellFormed(r: ParsedFile): void {
  if (r.data === undefined) expect(r.diagnostics.length).toBeGreaterThan(0);
  else {
    expect(r.diagnostics).toEqual([]);
    expect(() => JSON.stringify(r.data)).not.toThrow();
  }
  for (const d of r.diagnostics) {
    expect(typeof d.rule).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
    expect(Number.isInteger(d.line) && Number.isInteger(d.column)).toBe(true);
  }
}

const STACK = /internal error|\n\s+at \S+ \(|\n\s+at file:/i;

describe('fuzz: the front-matter loader', () => {
  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          recordText.map((t) => new TextEncoder().encode(t)),
        ),
        (bytes) => {
          const decoded = decodeRecordBytes(bytes, INC);
          expectWellFormed('problem' in decoded ? decoded.problem : parseFrontMatter(decoded.text, INC));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary YAML (anchors, aliases, tags, nesting, huge strings, duplicate keys)', () => {
    fc.assert(
      fc.property(recordText, (text) => expectWellFormed(parseFrontMatter(text, INC))),
      { numRuns: 600 },
    );
  });

  it('never throws on arbitrary unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.boolean(), (text, fenced) =>
        expectWellFormed(parseFrontMatter(fenced ? `---\n${text}\n---\n` : text, INC)),
      ),
      { numRuns: 300 },
    );
  });
});

describe('fuzz: the workspace loader', () => {
  it('turns any record, itsm.yaml or policy file into diagnostics, never an exception', () => {
    const base = minimalWorkspace();
    const target = fc.constantFrom(INC, 'itsm.yaml', 'content/policies/sla.yaml', 'content/policies/priority-matrix.yaml', 'content/teams/TEAM-ops.md');
    const content = fc.oneof(recordText, frontMatterYaml, fc.uint8Array({ maxLength: 200 }));
    fc.assert(
      fc.property(target, content, (file, text) => {
        const files = new Map<string, string | Uint8Array>(Object.entries(base));
        files.set(file, text);
        const r = loadWorkspaceFromFiles(files);
        for (const d of r.diagnostics) expect(typeof d.file === 'string' && Number.isInteger(d.line) && d.message.length > 0).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('fuzz: itsm validate', () => {
  it('exits 0, 1 or 2 with no stack trace, whatever a record or policy file holds', async () => {
    const dir = makeWorkspace(minimalWorkspace());
    const base = minimalWorkspace();
    const target = fc.constantFrom(INC, 'itsm.yaml', 'content/policies/change-policy.yaml', 'content/services/SVC-shop.md');
    const content = fc.oneof(recordText, frontMatterYaml, fc.uint8Array({ maxLength: 200 }));
    await fc.assert(
      // With the cache too: it is written with JSON.stringify, which a cyclic value would crash.
      fc.asyncProperty(target, content, fc.boolean(), async (file, text, cache) => {
        writeFileSync(join(dir, file), text);
        try {
          const r = await runMain(['validate', ...(cache ? [] : ['--no-cache']), '--format', 'json'], { cwd: dir });
          expect([0, 1, 2]).toContain(r.code);
          expect(r.stderr).not.toMatch(STACK);
          if (r.code !== 2) expect(() => JSON.parse(r.stdout)).not.toThrow();
        } finally {
          writeFileSync(join(dir, file), base[file]!);
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
