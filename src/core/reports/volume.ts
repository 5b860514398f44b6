/** Incident volume: how many incidents were reported, per month and per service. */
import type { ItsmRecord } from '../model.ts';
import { monthsBetween } from './periods.ts';
import { within } from './response-times.ts';
import type { IncidentVolume, ReportContext } from './types.ts';

/** Incidents reported in the period (and by now), by month (empty months included) and by service. */
export function incidentVolume(incidents: readonly ItsmRecord<'incident'>[], ctx: ReportContext): IncidentVolume {
  const months = new Map<string, Map<string, number>>();
  const services = new Map<string, number>();
  let total = 0;
  for (const inc of incidents) {
    const t = Date.parse(inc.data.reported_at);
    if (!within(ctx, t) || t > ctx.now) continue;
    total += 1;
    const month = ctx.monthOf(t);
    let perService = months.get(month);
    if (!perService) months.set(month, (perService = new Map<string, number>()));
    perService.set(inc.data.service, (perService.get(inc.data.service) ?? 0) + 1);
    services.set(inc.data.service, (services.get(inc.data.service) ?? 0) + 1);
  }
  const keys = [...months.keys()].sort();
  const first = ctx.from !== null ? ctx.monthOf(ctx.from) : keys[0];
  const last = ctx.to !== null ? ctx.monthOf(Math.min(ctx.to - 1, ctx.now)) : keys.at(-1);
  const span = first && last && first <= last ? monthsBetween(first, last) : keys;
  return {
    total,
    by_month: span.map((month) => {
      const perService = months.get(month) ?? new Map<string, number>();
      const count = [...perService.values()].reduce((s, n) => s + n, 0);
      return { month, count, by_service: Object.fromEntries([...perService].sort(([a], [b]) => (a < b ? -1 : 1))) };
    }),
    by_service: [...services].map(([service, count]) => ({ service, count })).sort((a, b) => b.count - a.count || (a.service < b.service ? -1 : 1)),
  };
}
