/**
 * What a change touches: the services it names, and every service downstream of the CIs and services
 * it names in the CMDB graph (a service built from a CI, a CI that runs on, depends on or talks to
 * another, a service that depends on another), the blast radius `itsm impact` shows for a change.
 */
import { DEPENDENCY_RELATIONS } from '../impact.ts';
import type { Change } from '../model.ts';
import type { DecisionInputs } from './inputs.ts';

type Graph = Pick<DecisionInputs, 'services' | 'cis'>;
type Touches = Pick<Change, 'cis' | 'services'>;

/**
 * The services each change affects, over one index of the graph. Naming a CI brings in every service
 * that needs it, directly or through other CIs and services, so a change cannot leave a real service
 * owner out of the approval by naming only what it edits.
 */
export function reachOf(graph: Graph): (change: Touches) => string[] {
  const services = new Set(graph.services.map((s) => s.id));
  const neededBy = new Map<string, string[]>();
  for (const edge of dependencyEdges(graph)) {
    const list = neededBy.get(edge.to);
    if (list) list.push(edge.from);
    else neededBy.set(edge.to, [edge.from]);
  }
  return (change) => {
    const out = new Set(change.services ?? []);
    const seen = new Set<string>();
    const queue = [...(change.cis ?? []), ...(change.services ?? [])];
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      if (services.has(id)) out.add(id);
      queue.push(...(neededBy.get(id) ?? []));
    }
    return [...out].sort();
  };
}

/** Services one change affects (see reachOf; build that once when asking for many changes). */
export function affectedServices(change: Touches, graph: Graph): string[] {
  return reachOf(graph)(change);
}

/** One "needs" edge of the CMDB graph: `from` names `to` in its relation field `field`. */
export interface DependencyEdge {
  from: string;
  field: string;
  to: string;
}

/** Every dependency edge the services and CIs declare (the relations impact analysis follows). */
export function dependencyEdges(graph: Graph): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  const holders = [...graph.services.map((data) => ({ kind: 'service', data })), ...graph.cis.map((data) => ({ kind: 'ci', data }))];
  for (const { kind, data } of holders) {
    for (const rel of DEPENDENCY_RELATIONS) {
      if (rel.from !== kind) continue;
      const value = (data as Record<string, unknown>)[rel.field];
      for (const target of Array.isArray(value) ? value : typeof value === 'string' ? [value] : []) {
        if (typeof target === 'string') edges.push({ from: data.id, field: rel.field, to: target });
      }
    }
  }
  return edges;
}
