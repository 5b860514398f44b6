/**
 * `src/cli/` translates: it parses options, calls one function in core or io, and prints. File
 * system, processes and network belong to src/io; this holds every command file to it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/workspace.ts';

const CLI_DIR = join(REPO_ROOT, 'src/cli');
const FILES = readdirSync(CLI_DIR)
  .filter((f) => f.endsWith('.ts'))
  .sort();

/** Node modules that do I/O a command must leave to src/io (with or without the node: prefix). */
const FORBIDDEN = /^(node:)?(fs|fs\/promises|child_process|http|https|http2|net|tls|dgram|dns)$/;

/** Every module a file imports: static imports and re-exports, and dynamic import() calls. */
function importsOf(text: string): string[] {
  const found = [
    ...text.matchAll(/\b(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
  ];
  return found.map((m) => m[1]!);
}

describe('thin commands', () => {
  it('finds the command files, the import reader among them', () => {
    expect(FILES).toEqual(expect.arrayContaining(['main.ts', 'approvals.ts', 'notify.ts', 'import.ts', 'intake.ts', 'new.ts', 'renumber.ts']));
    expect(importsOf("import { a } from 'node:fs';\nimport type { B } from \"node:http\";\nconst m = await import('node:child_process');")).toEqual([
      'node:fs',
      'node:http',
      'node:child_process',
    ]);
  });

  it.each(FILES)('src/cli/%s imports no file system, process or network module, and fetches nothing', (file) => {
    const text = readFileSync(join(CLI_DIR, file), 'utf8');
    expect(importsOf(text).filter((m) => FORBIDDEN.test(m))).toEqual([]);
    expect(text).not.toMatch(/\bfetch\s*\(/);
  });
});
