/**
 * Site stage: `itsm build` (validate, SLA, page data, Astro, Pagefind) on generated workspaces, next
 * to the floor measured in the same run: a bare Astro build of the same number of trivial pages plus
 * Pagefind over them. 1,000 records always; 10,000 when BENCH_SITE_10K=1 (it takes minutes).
 * Then `itsm build --incremental` after one record's title changed, next to the full build.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  const incremental = [['records', 'build', 'time', 'full build, same change', 'its stages', 'record pages rendered / reused', 'ratio']];
  for (const n of sizes) {
    const ws = join(ctx.tmp, `site-${n}`);
    mkdirSync(ws, { recursive: true });
    const cis = Math.max(10, Math.round(n * 0.08));
    writeSyntheticWorkspace(ws, { incidents: n - cis - 21, cis, services: 20 });
    const t0 = performance.now();
    const r = build(ws, 'dist', NOW);
    const ms = performance.now() - t0;
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

    // A push that retitles one incident: its page changes, and those of its service, CI and team that list it.
    // Then the full build and the incremental one each replace a site of their own (removing the old
    // one is part of both: 20 s for 10,000 records on this machine's disk at times).
    const t1 = performance.now();
    build(ws, 'dist-incremental', NOW, '--incremental');
    const firstMs = performance.now() - t1;
    // Against the plain full build above (no site to replace either).
    incremental.push([String(n), 'first --incremental (full, writes the manifest)', fmt(firstMs), fmt(ms), '', '', ratio(firstMs, ms)]);
    const file = join(ws, 'content/incidents/INC-000001.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Checkout outage after the certificate expired'));
    const t2 = performance.now();
    build(ws, 'dist', NOW);
    const fullMs = performance.now() - t2;
    incremental.push(incrementalRow(n, 'after one edit', fullMs, () => build(ws, 'dist-incremental', NOW, '--incremental')));
    // As a live build an hour later would: nothing edited, every reused page gets the new instant.
    const t3 = performance.now();
    build(ws, 'dist', LATER);
    const laterMs = performance.now() - t3;
    incremental.push(incrementalRow(n, 'an hour later (pages given the new instant)', laterMs, () => build(ws, 'dist-incremental', LATER, '--incremental')));
  }
  ctx.table(rows);
  ctx.log('  target: within 1.5x of the floor, under 3 minutes at 10,000 records on 2 cores.\n');
  ctx.log('site, incremental: itsm build --incremental vs a full itsm build of the same change (each replacing its previous site)');
  ctx.table(incremental);
}

const NOW = '2026-11-20T10:00:00Z';
const LATER = '2026-11-20T11:00:00Z';

/** `itsm build` of the workspace into its folder `out`, as of `now`. */
function build(ws: string, out: string, now: string, ...more: string[]): { stdout: string } {
  const r = spawnSync(process.execPath, [CLI, 'build', '--root', ws, '--out', join(ws, out), '--now', now, ...more], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`itsm build failed (${r.status}): ${r.stderr || r.stdout}`);
  return r;
}

/** A row of the incremental table: the incremental build `run`, timed, next to the full build of the same change. */
function incrementalRow(n: number, label: string, fullMs: number, run: () => { stdout: string }): string[] {
  const t0 = performance.now();
  const { stdout } = run();
  const ms = performance.now() - t0;
  const stages = /\(data ([\d.]+) s, pages ([\d.]+) s, search index ([\d.]+) s\)/.exec(stdout);
  const counts = /Incremental: rendered (\d+) record pages?.*, reused (\d+)/.exec(stdout);
  // "rendered all N record pages (why)" when it could not reuse the previous build: shown as it is.
  const shown = counts ? `${counts[1]} / ${counts[2]}` : (/Incremental: (.*)/.exec(stdout)?.[1] ?? '?');
  return [String(n), label, fmt(ms), fmt(fullMs), `data ${stages?.[1]} s, astro ${stages?.[2]} s, pagefind ${stages?.[3]} s`, shown, ratio(ms, fullMs)];
}
