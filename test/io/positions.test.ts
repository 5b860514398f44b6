import { describe, expect, it } from 'vitest';
import { locate } from '../../src/io/positions.ts';

const YAML = `
id: INC-0001
cis:
  - CI-web
  - CI-db
timeline:
  - at: 2026-03-02T09:10:00+01:00
    status: new
  - { at: 2026-03-02T09:20:00+01:00, status: acknowledged }
`;

describe('locate: JSON pointer to line and column', () => {
  const fallback = { line: 99, column: 1 };
  it('points at the key of a top-level field', () => expect(locate(YAML, '/cis', fallback)).toEqual({ line: 3, column: 1 }));
  it('points at a list item', () => expect(locate(YAML, '/cis/1', fallback)).toEqual({ line: 5, column: 5 }));
  it('points at a nested key in a block mapping', () => expect(locate(YAML, '/timeline/0/status', fallback)).toEqual({ line: 8, column: 5 }));
  it('points into a flow mapping', () => expect(locate(YAML, '/timeline/1/status', fallback)).toEqual({ line: 9, column: 38 }));
  it('falls back to the deepest existing node for a missing field', () => expect(locate(YAML, '/timeline/1/note', fallback)).toEqual({ line: 9, column: 5 }));
  it('points at the first field for the document itself', () => expect(locate(YAML, '', fallback)).toEqual({ line: 2, column: 1 }));
  it('uses the fallback when the text is empty', () => expect(locate('', '/id', fallback)).toEqual(fallback));
});
