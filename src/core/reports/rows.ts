/** The report flattened to rows (figure, group, key, measure, value) for CSV and spreadsheets. */
import { csvLines } from '../csv.ts';
import { attainmentClocks, clockKey } from './attainment.ts';
import type { AttainmentCell, DurationStats, Report } from './types.ts';

export interface ReportRow {
  figure: string;
  group: string;
  key: string;
  measure: string;
  value: number | string | null;
}

/** Every number in the report as one row; the order follows the report's fields. */
export function reportRows(report: Report): ReportRow[] {
  const rows: ReportRow[] = [];
  const push = (figure: string, group: string, key: string, measure: string, value: number | string | null) =>
    rows.push({ figure, group, key, measure, value });
  const duration = (figure: string, group: string, s: DurationStats) => {
    push(figure, group, '', 'count', s.count);
    push(figure, group, '', 'mean_seconds', s.mean_seconds);
    push(figure, group, '', 'median_seconds', s.median_seconds);
  };
  for (const figure of ['mtta', 'mttr'] as const) {
    duration(figure, 'business', report[figure].business);
    duration(figure, 'wall', report[figure].wall);
  }
  const cell = (group: string, key: string, metric: string, c: AttainmentCell) => {
    push('sla_attainment', group, key, `${metric}_met`, c.met);
    push('sla_attainment', group, key, `${metric}_breached`, c.breached);
    push('sla_attainment', group, key, `${metric}_percent`, c.percent);
  };
  const a = report.sla_attainment;
  const clocks = attainmentClocks(a);
  for (const name of clocks) cell('overall', '', clockKey(name), a.overall[name]!);
  for (const [group, list] of [
    ['service', a.by_service],
    ['team', a.by_team],
    ['priority', a.by_priority],
    ['month', a.by_month],
  ] as const) {
    for (const r of list) for (const name of clocks) cell(group, r.key, clockKey(name), r[name]!);
  }
  const v = report.incident_volume;
  push('incident_volume', 'overall', '', 'count', v.total);
  for (const m of v.by_month) {
    push('incident_volume', 'month', m.month, 'count', m.count);
    for (const [service, n] of Object.entries(m.by_service)) push('incident_volume', 'month_service', `${m.month} ${service}`, 'count', n);
  }
  for (const s of v.by_service) push('incident_volume', 'service', s.service, 'count', s.count);
  const cs = report.change_success_rate;
  push('change_success_rate', 'overall', '', 'implemented', cs.implemented);
  push('change_success_rate', 'overall', '', 'successful', cs.successful);
  push('change_success_rate', 'overall', '', 'percent', cs.percent);
  for (const m of cs.by_month) {
    push('change_success_rate', 'month', m.month, 'implemented', m.implemented);
    push('change_success_rate', 'month', m.month, 'successful', m.successful);
    push('change_success_rate', 'month', m.month, 'percent', m.percent);
  }
  const cf = report.change_failure_rate;
  push('change_failure_rate', 'overall', '', 'implemented', cf.implemented);
  push('change_failure_rate', 'overall', '', 'causing_incidents', cf.causing_incidents);
  push('change_failure_rate', 'overall', '', 'percent', cf.percent);
  for (const c of cf.changes) push('change_failure_rate', 'change', c.change, 'incidents', c.incidents.join(' '));
  const pb = report.problem_backlog;
  push('problem_backlog', 'overall', '', 'open', pb.open);
  push('problem_backlog', 'overall', '', 'known_errors', pb.known_errors);
  push('problem_backlog', 'overall', '', 'mean_age_days', pb.age_days.mean);
  push('problem_backlog', 'overall', '', 'median_age_days', pb.age_days.median);
  push('problem_backlog', 'overall', '', 'max_age_days', pb.age_days.max);
  for (const b of pb.by_age) push('problem_backlog', 'age', b.bucket, 'count', b.count);
  for (const p of pb.oldest) push('problem_backlog', 'oldest', p.problem, 'age_days', p.age_days);
  for (const c of report.top_cis) push('top_cis', 'ci', c.ci, 'incidents', c.incidents);
  const is = report.imported_sla;
  push('imported_sla', 'overall', '', 'compared', is.compared);
  push('imported_sla', 'overall', '', 'agree', is.agree);
  push('imported_sla', 'overall', '', 'percent', is.percent);
  for (const d of is.differing) push('imported_sla', 'differing', d.record, 'made_sla_vs_here', `${d.made_sla ? 'made' : 'missed'} / ${d.here}`);
  return rows;
}

/** RFC 4180 CSV of the rows, with a header; cells neutralised against formula injection. */
export function reportCsv(report: Report): string {
  return csvLines([['figure', 'group', 'key', 'measure', 'value'], ...reportRows(report).map((r) => [r.figure, r.group, r.key, r.measure, r.value])]);
}
