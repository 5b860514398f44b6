/**
 * Report tables as the site shows and offers them for download (CSV and JSON), and the vega-lite
 * specs of their charts. The figures themselves come from the report engine (src/core/reports).
 */

import { csvLines } from '../csv.ts';
import { attainmentClocks, clockKey, clockLabel, type Report } from '../reports/index.ts';

export type CellValue = string | number | null;

export interface ReportTable {
  /** File-name-safe ID: the downloads are reports/<id>.csv and .json. */
  id: string;
  title: string;
  description: string;
  columns: Array<{ key: string; label: string }>;
  rows: Array<Record<string, CellValue>>;
  chart?: ChartSpec;
}

/** What to draw: a bar or line of one measure over one category, optionally split by a series. */
export interface ChartSpec {
  mark: 'bar' | 'line';
  x: string;
  y: string;
  series?: string;
  xTitle: string;
  yTitle: string;
  /** Bars of a series side by side instead of stacked. */
  grouped?: boolean;
  /** Rows to draw when they differ from the table's (long form, for a series). */
  data?: Array<Record<string, CellValue>>;
  /** A goal drawn as a dashed horizontal line across the chart, labelled (attainment: the share of clocks that should meet their targets). */
  target?: { value: number; label: string };
}

/** The attainment drawn as the charts' target line when sla.yaml sets no `attainment_target`. */
export const DEFAULT_ATTAINMENT_TARGET = 95;

/** RFC 4180 CSV: header row, CRLF line ends, cells quoted where needed and neutralised against formula injection. */
export function toCsv(table: ReportTable): string {
  return csvLines([table.columns.map((c) => c.label), ...table.rows.map((row) => table.columns.map((c) => row[c.key] ?? null))]);
}

/** The JSON download: the table's rows keyed by column, with its title and columns. */
export function toJson(table: ReportTable): string {
  return JSON.stringify({ id: table.id, title: table.title, columns: table.columns, rows: table.rows }, null, 2) + '\n';
}

/** Colours that read on light and dark backgrounds; text and axes take the page's colour. */
const THEME = {
  background: null,
  font: 'system-ui, sans-serif',
  view: { stroke: null },
  axis: {
    labelColor: 'currentColor',
    titleColor: 'currentColor',
    domainColor: 'currentColor',
    tickColor: 'currentColor',
    gridColor: '#8886',
    labelFontSize: 11,
    titleFontSize: 12,
  },
  legend: { labelColor: 'currentColor', titleColor: 'currentColor', labelFontSize: 11, titleFontSize: 12 },
  // Twenty distinct colours: a workspace can have more services than a small palette has colours.
  range: { category: { scheme: 'tableau20' } },
};

/** A vega-lite spec for a table's chart, data inline, sized for a page column. */
export function vegaLiteSpec(table: ReportTable): Record<string, unknown> | null {
  const c = table.chart;
  if (!c || table.rows.length === 0) return null;
  const values = (c.data ?? table.rows).filter((r) => r[c.y] !== null && r[c.y] !== undefined);
  if (values.length === 0) return null;
  const encoding: Record<string, unknown> = {
    x: { field: c.x, type: 'ordinal', title: c.xTitle, sort: null, axis: { labelAngle: values.length > 8 ? -40 : 0 } },
    y: { field: c.y, type: 'quantitative', title: c.yTitle },
    tooltip: [{ field: c.x }, { field: c.y }],
  };
  if (c.series) encoding.color = { field: c.series, type: 'nominal', title: table.columns.find((col) => col.key === c.series)?.label ?? c.series };
  else encoding.color = { value: '#3b6fd4' };
  if (c.series && c.grouped && c.mark === 'bar') encoding.xOffset = { field: c.series };
  const main = { mark: c.mark === 'line' ? { type: 'line', point: true } : { type: 'bar' }, encoding };
  const frame = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 560, height: 220, config: THEME, data: { values } };
  if (!c.target) return { ...frame, ...main };
  // The target as a dashed rule across the plot, named so the SVG says what it is, with its label at the right end.
  const y = { datum: c.target.value, type: 'quantitative' };
  return {
    ...frame,
    layer: [
      main,
      {
        name: 'target',
        data: ONE,
        mark: { type: 'rule', color: TARGET_COLOUR, strokeDash: [6, 4], strokeWidth: 2, description: c.target.label },
        encoding: { y },
      },
      {
        name: 'target_label',
        data: ONE,
        mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, x: 'width', color: TARGET_COLOUR, fontSize: 11, text: c.target.label },
        encoding: { y },
      },
    ],
  };
}

/** One empty datum: the target is drawn once, not once per row of the table. */
const ONE = { values: [{}] };

/** Red-orange that keeps its contrast on light and dark backgrounds. */
const TARGET_COLOUR = '#d9480f';

const pct = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const hours = (s: number | null) => (s === null ? null : Math.round((s / 3600) * 10) / 10);

/** The report engine's figures as the site's tables (and the charts drawn from them). */
export function reportTables(report: Report, options: { attainmentTarget?: number } = {}): ReportTable[] {
  const goal = options.attainmentTarget ?? DEFAULT_ATTAINMENT_TARGET;
  const targetNote = `The dashed line is the target: ${goal}% of clocks met.`;
  const a = report.sla_attainment;
  // One column group per clock the report has: response and resolution, and OLA clocks when measured.
  const clocks = attainmentClocks(a);
  const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const attainmentRows = (rows: Report['sla_attainment']['by_service']) =>
    rows.map((r) => {
      const row: Record<string, CellValue> = { key: r.key };
      for (const name of clocks) {
        const k = clockKey(name);
        row[`${k}_percent`] = pct(r[name]!.percent);
        row[`${k}_met`] = r[name]!.met;
        row[`${k}_breached`] = r[name]!.breached;
      }
      return row;
    });
  const attainmentColumns = (first: string) => [
    { key: 'key', label: first },
    ...clocks.flatMap((name) => {
      const k = clockKey(name);
      const label = capital(clockLabel(name));
      return [
        { key: `${k}_percent`, label: `${label} met %` },
        { key: `${k}_met`, label: `${label} met` },
        { key: `${k}_breached`, label: `${label} breached` },
      ];
    }),
  ];
  const attainmentChart = (rows: ReturnType<typeof attainmentRows>, xTitle: string, mark: 'bar' | 'line'): ChartSpec => ({
    mark,
    x: 'key',
    y: 'percent',
    series: 'clock',
    xTitle,
    yTitle: 'Targets met (%)',
    grouped: true,
    target: { value: goal, label: `target ${goal}%` },
    data: rows.flatMap((r) => clocks.map((name) => ({ key: r.key ?? null, clock: clockLabel(name), percent: r[`${clockKey(name)}_percent`] ?? null }))),
  });
  const bySla = {
    service: attainmentRows(a.by_service),
    team: attainmentRows(a.by_team),
    priority: attainmentRows(a.by_priority),
    month: attainmentRows(a.by_month),
  };
  const cs = report.change_success_rate;
  const cf = report.change_failure_rate;
  const pb = report.problem_backlog;
  const v = report.incident_volume;
  const services = [...new Set(v.by_month.flatMap((m) => Object.keys(m.by_service)))].sort();
  return [
    {
      id: 'key-figures',
      title: 'Key figures',
      description: "Means over the period. Business time counts only the SLA calendar's working hours; wall time counts every hour.",
      columns: [
        { key: 'figure', label: 'Figure' },
        { key: 'value', label: 'Value' },
        { key: 'unit', label: 'Unit' },
        { key: 'count', label: 'Based on' },
      ],
      rows: [
        { figure: 'MTTA (business time)', value: hours(report.mtta.business.mean_seconds), unit: 'hours', count: report.mtta.business.count },
        { figure: 'MTTA (wall clock)', value: hours(report.mtta.wall.mean_seconds), unit: 'hours', count: report.mtta.wall.count },
        { figure: 'MTTR (business time)', value: hours(report.mttr.business.mean_seconds), unit: 'hours', count: report.mttr.business.count },
        { figure: 'MTTR (wall clock)', value: hours(report.mttr.wall.mean_seconds), unit: 'hours', count: report.mttr.wall.count },
        ...clocks.map((name) => ({
          figure: `SLA attainment, ${clockLabel(name)}`,
          value: pct(a.overall[name]!.percent),
          unit: '%',
          count: a.overall[name]!.met + a.overall[name]!.breached,
        })),
        { figure: 'Change success rate', value: pct(cs.percent), unit: '%', count: cs.implemented },
        { figure: 'Change failure rate', value: pct(cf.percent), unit: '%', count: cf.implemented },
        { figure: 'Open problems', value: pb.open, unit: 'problems', count: null },
        { figure: 'Known errors', value: pb.known_errors, unit: 'problems', count: null },
      ],
    },
    {
      id: 'incident-volume-by-month',
      title: 'Incident volume by month',
      description: 'Incidents reported each month, by affected service.',
      columns: [{ key: 'month', label: 'Month' }, { key: 'count', label: 'Incidents' }, ...services.map((s) => ({ key: s, label: s }))],
      rows: v.by_month.map((m) => ({ month: m.month, count: m.count, ...Object.fromEntries(services.map((s) => [s, m.by_service[s] ?? 0])) })),
      chart: {
        mark: 'bar',
        x: 'month',
        y: 'count',
        series: 'service',
        xTitle: 'Month',
        yTitle: 'Incidents',
        data: v.by_month.flatMap((m) => Object.entries(m.by_service).map(([service, count]) => ({ month: m.month, service, count }))),
      },
    },
    {
      id: 'incident-volume-by-service',
      title: 'Incidents by service',
      description: '',
      columns: [
        { key: 'service', label: 'Service' },
        { key: 'count', label: 'Incidents' },
      ],
      rows: v.by_service.map((s) => ({ service: s.service, count: s.count })),
      chart: { mark: 'bar', x: 'service', y: 'count', xTitle: 'Service', yTitle: 'Incidents' },
    },
    {
      id: 'sla-attainment-by-month',
      title: 'SLA attainment by month',
      description: `Share of stopped clocks that met their target, by the month the clock started. ${targetNote}`,
      columns: attainmentColumns('Month'),
      rows: bySla.month,
      chart: attainmentChart(bySla.month, 'Month', 'line'),
    },
    {
      id: 'sla-attainment-by-service',
      title: 'SLA attainment by service',
      description: targetNote,
      columns: attainmentColumns('Service'),
      rows: bySla.service,
      chart: attainmentChart(bySla.service, 'Service', 'bar'),
    },
    {
      id: 'sla-attainment-by-team',
      title: 'SLA attainment by team',
      description: `An OLA cycle counts for the team whose part of the work it measured; a customer SLA clock for the team the record is with. ${targetNote}`,
      columns: attainmentColumns('Team'),
      rows: bySla.team,
      chart: attainmentChart(bySla.team, 'Team', 'bar'),
    },
    {
      id: 'sla-attainment-by-priority',
      title: 'SLA attainment by priority',
      description: targetNote,
      columns: attainmentColumns('Priority'),
      rows: bySla.priority,
      chart: attainmentChart(bySla.priority, 'Priority', 'bar'),
    },
    {
      id: 'change-success-by-month',
      title: 'Change success rate by month',
      description: `Of ${cs.implemented} changes implemented, ${cs.successful} succeeded (${pct(cs.percent) ?? '—'}%).`,
      columns: [
        { key: 'month', label: 'Month' },
        { key: 'implemented', label: 'Implemented' },
        { key: 'successful', label: 'Successful' },
        { key: 'percent', label: 'Success %' },
      ],
      rows: cs.by_month.map((m) => ({ month: m.month, implemented: m.implemented, successful: m.successful, percent: pct(m.percent) })),
      chart: { mark: 'line', x: 'month', y: 'percent', xTitle: 'Month', yTitle: 'Successful (%)' },
    },
    {
      id: 'change-failures',
      title: 'Changes that caused incidents',
      description: `Change failure rate: ${cf.causing_incidents} of ${cf.implemented} implemented changes (${pct(cf.percent) ?? '—'}%) are named by an incident's caused_by_change.`,
      columns: [
        { key: 'change', label: 'Change' },
        { key: 'title', label: 'Title' },
        { key: 'incidents', label: 'Incidents' },
      ],
      rows: cf.changes.map((c) => ({ change: c.change, title: c.title, incidents: c.incidents.join(' ') })),
    },
    {
      id: 'problem-backlog',
      title: 'Problem backlog by age',
      description: `${pb.open} open problems (${pb.known_errors} known errors); mean age ${pb.age_days.mean === null ? '—' : Math.round(pb.age_days.mean)} days.`,
      columns: [
        { key: 'bucket', label: 'Age' },
        { key: 'count', label: 'Open problems' },
      ],
      rows: pb.by_age.map((b) => ({ bucket: b.bucket, count: b.count })),
      chart: { mark: 'bar', x: 'bucket', y: 'count', xTitle: 'Age', yTitle: 'Open problems' },
    },
    {
      id: 'top-cis',
      title: 'Top configuration items by incidents',
      description: '',
      columns: [
        { key: 'ci', label: 'CI' },
        { key: 'name', label: 'Name' },
        { key: 'incidents', label: 'Incidents' },
      ],
      rows: report.top_cis.map((c) => ({ ci: c.ci, name: c.name, incidents: c.incidents })),
      chart: { mark: 'bar', x: 'ci', y: 'incidents', xTitle: 'CI', yTitle: 'Incidents' },
    },
  ];
}
