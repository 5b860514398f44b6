/** `itsm sla`: response and resolution clocks of every incident and request, on business calendars. */
import { formatDuration, parseDuration } from '../core/duration.ts';
import { atRiskWithin, computeSla, isOpenClock, slaSummary, type SlaResult, type SlaSummary } from '../core/sla/index.ts';
import { oneOf, parseCommand } from './args.ts';
import { EXIT, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { loadValidWorkspace, nowOrReference, parseDays, parseFormat, parseNow, refuseUnknownIds } from './options.ts';
import { referenceNote } from '../core/reference-note.ts';
import { runCompare } from './sla-compare.ts';

const HELP = `Usage: itsm sla [ID...] [--root DIR] [--now ISO] [--format pretty|json|github]
                [--only breached|at-risk] [--at-risk [--within DURATION]] [--open] [--fail-on-breach]
       itsm sla --compare BASE [--days N] [--root DIR] [--now ISO] [--format pretty|json|markdown]

Computes the SLA clocks of every incident and service request, as content/policies/sla.yaml says:
  response     from reported (requested) to acknowledged
  resolution   from reported (requested) to resolved (fulfilled); a reopen resumes it, or
               starts a new cycle when the policy says on_reopen: new_cycle
  ola-response, ola-resolution
               the same clocks of a team's part of the work (policies with scope: team), from
               the moment the record is assigned to the team until it leaves it, beside the above
Time counts only inside the calendar's working hours (content/policies/calendars.yaml), in the
calendar's own time zone, skipping holidays, and not while the record is in a pause status such
as on_hold. Each clock gets a state: in_progress, paused, met, breached or cancelled, its due time
and, when breached, the instant it was (or will be) exceeded. Records no policy covers are listed
with the reason. How clocks run is explained in docs/sla.md. With IDs (incidents or requests),
only their clocks are listed and summed up; an ID that is not one is a usage error (exit 2).

Examples:
  itsm sla                                  what needs attention now
  itsm sla INC-0142 REQ-0007                the clocks of two records
  itsm sla --only breached --format json    every breach, for scripts
  itsm sla --now 2026-03-31T18:00:00+02:00  the clocks as they stood at the end of March
  itsm sla --at-risk --within 4h            what will breach in the next four hours
  itsm sla --open --format github >> "$GITHUB_STEP_SUMMARY"
  itsm sla --compare origin/main            back-test this branch's SLA policy edit

Options:
  --root DIR        the workspace (default: the current directory)
  --now ISO         compute as of this instant (with an offset, e.g. 2026-03-04T09:15:00+01:00);
                    default: itsm.yaml's reference_time if set, else the current time
  --format F        pretty (default): a summary and the clocks that need attention;
                    json: {"now","summary","results":[{"record","metric","policy","calendar",
                      "target_seconds","elapsed_seconds","remaining_seconds","percent","state",
                      "due_at","breached_at","at_risk","clock","paused_since","reason",...,"team",
                      "cycles":[{"started_at","stopped_at","elapsed_seconds",
                      "target_seconds","state","due_at","priority","team"}]}]}
                      (cycles: the clock's earlier, completed cycles; the figures are the
                      current cycle's);
                    github: Markdown tables for a job summary or an issue
  --only WHICH      only breached clocks, or only at-risk ones (running or paused, past the
                    policy's warning threshold, not yet breached)
  --at-risk         clocks not yet breached that are past the policy's warning threshold, or,
                    with --within, running clocks due within that time (due time <= now + within)
  --within DURATION the horizon of --at-risk, in wall-clock time: 30m, 4h, 1h30m
  --open            only clocks still running or paused (records not yet acknowledged/resolved)
  --fail-on-breach  exit 1 when a listed clock is breached (breaches are data, not failures, otherwise)

Back-testing a policy edit (docs/sla.md, "Back-testing a policy edit"):
  --compare BASE    judge the incidents and requests opened in the last --days days (before --now)
                    twice: under the SLA policies of the commit BASE (sla.yaml, calendars.yaml and
                    priority-matrix.yaml, read from git; they must validate) and under the working
                    tree's. Prints attainment per priority and per service on both sides, and every
                    clock whose outcome differs (met -> breached, breached -> met) with its due
                    times. --format markdown gives a pull request comment; json:
                    {"base":{"rev","commit"},"head","now","days","from","records","overall":{"base","head"},
                     "by_priority":[{"key","base","head"}],"by_service":[...],
                     "changed":[{"record","metric","cycle","service","base","head"}]}
                    (base and head of a changed clock: {"state","policy","priority","due_at","target_seconds"})
  --days N          the window of --compare, in days of 24 hours (default 90)

Exit codes: 0 ok, 1 a breach with --fail-on-breach, an invalid workspace or invalid BASE policies,
2 bad options or a BASE git cannot read.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'sla',
    args,
    {
      root: { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string' },
      only: { type: 'string' },
      open: { type: 'boolean' },
      'at-risk': { type: 'boolean' },
      within: { type: 'string' },
      'fail-on-breach': { type: 'boolean' },
      compare: { type: 'string' },
      days: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (values.compare !== undefined) return compare(values, positionals, io);
  if (values.days !== undefined)
    throw usageError('itsm sla: --days is the window of --compare; add --compare BASE (e.g. itsm sla --compare origin/main --days 90).');
  const format = parseFormat('sla', values.format, ['pretty', 'json', 'github']);
  const only = values.only === undefined ? null : oneOf('sla', 'only', values.only, ['breached', 'at-risk'] as const, 'breached');
  if (values['at-risk'] && only === 'breached') throw usageError('itsm sla: --at-risk and --only breached ask for different clocks; use one of them.');
  const withinMs = parseWithin(values.within, Boolean(values['at-risk']), only);
  const atRisk = Boolean(values['at-risk']) || only === 'at-risk';
  if (values.now !== undefined) parseNow('sla', values.now);
  const workspace = await loadValidWorkspace('sla', io, values.root, format);
  const at = nowOrReference('sla', values.now, workspace.settings);
  const now = at.now;

  const ids = new Set(positionals);
  if (ids.size > 0) {
    const known = workspace.records.filter((r) => r.kind === 'incident' || r.kind === 'request').map((r) => r.id);
    refuseUnknownIds('sla', [...ids], known, 'incident or request');
  }
  const all = computeSla(workspace, now).filter((r) => ids.size === 0 || ids.has(r.record));
  const summary = slaSummary(all);
  const nowMs = now.getTime();
  const shown = all.filter(
    (r) => (atRisk ? atRiskWithin(r, nowMs, withinMs) : only !== 'breached' || r.state === 'breached') && (!values.open || isOpenClock(r)),
  );
  const nowIso = now.toISOString();
  const filter = atRisk ? (values.within ? `at-risk-within ${values.within}` : 'at-risk') : only;
  if (format === 'json') io.stdout(JSON.stringify({ now: nowIso, summary, results: shown.map(ordered) }, null, 2) + '\n');
  else if (format === 'github') io.stdout(markdown(nowIso, summary, shown, filter, Boolean(values.open)));
  else {
    const note = at.reference ? referenceNote(at.text, workspace.settings.time_zone) + '\n' : '';
    io.stdout(note + pretty(nowIso, summary, shown, filter, Boolean(values.open)));
  }
  return values['fail-on-breach'] && shown.some((r) => r.state === 'breached') ? EXIT.failed : EXIT.ok;
}

/** --compare: the other options ask for a list of clocks, which a comparison does not print. */
function compare(values: Record<string, string | boolean | undefined>, positionals: string[], io: CliIO): Promise<number> {
  const clash = ['only', 'open', 'at-risk', 'within', 'fail-on-breach'].filter((k) => values[k] !== undefined);
  if (positionals.length > 0 || clash.length > 0)
    throw usageError(
      `itsm sla: --compare judges every record of the window and takes no ${positionals.length > 0 ? 'record IDs' : clash.map((k) => `--${k}`).join(', ')}; run it without them.`,
    );
  const format = oneOf('sla', 'format', values.format as string | undefined, ['pretty', 'json', 'markdown', 'github'] as const, 'pretty');
  if (values.now !== undefined) parseNow('sla', values.now as string);
  return runCompare(
    {
      base: values.compare as string,
      days: parseDays('sla', values.days as string | undefined),
      format: format === 'github' ? 'markdown' : format,
      root: values.root as string | undefined,
      now: values.now as string | undefined,
    },
    io,
  );
}

/** --within: a wall-clock duration, only with --at-risk (or --only at-risk); null without it. */
function parseWithin(text: string | undefined, atRisk: boolean, only: string | null): number | null {
  if (text === undefined) return null;
  if (!atRisk && only !== 'at-risk') throw usageError('itsm sla: --within is the horizon of --at-risk; add --at-risk (e.g. itsm sla --at-risk --within 4h).');
  const d = parseDuration(text);
  if (!d.ok) throw usageError(`itsm sla: --within ${d.message} ${d.hint}`);
  return d.seconds * 1000;
}

/** The JSON fields in a stable, documented order. */
function ordered(r: SlaResult) {
  return {
    record: r.record,
    kind: r.kind,
    metric: r.metric,
    service: r.service ?? null,
    priority: r.priority ?? null,
    policy: r.policy,
    calendar: r.calendar,
    target_seconds: r.target_seconds,
    elapsed_seconds: r.elapsed_seconds,
    remaining_seconds: r.remaining_seconds,
    percent: r.percent,
    state: r.state,
    clock: r.clock,
    at_risk: r.at_risk,
    started_at: r.started_at,
    stopped_at: r.stopped_at,
    paused_since: r.paused_since ?? null,
    due_at: r.due_at,
    breached_at: r.breached_at,
    reason: r.reason,
    team: r.team ?? null,
    cycles: r.cycles ?? [],
  };
}

/** The sections a reader needs: open breaches, at risk, no policy; or what --only asked for. */
function sections(results: readonly SlaResult[], only: string | null, open: boolean): Array<[string, readonly SlaResult[]]> {
  if (only === 'breached') return [[open ? 'Breached, still open' : 'Breached', results]];
  if (only === 'at-risk') return [['At risk', results]];
  if (only?.startsWith('at-risk-within ')) return [[`At risk or due within ${only.slice('at-risk-within '.length)}`, results]];
  return [
    ['Breached, still open', results.filter((r) => r.state === 'breached' && isOpenClock(r))],
    ['At risk', results.filter((r) => r.at_risk)],
    ['No policy', results.filter((r) => r.state === 'no_policy')],
  ];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function headline(now: string, s: SlaSummary): string {
  const st = s.by_state;
  return (
    `SLA at ${now}: ${plural(s.clocks, 'clock')} on ${plural(s.records, 'record')}. ` +
    `${st.met} met, ${st.breached} breached (${st.breached ? `${s.open_breaches} still open` : 'none open'}), ${st.in_progress} in progress, ` +
    `${st.paused} paused, ${st.cancelled} cancelled; ${s.at_risk} at risk; ${plural(s.no_policy, 'record')} without a policy.`
  );
}

function pretty(now: string, summary: SlaSummary, results: readonly SlaResult[], only: string | null, open: boolean): string {
  const lines = [headline(now, summary)];
  for (const [title, list] of sections(results, only, open)) {
    if (list.length === 0) continue;
    lines.push('', `${title} (${list.length}):`);
    const width = Math.max(10, ...list.map((r) => r.metric.length));
    for (const r of list) {
      if (r.state === 'no_policy') {
        lines.push(`  ${r.record.padEnd(10)} ${r.reason}`);
        continue;
      }
      const when = r.state === 'breached' ? `breached at ${r.breached_at}` : r.due_at ? `due ${r.due_at}` : 'no due time';
      lines.push(
        `  ${r.record.padEnd(10)} ${r.metric.padEnd(width)} ${(r.priority ?? '').padEnd(3)} ${formatDuration(r.elapsed_seconds!).padStart(8)} of ${formatDuration(r.target_seconds!).padEnd(6)} ` +
          `${`${r.percent}%`.padStart(7)}  ${r.state.replace('_', ' ').padEnd(11)} ${when}  (${[r.policy, r.calendar, r.team, r.cycles?.length ? `cycle ${r.cycles.length + 1}` : undefined].filter(Boolean).join(', ')})`,
      );
    }
  }
  if (!only && results.every((r) => !(r.state === 'breached' && isOpenClock(r)) && !r.at_risk && r.state !== 'no_policy'))
    lines.push('', 'Nothing needs attention.');
  return lines.join('\n') + '\n';
}

/** Markdown cells: no pipes or line breaks from data. */
function cell(text: string | number | null): string {
  return String(text ?? '').replace(/[|\r\n]+/g, ' ');
}

const MARKDOWN_ROWS = 200;

function markdown(now: string, summary: SlaSummary, results: readonly SlaResult[], only: string | null, open: boolean): string {
  const st = summary.by_state;
  const lines = [
    `## SLA at ${now}`,
    '',
    '| Clocks | Met | Breached | Breached, still open | In progress | Paused | At risk | Cancelled | Records without a policy |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${summary.clocks} | ${st.met} | ${st.breached} | ${summary.open_breaches} | ${st.in_progress} | ${st.paused} | ${summary.at_risk} | ${st.cancelled} | ${summary.no_policy} |`,
  ];
  for (const [title, list] of sections(results, only, open)) {
    lines.push('', `### ${title} (${list.length})`, '');
    if (list.length === 0) {
      lines.push('None.');
      continue;
    }
    if (title === 'No policy') {
      lines.push('| Record | Why |', '|---|---|');
      for (const r of list.slice(0, MARKDOWN_ROWS)) lines.push(`| ${cell(r.record)} | ${cell(r.reason)} |`);
    } else {
      lines.push(
        '| Record | Clock | Priority | Service | Elapsed | Target | % | State | Due / breached at | Policy |',
        '|---|---|---|---|---:|---:|---:|---|---|---|',
      );
      for (const r of list.slice(0, MARKDOWN_ROWS)) {
        lines.push(
          `| ${cell(r.record)} | ${r.metric} | ${cell(r.priority ?? '')} | ${cell(r.service ?? '')} | ${formatDuration(r.elapsed_seconds!)} | ${formatDuration(r.target_seconds!)} | ${r.percent}% | ${r.state.replace('_', ' ')} | ${cell(r.state === 'breached' ? r.breached_at : r.due_at)} | ${cell(r.policy)} |`,
        );
      }
    }
    if (list.length > MARKDOWN_ROWS) lines.push('', `... and ${list.length - MARKDOWN_ROWS} more: run \`itsm sla\` locally for the full list.`);
  }
  return lines.join('\n') + '\n';
}
