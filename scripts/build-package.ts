/**
 * Compiles the npm package: src/ to JavaScript with declarations in dist-pkg/ (`tsc -p
 * tsconfig.build.json`; Node does not strip types under node_modules), plus the generated ajv
 * validators and the format checks they import, which are JavaScript already. `npm pack` runs it (prepack); the repository itself
 * keeps running the TypeScript sources.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist-pkg/`;
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = spawnSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
for (const file of ['generated/validators.js', 'generated/validators.d.ts', 'validate/rfc3339.js', 'validate/rfc3339.d.ts'])
  copyFileSync(`${root}src/core/${file}`, `${out}core/${file}`);
console.log(`compiled src/ into ${out}`);
