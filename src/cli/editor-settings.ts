/** `itsm editor-settings [--check]`: writes (or checks) the VS Code settings that complete front matter (see io/editor-settings.ts). */
import { UnsafePathError } from '../io/safe-fs.ts';
import { syncEditorSettings } from '../io/editor-settings.ts';
import { hasContentFolder } from '../io/paths.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';

const HELP = `Usage: itsm editor-settings [--check] [--root DIR]

Writes the settings with which VS Code completes and checks what you type, from the workspace's
schemas (the installed itsm package's, with your schemas/<kind>.schema.json fields merged in):
  frontmatter.json         Front Matter CMS: one content type per kind (and per CI or change type),
                           its fields, choices and required fields from the schema; one page
                           folder per kind's content/ folder
  .vscode/settings.json    the YAML extension: itsm.yaml and content/policies/*.yaml checked
                           against node_modules/itsm/schemas/
  .vscode/extensions.json  both extensions recommended
\`itsm init\` writes them once; run this after upgrading itsm or changing a schema override.
A file that is current is left as it is; the others are replaced (edits of your own are lost:
keep personal settings in your user settings).

Options:
  --check       write nothing; list the files that are not current (exit 1 if any)
  --root DIR    the workspace (default: the current directory)

Exit codes: 0 written or current, 1 --check found stale files, 2 bad arguments or not a workspace.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('editor-settings', args, { check: { type: 'boolean' }, root: { type: 'string' } }, HELP, io);
  if (!parsed) return EXIT.ok;
  if (parsed.positionals.length) throw usageError(`itsm editor-settings: no arguments expected; got "${parsed.positionals[0]!}".`);
  const root = rootDir(io, parsed.values.root);
  if (!hasContentFolder(root)) throw usageError(`itsm editor-settings: ${root} has no content/ folder. Run it in a workspace, or pass --root DIR.`);
  const check = parsed.values.check === true;
  let outcome;
  try {
    outcome = syncEditorSettings(root, check);
  } catch (err) {
    if (err instanceof UnsafePathError) throw usageError(`itsm editor-settings: ${err.message}`);
    throw err;
  }
  if (outcome.diagnostics.length) {
    io.stderr('Left out of the settings (`itsm validate` reports the same):\n');
    for (const d of outcome.diagnostics) io.stderr(`  ${d.file}: ${d.message}\n`);
  }
  if (!outcome.stale.length) {
    io.stdout('The editor settings are current.\n');
    return EXIT.ok;
  }
  if (check) {
    io.stderr(`Not current: ${outcome.stale.join(', ')}. Run \`itsm editor-settings\` to write them.\n`);
    return EXIT.failed;
  }
  for (const file of outcome.stale) io.stdout(`wrote ${file}\n`);
  return EXIT.ok;
}
