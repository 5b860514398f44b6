/** SLA attainment: the share of clocks that stopped within target, by service, team, priority and month. */
import { CLOCK_NAMES, type SlaClockName, type SlaResult } from '../sla/index.ts';
import { percentOf } from './periods.ts';
import { within } from './response-times.ts';
import type { AttainmentCell, AttainmentRow, ReportContext, SlaAttainment } from './types.ts';

/**
 * Counts met and breached clocks whose cycle started in the period, cycle by cycle (as Jira Service
 * Management does): a record reopened under `on_reopen: new_cycle` counts once per cycle, and a
 * cycle cancelled by a priority restart not at all. A clock still running past its target counts as
 * breached (the breach has happened); clocks in progress, paused, cancelled or without a policy are
 * not counted. Month and period go by the cycle's start. The team of an OLA clock is the team its
 * cycle measured; of a customer SLA clock, the team the record is with (`teamOf`, its `team` field).
 */
export function slaAttainment(sla: readonly SlaResult[], ctx: ReportContext, teamOf: (record: string) => string | undefined = () => undefined): SlaAttainment {
  const overall: AttainmentRow = { key: '', response: cell(), resolution: cell() };
  const byService = new Map<string, AttainmentRow>();
  const byTeam = new Map<string, AttainmentRow>();
  const byPriority = new Map<string, AttainmentRow>();
  const byMonth = new Map<string, AttainmentRow>();
  const seen = new Set<SlaClockName>(['response', 'resolution']);
  const count = (
    metric: SlaClockName,
    state: string,
    startedAt: string,
    service: string | undefined,
    priority: string | undefined,
    team: string | undefined,
  ) => {
    if (state !== 'met' && state !== 'breached') return;
    const start = Date.parse(startedAt);
    if (!within(ctx, start)) return;
    seen.add(metric);
    const rowsOf = [
      overall,
      row(byService, service ?? '(none)'),
      row(byTeam, team ?? '(none)'),
      row(byPriority, priority ?? '(none)'),
      row(byMonth, ctx.monthOf(start)),
    ];
    for (const target of rowsOf) {
      const c = (target[metric] ??= cell());
      if (state === 'met') c.met += 1;
      else c.breached += 1;
    }
  };
  for (const r of sla) {
    const ola = r.metric.startsWith('ola-');
    const team = ola ? r.team : teamOf(r.record);
    for (const c of r.cycles ?? []) count(r.metric, c.state, c.started_at, r.service, c.priority, ola ? c.team : team);
    count(r.metric, r.state, r.started_at, r.service, r.priority, team);
  }
  const clocks = CLOCK_NAMES.filter((n) => seen.has(n));
  const { key: _, ...cells } = finish(overall, clocks);
  return {
    overall: cells,
    by_service: rows(byService, clocks),
    by_team: rows(byTeam, clocks),
    by_priority: rows(byPriority, clocks),
    by_month: rows(byMonth, clocks),
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

/** The row with percentages, and a cell for every clock the report has (so rows share one shape). */
function finish(r: AttainmentRow, clocks: readonly SlaClockName[]): AttainmentRow {
  const out: AttainmentRow = { key: r.key, response: cell(), resolution: cell() };
  for (const name of clocks) {
    const c = r[name] ?? cell();
    out[name] = { ...c, percent: percentOf(c.met, c.met + c.breached) };
  }
  return out;
}

function rows(map: Map<string, AttainmentRow>, clocks: readonly SlaClockName[]): AttainmentRow[] {
  return [...map.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => finish(r, clocks));
}

/** The clocks a report has attainment for, in display order: response and resolution, then any OLA clocks. */
export function attainmentClocks(a: Pick<SlaAttainment, 'overall'>): SlaClockName[] {
  return CLOCK_NAMES.filter((n) => a.overall[n] !== undefined);
}

/** A clock's name for people: "response", "OLA resolution". */
export function clockLabel(name: SlaClockName): string {
  return name.startsWith('ola-') ? `OLA ${name.slice(4)}` : name;
}

/** A clock's name in a column or CSV measure: response, ola_resolution. */
export function clockKey(name: SlaClockName): string {
  return name.replace('-', '_');
}
