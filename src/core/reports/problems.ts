/** Problem backlog age: how many problems are open and for how long. */
import { DAY_MS } from '../calendar.ts';
import type { ItsmRecord } from '../model.ts';
import { round, summaryStats } from './periods.ts';
import type { ProblemBacklog, ReportContext } from './types.ts';
import { isDone } from '../kinds/index.ts';

const BUCKETS: Array<[label: string, maxDays: number]> = [
  ['under 7 days', 7],
  ['7-30 days', 30],
  ['30-90 days', 90],
  ['over 90 days', Infinity],
];

/**
 * Problems open at the end of the period (or now, if sooner): opened by then and not resolved by
 * then. A problem resolved or closed without a resolved_at counts as closed.
 */
export function problemBacklog(problems: readonly ItsmRecord<'problem'>[], ctx: ReportContext, limit = 10): ProblemBacklog {
  const asOf = ctx.to === null ? ctx.now : Math.min(ctx.to, ctx.now);
  const open: Array<{ problem: ItsmRecord<'problem'>; age: number }> = [];
  for (const p of problems) {
    const opened = Date.parse(p.data.opened_at);
    if (Number.isNaN(opened) || opened > asOf) continue;
    if (isDone('problem', p.data.status)) {
      const resolved = p.data.resolved_at ? Date.parse(p.data.resolved_at) : NaN;
      if (Number.isNaN(resolved) || resolved <= asOf) continue;
    }
    open.push({ problem: p, age: (asOf - opened) / DAY_MS });
  }
  const ages = open.map((o) => o.age);
  const stats = summaryStats(ages);
  open.sort((a, b) => b.age - a.age || (a.problem.id < b.problem.id ? -1 : 1));
  return {
    as_of: new Date(asOf).toISOString(),
    open: open.length,
    known_errors: open.filter((o) => o.problem.data.known_error || o.problem.data.status === 'known_error').length,
    age_days: {
      mean: stats.mean === null ? null : round(stats.mean, 1),
      median: stats.median === null ? null : round(stats.median, 1),
      max: open.length ? round(open[0]!.age, 1) : null,
    },
    by_age: BUCKETS.map(([bucket, max], i) => ({
      bucket,
      count: ages.filter((a) => a < max && a >= (i === 0 ? 0 : BUCKETS[i - 1]![1])).length,
    })),
    oldest: open.slice(0, limit).map(({ problem, age }) => ({
      problem: problem.id,
      title: problem.data.title,
      status: problem.data.status,
      opened_at: problem.data.opened_at,
      age_days: round(age, 1),
    })),
  };
}
