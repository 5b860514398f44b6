/** `itsm new <kind>`: writes a new, valid record from the workspace's template for that kind (see io/new-record.ts). */
import { relative } from 'node:path';
import { KIND_INFO, KINDS } from '../core/ids.ts';
import { createRecord, NewRecordError, openInEditor } from '../io/new-record.ts';
import { hasContentFolder } from '../io/paths.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { formatDiagnostics, summarize } from './reporter.ts';

const HELP = `Usage: itsm new <kind> [--title TEXT] [field=value ...] [--root DIR] [--no-edit]

Creates content/<kind folder>/<ID>.md from the template content/.templates/<kind>.md
(a team can change its templates; hints are YAML comments). It picks the next free ID
(INC-0143 after INC-0142; for services, CIs, releases and teams a slug of --title, or id=...),
stamps times in the workspace's time zone (itsm.yaml time_zone), computes an incident's
priority from impact x urgency (content/policies/priority-matrix.yaml), checks the record,
and writes it. It never overwrites a file.

Kinds: ${KINDS.join(', ')}

Fields: any field of the kind's schema, as field=value:
  lists are comma-separated (cis=CI-web,CI-db, tags=db,slow), true/false for yes/no fields.

Then it prints the new file's path, and opens $EDITOR when run in a terminal.
Fields the template leaves empty are listed: fill them in, then run \`itsm validate\`.

Examples:
  itsm new incident --title "Checkout returns 500" service=SVC-shop impact=high urgency=high
  itsm new service --title "Payments API" owner=TEAM-payments tier=1
  itsm new change --title "Upgrade PostgreSQL" type=normal risk=high \\
      planned_start=2026-03-07T22:00:00+01:00 planned_end=2026-03-08T02:00:00+01:00

Environment: ITSM_NOW=2026-03-04T08:15:00Z sets "now" (for scripts and tests).
Exit codes: 0 written, 2 bad kind, field or value (nothing written).
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'new',
    args,
    {
      root: { type: 'string' },
      title: { type: 'string', short: 't' },
      'no-edit': { type: 'boolean' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const [kindArg, ...assignments] = positionals;
  if (!kindArg) throw usageError(`itsm new: which kind? One of ${KINDS.join(', ')}.\nExample: itsm new incident --title "Checkout returns 500"`);
  const kind = KINDS.find((k) => k === kindArg);
  if (!kind) throw usageError(`itsm new: unknown kind "${kindArg}". Kinds: ${KINDS.join(', ')}.`);
  const root = rootDir(io, values.root);
  if (!hasContentFolder(root)) throw usageError(`itsm new: ${root} has no content/ folder. Run it in a workspace, or pass --root DIR.`);

  let outcome;
  try {
    outcome = createRecord({ root, kind, title: values.title, assignments, now: io.env.ITSM_NOW ?? new Date().toISOString() });
  } catch (err) {
    if (err instanceof NewRecordError) throw usageError(`itsm new: ${err.message}`);
    throw err;
  }
  if (!outcome.written) {
    io.stderr(`itsm new: the values given do not make a valid ${KIND_INFO[kind].label}; nothing was written.\n\n`);
    io.stderr(formatDiagnostics(outcome.blocking, 'pretty', summarize(1, outcome.blocking)));
    return EXIT.usage;
  }
  io.stdout(relative(io.cwd, outcome.path) + '\n');
  if (outcome.todo.length) {
    const keys = [...new Set(outcome.todo.map((d) => d.key ?? '?'))];
    io.stderr(`Still to fill in: ${keys.join(', ')} (\`itsm validate\` reports them until then).\n`);
  }
  const editor = io.env.VISUAL || io.env.EDITOR;
  if (io.isTTY && editor && !values['no-edit']) openInEditor(editor, outcome.path);
  return EXIT.ok;
}
