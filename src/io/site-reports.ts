/**
 * The reports page's data: the report engine's figures as tables, each with its chart drawn to SVG
 * at build time.
 */
import type { Workspace } from '../core/model.ts';
import { buildReport } from '../core/reports/index.ts';
import { formatInstant } from '../core/format.ts';
import { reportTables as siteReportTables, vegaLiteSpec, type ReportTable } from '../core/site/report-tables.ts';
import type { SlaResult } from '../core/sla/index.ts';
import { chartSvg } from './charts.ts';

export async function reportData(
  ws: Workspace,
  sla: readonly SlaResult[],
  now: string,
  log: (s: string) => void,
): Promise<{ tables: Array<ReportTable & { svg: string | null }>; period: string } | null> {
  const tables = await reportTables(ws, sla, now);
  if (!tables) return null;
  const t = Date.now();
  const out = [];
  for (const table of tables.tables) {
    const spec = vegaLiteSpec(table);
    out.push({ ...table, svg: spec ? await chartSvg(spec as never, table.title) : null });
  }
  log(`reports: ${out.length} tables, charts in ${Date.now() - t} ms`);
  return { tables: out, period: tables.period };
}

/** The same report `itsm report` prints (whole history, workspace zone), as tables. */
async function reportTables(ws: Workspace, sla: readonly SlaResult[], now: string): Promise<{ tables: ReportTable[]; period: string } | null> {
  const report = buildReport(ws, sla, { now, timeZone: ws.settings.time_zone });
  const from = report.period.from ? formatInstant(report.period.from, ws.settings.time_zone) : 'the first record';
  const to = report.period.to ? formatInstant(report.period.to, ws.settings.time_zone) : formatInstant(now, ws.settings.time_zone);
  const attainmentTarget = ws.policies.sla?.attainment_target;
  return {
    tables: siteReportTables(report, attainmentTarget === undefined ? {} : { attainmentTarget }),
    period: `From ${from} to ${to}, months in ${ws.settings.time_zone}.`,
  };
}
