/** MTTA and MTTR: mean (and median) time to acknowledge and to resolve incidents. */
import type { ItsmRecord } from '../model.ts';
import type { SlaMetric, SlaResult } from '../sla/index.ts';
import { round, summaryStats } from './periods.ts';
import type { DurationStats, ReportContext, TimeToFigure } from './types.ts';
import { isDone } from '../kinds/index.ts';

/** Mean time to acknowledge incidents reported in the period: reported_at -> acknowledged_at. */
export function meanTimeToAcknowledge(incidents: readonly ItsmRecord<'incident'>[], sla: readonly SlaResult[], ctx: ReportContext): TimeToFigure {
  return timeTo(incidents, sla, ctx, 'response', (d) => d.acknowledged_at);
}

/** Mean time to resolve incidents reported in the period: reported_at -> (final) resolved_at. */
export function meanTimeToResolve(incidents: readonly ItsmRecord<'incident'>[], sla: readonly SlaResult[], ctx: ReportContext): TimeToFigure {
  return timeTo(incidents, sla, ctx, 'resolution', (d) => (isDone('incident', d.status) ? d.resolved_at : undefined));
}

function timeTo(
  incidents: readonly ItsmRecord<'incident'>[],
  sla: readonly SlaResult[],
  ctx: ReportContext,
  metric: SlaMetric,
  endOf: (d: ItsmRecord<'incident'>['data']) => string | undefined,
): TimeToFigure {
  const wall: number[] = [];
  const inPeriod = new Set<string>();
  for (const inc of incidents) {
    const start = Date.parse(inc.data.reported_at);
    if (!within(ctx, start) || start > ctx.now) continue;
    inPeriod.add(inc.id);
    const endText = endOf(inc.data);
    const end = endText ? Date.parse(endText) : NaN;
    if (end <= ctx.now && end >= start) wall.push((end - start) / 1000);
  }
  const business: number[] = [];
  for (const r of sla) {
    if (r.kind !== 'incident' || r.metric !== metric || r.clock !== 'stopped' || !inPeriod.has(r.record)) continue;
    // Every cycle of the clock counts (a reopen under new_cycle, a restart on a priority change): the time it took.
    business.push((r.cycles ?? []).reduce((sum, c) => sum + c.elapsed_seconds, r.elapsed_seconds!));
  }
  return { business: stats(business), wall: stats(wall) };
}

function stats(values: number[]): DurationStats {
  const s = summaryStats(values);
  return { count: s.count, mean_seconds: s.mean === null ? null : round(s.mean), median_seconds: s.median === null ? null : round(s.median) };
}

export function within(ctx: Pick<ReportContext, 'from' | 'to'>, t: number): boolean {
  return !Number.isNaN(t) && (ctx.from === null || t >= ctx.from) && (ctx.to === null || t < ctx.to);
}
