/** `itsm report`: the service report (MTTA, MTTR, SLA attainment, volumes, change rates, backlog, top CIs). */
import { formatDuration } from '../core/duration.ts';
import {
  attainmentClocks,
  buildReport,
  clockLabel,
  parseBound,
  reportCsv,
  type AttainmentCell,
  type AttainmentRow,
  type DurationStats,
  type Report,
} from '../core/reports/index.ts';
import type { SlaClockName } from '../core/sla/index.ts';
import { computeSla } from '../core/sla/index.ts';
import { isKnownTimeZone } from '../core/time-zone.ts';
import { parseCommand } from './args.ts';
import { EXIT, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { loadValidWorkspace, nowOrReference, parseFormat, parseNow } from './options.ts';

const HELP = `Usage: itsm report [--root DIR] [--from DATE] [--to DATE] [--now ISO] [--format pretty|json|csv]

The service report for a period, every figure computed from the records:
  MTTA, MTTR            mean and median time to acknowledge / resolve incidents, in business time
                        (the SLA calendar, pauses excluded) and on the wall clock
  SLA attainment        clocks met / (met + breached), overall, by service, priority and month
  incident volume       incidents reported per month (and service), and per service
  change success rate   changes that ended in the period and succeeded, overall and per month
  change failure rate   changes that ended in the period and that an incident names in caused_by_change
  problem backlog       problems open at the end of the period, and how old they are
  top CIs               configuration items in the most incidents
Months and dates are in the workspace's time zone (itsm.yaml: time_zone).

Examples:
  itsm report
  itsm report --from 2026-01-01 --to 2026-03-31
  itsm report --from 2026-01-01 --format csv > q1.csv

Options:
  --root DIR     the workspace (default: the current directory)
  --from DATE    first day of the period, YYYY-MM-DD (or an instant with an offset); default: the beginning
  --to DATE      last day of the period, included; default: now
  --now ISO      compute as of this instant (with an offset); default: itsm.yaml's reference_time
                 if set, else the current time
  --format F     pretty (default), json (one field per figure), or csv (figure,group,key,measure,value)

Exit codes: 0 ok, 1 invalid workspace, 2 bad options.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'report',
    args,
    {
      root: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const format = parseFormat('report', values.format, ['pretty', 'json', 'csv']);
  if (values.now !== undefined) parseNow('report', values.now);
  const workspace = await loadValidWorkspace('report', io, values.root, format === 'csv' ? 'pretty' : format);
  const now = nowOrReference('report', values.now, workspace.settings).now;
  const timeZone = workspace.settings.time_zone;
  if (!isKnownTimeZone(timeZone))
    throw usageError(
      `itsm report: itsm.yaml sets time_zone "${timeZone}", which is not a time zone this system knows (expected an IANA name such as Europe/Berlin).`,
    );
  for (const [flag, text] of [
    ['from', values.from],
    ['to', values.to],
  ] as const) {
    if (text !== undefined && parseBound(text, timeZone, flag === 'to') === null) {
      throw usageError(`itsm report: --${flag} must be a date YYYY-MM-DD (or an instant with an offset); got "${text}".`);
    }
  }
  if (values.from && values.to && parseBound(values.from, timeZone, false)! >= parseBound(values.to, timeZone, true)!) {
    throw usageError(`itsm report: --from ${values.from} is after --to ${values.to}.`);
  }
  const sla = computeSla(workspace, now);
  const report = buildReport(workspace, sla, { from: values.from, to: values.to, now, timeZone });
  if (format === 'json') io.stdout(JSON.stringify(report, null, 2) + '\n');
  else if (format === 'csv') io.stdout(reportCsv(report));
  else io.stdout(pretty(report, values.from, values.to));
  return EXIT.ok;
}

function duration(s: DurationStats): string {
  if (s.count === 0) return 'no data';
  return `mean ${formatDuration(s.mean_seconds!)}, median ${formatDuration(s.median_seconds!)} (${s.count})`;
}

function pct(value: number | null): string {
  return value === null ? '-' : `${value}%`;
}

function attainment(c: AttainmentCell): string {
  return `${pct(c.percent).padStart(6)} (${c.met} met, ${c.breached} breached)`;
}

function table(rows: AttainmentRow[], clocks: readonly SlaClockName[]): string[] {
  const width = Math.max(8, ...rows.map((r) => r.key.length));
  return rows.map((r) => `    ${r.key.padEnd(width)}  ${clocks.map((n) => `${clockLabel(n)} ${attainment(r[n]!)}`).join('   ')}`);
}

function pretty(r: Report, from: string | undefined, to: string | undefined): string {
  const p = r.period;
  const clocks = attainmentClocks(r.sla_attainment);
  const lines = [
    `Service report ${from ? `from ${from}` : 'from the first record'} to ${to ?? 'now'} (${p.time_zone}), as of ${p.now}`,
    '',
    `MTTA  business ${duration(r.mtta.business)}`,
    `      wall     ${duration(r.mtta.wall)}`,
    `MTTR  business ${duration(r.mttr.business)}`,
    `      wall     ${duration(r.mttr.wall)}`,
    '',
    `SLA attainment: ${clocks.map((n) => `${clockLabel(n)} ${attainment(r.sla_attainment.overall[n]!)}`).join(', ')}`,
  ];
  for (const [title, rows] of [
    ['by service', r.sla_attainment.by_service],
    ['by team', r.sla_attainment.by_team],
    ['by priority', r.sla_attainment.by_priority],
    ['by month', r.sla_attainment.by_month],
  ] as const) {
    if (rows.length) lines.push(`  ${title}:`, ...table(rows, clocks));
  }
  const v = r.incident_volume;
  lines.push('', `Incidents: ${v.total}`);
  if (v.by_month.length) lines.push(`  by month:   ${v.by_month.map((m) => `${m.month} ${m.count}`).join(', ')}`);
  if (v.by_service.length) lines.push(`  by service: ${v.by_service.map((s) => `${s.service} ${s.count}`).join(', ')}`);
  const cs = r.change_success_rate;
  const cf = r.change_failure_rate;
  lines.push(
    '',
    `Change success rate: ${pct(cs.percent)} (${cs.successful} of ${cs.implemented} implemented changes)`,
    `Change failure rate: ${pct(cf.percent)} (${cf.causing_incidents} of ${cf.implemented} caused incidents${cf.changes.length ? `: ${cf.changes.map((c) => `${c.change} -> ${c.incidents.join(', ')}`).join('; ')}` : ''})`,
  );
  const pb = r.problem_backlog;
  lines.push('', `Problem backlog at ${pb.as_of}: ${pb.open} open (${pb.known_errors} known errors)`);
  if (pb.open) {
    lines.push(`  age in days: mean ${pb.age_days.mean}, median ${pb.age_days.median}, oldest ${pb.age_days.max}`);
    lines.push(`  ${pb.by_age.map((b) => `${b.bucket}: ${b.count}`).join(', ')}`);
    for (const o of pb.oldest.slice(0, 5)) lines.push(`  ${o.problem.padEnd(9)} ${String(o.age_days).padStart(6)} days  ${o.status.padEnd(13)} ${o.title}`);
  }
  lines.push('', 'Top CIs by incidents:');
  if (r.top_cis.length === 0) lines.push('  none');
  for (const c of r.top_cis) lines.push(`  ${String(c.incidents).padStart(5)}  ${c.ci}${c.name ? `  (${c.name})` : ''}`);
  const is = r.imported_sla;
  if (is.compared) {
    lines.push('', `Imported SLA (made_sla from the old tool) vs this workspace's resolution SLA: ${is.agree} of ${is.compared} agree (${pct(is.percent)})`);
    for (const d of is.differing.slice(0, 20))
      lines.push(`  ${d.record.padEnd(9)} ${(d.source ?? '').padEnd(12)} old tool: ${d.made_sla ? 'made' : 'missed'}, here: ${d.here}`);
    if (is.differing.length > 20) lines.push(`  ... and ${is.differing.length - 20} more (--format json or csv lists them all)`);
  }
  return lines.join('\n') + '\n';
}
