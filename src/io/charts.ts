/**
 * Charts as SVG at build time: a vega-lite spec is compiled to vega and rendered by a headless view
 * (renderer 'none'), so readers need no JavaScript to see them and the output is the same every build.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Renders a vega-lite spec (data inline) to an SVG string with an accessible title. */
export async function chartSvg(spec: TopLevelSpec, title: string): Promise<string> {
  const vg = compile(spec).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return labelSvg(svg, title);
  } finally {
    view.finalize();
  }
}

/** Gives the SVG role="img", a <title> and viewBox so it scales down on small screens. */
function labelSvg(svg: string, title: string): string {
  const esc = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return svg.replace(/^<svg([^>]*)>/, (_m, attrs: string) => {
    const w = /width="([\d.]+)"/.exec(attrs)?.[1];
    const h = /height="([\d.]+)"/.exec(attrs)?.[1];
    const viewBox = w && h && !/viewBox=/.test(attrs) ? ` viewBox="0 0 ${w} ${h}"` : '';
    return `<svg${attrs.replace('class="marks"', 'class="marks chart"')}${viewBox} role="img" aria-label="${esc}"><title>${esc}</title>`;
  });
}
