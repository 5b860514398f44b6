/**
 * Report tables as the site shows and offers them for download (CSV and JSON), and the vega-lite
 * specs of their charts. The figures themselves come from the report engine (src/core/reports).
 */

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
}

/** RFC 4180 CSV: header row, CRLF line ends, fields quoted when they hold a comma, quote or newline. */
export function toCsv(table: ReportTable): string {
  const quote = (v: CellValue) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [table.columns.map((c) => quote(c.label)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => quote(row[c.key] ?? null)).join(','));
  return lines.join('\r\n') + '\r\n';
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
  axis: { labelColor: 'currentColor', titleColor: 'currentColor', domainColor: 'currentColor', tickColor: 'currentColor', gridColor: '#8886', labelFontSize: 11, titleFontSize: 12 },
  legend: { labelColor: 'currentColor', titleColor: 'currentColor', labelFontSize: 11, titleFontSize: 12 },
  range: { category: ['#3b6fd4', '#d9822b', '#2e9d6a', '#c2415b', '#7c5cc4', '#8a8a1f', '#1f8a8a', '#9a5b2e'] },
};

/** A vega-lite spec for a table's chart, data inline, sized for a page column. */
export function vegaLiteSpec(table: ReportTable): Record<string, unknown> | null {
  const c = table.chart;
  if (!c || table.rows.length === 0) return null;
  const values = table.rows.filter((r) => r[c.y] !== null && r[c.y] !== undefined);
  const encoding: Record<string, unknown> = {
    x: { field: c.x, type: 'ordinal', title: c.xTitle, sort: null, axis: { labelAngle: values.length > 8 ? -40 : 0 } },
    y: { field: c.y, type: 'quantitative', title: c.yTitle },
    tooltip: [{ field: c.x }, { field: c.y }],
  };
  if (c.series) encoding.color = { field: c.series, type: 'nominal', title: table.columns.find((col) => col.key === c.series)?.label ?? c.series };
  else encoding.color = { value: '#3b6fd4' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 220,
    config: THEME,
    data: { values },
    mark: c.mark === 'line' ? { type: 'line', point: true } : { type: 'bar' },
    encoding,
  };
}
