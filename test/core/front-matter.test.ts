import { describe, expect, it } from 'vitest';
import { decodeRecordBytes, parseFrontMatter } from '../../src/core/front-matter.ts';

describe('parseFrontMatter', () => {
  it('splits YAML front matter from the Markdown body and keeps timestamps as strings', () => {
    const r = parseFrontMatter('---\nid: INC-0001\nreported_at: 2026-03-02T09:10:00+01:00\n---\n\n# Body\n', 'x.md');
    expect(r.diagnostics).toEqual([]);
    expect(r.data).toEqual({ id: 'INC-0001', reported_at: '2026-03-02T09:10:00+01:00' });
    expect(r.body).toBe('\n# Body\n');
    expect(r.bodyLine).toBe(5); // the body starts with the blank line after the closing ---
  });

  // The split used to be gray-matter's; these are the cuts it made, kept exactly.
  it.each([
    ['a comment-only front matter is an empty mapping', '---\n# just a note\n---\nBody', { data: {}, body: 'Body', yaml: '\n# just a note' }],
    ['a null document is an empty mapping', '---\nnull\n---\nx', { data: {}, body: 'x', yaml: '\nnull' }],
    ['text after the closing dashes starts the body', '---\na: 1\n---x: 2\n---\nbody', { data: { a: 1 }, body: 'x: 2\n---\nbody', yaml: '\na: 1' }],
    ['a comment inside a block scalar is text', '---\na: |\n  # hi\n---\n', { data: { a: '# hi\n' }, body: '', yaml: '\na: |\n  # hi' }],
    [
      'CRLF: one line break after the closing line is dropped',
      '---\r\na: 1\r\n---\r\n\r\nBody\r\n',
      { data: { a: 1 }, body: '\r\nBody\r\n', yaml: '\r\na: 1\r' },
    ],
  ])('cuts front matter and body as before: %s', (_, text, expected) => {
    const r = parseFrontMatter(text, 'x.md');
    expect(r.diagnostics).toEqual([]);
    expect({ data: r.data, body: r.body, yaml: r.yaml }).toEqual(expected);
  });

  it('reports a lone # as YAML with nothing in it, and blank front matter as empty', () => {
    expect(parseFrontMatter('---\n#\n---\nx', 'x.md').diagnostics.map((d) => d.rule)).toEqual(['front-matter/yaml']);
    expect(parseFrontMatter('---\n\n  \n---\n', 'x.md').diagnostics.map((d) => d.rule)).toEqual(['front-matter/empty']);
  });

  it('reads files with a BOM and CRLF line endings', () => {
    const r = parseFrontMatter('\ufeff---\r\nid: INC-0001\r\ntitle: Printer on fire\r\n---\r\nBody\r\n', 'x.md');
    expect(r.diagnostics).toEqual([]);
    expect(r.data).toEqual({ id: 'INC-0001', title: 'Printer on fire' });
  });

  it('refuses ---js front matter without running it', () => {
    (globalThis as Record<string, unknown>).pwned = false;
    const r = parseFrontMatter('---js\n{ id: (globalThis.pwned = true, "INC-0001") }\n---\n', 'x.md');
    expect((globalThis as Record<string, unknown>).pwned).toBe(false);
    expect(r.data).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ rule: 'front-matter/language', line: 1, column: 1 });
  });

  it('refuses ---javascript even when the first line has spaces after it', () => {
    const r = parseFrontMatter('--- javascript\nmodule.exports = {}\n---\n', 'x.md');
    expect(r.diagnostics[0]!.rule).toBe('front-matter/language');
  });

  it('reports a duplicate key at the line of the second occurrence', () => {
    const r = parseFrontMatter('---\nid: INC-0001\ntitle: a\ntitle: b\n---\n', 'x.md');
    expect(r.diagnostics[0]).toMatchObject({ rule: 'front-matter/yaml', line: 4, column: 1 });
    expect(r.diagnostics[0]!.message).toMatch(/duplicated mapping key/);
    expect(r.diagnostics[0]!.hint).toMatch(/once/);
  });

  it('stops an alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill('*' + String.fromCharCode(96 + i))
          .join(',')}]`,
      );
    const r = parseFrontMatter(`---\n${bomb.join('\n')}\n---\n`, 'x.md');
    expect(r.data).toBeUndefined();
    expect(r.diagnostics[0]!.message).toMatch(/alias/i);
  });

  it('says so when the front matter is missing, unclosed or empty', () => {
    expect(parseFrontMatter('# Just markdown\n', 'x.md').diagnostics[0]!.rule).toBe('front-matter/missing');
    expect(parseFrontMatter('---\nid: INC-0001\n', 'x.md').diagnostics[0]!.rule).toBe('front-matter/unclosed');
    expect(parseFrontMatter('---\n---\nbody', 'x.md').diagnostics[0]!.rule).toBe('front-matter/empty');
    expect(parseFrontMatter('---\n- a\n- b\n---\n', 'x.md').diagnostics[0]!.rule).toBe('front-matter/not-a-mapping');
  });
});

describe('decodeRecordBytes', () => {
  it('rejects empty, binary, non-UTF-8 and oversized files', () => {
    const rule = (bytes: Uint8Array) => {
      const r = decodeRecordBytes(bytes, 'x.md');
      return 'problem' in r ? r.problem.diagnostics[0]!.rule : 'ok';
    };
    expect(rule(new Uint8Array())).toBe('file/empty');
    expect(rule(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]))).toBe('file/binary');
    expect(rule(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]))).toBe('file/encoding');
    expect(rule(new Uint8Array(1024 * 1024 + 1).fill(0x61))).toBe('file/too-large');
    expect(rule(new TextEncoder().encode('---\na: 1\n---\n'))).toBe('ok');
  });
});
