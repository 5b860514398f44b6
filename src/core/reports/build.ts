/** buildReport: every figure of the service report for a period, from the workspace and its SLA results. */
import { recordsOf, type AnyRecord, type Workspace } from '../model.ts';
import type { SlaResult } from '../sla/index.ts';
import { slaAttainment } from './attainment.ts';
import { changeFailureRate, changeSuccessRate } from './changes.ts';
import { importedSlaComparison } from './imported-sla.ts';
import { monthKeyer, parseBound } from './periods.ts';
import { problemBacklog } from './problems.ts';
import { meanTimeToAcknowledge, meanTimeToResolve } from './response-times.ts';
import { topCis } from './top-cis.ts';
import type { Report, ReportContext } from './types.ts';
import { incidentVolume } from './volume.ts';

export interface ReportOptions {
  /** First day (YYYY-MM-DD, in timeZone) or instant of the period; open when absent. */
  from?: string;
  /** Last day (included) or end instant (excluded) of the period; open when absent. */
  to?: string;
  now: Date | string;
  /** Zone for months and day bounds, usually the workspace's time_zone. */
  timeZone: string;
}

/**
 * Computes the report. `slaResults` are computeSla's results for the same workspace and `now`.
 * Throws RangeError for a bound or now that cannot be read (the CLI checks them first).
 */
export function buildReport(workspace: Pick<Workspace, 'records' | 'byId'>, slaResults: readonly SlaResult[], options: ReportOptions): Report {
  const ctx = reportContext(options);
  const incidents = recordsOf(workspace, 'incident');
  return {
    period: {
      from: ctx.from === null ? null : new Date(ctx.from).toISOString(),
      to: ctx.to === null ? null : new Date(ctx.to).toISOString(),
      now: new Date(ctx.now).toISOString(),
      time_zone: options.timeZone,
    },
    mtta: meanTimeToAcknowledge(incidents, slaResults, ctx),
    mttr: meanTimeToResolve(incidents, slaResults, ctx),
    sla_attainment: slaAttainment(slaResults, ctx, (id) => teamOf(workspace.byId.get(id))),
    incident_volume: incidentVolume(incidents, ctx),
    change_success_rate: changeSuccessRate(recordsOf(workspace, 'change'), ctx),
    change_failure_rate: changeFailureRate(recordsOf(workspace, 'change'), incidents, ctx),
    problem_backlog: problemBacklog(recordsOf(workspace, 'problem'), ctx),
    top_cis: topCis(incidents, workspace.byId, ctx),
    imported_sla: importedSlaComparison([...incidents, ...recordsOf(workspace, 'request')], slaResults, ctx),
  };
}

/** The team a record is with (its `team` field), for attainment by team. */
function teamOf(rec: AnyRecord | undefined): string | undefined {
  const team = rec && 'team' in rec.data ? rec.data.team : undefined;
  return typeof team === 'string' ? team : undefined;
}

/** The shared context of the figure functions, from report options. */
export function reportContext(options: ReportOptions): ReportContext {
  const now = typeof options.now === 'string' ? Date.parse(options.now) : options.now.getTime();
  if (Number.isNaN(now)) throw new RangeError(`buildReport: now is not a valid instant: ${String(options.now)}`);
  const bound = (text: string | undefined, end: boolean) => {
    if (text === undefined) return null;
    const t = parseBound(text, options.timeZone, end);
    if (t === null) throw new RangeError(`buildReport: "${text}" is neither a date YYYY-MM-DD nor an ISO instant with an offset`);
    return t;
  };
  return { from: bound(options.from, false), to: bound(options.to, true), now, monthOf: monthKeyer(options.timeZone) };
}
