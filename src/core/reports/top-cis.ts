/** The configuration items involved in the most incidents. */
import type { AnyRecord, ItsmRecord } from '../model.ts';
import { within } from './response-times.ts';
import type { ReportContext, TopCi } from './types.ts';

/** CIs by the number of incidents reported in the period that list them, most first (ties by ID). */
export function topCis(incidents: readonly ItsmRecord<'incident'>[], byId: ReadonlyMap<string, AnyRecord>, ctx: ReportContext, limit = 10): TopCi[] {
  const counts = new Map<string, number>();
  for (const inc of incidents) {
    const t = Date.parse(inc.data.reported_at);
    if (!within(ctx, t) || t > ctx.now) continue;
    for (const ci of new Set(inc.data.cis ?? [])) counts.set(ci, (counts.get(ci) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([ci, n]) => {
      const rec = byId.get(ci);
      return { ci, name: rec?.kind === 'ci' ? rec.data.name : null, incidents: n };
    });
}
