/**
 * Regenerates the intake issue forms (.github/ISSUE_TEMPLATE/report-incident.yml and
 * request-service.yml) from the services and offerings in content/.
 *   node scripts/gen-issue-forms.ts            write them
 *   node scripts/gen-issue-forms.ts --check    exit 1 if they are out of date (for CI)
 *   --root DIR                                 another workspace (default: the current directory)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderIssueForms } from '../src/core/intake.ts';
import { loadWorkspace } from '../src/io/workspace.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean' }, root: { type: 'string' } } });
const root = resolve(values.root ?? '.');
const { workspace } = await loadWorkspace(root);
let stale = 0;
for (const [rel, text] of Object.entries(renderIssueForms(workspace.records))) {
  const path = join(root, rel);
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  stale++;
  if (values.check) console.log(`${rel} is out of date: run \`node scripts/gen-issue-forms.ts\` and commit it.`);
  else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote ${rel}`);
  }
}
process.exitCode = values.check && stale ? 1 : 0;
