/** `itsm renumber OLD NEW`: gives a record a new ID and rewrites every reference to it (see core/renumber.ts). */
import { idShape, isValidId, kindOfId, KIND_INFO } from '../core/ids.ts';
import { aOrAn } from '../core/new-record.ts';
import { FileTransactionError, prepareRenumber, RenumberInputError, type PreparedRenumber } from '../io/renumber.ts';
import { hasContentFolder } from '../io/paths.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';

const HELP = `Usage: itsm renumber OLD NEW [--root DIR] [--dry-run]

Gives record OLD the ID NEW: renames content/<kind>/OLD.md to NEW.md and rewrites every
reference to OLD across the workspace (every record's reference fields such as service, cis,
problem, incidents, caused_by_change; the policy files; itsm.yaml). Only the IDs change:
comments, key order and formatting stay as they are. Mentions of OLD in Markdown bodies are
listed for you to check, not changed.

Use it when two pull requests from the same base both created the same ID: \`itsm validate
--base main\` reports \`base/id-reused\` with the exact command to run.

Examples:
  itsm renumber INC-0142 INC-0143
  itsm renumber SVC-shop SVC-web-shop --dry-run

Options:
  --root DIR    the workspace (default: the current directory)
  --dry-run     show what would change, write nothing

Exit codes: 0 renumbered, 2 bad IDs or unreadable files (nothing written).
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'renumber',
    args,
    {
      root: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length !== 2) throw usageError('itsm renumber: give the old and the new ID, e.g. `itsm renumber INC-0142 INC-0143`.');
  const [from, to] = positionals as [string, string];
  const kind = kindOfId(from);
  if (!kind || !isValidId(from, kind)) throw usageError(`itsm renumber: "${from}" is not a record ID (e.g. INC-0142, SVC-payments).`);
  if (!isValidId(to, kind))
    throw usageError(
      `itsm renumber: "${to}" is not ${aOrAn(KIND_INFO[kind].label)} ID; ${from} can only become another ${KIND_INFO[kind].label} ID: ${idShape(kind)}.`,
    );
  if (from === to) throw usageError('itsm renumber: the old and new IDs are the same.');
  const root = rootDir(io, values.root);
  if (!hasContentFolder(root)) throw usageError(`itsm renumber: ${root} has no content/ folder. Run it in a workspace, or pass --root DIR.`);

  let prepared: PreparedRenumber;
  try {
    prepared = prepareRenumber(root, kind, from, to);
  } catch (err) {
    if (err instanceof RenumberInputError) throw usageError(`itsm renumber: ${err.message}`);
    throw err;
  }
  const { oldFile, newFile, plan } = prepared;
  const dry = values['dry-run'] ? ' (dry run: nothing written)' : '';
  io.stdout(`${oldFile} -> ${newFile}${dry}\n`);
  for (const c of plan.changes) {
    const shown = c.file === oldFile ? newFile : c.file;
    io.stdout(`  ${shown}: ${c.count} reference${c.count === 1 ? '' : 's'}\n`);
  }
  if (plan.bodyMentions.length) {
    io.stdout(`Mentioned in the text of ${plan.bodyMentions.join(', ')}: not changed, check ${plan.bodyMentions.length === 1 ? 'it' : 'them'} by hand.\n`);
  }
  if (values['dry-run']) return EXIT.ok;
  try {
    prepared.apply();
  } catch (err) {
    if (!(err instanceof FileTransactionError)) throw err;
    const state = err.undoFailed.length
      ? `Undoing failed for ${err.undoFailed.join(', ')}: check them with \`git status\` and \`git diff\`.`
      : 'Nothing was changed.';
    throw new ExitError(
      EXIT.usage,
      `itsm renumber: ${err.message}. ${state} Make the file writable (is the disk full, or a file or folder in the way?) and run the command again.`,
    );
  }
  return EXIT.ok;
}
