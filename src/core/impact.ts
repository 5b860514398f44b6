/**
 * CMDB impact analysis: for a CI or a service, what it needs (upstream) and what needs it
 * (downstream), over the dependency relations of the relation table read both ways, the services
 * affected if it fails, and the open incidents and planned changes touching any of them.
 * Pure: the caller loads the records; `buildImpactIndex` once, then `impactOf` per question.
 */
import type { Kind } from './ids.ts';
import type { AnyRecord } from './model.ts';
import { RELATIONS, type RelationField } from './relations.ts';
import { displayName, isOpen } from './kinds/index.ts';

/**
 * The relations that carry failure: a holder needs what it names (a service is built from its CIs,
 * a CI depends on, runs on and talks to others). Owners and other bookkeeping links do not.
 */
export const DEPENDENCY_RELATIONS: readonly RelationField[] = RELATIONS.filter(
  (r) => (r.from === 'ci' || r.from === 'service') && (r.to === 'ci' || r.to === 'service'),
);

/**
 * The graph in compressed sparse rows: records are numbered, and each record's edges sit in one
 * slice of a flat array, so a walk over 40,000 relations touches typed arrays, not objects.
 */
interface Adjacency {
  /** Edges of record i are positions start[i] .. start[i + 1] - 1. */
  start: Int32Array;
  /** The record at the other end of each edge. */
  other: Int32Array;
  /** The edge's number in the index's edge list (holder, relation, target). */
  edge: Int32Array;
}

export interface ImpactIndex {
  ids: readonly string[];
  records: readonly AnyRecord[];
  /** Read once here: records have many shapes, and reading fields per question is what costs. */
  names: readonly string[];
  statuses: readonly string[];
  number: ReadonlyMap<string, number>;
  /** Edge e: record edgeFrom[e] needs record edgeTo[e] through DEPENDENCY_RELATIONS[edgeRelation[e]]. */
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeRelation: Int32Array;
  /** What each record needs, and what needs it. */
  needs: Adjacency;
  neededBy: Adjacency;
  /** CI or service id -> open incidents and planned changes naming it. */
  touchedBy: ReadonlyMap<string, AnyRecord[]>;
}

/** Indexes the dependency graph and the live work on it; linear in records and references. */
export function buildImpactIndex(all: readonly AnyRecord[]): ImpactIndex {
  const records = all.filter((r) => r.kind === 'ci' || r.kind === 'service');
  const ids = records.map((r) => r.id);
  const number = new Map(ids.map((id, i) => [id, i]));
  const from: number[] = [];
  const to: number[] = [];
  const relation: number[] = [];
  const relationsOf = new Map<Kind, number[]>();
  DEPENDENCY_RELATIONS.forEach((rel, i) => relationsOf.set(rel.from, [...(relationsOf.get(rel.from) ?? []), i]));
  for (let i = 0; i < records.length; i++) {
    const rec = records[i]!;
    const data = rec.data as unknown as Record<string, unknown>;
    for (const r of relationsOf.get(rec.kind) ?? []) {
      const rel = DEPENDENCY_RELATIONS[r]!;
      const value = data[rel.field];
      if (value === undefined) continue;
      for (const target of typeof value === 'string' ? [value] : (value as unknown[])) {
        const j = typeof target === 'string' ? number.get(target) : undefined;
        if (j === undefined || records[j]!.kind !== rel.to) continue;
        from.push(i);
        to.push(j);
        relation.push(r);
      }
    }
  }
  const touchedBy = new Map<string, AnyRecord[]>();
  for (const rec of all) {
    if (!isLiveWork(rec)) continue;
    const data = rec.data as unknown as Record<string, unknown>;
    const named = new Set<string>();
    for (const field of ['service', 'services', 'cis']) for (const id of idsIn(data[field])) named.add(id);
    for (const id of named) {
      const list = touchedBy.get(id);
      if (list) list.push(rec);
      else touchedBy.set(id, [rec]);
    }
  }
  const edgeFrom = Int32Array.from(from);
  const edgeTo = Int32Array.from(to);
  return {
    ids,
    records,
    names: records.map((r) => displayName(r)),
    statuses: records.map(statusOf),
    number,
    edgeFrom,
    edgeTo,
    edgeRelation: Int32Array.from(relation),
    needs: adjacency(ids.length, edgeFrom, edgeTo),
    neededBy: adjacency(ids.length, edgeTo, edgeFrom),
    touchedBy,
  };
}

function adjacency(n: number, holder: Int32Array, other: Int32Array): Adjacency {
  const start = new Int32Array(n + 1);
  for (const h of holder) start[h + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const out = new Int32Array(holder.length);
  const edge = new Int32Array(holder.length);
  for (let e = 0; e < holder.length; e++) {
    const at = fill[holder[e]!]!++;
    out[at] = other[e]!;
    edge[at] = e;
  }
  return { start, other: out, edge };
}

function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function isLiveWork(rec: AnyRecord): boolean {
  const status = (rec.data as { status?: string }).status ?? '';
  // An open incident, or a change that has not run yet or is running now.
  return (rec.kind === 'incident' || rec.kind === 'change') && isOpen(rec.kind, status);
}

/** One record reached from the target, and the relation it was reached by. */
export interface ImpactNode {
  id: string;
  kind: Kind;
  name: string;
  status: string;
  /** Steps from the target (1 = directly related). */
  depth: number;
  /** The record one step closer to the target. */
  parent: string;
  /** The relation as its holder reads it, e.g. "CI-web depends on CI-db". */
  holder: string;
  label: string;
  target: string;
}

export interface WorkItem {
  id: string;
  kind: 'incident' | 'change';
  title: string;
  status: string;
  priority?: string;
  /** Planned window of a change. */
  planned_start?: string;
  planned_end?: string;
  /** The CIs and services in the impact set that it names. */
  touches: string[];
}

export interface ImpactResult {
  target: { id: string; kind: Kind; name: string; status: string };
  /** For a change: the CIs and services it changes (the starting points of its blast radius). */
  changed?: Array<{ id: string; kind: Kind; name: string }>;
  /** What the target needs, nearest first: if one of these fails, the target may fail. */
  upstream: ImpactNode[];
  /** What needs the target, nearest first: if the target fails, these may fail. */
  downstream: ImpactNode[];
  /** Services that stop working if the target fails (the target itself when it is a service). */
  servicesAffected: string[];
  /** Open incidents naming the target or anything up- or downstream of it. */
  openIncidents: WorkItem[];
  /** Changes not yet done naming the target or anything up- or downstream of it. */
  plannedChanges: WorkItem[];
}

export type ImpactAnswer = { ok: true; result: ImpactResult } | { ok: false; reason: 'unknown' };

/** The impact of the CI or service `id`. */
export function impactOf(index: ImpactIndex, id: string): ImpactAnswer {
  const at = index.number.get(id);
  if (at === undefined) return { ok: false, reason: 'unknown' };
  const rec = index.records[at]!;
  const downstream = walk(index, [at], 'down');
  const servicesAffected = [...(rec.kind === 'service' ? [id] : []), ...downstream.filter((n) => n.kind === 'service').map((n) => n.id)];
  return {
    ok: true,
    result: assemble(
      index,
      { id, kind: rec.kind, name: index.names[at]!, status: index.statuses[at]! },
      [at],
      walk(index, [at], 'up'),
      downstream,
      servicesAffected,
    ),
  };
}

/**
 * A change's blast radius: what needs the CIs and services it changes, the services affected,
 * and the other live work on them. `upstream` is empty: a change breaks downwards.
 */
export function changeImpact(
  index: ImpactIndex,
  change: { id: string; title: string; status: string; cis?: readonly string[]; services?: readonly string[] },
): ImpactResult {
  const changed = [...(change.cis ?? []), ...(change.services ?? [])].filter((id) => index.number.has(id));
  const starts = changed.map((id) => index.number.get(id)!);
  const downstream = walk(index, starts, 'down');
  const services = [
    ...changed.filter((id) => index.records[index.number.get(id)!]!.kind === 'service'),
    ...downstream.filter((n) => n.kind === 'service').map((n) => n.id),
  ];
  const result = assemble(index, { id: change.id, kind: 'change', name: change.title, status: change.status }, starts, [], downstream, services);
  result.changed = starts.map((i) => ({ id: index.ids[i]!, kind: index.records[i]!.kind, name: index.names[i]! }));
  result.plannedChanges = result.plannedChanges.filter((w) => w.id !== change.id);
  return result;
}

function assemble(
  index: ImpactIndex,
  target: ImpactResult['target'],
  starts: readonly number[],
  upstream: ImpactNode[],
  downstream: ImpactNode[],
  servicesAffected: string[],
): ImpactResult {
  // A CI linked both ways (connects_to cycles) is up- and downstream at once: count it once.
  const inScope = new Uint8Array(index.ids.length);
  const scope: number[] = [];
  for (const i of [...starts, ...upstream.map((n) => index.number.get(n.id)!), ...downstream.map((n) => index.number.get(n.id)!)]) {
    if (inScope[i]) continue;
    inScope[i] = 1;
    scope.push(i);
  }
  const work = new Map<string, WorkItem>();
  for (const i of scope) {
    const node = index.ids[i]!;
    for (const w of index.touchedBy.get(node) ?? []) {
      const item = work.get(w.id) ?? workItem(w);
      item.touches.push(node);
      work.set(w.id, item);
    }
  }
  const items = [...work.values()];
  return {
    target,
    upstream,
    downstream,
    servicesAffected,
    openIncidents: items.filter((w) => w.kind === 'incident').sort(byPriorityThenId),
    plannedChanges: items
      .filter((w) => w.kind === 'change')
      .sort((a, b) => (a.planned_start ?? '').localeCompare(b.planned_start ?? '') || a.id.localeCompare(b.id)),
  };
}

/** One dependency as its holder reads it: `from` needs `to`. */
export interface ImpactEdge {
  from: string;
  label: string;
  to: string;
}

/**
 * Every dependency among the target and the records up- and downstream of it (not only the ones
 * each record was first reached by): what a drawing of the impact needs. Kept apart from
 * `impactOf` because a text answer does not need it and it is the largest part of a big answer.
 */
export function impactEdges(index: ImpactIndex, result: ImpactResult): ImpactEdge[] {
  const inScope = new Uint8Array(index.ids.length);
  const scope: number[] = [];
  for (const id of [...(result.changed?.map((c) => c.id) ?? [result.target.id]), ...result.upstream.map((n) => n.id), ...result.downstream.map((n) => n.id)]) {
    const i = index.number.get(id)!;
    if (!inScope[i]) {
      inScope[i] = 1;
      scope.push(i);
    }
  }
  const edges: ImpactEdge[] = [];
  for (const i of scope) {
    for (let k = index.needs.start[i]!; k < index.needs.start[i + 1]!; k++) {
      const j = index.needs.other[k]!;
      if (inScope[j]) edges.push({ from: index.ids[i]!, label: DEPENDENCY_RELATIONS[index.edgeRelation[index.needs.edge[k]!]!]!.label, to: index.ids[j]! });
    }
  }
  return edges;
}

/** Breadth first, so each record appears once at its nearest distance, reached by its first relation. */
function walk(index: ImpactIndex, starts: readonly number[], direction: 'up' | 'down'): ImpactNode[] {
  const adj = direction === 'up' ? index.needs : index.neededBy;
  const seen = new Uint8Array(index.ids.length);
  const queue = new Int32Array(index.ids.length);
  const depth = new Int32Array(index.ids.length);
  const via = new Int32Array(index.ids.length);
  let head = 0;
  let tail = 0;
  for (const s of starts) {
    if (!seen[s]) {
      seen[s] = 1;
      queue[tail++] = s;
    }
  }
  const first = tail;
  while (head < tail) {
    const at = queue[head++]!;
    for (let k = adj.start[at]!; k < adj.start[at + 1]!; k++) {
      const other = adj.other[k]!;
      if (seen[other]) continue;
      seen[other] = 1;
      depth[other] = depth[at]! + 1;
      via[other] = adj.edge[k]!;
      queue[tail++] = other;
    }
  }
  const out: ImpactNode[] = [];
  for (let q = first; q < tail; q++) {
    const i = queue[q]!;
    const rec = index.records[i]!;
    const e = via[i]!;
    const holder = index.ids[index.edgeFrom[e]!]!;
    const target = index.ids[index.edgeTo[e]!]!;
    out.push({
      id: rec.id,
      kind: rec.kind,
      name: index.names[i]!,
      status: index.statuses[i]!,
      depth: depth[i]!,
      parent: direction === 'up' ? holder : target,
      holder,
      label: DEPENDENCY_RELATIONS[index.edgeRelation[e]!]!.label,
      target,
    });
  }
  return out;
}

function workItem(rec: AnyRecord): WorkItem {
  const d = rec.data as unknown as Record<string, unknown>;
  const item: WorkItem = { id: rec.id, kind: rec.kind as 'incident' | 'change', title: String(d.title ?? ''), status: statusOf(rec), touches: [] };
  if (typeof d.priority === 'string') item.priority = d.priority;
  if (typeof d.planned_start === 'string') item.planned_start = d.planned_start;
  if (typeof d.planned_end === 'string') item.planned_end = d.planned_end;
  return item;
}

function byPriorityThenId(a: WorkItem, b: WorkItem): number {
  return (a.priority ?? 'P9').localeCompare(b.priority ?? 'P9') || a.id.localeCompare(b.id);
}

function statusOf(rec: AnyRecord): string {
  return String((rec.data as { status?: string }).status ?? '');
}
