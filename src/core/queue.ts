/**
 * The queue: the open work of a workspace, soonest SLA due time first, as `itsm queue` prints it and
 * the site's queue pages show it. Which kinds have a queue, which statuses are open and which field
 * holds the team and the assignee all come from the kind definitions; the clocks from the SLA engine.
 */
import { formatSeconds } from './format.ts';
import { displayName, REGISTRY } from './kinds/index.ts';
import type { AnyKindDefinition } from './kinds/definition.ts';
import type { KindRegistry } from './kinds/registry.ts';
import type { AnyRecord, Workspace } from './model.ts';
import { sameLogin } from './people.ts';
import { computeSla, type SlaClockName, type SlaResult } from './sla/index.ts';

/** Where a kind keeps its assignment: the team field (a reference to a team) and, if it has one, the assignee field. */
export interface Assignment {
  team: string;
  assignee: string | null;
}

/**
 * A kind has a queue when it has open statuses and is assigned: a `team` reference to a team
 * (not an owner: a service or an article is owned, not worked), and an assignee when one of its
 * catalog columns is keyed `assignee`.
 */
export function assignmentOf(def: AnyKindDefinition): Assignment | null {
  if (def.lifecycle.open.length === 0) return null;
  const team = def.relations.find((r) => r.field === 'team' && r.to === 'team');
  if (!team) return null;
  const column = def.columns.find((c) => c.key === 'assignee');
  const assignee = column && 'field' in column.value ? column.value.field : null;
  return { team: team.field, assignee };
}

/** The kinds that have a queue, in registry order. */
export function queueKinds(registry: KindRegistry = REGISTRY): string[] {
  return registry.kinds.filter((k) => assignmentOf(registry.get(k)) !== null);
}

/** The clock a queue row is sorted by: the earliest-due running clock, else the earliest-due paused one. */
export interface QueueClock {
  metric: SlaClockName;
  /** running: counting now; paused: stopped by a pause status (due_at is projected from resumption now). */
  clock: 'running' | 'paused';
  state: SlaResult['state'];
  at_risk: boolean;
  due_at: string;
  /** Wall-clock seconds from now to the due time; negative when overdue. */
  left_seconds: number;
}

export interface QueueRow {
  id: string;
  kind: string;
  title: string;
  status: string;
  priority: string | null;
  team: string | null;
  assignee: string | null;
  /** The earliest instant the record states: when it was reported, requested, opened... */
  opened_at: string | null;
  age_seconds: number | null;
  sla: QueueClock | null;
}

export interface QueueFilter {
  /** Only these kinds (default: every kind with a queue). */
  kinds?: readonly string[];
  team?: string;
  assignee?: string;
  /** Only work nobody has taken: no assignee (kinds with one), or no team (kinds with only a team). */
  unassigned?: boolean;
}

/**
 * The open work matching `filter`, sorted: records with a running clock by due time, then paused
 * clocks by due time, then records without a clock by priority (P1 first) and age (oldest first).
 * `sla` lets a caller that already ran the engine at `now` (the site) pass its results.
 */
export function queue(
  ws: Pick<Workspace, 'records' | 'policies' | 'byId'>,
  now: Date,
  filter: QueueFilter = {},
  sla?: readonly SlaResult[],
  registry: KindRegistry = REGISTRY,
): QueueRow[] {
  const nowMs = now.getTime();
  const kinds = new Set(filter.kinds ?? queueKinds(registry));
  const clocks = new Map<string, SlaResult[]>();
  for (const r of sla ?? computeSla(ws, now)) {
    if (r.clock !== 'running' && r.clock !== 'paused') continue;
    (clocks.get(r.record) ?? clocks.set(r.record, []).get(r.record)!).push(r);
  }
  const rows: QueueRow[] = [];
  for (const rec of ws.records) {
    if (!kinds.has(rec.kind)) continue;
    const def = registry.get(rec.kind);
    const assignment = assignmentOf(def);
    const data = rec.data as unknown as Record<string, unknown>;
    if (!assignment || !def.lifecycle.open.includes(String(data.status))) continue;
    const team = text(data[assignment.team]);
    const assignee = assignment.assignee ? text(data[assignment.assignee]) : null;
    if (filter.team !== undefined && team !== filter.team) continue;
    if (filter.assignee !== undefined && (assignee === null || !sameLogin(assignee, filter.assignee))) continue;
    if (filter.unassigned && !unassigned(assignment, team, assignee)) continue;
    const opened = openedAt(rec, def);
    rows.push({
      id: rec.id,
      kind: rec.kind,
      title: displayName(rec, registry),
      status: String(data.status),
      priority: text(data.priority),
      team,
      assignee,
      opened_at: opened?.text ?? null,
      age_seconds: opened ? Math.max(0, Math.floor((nowMs - opened.ms) / 1000)) : null,
      sla: soonest(clocks.get(rec.id) ?? [], nowMs),
    });
  }
  return rows.sort(compareRows);
}

/** Nobody has taken the work: no assignee where the kind has one, no team where it has only a team. */
function unassigned(assignment: Assignment, team: string | null, assignee: string | null): boolean {
  return assignment.assignee ? assignee === null : team === null;
}

/** Whether a queue row is work nobody has taken (as `--unassigned` selects it). */
export function isUnassigned(row: Pick<QueueRow, 'kind' | 'team' | 'assignee'>, registry: KindRegistry = REGISTRY): boolean {
  const assignment = assignmentOf(registry.get(row.kind));
  return assignment !== null && unassigned(assignment, row.team, row.assignee);
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The earliest of the instants the record says happened (its `happened` fields and timeline). */
function openedAt(rec: AnyRecord, def: AnyKindDefinition): { text: string; ms: number } | null {
  const data = rec.data as unknown as Record<string, unknown>;
  const candidates = [...(def.happened ?? []).map((f) => data[f]), ...(Array.isArray(data.timeline) ? data.timeline.map((e: { at?: unknown }) => e?.at) : [])];
  let best: { text: string; ms: number } | null = null;
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const ms = Date.parse(c);
    if (!Number.isNaN(ms) && (!best || ms < best.ms)) best = { text: c, ms };
  }
  return best;
}

function soonest(results: readonly SlaResult[], nowMs: number): QueueClock | null {
  const due = (r: SlaResult) => (r.due_at ? Date.parse(r.due_at) : Infinity);
  const pick = (clock: 'running' | 'paused') =>
    results.filter((r) => r.clock === clock && r.due_at).sort((a, b) => due(a) - due(b) || a.metric.localeCompare(b.metric))[0];
  const r = pick('running') ?? pick('paused');
  if (!r || !r.due_at) return null;
  return {
    metric: r.metric,
    clock: r.clock as 'running' | 'paused',
    state: r.state,
    at_risk: r.at_risk,
    due_at: r.due_at,
    left_seconds: Math.floor((Date.parse(r.due_at) - nowMs) / 1000),
  };
}

const PRIORITY = /^P(\d+)$/;

function compareRows(a: QueueRow, b: QueueRow): number {
  const group = (r: QueueRow) => (r.sla?.clock === 'running' ? 0 : r.sla ? 1 : 2);
  const ga = group(a);
  const gb = group(b);
  if (ga !== gb) return ga - gb;
  if (a.sla && b.sla) {
    const d = Date.parse(a.sla.due_at) - Date.parse(b.sla.due_at);
    if (d !== 0) return d;
  }
  const rank = (r: QueueRow) => Number(PRIORITY.exec(r.priority ?? '')?.[1] ?? Infinity);
  const p = rank(a) - rank(b);
  if (p !== 0 && !Number.isNaN(p)) return p;
  const age = (b.age_seconds ?? -1) - (a.age_seconds ?? -1);
  if (age !== 0) return age;
  return a.id.localeCompare(b.id, 'en', { numeric: true });
}

/** "2h 10m left", "overdue 35m", or "paused" (a paused clock does not count down); whole seconds, floored. */
export function timeLeft(clock: Pick<QueueClock, 'clock' | 'left_seconds'>): string {
  if (clock.clock === 'paused') return 'paused';
  return clock.left_seconds >= 0 ? `${formatSeconds(clock.left_seconds)} left` : `overdue ${formatSeconds(-clock.left_seconds)}`;
}
