/**
 * Site stage: `itsm build` (validate, SLA, page data, Astro, Pagefind) on generated workspaces, next
 * to the floor measured in the same run: a bare Astro build of the same number of trivial pages plus
 * Pagefind over them. 1,000 records always; 10,000 when BENCH_SITE_10K=1 (it takes minutes).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../bench.ts';
import { fmt, ratio } from './measure.ts';
import { writeSyntheticWorkspace } from './synthetic.ts';

const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const FLOOR = fileURLToPath(new URL('./site-floor-child.ts', import.meta.url));

export async function bench(ctx: BenchContext): Promise<void> {
  const sizes = [1000, ...(process.env.BENCH_SITE_10K === '1' ? [10000] : [])];
  ctx.log(
    `site: itsm build (pages + search index) vs a bare Astro build of as many trivial pages + Pagefind${sizes.includes(10000) ? '' : ' (BENCH_SITE_10K=1 adds 10,000 records)'}`,
  );
  const rows = [['records', 'pages', 'itsm build', 'data', 'astro', 'pagefind', 'floor (astro + pagefind)', 'ratio']];
  for (const n of sizes) {
    const ws = join(ctx.tmp, `site-${n}`);
    mkdirSync(ws, { recursive: true });
    const cis = Math.max(10, Math.round(n * 0.08));
    writeSyntheticWorkspace(ws, { incidents: n - cis - 21, cis, services: 20 });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'build', '--root', ws, '--out', join(ws, 'dist'), '--now', '2026-11-20T10:00:00Z'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`itsm build failed (${r.status}): ${r.stderr || r.stdout}`);
    const m = /Built (\d+) pages .*\(data ([\d.]+) s, pages ([\d.]+) s, search index ([\d.]+) s\)/.exec(r.stdout);
    const floorDir = join(ctx.tmp, `site-floor-${n}`);
    const f = spawnSync(process.execPath, [FLOOR, floorDir, String(n)], { encoding: 'utf8' });
    if (f.status !== 0) throw new Error(`floor build failed: ${f.stderr}`);
    const floor = JSON.parse(f.stdout) as { astroMs: number; pagefindMs: number };
    const floorMs = floor.astroMs + floor.pagefindMs;
    rows.push([
      String(n),
      m?.[1] ?? '?',
      fmt(ms),
      `${m?.[2]} s`,
      `${m?.[3]} s`,
      `${m?.[4]} s`,
      `${fmt(floorMs)} (${fmt(floor.astroMs)} + ${fmt(floor.pagefindMs)})`,
      ratio(ms, floorMs),
    ]);
  }
  ctx.table(rows);
  ctx.log('  target: within 1.5x of the floor, under 3 minutes at 10,000 records on 2 cores.\n');
}
