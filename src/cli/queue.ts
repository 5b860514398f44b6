/** `itsm queue`: the open work, soonest SLA due time first, for a team, a person, or nobody yet. */
import { csvLines } from '../core/csv.ts';
import { formatInstant, formatSeconds, statusLabel } from '../core/format.ts';
import { recordsOf } from '../core/model.ts';
import { queue, queueKinds, timeLeft, type QueueFilter, type QueueRow } from '../core/queue.ts';
import { sameLogin } from '../core/people.ts';
import { referenceNote } from '../core/reference-note.ts';
import { similarIds } from '../core/suggest.ts';
import { parseCommand } from './args.ts';
import { EXIT, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { loadValidWorkspace, nowOrReference, parseFormat, parseNow } from './options.ts';

const KINDS = queueKinds();

const HELP = `Usage: itsm queue [--team TEAM] [--assignee HANDLE | --unassigned] [--kind KIND,...]
                  [--now ISO] [--format pretty|json|csv] [--root DIR]

The open work of the workspace: every ${KINDS.join(', ')} in an open status, soonest SLA due time
first. A record's due time is that of its earliest running clock (response or resolution, as
\`itsm sla\` computes them); paused clocks come next, then records without a clock, by priority
(P1 first) and age (oldest first). Each row shows ID, priority, status, title, team, assignee, age,
the clock and its due time, and the time left ("2h 10m left", "overdue 35m", or "paused").
Time left is wall-clock time until the due instant.

Examples:
  itsm queue                              everything open, most urgent first
  itsm queue --team TEAM-service-desk     one team's queue (TEAM- may be left out)
  itsm queue --assignee alice             what alice is working on
  itsm queue --unassigned                 work nobody has taken yet
  itsm queue --kind incident --format csv > queue.csv

Options:
  --team TEAM        only records assigned to this team (an ID from content/teams/)
  --assignee HANDLE  only records assigned to this person (a login from the team files)
  --unassigned       only records without an assignee (kinds without an assignee field: without a team)
  --kind KINDS       only these kinds, comma-separated (${KINDS.join(', ')})
  --now ISO          judge the clocks at this instant (with an offset); default: itsm.yaml's
                     reference_time if set, else the current time
  --format F         pretty (default): a table; json: {"now","rows":[{"id","kind","title","status",
                       "priority","team","assignee","opened_at","age_seconds","sla":{"metric","clock",
                       "state","at_risk","due_at","left_seconds"}|null}]}; csv: one row per record
  --root DIR         the workspace (default: the current directory)

Exit codes: 0 ok (an empty queue too), 1 an invalid workspace, 2 bad options or an unknown team,
person or kind.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'queue',
    args,
    {
      root: { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string' },
      team: { type: 'string' },
      assignee: { type: 'string' },
      unassigned: { type: 'boolean' },
      kind: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw usageError(`itsm queue: unexpected argument "${positionals[0]}" (filters are options, e.g. --team TEAM-ops).\n\n${HELP}`);
  const format = parseFormat('queue', values.format, ['pretty', 'json', 'csv']);
  if (values.assignee !== undefined && values.unassigned) throw usageError('itsm queue: --assignee and --unassigned exclude each other; give one.');
  const kinds = values.kind === undefined ? undefined : parseKinds(values.kind);
  if (values.now !== undefined) parseNow('queue', values.now);
  const ws = await loadValidWorkspace('queue', io, values.root, format === 'csv' ? 'pretty' : format);
  const at = nowOrReference('queue', values.now, ws.settings);

  const teams = recordsOf(ws, 'team');
  const filter: QueueFilter = { ...(kinds ? { kinds } : {}), ...(values.unassigned ? { unassigned: true } : {}) };
  if (values.team !== undefined) {
    const id = values.team.startsWith('TEAM-') ? values.team : `TEAM-${values.team}`;
    const known = teams.map((t) => t.id);
    if (!known.includes(id)) throw usageError(unknown('team', values.team, similarIds(id, known), known));
    filter.team = id;
  }
  if (values.assignee !== undefined) {
    const handles = [...new Set(teams.flatMap((t) => t.data.members.map((m) => m.login)))];
    const handle = handles.find((h) => sameLogin(h, values.assignee!));
    if (!handle) throw usageError(unknown('person', values.assignee, similarIds(values.assignee, handles), handles));
    filter.assignee = handle;
  }

  const rows = queue(ws, at.now, filter);
  const tz = ws.settings.time_zone;
  if (format === 'json') io.stdout(JSON.stringify({ now: at.now.toISOString(), rows }, null, 2) + '\n');
  else if (format === 'csv') io.stdout(csv(rows, tz));
  else {
    const note = at.reference ? referenceNote(at.text, tz) + '\n' : '';
    io.stdout(note + pretty(rows, tz, at.now.toISOString(), filter));
  }
  return EXIT.ok;
}

function parseKinds(text: string): string[] {
  const given = text
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const bad = given.filter((k) => !KINDS.includes(k));
  if (given.length === 0 || bad.length > 0) throw usageError(`itsm queue: --kind takes ${KINDS.join(', ')} (comma-separated); got "${bad[0] ?? text}".`);
  return given;
}

function unknown(what: string, given: string, near: readonly string[], known: readonly string[]): string {
  const hint = near.length
    ? ` Did you mean ${near.join(', ')}?`
    : known.length
      ? ` Known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}.`
      : '';
  return `itsm queue: no ${what} "${given}" in the team files.${hint}`;
}

const HEADER = ['ID', 'Priority', 'Status', 'Title', 'Team', 'Assignee', 'Age', 'SLA', 'Due', 'Left'];

/** The cells a person reads, shared by the table and the CSV. */
function cells(r: QueueRow, tz: string): string[] {
  return [
    r.id,
    r.priority ?? '',
    statusLabel(r.status),
    r.title,
    r.team ?? '',
    r.assignee ?? '',
    r.age_seconds === null ? '' : formatSeconds(r.age_seconds),
    r.sla ? r.sla.metric : '',
    r.sla ? formatInstant(r.sla.due_at, tz) : '',
    r.sla ? timeLeft(r.sla) : '',
  ];
}

function csv(rows: readonly QueueRow[], tz: string): string {
  return csvLines([
    [...HEADER.slice(0, 8), 'Due at', 'Left', 'Left (seconds)', 'State'],
    ...rows.map((r) => {
      const c = cells(r, tz);
      return [...c.slice(0, 8), r.sla?.due_at ?? '', c[9], r.sla?.left_seconds ?? null, r.sla?.state ?? ''];
    }),
  ]);
}

const TITLE_WIDTH = 40;

function pretty(rows: readonly QueueRow[], tz: string, now: string, filter: QueueFilter): string {
  const scope = [filter.team, filter.assignee && `assigned to ${filter.assignee}`, filter.unassigned && 'unassigned', filter.kinds?.join(', ')]
    .filter(Boolean)
    .join(', ');
  const head = `Queue at ${now}${scope ? ` (${scope})` : ''}: ${rows.length} open record${rows.length === 1 ? '' : 's'}.`;
  if (rows.length === 0) return `${head}\nNothing to do.\n`;
  const table = [HEADER, ...rows.map((r) => cells(r, tz))].map((c) => {
    const t = c[3]!;
    return [...c.slice(0, 3), t.length > TITLE_WIDTH ? t.slice(0, TITLE_WIDTH - 1) + '…' : t, ...c.slice(4)];
  });
  const widths = HEADER.map((_, i) => Math.max(...table.map((c) => c[i]!.length)));
  const lines = table.map((c) =>
    c
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  return [head, '', ...lines].join('\n') + '\n';
}
