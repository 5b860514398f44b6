/** `itsm migrate`: rewrites records that use a field a release of itsm renamed (see io/migrate.ts). */
import { migrateWorkspace } from '../io/migrate.ts';
import { parseCommand } from './args.ts';
import { EXIT } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { workspaceRoot } from './options.ts';

const HELP = `Usage: itsm migrate [--from VERSION] [--dry-run] [--root DIR]

Rewrites the records that still use a field a release of itsm renamed, by the package's table of
renames (src/core/renames.ts): only the field's name changes; its value, comments and the order of
the fields stay as they were. A record that already has the new name as well is left alone and
listed, for a person to merge.

  --from VERSION   only the renames made after that release (default: all of them; renaming
                   is safe to repeat, a record that has the new name is not touched)
  --dry-run        list what would change, write nothing

Run it after bumping itsm in package.json (\`itsm upgrade-check\` says whether it is needed),
then review and commit the changes.
Exit codes: 0 done (or nothing to do), 1 some records had both names, 2 bad arguments.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('migrate', args, { from: { type: 'string' }, 'dry-run': { type: 'boolean' }, root: { type: 'string' } }, HELP, io);
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const root = workspaceRoot('migrate', io, values.root);
  const dryRun = values['dry-run'] === true;
  const result = migrateWorkspace({ root, ...(values.from ? { from: values.from } : {}), dryRun });
  for (const c of result.changes) io.stdout(`${c.file}: ${c.from} -> ${c.to}\n`);
  for (const c of result.clashes) io.stderr(`${c.file}: has both ${c.from} and ${c.to}; merge them by hand.\n`);
  const files = result.rewritten.size;
  if (!result.renames.length) io.stdout('No renamed fields in this version of itsm: nothing to migrate.\n');
  else io.stdout(`${dryRun ? 'Would rewrite' : 'Rewrote'} ${files} record${files === 1 ? '' : 's'}.\n`);
  return result.clashes.length ? EXIT.failed : EXIT.ok;
}
