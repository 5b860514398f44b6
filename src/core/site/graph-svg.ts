/** Draws a laid-out graph as our own accessible SVG: boxes that link to records, labelled arrows. */
import type { CiGraph } from './cmdb.ts';

export interface Layout {
  width: number;
  height: number;
  nodes: Array<{ id: string; x: number; y: number; width: number; height: number }>;
  edges: Array<{ from: string; to: string; label: string; points: Array<{ x: number; y: number }> }>;
}

/** Node size for a label, so the layout engine can leave room for the text. */
export function nodeSize(label: string, id: string): { width: number; height: number } {
  const chars = Math.max(label.length, id.length);
  return { width: Math.min(260, Math.max(120, chars * 7.2 + 24)), height: 46 };
}

/**
 * Characters XML 1.0 forbids anywhere, even as character references: C0 controls other than tab,
 * LF and CR, lone surrogates, U+FFFE and U+FFFF. One of them makes a feed or an SVG unreadable.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text or an attribute value for XML: markup escaped, characters XML cannot hold replaced by U+FFFD. */
export function escapeXml(s: string): string {
  return s.replace(NOT_XML_CHAR, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** SVG markup for the graph; every node is a link to its record page. */
export function graphSvg(graph: CiGraph, layout: Layout, title: string): string {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const pad = 8;
  const w = Math.ceil(layout.width + pad * 2);
  const h = Math.ceil(layout.height + pad * 2);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(title)}">`,
  );
  parts.push(`<title>${escapeXml(title)}</title>`);
  parts.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="currentColor"/></marker></defs>',
  );
  parts.push(`<g transform="translate(${pad},${pad})">`);
  for (const e of layout.edges) {
    if (e.points.length < 2) continue;
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${round(p.x)},${round(p.y)}`).join('');
    const mid = e.points[Math.floor(e.points.length / 2) - (e.points.length % 2 === 0 ? 1 : 0)]!;
    const next = e.points[Math.floor(e.points.length / 2)]!;
    parts.push(
      `<g class="edge"><path d="${d}" fill="none" stroke="currentColor" stroke-width="1.2" marker-end="url(#arrow)"/><text x="${round((mid.x + next.x) / 2)}" y="${round((mid.y + next.y) / 2) - 3}" text-anchor="middle" class="edge-label">${escapeXml(e.label)}</text></g>`,
    );
  }
  for (const n of layout.nodes) {
    const node = nodes.get(n.id);
    if (!node) continue;
    const cls = `node ${node.kind}${node.focus ? ' focus' : ''}`;
    parts.push(
      `<a href="${escapeXml(node.href)}" class="${cls}"><rect x="${round(n.x)}" y="${round(n.y)}" width="${round(n.width)}" height="${round(n.height)}" rx="${node.kind === 'service' ? 16 : 4}"/>` +
        `<text x="${round(n.x + n.width / 2)}" y="${round(n.y + 19)}" text-anchor="middle" class="node-id">${escapeXml(node.id)}</text>` +
        `<text x="${round(n.x + n.width / 2)}" y="${round(n.y + 36)}" text-anchor="middle" class="node-label">${escapeXml(truncate(node.label, 34))}</text></a>`,
    );
  }
  parts.push('</g></svg>');
  return parts.join('');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
