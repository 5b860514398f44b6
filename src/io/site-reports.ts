/**
 * The reports page's data: the report engine's figures as tables, each with its chart drawn to SVG
 * at build time. Until the report engine is present in a checkout, the page is simply left out.
 */
import type { Workspace } from '../core/model.ts';
import { vegaLiteSpec, type ReportTable } from '../core/site/report-tables.ts';
import type { SlaResult } from '../core/sla/index.ts';
import { chartSvg } from './charts.ts';

export async function reportData(ws: Workspace, sla: readonly SlaResult[], now: string, log: (s: string) => void): Promise<{ tables: Array<ReportTable & { svg: string | null }>; period: string } | null> {
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

async function reportTables(_ws: Workspace, _sla: readonly SlaResult[], _now: string): Promise<{ tables: ReportTable[]; period: string } | null> {
  return null;
}
