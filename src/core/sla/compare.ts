/**
 * Back-testing an SLA policy edit: the same records judged twice, once under the base commit's
 * policies and once under the head's, over a recent window. Pure: the policies of both sides, the
 * records and `now` are parameters.
 *
 * What a side is made of: everything computeSla reads from the policy files (sla.yaml and
 * calendars.yaml), plus the priority matrix, which decides the priority each incident is measured
 * at (see prioritized). The records, services and settings are the head's on both sides: the
 * question is "what would these records have scored under that policy".
 */
import { DAY_MS } from '../calendar.ts';
import type { AnyRecord, Policies, Workspace } from '../model.ts';
import { slaAttainment } from '../reports/attainment.ts';
import { monthKeyer } from '../reports/periods.ts';
import type { AttainmentCells, SlaAttainment } from '../reports/types.ts';
import { computeSla } from './engine.ts';
import type { SlaClockName, SlaResult, SlaState } from './types.ts';

/** The policy files a side of the comparison is made of. */
export type SlaPolicySide = Pick<Policies, 'sla' | 'calendars' | 'priorityMatrix'>;

export interface SlaComparisonInput {
  /** The head's records (and services); only incidents and requests opened in the window are judged. */
  workspace: Pick<Workspace, 'records' | 'byId' | 'settings'>;
  base: SlaPolicySide;
  head: SlaPolicySide;
  now: Date;
  /** The window: records opened in the `days` x 24 hours up to `now`. */
  days: number;
}

/** One row of attainment (a priority or a service) on both sides. */
export interface ComparedRow {
  key: string;
  base: AttainmentCells;
  head: AttainmentCells;
}

/** How one side judged a clock that the two sides judged differently. */
export interface ClockOutcome {
  /** The state (met, breached, in_progress...), or "none" when the side measured no such clock. */
  state: SlaState | 'none';
  policy: string | null;
  priority: string | null;
  due_at: string | null;
  target_seconds: number | null;
}

/** A clock whose outcome differs between the sides: met on one, breached (or unmeasured) on the other. */
export interface ChangedClock {
  record: string;
  metric: SlaClockName;
  /** 1 for a record's first (or only) cycle; later cycles after a reopen or a restart count up. */
  cycle: number;
  service: string | null;
  base: ClockOutcome;
  head: ClockOutcome;
}

export interface SlaComparison {
  now: string;
  days: number;
  /** The window's first instant (ISO, UTC). */
  from: string;
  /** Incidents and requests opened in the window. */
  records: number;
  overall: { base: AttainmentCells; head: AttainmentCells };
  by_priority: ComparedRow[];
  by_service: ComparedRow[];
  /** Clocks whose outcome changed, by record, clock and cycle. */
  changed: ChangedClock[];
}

/** The SLA figures of the window under both sides' policies, side by side. */
export function compareSla(input: SlaComparisonInput): SlaComparison {
  const nowMs = input.now.getTime();
  const fromMs = nowMs - input.days * DAY_MS;
  const opened = input.workspace.records.filter((r) => {
    const start = openedAt(r);
    return start !== null && start >= fromMs && start <= nowMs;
  });
  const ctx = { from: null, to: null, now: nowMs, monthOf: monthKeyer(input.workspace.settings.time_zone) };
  const side = (policies: SlaPolicySide) => {
    const records = prioritized(opened, policies.priorityMatrix);
    const results = computeSla({ records, byId: input.workspace.byId, policies }, input.now);
    return { results, attainment: slaAttainment(results, ctx) };
  };
  const base = side(input.base);
  const head = side(input.head);
  return {
    now: input.now.toISOString(),
    days: input.days,
    from: new Date(fromMs).toISOString(),
    records: opened.length,
    overall: { base: base.attainment.overall, head: head.attainment.overall },
    by_priority: pairRows(base.attainment, head.attainment, 'by_priority'),
    by_service: pairRows(base.attainment, head.attainment, 'by_service'),
    changed: changedClocks(base.results, head.results),
  };
}

/** When an incident was reported or a request made; null for every other kind. */
function openedAt(r: AnyRecord): number | null {
  if (r.kind === 'incident') return Date.parse(r.data.reported_at);
  if (r.kind === 'request') return Date.parse(r.data.requested_at);
  return null;
}

/**
 * The records with each incident's priority as the side's matrix gives it: impact x urgency, unless
 * the record overrides it (`priority_override_reason`), the matrix has no such cell, or its timeline
 * records priority changes (those are history, not a matrix lookup).
 */
export function prioritized(records: readonly AnyRecord[], matrix: SlaPolicySide['priorityMatrix']): AnyRecord[] {
  if (!matrix) return [...records];
  return records.map((r) => {
    if (r.kind !== 'incident') return r;
    const d = r.data;
    if (d.priority_override_reason || d.timeline?.some((e) => e.priority !== undefined)) return r;
    const derived = matrix.matrix[d.impact]?.[d.urgency];
    return derived && derived !== d.priority ? { ...r, data: { ...d, priority: derived } } : r;
  });
}

const NO_CELLS: AttainmentCells = { response: { met: 0, breached: 0, percent: null }, resolution: { met: 0, breached: 0, percent: null } };

function pairRows(base: SlaAttainment, head: SlaAttainment, by: 'by_priority' | 'by_service'): ComparedRow[] {
  const keys = [...new Set([...base[by].map((r) => r.key), ...head[by].map((r) => r.key)])].sort();
  const cells = (rows: SlaAttainment['by_priority'], key: string): AttainmentCells => {
    const row = rows.find((r) => r.key === key);
    if (!row) return NO_CELLS;
    const { key: _, ...rest } = row;
    return rest;
  };
  return keys.map((key) => ({ key, base: cells(base[by], key), head: cells(head[by], key) }));
}

/** Every measured cycle of every clock, keyed "record metric cycle". */
function cyclesOf(results: readonly SlaResult[]): Map<string, { result: SlaResult; cycle: number; outcome: ClockOutcome }> {
  const out = new Map<string, { result: SlaResult; cycle: number; outcome: ClockOutcome }>();
  for (const r of results) {
    const earlier = r.cycles ?? [];
    earlier.forEach((c, i) =>
      out.set(`${r.record} ${r.metric} ${i + 1}`, {
        result: r,
        cycle: i + 1,
        outcome: { state: c.state, policy: r.policy, priority: c.priority, due_at: c.due_at, target_seconds: c.target_seconds },
      }),
    );
    out.set(`${r.record} ${r.metric} ${earlier.length + 1}`, {
      result: r,
      cycle: earlier.length + 1,
      outcome: { state: r.state, policy: r.policy, priority: r.priority ?? null, due_at: r.due_at, target_seconds: r.target_seconds },
    });
  }
  return out;
}

const NONE: ClockOutcome = { state: 'none', policy: null, priority: null, due_at: null, target_seconds: null };
const DECIDED = new Set<string>(['met', 'breached']);

/** Clocks met on one side and breached on the other, or decided on one side only. */
function changedClocks(base: readonly SlaResult[], head: readonly SlaResult[]): ChangedClock[] {
  const b = cyclesOf(base);
  const h = cyclesOf(head);
  const out: ChangedClock[] = [];
  for (const key of new Set([...b.keys(), ...h.keys()])) {
    const x = b.get(key);
    const y = h.get(key);
    const before = x?.outcome ?? NONE;
    const after = y?.outcome ?? NONE;
    if (before.state === after.state || (!DECIDED.has(before.state) && !DECIDED.has(after.state))) continue;
    const any = (x ?? y)!;
    out.push({
      record: any.result.record,
      metric: any.result.metric,
      cycle: any.cycle,
      service: any.result.service ?? null,
      base: before,
      head: after,
    });
  }
  return out.sort((p, q) => cmp(p.record, q.record) || cmp(p.metric, q.metric) || p.cycle - q.cycle);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
