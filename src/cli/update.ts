/**
 * `itsm update` and its shortcuts `assign`, `resolve`, `close`, `reopen`: each parses its options
 * and calls io/update.ts; the lifecycle decisions are core/update.ts's.
 */
import { relative } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { askForMissing } from '../core/update.ts';
import { updateOnDisk, UpdateError, type UpdateOptions, type UpdateOutcome } from '../io/update.ts';
import { parseCommand, type Options } from './args.ts';
import { EXIT, usageError } from './exit-error.ts';
import { colorOn, type CliIO } from './io.ts';
import { parseFormat, parseNow, workspaceRoot } from './options.ts';
import { formatDiagnostics, summarize } from './reporter.ts';

const COMMON_HELP = `  --note TEXT     a note for the timeline entry (a work note; see --public)
  --public        the entry is customer-visible (visibility: public): the public status page shows it
  --by HANDLE     who did it: a login from the team files (default: the member whose email is
                  \`git config user.email\`, else the login in GITHUB_ACTOR)
  --at ISO        when it happened, e.g. 2026-03-04T09:15:00+01:00 (default: now, in the workspace's
                  time zone); at most 5 minutes ahead of the clock
  --dry-run       show what would change, write nothing
  --commit        commit the record (that file only) with a message like "INC-0151: resolved"
  --format F      pretty (default) or json (what changed: fields before and after, the timeline
                  entry, the file)
  --root DIR      the workspace (default: the current directory)

The result is checked like \`itsm validate\` before it is written: if the record would be invalid,
nothing is written, the problems are printed with what to pass, and the exit code is 1.
Exit codes: 0 updated, 1 the result would be invalid (nothing written), 2 bad ID, field, status,
transition or person (nothing written).
`;

const UPDATE_HELP = `Usage: itsm update <ID> [field=value ...] [--status S] [--note TEXT] [--public] [--by HANDLE]
                   [--at ISO] [--dry-run] [--commit] [--format pretty|json] [--root DIR]

Changes a record in one step, keeping its comments, key order and formatting. A status change
fills in what the lifecycle needs in the same edit: the milestone (acknowledged_at, resolved_at,
closed_at, fulfilled_at, actual_start...; also those of statuses it skips that the rules then
need), a timeline entry {at, status, by, note}, and on a
reopen it clears how the work ended (resolved_at, closed_at, resolution, close_code; the timeline
keeps the history). A transition the lifecycle does not allow is refused, naming the allowed ones.
Changing priority, team or assignee appends a timeline entry with the new value, which the SLA
clocks read. A new impact or urgency recomputes an incident's priority from the priority matrix.

Fields: field=value, read by the field's type: lists as cis=[CI-a,CI-b] (or cis=CI-a,CI-b),
objects as YAML flow (pir={due: 2026-03-10}); \`field=\` removes the field.

Examples:
  itsm update INC-0151 --status acknowledged
  itsm update INC-0151 --status resolved resolution="Restarted the pool" close_code=solved-permanently
  itsm update INC-0151 priority=P1 --note "Checkout down for everyone"
  itsm update REQ-0012 --status in_progress assignee=ada --commit

Options:
  --status S      the status to move to (or status=S)
${COMMON_HELP}`;

const ASSIGN_HELP = `Usage: itsm assign <ID> <HANDLE|TEAM-x> [field=value ...] [options]

Assigns a record: a team ID sets \`team\` (removing an assignee who is not in that team); a
person's login sets \`assignee\` (their handle), and their team too when the record has none and
they are in exactly one team. The timeline records the new team or assignee. Same as \`itsm update <ID> assignee=HANDLE\` (or team=TEAM-x).

Examples:
  itsm assign INC-0151 lena --commit
  itsm assign INC-0151 TEAM-platform --note "Database side"

Options:
${COMMON_HELP}`;

const RESOLVE_HELP = `Usage: itsm resolve <ID> --resolution TEXT [--close-code C] [field=value ...] [options]

Moves a record to its kind's done status (an incident or problem to resolved, a request to
fulfilled, a change to completed) with the milestone and a timeline entry. --resolution is the
\`resolution\` field where the kind has one (incidents), else the timeline note. Other fields the
kind needs when done go as field=value (a change's outcome=successful).

Examples:
  itsm resolve INC-0151 --resolution "Restarted the connection pool" --close-code solved-permanently
  itsm resolve REQ-0012 --resolution "Account created" --close-code fulfilled

Options:
  --resolution TEXT  how it was resolved
  --close-code C     how it ended, one of itsm.yaml's close_codes
${COMMON_HELP}`;

const CLOSE_HELP = `Usage: itsm close <ID> [field=value ...] [options]

Closes a resolved incident or problem (status closed, closed_at, a timeline entry).

Example:
  itsm close INC-0151 --note "Caller confirmed" --commit

Options:
${COMMON_HELP}`;

const REOPEN_HELP = `Usage: itsm reopen <ID> [--note TEXT] [field=value ...] [options]

Reopens a resolved, closed or cancelled record: it moves to the first open status its lifecycle
allows (an incident back to in_progress), and what said how the work ended is cleared (resolved_at,
closed_at, resolution, close_code); the timeline keeps the earlier resolution.

Example:
  itsm reopen INC-0151 --note "Errors are back since 10:05"

Options:
${COMMON_HELP}`;

const COMMON_OPTIONS = {
  note: { type: 'string' },
  public: { type: 'boolean' },
  by: { type: 'string' },
  at: { type: 'string' },
  'dry-run': { type: 'boolean' },
  commit: { type: 'boolean' },
  format: { type: 'string' },
  root: { type: 'string' },
} as const satisfies Options;

interface Invocation<O extends Options> {
  command: string;
  help: string;
  options: O;
  /** How the command line gives a field the validator found missing. */
  optionFor?: (field: string) => string | undefined;
  build: (id: string, rest: string[], values: Record<string, string | boolean | undefined>) => Partial<UpdateOptions> & Pick<UpdateOptions, 'request'>;
}

/** `itsm update`. */
export function run(args: string[], io: CliIO): Promise<number> {
  return invoke(args, io, {
    command: 'update',
    help: UPDATE_HELP,
    options: { ...COMMON_OPTIONS, status: { type: 'string' } },
    build: (_id, rest, v) => ({ request: { status: v.status as string | undefined, assignments: rest } }),
  });
}

/** `itsm assign <ID> <handle|TEAM-x>`. */
export function assign(args: string[], io: CliIO): Promise<number> {
  return invoke(args, io, {
    command: 'assign',
    help: ASSIGN_HELP,
    options: COMMON_OPTIONS,
    build: (_id, rest) => {
      const [target, ...more] = rest;
      if (!target) throw usageError(`itsm assign: assign to whom? ${ASSIGN_HELP.split('\n')[0]!}`);
      return { request: { assignments: more }, assign: target };
    },
  });
}

/** `itsm resolve <ID> --resolution TEXT [--close-code C]`. */
export function resolve(args: string[], io: CliIO): Promise<number> {
  return invoke(args, io, {
    command: 'resolve',
    help: RESOLVE_HELP,
    options: { ...COMMON_OPTIONS, resolution: { type: 'string' }, 'close-code': { type: 'string' } },
    optionFor: (field) => (field === 'resolution' ? '--resolution TEXT' : field === 'close_code' ? '--close-code C' : undefined),
    build: (_id, rest, v) => ({
      step: 'resolve',
      request: {
        assignments: [...rest, ...(v['close-code'] !== undefined ? [`close_code=${String(v['close-code'])}`] : [])],
        resolution: v.resolution as string | undefined,
      },
    }),
  });
}

/** `itsm close <ID>`. */
export function close(args: string[], io: CliIO): Promise<number> {
  return invoke(args, io, {
    command: 'close',
    help: CLOSE_HELP,
    options: COMMON_OPTIONS,
    build: (_id, rest) => ({ step: 'close', request: { assignments: rest } }),
  });
}

/** `itsm reopen <ID>`. */
export function reopen(args: string[], io: CliIO): Promise<number> {
  return invoke(args, io, {
    command: 'reopen',
    help: REOPEN_HELP,
    options: COMMON_OPTIONS,
    build: (_id, rest) => ({ step: 'reopen', request: { assignments: rest } }),
  });
}

async function invoke<O extends Options>(args: string[], io: CliIO, how: Invocation<O>): Promise<number> {
  const { command } = how;
  const parsed = parseCommand(command, args, how.options, how.help, io);
  if (!parsed) return EXIT.ok;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const [id, ...rest] = parsed.positionals;
  const usage = how.help.split('\n')[0]!;
  if (!id) throw usageError(`itsm ${command}: which record? ${usage}`);
  const format = parseFormat(command, values.format as string | undefined, ['json'] as const);
  const root = workspaceRoot(command, io, values.root as string | undefined);
  if (values.at !== undefined) parseNow(command, values.at as string, 'at');
  const built = how.build(id, rest, values);
  const note = values.note as string | undefined;
  let outcome: UpdateOutcome;
  try {
    outcome = await updateOnDisk({
      root,
      id,
      ...built,
      request: { ...built.request, note, public: values.public === true },
      by: values.by as string | undefined,
      at: values.at as string | undefined,
      now: io.env.ITSM_NOW ? parseNow(command, io.env.ITSM_NOW, 'now (ITSM_NOW)') : parseNow(command, undefined),
      actor: io.env.GITHUB_ACTOR,
      dryRun: values['dry-run'] === true,
      commit: values.commit === true,
    });
  } catch (err) {
    if (err instanceof UpdateError) throw usageError(`itsm ${command}: ${err.message}`);
    throw err;
  }
  const diagnostics = askForMissing(outcome.diagnostics, (field) => how.optionFor?.(field) ?? `${field}=...`);
  const blocked = diagnostics.some((d) => d.severity === 'error');
  if (format === 'json') {
    io.stdout(JSON.stringify(jsonOf(outcome, diagnostics, values['dry-run'] === true), null, 2) + '\n');
  } else {
    io.stdout(pretty(outcome, io, root));
    if (diagnostics.length) {
      if (blocked) io.stderr(`itsm ${command}: ${outcome.id} would not be valid; nothing was written.\n\n`);
      io.stderr(formatDiagnostics(diagnostics, 'pretty', summarize(1, diagnostics), { color: colorOn(io) }));
    }
  }
  return blocked ? EXIT.failed : EXIT.ok;
}

function jsonOf(o: UpdateOutcome, diagnostics: readonly Diagnostic[], dryRun: boolean) {
  return {
    id: o.id,
    file: o.file,
    written: o.written,
    dry_run: dryRun,
    summary: o.plan.summary,
    status: o.plan.status ?? null,
    changes: o.plan.changes.map((c) => ({ field: c.field, before: c.before ?? null, after: c.after ?? null })),
    timeline_entry: o.plan.entry ?? null,
    commit: o.commit ?? null,
    diagnostics,
  };
}

function pretty(o: UpdateOutcome, io: CliIO, root: string): string {
  const lines = [`${o.id}: ${o.plan.summary}`];
  for (const c of o.plan.changes) lines.push(`  ${c.field}: ${show(c.before)} -> ${show(c.after)}`);
  if (o.plan.entry) lines.push(`  timeline: + ${show(o.plan.entry)}`);
  const path = relative(io.cwd, `${root}/${o.file}`) || o.file;
  if (o.written) lines.push(`${path} written.`);
  else if (!o.diagnostics.some((d) => d.severity === 'error')) lines.push(`(dry run: ${path} not written)`);
  if (o.commit) lines.push(`Committed ${o.commit.sha.slice(0, 7)} "${o.commit.message}". Push it and open a pull request: git push, then gh pr create --fill.`);
  return lines.join('\n') + '\n';
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '(none)';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}: ${show(x)}`)
      .join(', ')}}`;
  return String(v);
}
