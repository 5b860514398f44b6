// The site floor, in its own process: a bare Astro project rendering N trivial pages from
// getStaticPaths, then the Pagefind CLI over them. Prints {astroMs, pagefindMs}.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [dir, count] = process.argv.slice(2) as [string, string];
const SOURCE = fileURLToPath(new URL('../../', import.meta.url));
mkdirSync(join(dir, 'src/pages/r'), { recursive: true });
symlinkSync(join(SOURCE, 'node_modules'), join(dir, 'node_modules'));
writeFileSync(
  join(dir, 'astro.config.mjs'),
  "import { defineConfig } from 'astro/config';\nexport default defineConfig({ output: 'static', telemetry: false, devToolbar: { enabled: false } });\n",
);
writeFileSync(
  join(dir, 'src/pages/r/[id].astro'),
  `---
export function getStaticPaths() {
  return Array.from({ length: ${Number(count)} }, (_, i) => ({ params: { id: 'INC-' + String(i + 1).padStart(6, '0') }, props: { n: i + 1 } }));
}
const { id } = Astro.params;
const { n } = Astro.props;
---
<html lang="en"><head><meta charset="utf-8"><title>{id}</title></head>
<body><main data-pagefind-body><h1>{id} Record number {n}</h1><p>A trivial page about record {n}.</p></main></body></html>
`,
);
const { build } = (await import(join(SOURCE, 'node_modules/astro/dist/core/index.js'))) as typeof import('astro');
// Astro keeps its prerender bundle in ./.astro of the working directory unless the output is under
// it: work in the floor's own folder, not in the checkout the bench was started from.
process.chdir(dir);
const t0 = performance.now();
await build({ root: dir, logLevel: 'error' });
const astroMs = performance.now() - t0;
const t1 = performance.now();
const r = spawnSync(process.execPath, [join(SOURCE, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', join(dir, 'dist'), '--silent'], {
  encoding: 'utf8',
});
if (r.status !== 0) throw new Error(`pagefind failed: ${r.stderr}`);
const pagefindMs = performance.now() - t1;
process.stdout.write(JSON.stringify({ astroMs, pagefindMs }));
