/**
 * The CMDB views: a CI's neighbourhood graph and "what breaks if this CI fails". Failure spreads from
 * a CI to the CIs that depend on it or run on it (connects_to is a network path, not a dependency),
 * then to every service built from an affected CI and to services that depend on those, transitively.
 */
import { recordsOf, type Workspace } from '../model.ts';
import type { SiteLinks } from './links.ts';
import { refOfId, type RecordRef } from './refs.ts';

export interface GraphNode {
  id: string;
  label: string;
  /** ci or service: drawn differently. */
  kind: 'ci' | 'service';
  /** The CI the page is about. */
  focus: boolean;
  href: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

export interface CiGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface Impact {
  /** CIs that fail with this one (not including it), ID order. */
  cis: RecordRef[];
  /** Services affected: directly (built from an affected CI) or through service dependencies. */
  services: Array<RecordRef & { how: string }>;
}

export interface CmdbIndex {
  graph(ciId: string): CiGraph;
  impact(ciId: string): Impact;
}

const CI_RELATIONS = [
  { field: 'depends_on', label: 'depends on' },
  { field: 'runs_on', label: 'runs on' },
  { field: 'connects_to', label: 'connects to' },
] as const;

/** Builds the reverse indexes once, so each CI's page is cheap even with thousands of CIs. */
export function cmdbIndex(ws: Workspace, links: SiteLinks): CmdbIndex {
  const cis = recordsOf(ws, 'ci');
  const services = recordsOf(ws, 'service');
  const name = (id: string) => {
    const r = ws.byId.get(id) as { data: { name?: string; title?: string } } | undefined;
    return r?.data.name ?? r?.data.title ?? id;
  };
  /** ci -> CIs that fail when it fails. */
  const dependents = new Map<string, string[]>();
  const edgesOf = new Map<string, GraphEdge[]>();
  const addEdge = (e: GraphEdge) => {
    for (const end of [e.from, e.to]) {
      const list = edgesOf.get(end);
      if (list) list.push(e);
      else edgesOf.set(end, [e]);
    }
  };
  for (const ci of cis) {
    const d = ci.data as unknown as Record<string, string[] | undefined>;
    for (const rel of CI_RELATIONS) {
      for (const target of d[rel.field] ?? []) {
        if (!ws.byId.has(target)) continue;
        addEdge({ from: ci.id, to: target, label: rel.label });
        if (rel.field !== 'connects_to') push(dependents, target, ci.id);
      }
    }
  }
  const servicesOfCi = new Map<string, string[]>();
  const serviceDependents = new Map<string, string[]>();
  for (const s of services) {
    for (const ci of s.data.cis ?? []) {
      push(servicesOfCi, ci, s.id);
      if (ws.byId.has(ci)) addEdge({ from: s.id, to: ci, label: 'built from' });
    }
    for (const dep of s.data.depends_on ?? []) push(serviceDependents, dep, s.id);
  }

  return {
    graph(ciId) {
      const edges = edgesOf.get(ciId) ?? [];
      const ids = new Set([ciId]);
      for (const e of edges) ids.add(e.from).add(e.to);
      const nodes: GraphNode[] = [...ids].sort().map((id) => ({ id, label: name(id), kind: id.startsWith('SVC-') ? 'service' : 'ci', focus: id === ciId, href: links.record(id) }));
      return { nodes, edges: [...edges].sort((a, b) => `${a.from} ${a.to}`.localeCompare(`${b.from} ${b.to}`)) };
    },
    impact(ciId) {
      const failed = reach([ciId], dependents);
      failed.delete(ciId);
      const direct = new Set<string>();
      for (const ci of [ciId, ...failed]) for (const s of servicesOfCi.get(ci) ?? []) direct.add(s);
      const all = reach([...direct], serviceDependents);
      const servicesOut = [...all].sort().map((id) => ({ ...refOfId(id, ws.byId, links), how: direct.has(id) ? 'built from an affected CI' : 'depends on an affected service' }));
      return { cis: [...failed].sort().map((id) => refOfId(id, ws.byId, links)), services: servicesOut };
    },
  };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Everything reachable from the starts along `next`, starts included. */
function reach(starts: readonly string[], next: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  while (queue.length) {
    const id = queue.pop()!;
    for (const n of next.get(id) ?? []) if (!seen.has(n)) (seen.add(n), queue.push(n));
  }
  return seen;
}
