import { describe, expect, it } from 'vitest';
import { chartSvg } from '../../src/io/charts.ts';

describe('charts to SVG at build time', () => {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 300,
    height: 120,
    data: {
      values: [
        { m: '2026-10', n: 3 },
        { m: '2026-11', n: 5 },
      ],
    },
    mark: 'bar',
    encoding: { x: { field: 'm', type: 'ordinal' }, y: { field: 'n', type: 'quantitative' } },
  } as const;

  it('draws an accessible, scalable SVG, the same every time', async () => {
    const svg = await chartSvg(spec, 'Incidents <by> month');
    expect(svg).toMatch(
      /^<svg [^>]*class="marks chart"[^>]*viewBox="0 0 \d+ \d+" role="img" aria-label="Incidents &lt;by&gt; month"><title>Incidents &lt;by&gt; month<\/title>/,
    );
    expect(svg).not.toContain('<script');
    expect(await chartSvg(spec as never, 'Incidents <by> month')).toBe(svg);
  });
});
