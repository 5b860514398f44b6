import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parse } from 'yaml';
import { applyEdits, editableDocument, editRecord, renderRecord, renderThroughDocument, scalarEdits, setTopLevel } from '../../src/core/record-writer.ts';

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
        const numbered = pieces.map((p, i) => ({
          before: p.before.replace(/^(incidents|problem|note|title|timeline):/, `$1_${i}:`),
          after: p.after.replace(/^(incidents|problem|note|title|timeline):/, `$1_${i}:`),
        }));
        const nl = crlf ? '\r\n' : '\n';
        const before =
          numbered
            .map((p) => p.before)
            .join('\n')
            .replace(/\n/g, nl) + nl;
        const after =
          numbered
            .map((p) => p.after)
            .join('\n')
            .replace(/\n/g, nl) + nl;
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

describe('renderRecord', () => {
  it('prints front matter like a hand-written record: plain where it can, single quotes where YAML needs them', () => {
    const text = renderRecord(
      {
        id: 'INC-0003',
        title: "The partner's feed is late: again",
        tags: ['vpn', '#x'],
        note: 'Reported through issue #42',
        empty: '',
        count: '42',
        nothing: undefined,
        source: { system: 'jira', id: 'ITSM-101' },
      },
      'Body.\n',
    );
    expect(text).toBe(`---
id: INC-0003
title: 'The partner''s feed is late: again'
tags: [vpn, '#x']
note: 'Reported through issue #42'
empty: ''
count: '42'
source: {system: jira, id: ITSM-101}
---

Body.
`);
  });

  it('keeps collections from flowLevel on one line, and text with line breaks or control characters readable', () => {
    const data = {
      timeline: [{ at: '2026-03-04T09:15:00+01:00', status: 'new', note: 'two\nlines' }],
      source: { system: 'github-issue', id: '42' },
      resolution: 'First.\nSecond.',
      odd: 'tab\there',
    };
    expect(renderRecord(data, '', { flowLevel: 2 })).toBe(`---
timeline:
  - {at: 2026-03-04T09:15:00+01:00, status: new, note: "two\\nlines"}
source:
  system: github-issue
  id: '42'
resolution: |-
  First.
  Second.
odd: "tab\\there"
---

`);
  });

  const tricky = [
    'yes',
    'no',
    'on',
    'null',
    '~',
    '',
    ' lead',
    'trail ',
    'a: b',
    '- a',
    '@x',
    '`x`',
    '"q"',
    "it's",
    '12',
    '1e3',
    '.inf',
    '0x1f',
    '2026-03-04',
    '[x]',
    '{x}',
    'x,y',
    '!x',
    '&a',
    '*a',
    '%x',
    '|x',
    '>x',
    '?x',
    'x:',
    '=',
    '$(rm -rf /)',
    '${{ x }}',
    'line\r\nx',
    'multi\nline\n',
    ' multi\nline',
    'a\u0007b',
    '\u2028',
    '\ufeffx',
  ];
  it.each(tricky)('reads %j back as written, in a block and in a flow list', (value) => {
    const text = renderRecord({ k: value, l: [value] }, '');
    const yaml = text.slice(4, text.indexOf('---\n', 4));
    expect(load(yaml, { schema: CORE_SCHEMA })).toEqual({ k: value, l: [value] });
    expect(parse(yaml)).toEqual({ k: value, l: [value] });
  });
});

describe('renderRecord written directly', () => {
  // Text an export may hold: YAML indicators, keywords, numbers, times, quotes, non-ASCII, spaces at the ends.
  const piece = fc.constantFrom(
    'a',
    'Z',
    '0',
    '7',
    ' ',
    ':',
    ': ',
    ' #',
    '#',
    '-',
    '- ',
    '?',
    ',',
    '[',
    ']',
    '{',
    '}',
    "'",
    '"',
    '!',
    '&',
    '*',
    '@',
    '`',
    '%',
    '|',
    '>',
    '=',
    '~',
    '.',
    'é',
    'true',
    'null',
    'yes',
    '1e3',
    '0x1F',
    '2026-03-14T09:00:00+01:00',
    '\t',
    '\n',
  );
  const text = fc.array(piece, { minLength: 0, maxLength: 6 }).map((p) => p.join(''));
  const scalar = fc.oneof(text, fc.integer(), fc.boolean());
  const record = fc.record({
    id: fc.constant('INC-0001'),
    title: text,
    status: scalar,
    cis: fc.array(text, { maxLength: 3 }),
    source: fc.record({ system: fc.constant('servicenow'), id: text }),
    timeline: fc.array(fc.record({ at: text, note: text, priority: scalar }), { maxLength: 3 }),
    imported: fc.dictionary(fc.constantFrom('made_sla', 'contact_type', 'reopen_count'), scalar),
  });

  it('writes the same bytes as the Document API, whatever the text', () => {
    fc.assert(
      fc.property(record, (data) => {
        const options = { flowLevel: 1, blockLists: ['timeline'] };
        expect(renderRecord(data, 'Body.\n', options)).toBe(renderThroughDocument(data, 'Body.\n', options));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('editRecord', () => {
  const record = '---\n# how it started\nid: INC-0001\nstatus: new   # set by the desk\ncis: [CI-a]\n---\n\nIt broke.\n';

  it('sets fields in steps, keeping comments, order and the body', () => {
    const r = editRecord(record, { set: [{ status: 'resolved', cis: ['CI-a', 'CI-b'] }, (get) => ({ note: `was ${String(get('status'))}` })] });
    expect(r).toEqual({
      ok: true,
      text: '---\n# how it started\nid: INC-0001\nstatus: resolved # set by the desk\ncis: [CI-a, CI-b]\nnote: was resolved\n---\n\nIt broke.\n',
    });
  });

  it('removes fields and keeps some items of lists, the kept items as written (an earlier version of a record)', () => {
    const text =
      "---\nid: INC-0001\nstatus: resolved\nresolution: 'Restarted.'\ncis:\n  - CI-a # the web tier\n  - CI-b\ntimeline:\n  - at: 2026-03-02T09:00:00+01:00\n    note: 'Reported: it broke.'\n  - at: 2026-03-02T10:00:00+01:00\n    status: resolved\n---\nBody.\n";
    const r = editRecord(text, { set: [{ status: 'new' }], remove: ['resolution'], keepItems: { cis: (v) => v === 'CI-a', timeline: (_, i) => i < 1 } });
    expect(r).toEqual({
      ok: true,
      text: "---\nid: INC-0001\nstatus: new\ncis:\n  - CI-a # the web tier\ntimeline:\n  - at: 2026-03-02T09:00:00+01:00\n    note: 'Reported: it broke.'\n---\nBody.\n",
    });
    const pir = '---\nid: INC-0001\npir:\n  actions:\n    - { title: Pool size, change: CHG-0006 }\n    - title: Alerts\n      change: CHG-0007\n---\n';
    expect(
      editRecord(pir, {
        removeIn: [
          ['pir', 'actions', 0, 'change'],
          ['pir', 'actions', 1, 'change'],
        ],
      }),
    ).toEqual({
      ok: true,
      text: '---\nid: INC-0001\npir:\n  actions:\n    - {title: Pool size}\n    - title: Alerts\n---\n',
    });
    // A list left empty goes, as does a field that is not there.
    expect(editRecord(text, { remove: ['nope'], keepItems: { cis: () => false } })).toMatchObject({
      ok: true,
      text: expect.not.stringContaining('cis:') as unknown,
    });
  });

  it('says what stops it: no front matter, broken YAML, unknown placeholders', () => {
    expect(editRecord('no fences', {})).toEqual({ ok: false, problem: 'no-front-matter' });
    expect(editRecord('---\nid: [x\n---\n', {})).toMatchObject({ ok: false, problem: 'yaml' });
    expect(editRecord('---\nid: "{{id}}"\nt: "{{nope}}"\n---\n', { fill: (t) => (t === 'id' ? 'X' : undefined) })).toEqual({
      ok: false,
      problem: 'unknown-placeholders',
      tokens: ['nope'],
    });
  });
});
