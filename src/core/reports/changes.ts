/**
 * Change success rate and change failure rate.
 * A change is implemented when it ended: completed, failed or rolled back; it belongs to the period
 * in which it ended (actual_end, else actual_start, else planned_end).
 *   success rate  = completed with an outcome other than failed / rolled back, over implemented
 *   failure rate  = implemented changes that an incident names in caused_by_change, over implemented
 */
import type { ItsmRecord } from '../model.ts';
import { percentOf } from './periods.ts';
import { within } from './response-times.ts';
import type { ChangeFailureRate, ChangeSuccessRate, ReportContext } from './types.ts';
import { isDone } from '../kinds/index.ts';

/** When a change ended, or null when it has not. */
export function implementedAt(change: ItsmRecord<'change'>): number | null {
  if (!isDone('change', change.data.status)) return null;
  const t = Date.parse(change.data.actual_end ?? change.data.actual_start ?? change.data.planned_end);
  return Number.isNaN(t) ? null : t;
}

export function isSuccessful(change: ItsmRecord<'change'>): boolean {
  const outcome = change.data.outcome;
  return change.data.status === 'completed' && outcome !== 'failed' && outcome !== 'rolled_back';
}

function implementedIn(changes: readonly ItsmRecord<'change'>[], ctx: ReportContext): Array<[ItsmRecord<'change'>, number]> {
  const out: Array<[ItsmRecord<'change'>, number]> = [];
  for (const c of changes) {
    const t = implementedAt(c);
    if (t !== null && within(ctx, t) && t <= ctx.now) out.push([c, t]);
  }
  return out;
}

/** Share of implemented changes that succeeded, overall and by month. */
export function changeSuccessRate(changes: readonly ItsmRecord<'change'>[], ctx: ReportContext): ChangeSuccessRate {
  const done = implementedIn(changes, ctx);
  const months = new Map<string, { implemented: number; successful: number }>();
  let successful = 0;
  for (const [c, t] of done) {
    const ok = isSuccessful(c);
    if (ok) successful += 1;
    const month = ctx.monthOf(t);
    const m = months.get(month) ?? { implemented: 0, successful: 0 };
    m.implemented += 1;
    if (ok) m.successful += 1;
    months.set(month, m);
  }
  return {
    implemented: done.length,
    successful,
    failed: done.length - successful,
    percent: percentOf(successful, done.length),
    by_month: [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, m]) => ({ month, ...m, percent: percentOf(m.successful, m.implemented) })),
  };
}

/** Share of implemented changes that caused at least one incident (linked by caused_by_change). */
export function changeFailureRate(
  changes: readonly ItsmRecord<'change'>[],
  incidents: readonly ItsmRecord<'incident'>[],
  ctx: ReportContext,
): ChangeFailureRate {
  const causedBy = new Map<string, string[]>();
  for (const inc of incidents) {
    const id = inc.data.caused_by_change;
    if (!id || Date.parse(inc.data.reported_at) > ctx.now) continue;
    const list = causedBy.get(id) ?? [];
    list.push(inc.id);
    causedBy.set(id, list);
  }
  const done = implementedIn(changes, ctx);
  const failing = done
    .filter(([c]) => causedBy.has(c.id))
    .map(([c]) => ({ change: c.id, title: c.data.title, incidents: [...causedBy.get(c.id)!].sort() }))
    .sort((a, b) => (a.change < b.change ? -1 : 1));
  return { implemented: done.length, causing_incidents: failing.length, percent: percentOf(failing.length, done.length), changes: failing };
}
