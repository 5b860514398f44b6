/**
 * Writes the demo's own git repository (default .cache/demo-workspace/) from this repository's demo
 * content, when it is missing or stale. `./dev itsm` and `./dev demo` run it first.
 *
 *   node scripts/demo-repo.ts [--out DIR] [--force] [--quiet]
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { DemoSourceError, ensureDemoRepo } from '../src/io/demo-repo.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' }, force: { type: 'boolean' }, quiet: { type: 'boolean' } } });
const out = resolve(values.out ?? `${repo}/.cache/demo-workspace`);
try {
  const r = await ensureDemoRepo(repo, out, { force: values.force });
  if (r.written && !values.quiet)
    process.stderr.write(`Wrote the demo repository ${out}: ${r.pulls} pull requests replayed in ${(r.ms / 1000).toFixed(1)} s.\n`);
} catch (err) {
  if (!(err instanceof DemoSourceError)) throw err;
  process.stderr.write(`demo-repo: ${err.message}\n${err.diagnostics.map((d) => `  ${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`).join('\n')}\n`);
  process.exit(1);
}
