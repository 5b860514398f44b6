// Writes frontmatter.json, .vscode/settings.json and .vscode/extensions.json from the kind registry
// and the JSON Schemas (src/core/editor-settings.ts says what they hold and why): VS Code then
// completes front matter in content/**/*.md (Front Matter CMS content types) and the policy files
// (yaml.schemas). `node scripts/gen-editor-settings.ts` rewrites them; `--check` only reports stale
// ones (exit 1), and test/core/editor-settings.test.ts fails when they are stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editorFiles, editorSettings } from '../src/core/editor-settings.ts';
import { REGISTRY } from '../src/core/kinds/index.ts';
import { readSchemas } from '../src/io/schemas.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The files as they should be, by path from the repository root (whose schemas/ are the package's). */
export function expectedEditorFiles(): Record<string, string> {
  return editorFiles(editorSettings(REGISTRY, readSchemas().documents, (name) => `./schemas/${name}.schema.json`));
}

if (import.meta.main) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, expected] of Object.entries(expectedEditorFiles())) {
    if (existsSync(root + file) && readFileSync(root + file, 'utf8') === expected) continue;
    stale++;
    if (check) console.error(`${file} is not current: run node scripts/gen-editor-settings.ts`);
    else {
      mkdirSync(dirname(root + file), { recursive: true });
      writeFileSync(root + file, expected);
      console.log(`wrote ${file}`);
    }
  }
  if (check && stale > 0) process.exitCode = 1;
}
