/**
 * Lays out a CI graph with elkjs (layered, left to right) so src/core/site/graph-svg.ts can draw it.
 * One ELK instance serves the whole build; elk.bundled runs in-process, no worker thread.
 */
import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK as Elk, ElkNode } from 'elkjs/lib/elk-api.js';
import type { CiGraph } from '../core/site/cmdb.ts';
import { nodeSize, type Layout } from '../core/site/graph-svg.ts';

// elk.bundled is CommonJS: at run time its default import is the constructor itself.
const ElkConstructor = ElkBundled as unknown as new () => Elk;
let elk: Elk | undefined;
/** Layouts by shape: CMDB neighbourhoods repeat (a server and two apps...), so most come from here. */
const byShape = new Map<string, Promise<Layout>>();

/**
 * Lays a graph out. Node widths are rounded up to a 40px step, so graphs of the same shape share one
 * layout (positions follow node order) and elk runs once per shape, not once per CI.
 */
export async function layoutGraph(graph: CiGraph): Promise<Layout> {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const sizes = graph.nodes.map((n) => {
    const s = nodeSize(n.label, n.id);
    return { width: Math.ceil(s.width / 40) * 40, height: s.height };
  });
  const shape = JSON.stringify([sizes.map((s) => s.width), graph.edges.map((e) => [index.get(e.from), index.get(e.to)])]);
  let template = byShape.get(shape);
  if (!template)
    byShape.set(
      shape,
      (template = layoutShape(
        sizes,
        graph.edges.map((e) => [index.get(e.from)!, index.get(e.to)!] as const),
      )),
    );
  const t = await template;
  return {
    width: t.width,
    height: t.height,
    nodes: t.nodes.map((n, i) => ({ ...n, id: graph.nodes[i]!.id })),
    edges: t.edges.map((e, i) => ({ ...e, from: graph.edges[i]!.from, to: graph.edges[i]!.to, label: graph.edges[i]!.label })),
  };
}

async function layoutShape(sizes: ReadonlyArray<{ width: number; height: number }>, edges: ReadonlyArray<readonly [number, number]>): Promise<Layout> {
  elk ??= new ElkConstructor();
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.edgeLabels.inline': 'true',
    },
    children: sizes.map((s, i) => ({ id: `n${i}`, ...s })),
    edges: edges.map(([from, to], i) => ({ id: `e${i}`, sources: [`n${from}`], targets: [`n${to}`] })),
  };
  const result: ElkNode = await elk.layout(graph);
  const order = new Map<string, ElkNode>((result.children ?? []).map((c: ElkNode) => [c.id, c]));
  return {
    width: result.width ?? 0,
    height: result.height ?? 0,
    nodes: sizes.map((_, i) => {
      const c = order.get(`n${i}`);
      return { id: `n${i}`, x: c?.x ?? 0, y: c?.y ?? 0, width: c?.width ?? 0, height: c?.height ?? 0 };
    }),
    edges: (result.edges ?? []).map((e) => {
      const s = e.sections?.[0];
      const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : [];
      return { from: '', to: '', label: '', points };
    }),
  };
}
