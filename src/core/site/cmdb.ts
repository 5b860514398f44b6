/**
 * The CMDB views: a CI's neighbourhood graph and "what breaks if this CI fails", answered by the same
 * impact analysis as `itsm impact` (src/core/impact.ts), so the page and the command agree.
 */
import { buildImpactIndex, impactOf } from '../impact.ts';
import { displayName } from '../kinds/index.ts';
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
  /** CIs that may fail with this one (not including it), ID order. */
  cis: RecordRef[];
  /** Services affected, with the path failure takes to reach them. */
  services: Array<RecordRef & { how: string }>;
  /** Open incidents and changes not yet done on the CI or anything it affects or needs. */
  openIncidents: RecordRef[];
  plannedChanges: RecordRef[];
}

export interface CmdbIndex {
  /** A CI's or service's neighbourhood. */
  graph(id: string): CiGraph;
  /** What fails if the CI or service fails. */
  impact(id: string): Impact;
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
    const r = ws.byId.get(id);
    return r ? displayName(r) : id;
  };
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
      }
    }
  }
  for (const s of services) {
    for (const ci of s.data.cis ?? []) if (ws.byId.has(ci)) addEdge({ from: s.id, to: ci, label: 'built from' });
    for (const dep of s.data.depends_on ?? []) if (ws.byId.has(dep)) addEdge({ from: s.id, to: dep, label: 'depends on' });
  }
  const index = buildImpactIndex(ws.records);

  return {
    graph(ciId) {
      const edges = edgesOf.get(ciId) ?? [];
      const ids = new Set([ciId]);
      for (const e of edges) ids.add(e.from).add(e.to);
      const nodes: GraphNode[] = [...ids]
        .sort()
        .map((id) => ({ id, label: name(id), kind: id.startsWith('SVC-') ? 'service' : 'ci', focus: id === ciId, href: links.record(id) }));
      return { nodes, edges: [...edges].sort((a, b) => `${a.from} ${a.to}`.localeCompare(`${b.from} ${b.to}`)) };
    },
    impact(ciId) {
      const answer = impactOf(index, ciId);
      if (!answer.ok) return { cis: [], services: [], openIncidents: [], plannedChanges: [] };
      const r = answer.result;
      const ref = (id: string) => refOfId(id, ws.byId, links);
      const byId = new Map(r.downstream.map((n) => [n.id, n]));
      const how = (id: string) => {
        const node = byId.get(id);
        if (!node) return 'the item itself';
        return node.depth === 1 ? `${node.holder} ${node.label} ${node.target}` : `${node.depth} steps away, via ${node.parent}`;
      };
      return {
        cis: r.downstream
          .filter((n) => n.kind === 'ci')
          .map((n) => n.id)
          .sort()
          .map(ref),
        services: [...r.servicesAffected].sort().map((id) => ({ ...ref(id), how: how(id) })),
        openIncidents: r.openIncidents.map((w) => ref(w.id)),
        plannedChanges: r.plannedChanges.map((w) => ref(w.id)),
      };
    },
  };
}
