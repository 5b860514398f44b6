/** SLA attainment: the share of clocks that stopped within target, by service, priority and month. */
import type { SlaResult } from '../sla/index.ts';
import { percentOf } from './periods.ts';
import { within } from './response-times.ts';
import type { AttainmentCell, AttainmentRow, ReportContext, SlaAttainment } from './types.ts';

/**
 * Counts met and breached clocks of records whose clock started in the period. A clock still
 * running past its target counts as breached (the breach has happened); clocks in progress,
 * paused, cancelled or without a policy are not counted.
 */
export function slaAttainment(sla: readonly SlaResult[], ctx: ReportContext): SlaAttainment {
  const overall = { response: cell(), resolution: cell() };
  const byService = new Map<string, AttainmentRow>();
  const byPriority = new Map<string, AttainmentRow>();
  const byMonth = new Map<string, AttainmentRow>();
  for (const r of sla) {
    if (r.state !== 'met' && r.state !== 'breached') continue;
    const start = Date.parse(r.started_at);
    if (!within(ctx, start)) continue;
    const met = r.state === 'met';
    for (const target of [overall, row(byService, r.service ?? '(none)'), row(byPriority, r.priority ?? '(none)'), row(byMonth, ctx.monthOf(start))]) {
      const c = target[r.metric];
      if (met) c.met += 1;
      else c.breached += 1;
    }
  }
  return {
    overall: { response: finish(overall.response), resolution: finish(overall.resolution) },
    by_service: rows(byService),
    by_priority: rows(byPriority),
    by_month: rows(byMonth),
  };
}

function cell(): AttainmentCell {
  return { met: 0, breached: 0, percent: null };
}

function row(map: Map<string, AttainmentRow>, key: string): AttainmentRow {
  let r = map.get(key);
  if (!r) map.set(key, (r = { key, response: cell(), resolution: cell() }));
  return r;
}

function finish(c: AttainmentCell): AttainmentCell {
  return { ...c, percent: percentOf(c.met, c.met + c.breached) };
}

function rows(map: Map<string, AttainmentRow>): AttainmentRow[] {
  return [...map.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => ({ key: r.key, response: finish(r.response), resolution: finish(r.resolution) }));
}
