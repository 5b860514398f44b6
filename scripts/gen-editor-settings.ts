// Writes frontmatter.json, .vscode/settings.json and .vscode/extensions.json of this repository (the
// package's own workspace) from the kind registry and the JSON Schemas, as `itsm editor-settings`
// does in a workspace (src/core/editor-settings.ts says what they hold and why).
// `node scripts/gen-editor-settings.ts` rewrites them; `--check` only reports stale ones (exit 1),
// and test/core/editor-settings.test.ts fails when they are stale.
import { fileURLToPath } from 'node:url';
import { expectedEditorFiles as expectedIn, syncEditorSettings } from '../src/io/editor-settings.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The files as they should be, by path from the repository root (whose schemas/ are the package's). */
export function expectedEditorFiles(): Record<string, string> {
  return expectedIn(root).files;
}

if (import.meta.main) {
  const check = process.argv.includes('--check');
  const { stale } = syncEditorSettings(root, check);
  for (const file of stale) console[check ? 'error' : 'log'](check ? `${file} is not current: run node scripts/gen-editor-settings.ts` : `wrote ${file}`);
  if (check && stale.length > 0) process.exitCode = 1;
}
