import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect, isDeepStrictEqual } from 'node:util';
import { load } from 'js-yaml';
import { loadSimpleYaml, NOT_SIMPLE } from '../../src/core/yaml-fast.ts';
import { loadYaml, YAML_LIMITS } from '../../src/core/yaml-load.ts';
import { REPO_ROOT } from '../helpers/workspace.ts';
import { INCIDENT } from '../helpers/fixtures.ts';

/** js-yaml's answer: the value, or that it refuses the text. */
function general(text: string): { value: unknown } | { refused: string } {
  try {
    return { value: load(text, YAML_LIMITS) };
  } catch (err) {
    return { refused: (err as Error).message };
  }
}

/** The fast path either declines or gives exactly js-yaml's value, keys in the same order. */
function expectSameAsJsYaml(text: string): boolean {
  const fast = loadSimpleYaml(text);
  if (fast === NOT_SIMPLE) return false;
  const reference = general(text);
  expect(reference, `js-yaml refuses what the fast path read:\n${text}`).toHaveProperty('value');
  const value = (reference as { value: unknown }).value;
  // node's own deep equality: prototypes, types, NaN and -0 (vitest's is fooled by a `constructor` key).
  expect(isDeepStrictEqual(fast, value), `${text}\nfast: ${inspect(fast)}\njs-yaml: ${inspect(value)}`).toBe(true);
  expect(JSON.stringify(fast), text).toBe(JSON.stringify(value));
  return true;
}

function frontMatter(text: string): string {
  return text.slice(4, text.indexOf('\n---', 3) + 1);
}

describe('the fast path for plain front matter', () => {
  it('reads every demo record as js-yaml does, and most of them without js-yaml', () => {
    const content = join(REPO_ROOT, 'content');
    const files = readdirSync(content, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(100);
    let fast = 0;
    for (const f of files) if (expectSameAsJsYaml(frontMatter(readFileSync(join(content, f), 'utf8')))) fast++;
    // The demo is written the way teams write records: the fast path is the usual path, not a rare one.
    expect(fast / files.length).toBeGreaterThan(0.8);
  });

  it('reads the shapes records use: nested mappings, sequences at or below their key, flows, quotes, comments', () => {
    const text = [
      '# a comment line',
      'id: INC-0001',
      'title: Checkout is slow [EU] #1 for some (a comment from " #")',
      'count: 12',
      'ratio: -1.5',
      'flag: true',
      'empty:',
      'tilde: ~',
      'quoted: "a: b # not a comment"',
      "single: 'it''s, fine'",
      'cis: [CI-web, CI-db]',
      'none: []',
      'map: {}',
      'timeline:',
      '  - { at: 2026-03-02T18:19:22Z, status: new, note: Reported by monitoring }',
      '  - at: 2026-03-02T19:05:22Z   # the second',
      '    status: acknowledged',
      '    by: alice',
      'tags:',
      '- one',
      '- two',
      'pir:',
      '  actions:',
      '    - owner: bob',
      '      done: false',
      '',
      '  summary: http://example.com/a:b',
    ].join('\n');
    expect(expectSameAsJsYaml(text)).toBe(true);
    expect(loadSimpleYaml(text)).toMatchObject({ title: 'Checkout is slow [EU]', empty: null, tags: ['one', 'two'], single: "it's, fine" });
    expect(expectSameAsJsYaml(frontMatter(INCIDENT))).toBe(true);
  });

  it("declines what it does not read, and whatever js-yaml refuses, so errors keep js-yaml's messages and places", () => {
    const declined = [
      'a: |\n  text\n',
      'a: >-\n  text\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: "esc\\"aped"\n',
      'a: "two\n  lines"\n',
      'a: [1,\n  2]\n',
      'a: plain\n  continued\n',
      'a: b: c\n',
      'a: b:\n',
      'a: 1\na: 2\n',
      '__proto__: {}\n',
      'true: 1\n',
      'null: 1\n',
      '"quoted key": 1\n',
      'two words: 1\n',
      'a:1\n',
      'a :1\n',
      'a: [x,]\n',
      'a: {x}\n',
      'a: [k: v]\n',
      'a: "x"y\n',
      'a: "x"#c\n',
      'a: - b\n',
      'a: -\n',
      'a: @x\n',
      'a: `x`\n',
      'a: ? x\n',
      'a:\t1\n',
      'a: 1\r\nb: 2\r\n',
      '\ufeffa: 1\n',
      'a: x\u2028y\n',
      'a: x\u0085y\n',
      'a: \u0007\n',
      '- a\n- b\n',
      'plain\n',
      '  a: 1\n',
      'a: 1\n b: 2\n',
      'a:\n  b: 1\n c: 2\n',
      '---\na: 1\n',
      '%YAML 1.2\na: 1\n',
      'a: [b, [c, [d, [e, [f, [g, [h, [i, [j, [k, [l, [m, [n, [o, [p, [q]]]]]]]]]]]]]]]]\n',
      '',
      '# only a comment\n',
    ];
    for (const text of declined) expect(loadSimpleYaml(text), JSON.stringify(text)).toBe(NOT_SIMPLE);
  });

  it('types plain scalars exactly as the core schema does (null, booleans, integers, floats)', () => {
    const scalars = [
      '~',
      'null',
      'Null',
      'NULL',
      'nULL',
      'true',
      'True',
      'TRUE',
      'tRUE',
      'false',
      'yes',
      'no',
      'on',
      'y',
      '0',
      '-0',
      '+1',
      '08',
      '0o17',
      '0x1F',
      '0xG',
      '1_000',
      '1.5',
      '-.5',
      '1e3',
      '1E-3',
      '.inf',
      '-.Inf',
      '+.INF',
      '.nan',
      '.NaN',
      'NaN',
      '2026-03-02',
      '2026-03-02T18:19:22Z',
      '12:30',
      '1:2:3',
      'INC-0001',
      '-x',
    ];
    for (const s of scalars) {
      expect(expectSameAsJsYaml(`a: ${s}\n`), s).toBe(true);
      expect(expectSameAsJsYaml(`a: [${s}]\n`), `[${s}]`).toBe(true);
      expect(expectSameAsJsYaml(`a:\n  - ${s}\n`), `- ${s}`).toBe(true);
    }
  });

  it('never reads a document differently from js-yaml (generated documents full of traps)', () => {
    const keys = fc.constantFrom('id', 'status', 'note', 'a', 'b', 'b', 'team_1', 'x-y', 'null', 'true', 'False', '__proto__', 'two words', '"q"', '1a', 'é');
    const traps = fc.constantFrom(
      '',
      '~',
      'null',
      'true',
      'FALSE',
      '0x1F',
      '0o17',
      '08',
      '1_000',
      '+.5',
      '.inf',
      '.NaN',
      '1e3',
      '-',
      '- a',
      'a: b',
      'a:b',
      'a #c',
      'a#c',
      '#c',
      '"q"',
      '"a: b"',
      "'it''s'",
      "'a'b'",
      '"a\\"b"',
      '[a, b]',
      '[a,]',
      '[ ]',
      '{}',
      '{a: 1, b: [c]}',
      '{a}',
      '[a: b]',
      '[a, [b, {c: d}]]',
      '{ at: 2026-03-02T18:19:22Z, note: Waiting for the vendor }',
      '&x a',
      '*x',
      '!!str 1',
      '|',
      '>',
      '@x',
      '? a',
      ': a',
      'é ü',
      'text with spaces   ',
      'http://x.y/a?b=c#d',
      'C:\\temp',
      '[a] b',
      '"unclosed',
    );
    const plain = fc.constantFrom(
      'INC-0001',
      'resolved',
      'alice',
      'Checkout is slow',
      '2026-03-02T18:19:22Z',
      '12',
      '-3.5',
      'true',
      'null',
      '[CI-web, CI-db]',
      '{ at: 2026-03-02T18:19:22Z, by: bob }',
      '"quoted: text"',
      "'single'",
      'a # comment',
    );
    const scalars = fc.oneof({ weight: 3, arbitrary: plain }, { weight: 2, arbitrary: traps });
    // Documents built as trees (mostly well formed, so the fast path reads many), then mangled a little.
    const safeKeys = fc.constantFrom('id', 'status', 'note', 'a', 'b', 'team_1', 'x-y', 'on', 'yes', 'constructor');
    type Node = { scalar: string } | { map: Array<[string, Node]> } | { seq: Node[] };
    const { node } = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalars.map((v): Node => ({ scalar: v })),
        fc
          .array(fc.tuple(fc.oneof({ weight: 8, arbitrary: safeKeys }, { weight: 1, arbitrary: keys }), tie('node')), { minLength: 1, maxLength: 4 })
          .map((map): Node => ({ map })),
        fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((seq): Node => ({ seq })),
      ),
    }));
    const render = (n: Node, indent: string, compactSeq: boolean): string[] => {
      if ('scalar' in n) return [];
      if ('map' in n)
        return n.map.flatMap(([k, v]) => ('scalar' in v ? [`${indent}${k}: ${v.scalar}`] : [`${indent}${k}:`, ...render(v, indent + '  ', compactSeq)]));
      const at = compactSeq ? indent.slice(2) : indent;
      return n.seq.flatMap((v) => {
        if ('scalar' in v) return [`${at}- ${v.scalar}`];
        if ('map' in v) {
          const [first, ...rest] = render(v, at + '  ', compactSeq);
          return [`${at}- ${first!.slice(at.length + 2)}`, ...rest];
        }
        return [`${at}-`, ...render(v, at + '  ', compactSeq)];
      });
    };
    const document = fc
      .tuple(fc.array(fc.tuple(safeKeys, node), { minLength: 1, maxLength: 5 }), fc.boolean(), fc.constantFrom('', '# note\n', '\n'))
      .map(([map, compact, extra]) => render({ map }, '', compact).join('\n') + '\n' + extra);
    const mutation = fc.tuple(fc.nat(), fc.constantFrom('', ' ', ':', '-', '#', '"', "'", '[', ']', '{', '}', ',', '\n', '  ', '\t', '\\', '&', '*', '!', '|'));
    let read = 0;
    fc.assert(
      fc.property(document, fc.oneof(fc.constant([]), fc.array(mutation, { minLength: 1, maxLength: 2 })), (doc, edits) => {
        let text = doc;
        for (const [at, insert] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + insert + text.slice(p + (insert === '' ? 1 : 0));
        }
        if (expectSameAsJsYaml(text)) read++;
      }),
      { numRuns: 8000 },
    );
    // Enough of them are read by the fast path for the comparison to mean something (about one in eight).
    expect(read).toBeGreaterThan(600);
  });

  it('loadYaml gives the same values whichever parser reads the text', () => {
    expect(loadYaml('a: 1\nb: [x]\n')).toStrictEqual({ a: 1, b: ['x'] });
    expect(loadYaml('a: &x [1]\nb: *x\n')).toStrictEqual({ a: [1], b: [1] });
    expect(() => loadYaml('a: b: c\n')).toThrow(/bad indentation/);
  });
});
