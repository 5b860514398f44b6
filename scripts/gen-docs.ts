// Writes the kind tables generated from the kind registry into the docs, between marker comments:
//   README.md        "Record kinds" table and the transition tables
//   docs/history.md  the transition tables
// `node scripts/gen-docs.ts` rewrites them; `--check` only reports the stale ones (exit 1), and
// test/core/kinds/docs.test.ts fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedDocs } from './lib/generated-docs.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const check = process.argv.includes('--check');
let stale = 0;
for (const { file, expected } of generatedDocs((file) => readFileSync(root + file, 'utf8'))) {
  if (readFileSync(root + file, 'utf8') === expected) continue;
  stale++;
  if (check) console.error(`${file} is not current: run node scripts/gen-docs.ts`);
  else {
    writeFileSync(root + file, expected);
    console.log(`wrote ${file}`);
  }
}
if (check && stale > 0) process.exitCode = 1;
