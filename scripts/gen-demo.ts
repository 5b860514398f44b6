/**
 * Generates the seeded volume of the demo workspace for Northwind Logistics: the everyday incidents
 * and the service requests, drawn from scenarios and request templates with a fixed seed.
 *
 * Everything else in content/ (teams, services, CIs, problems, changes, releases, knowledge articles
 * and the notable incidents: majors, change-caused ones...) is written by hand in the files
 * themselves; this script reads those files and never writes them. The files it owns are listed in
 * scripts/demo-volume.txt; every other file in content/ is hand-written.
 *
 *   node scripts/gen-demo.ts                  rewrite the volume in content/
 *   node scripts/gen-demo.ts --check          exit 1 if content/ is not what the generator writes
 *   --seed N --incidents N --requests N       another volume (defaults in scripts/lib/demo-build.ts)
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULTS, buildDemo, manifestPath } from './lib/demo-build.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const CONTENT = join(ROOT, 'content');

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    seed: { type: 'string', default: String(DEFAULTS.seed) },
    incidents: { type: 'string', default: String(DEFAULTS.incidents) },
    requests: { type: 'string', default: String(DEFAULTS.requests) },
  },
});

const started = performance.now();
const build = buildDemo(ROOT, { seed: Number(values.seed), incidents: Number(values.incidents), requests: Number(values.requests) });

if (values.check) {
  const differs = [...build.files]
    .filter(([path, text]) => !existsSync(join(CONTENT, path)) || readFileSync(join(CONTENT, path), 'utf8') !== text)
    .map(([path]) => path);
  const stale = build.previous.filter((path) => !build.files.has(path));
  if (readFileSync(manifestPath(ROOT), 'utf8') !== build.manifest) differs.push('scripts/demo-volume.txt');
  if (differs.length + stale.length > 0) {
    console.error(`content/ differs from the generator's output:\n${[...differs, ...stale.map((p) => `${p} (no longer generated)`)].join('\n')}`);
    process.exit(1);
  }
  console.log(`content/ is what the generator writes (${build.files.size} files)`);
} else {
  for (const path of build.previous) rmSync(join(CONTENT, path), { force: true });
  for (const [path, text] of build.files) {
    mkdirSync(dirname(join(CONTENT, path)), { recursive: true });
    writeFileSync(join(CONTENT, path), text);
  }
  writeFileSync(manifestPath(ROOT), build.manifest);
  console.log(`demo volume written to content/: ${build.files.size} files (${Math.round(performance.now() - started)} ms)`);
}
