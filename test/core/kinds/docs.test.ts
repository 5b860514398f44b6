import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedDocs } from '../../../scripts/lib/generated-docs.ts';

const read = (file: string) => readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');

describe('the kind tables in the docs', () => {
  it.each(generatedDocs(read).map((d) => [d.file, d.expected] as const))(
    'are current in %s (run `node scripts/gen-docs.ts` if this fails)',
    (file, expected) => {
      expect(read(file)).toBe(expected);
    },
  );
});
