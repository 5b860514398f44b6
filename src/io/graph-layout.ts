/**
 * Lays out a CI graph with elkjs (layered, left to right) so src/core/site/graph-svg.ts can draw it.
 * One ELK instance serves the whole build; elk.bundled runs in-process, no worker thread.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { CiGraph } from '../core/site/cmdb.ts';
import { nodeSize, type Layout } from '../core/site/graph-svg.ts';

let elk: InstanceType<typeof ELK> | undefined;

export async function layoutGraph(graph: CiGraph): Promise<Layout> {
  elk ??= new ELK();
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.edgeLabels.inline': 'true',
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...nodeSize(n.label, n.id) })),
    edges: graph.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  });
  return {
    width: result.width ?? 0,
    height: result.height ?? 0,
    nodes: (result.children ?? []).map((c) => ({ id: c.id, x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 })),
    edges: (result.edges ?? []).map((e, i) => {
      const s = e.sections?.[0];
      const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : [];
      return { from: graph.edges[i]!.from, to: graph.edges[i]!.to, label: graph.edges[i]!.label, points };
    }),
  };
}
