/**
 * Site stage, sharded: the same synthetic workspace built whole (`itsm build`) and in 4 shards run one
 * after another (`itsm build --shard i/4`), then merged (`itsm build --merge`): each shard's peak
 * memory, the sum of the shards' times against the whole build's (target <= 1.2x, each shard
 * < 1.5 GiB), and whether the merged site has the whole build's files. Opt-in, it takes many minutes:
 *   BENCH_SITE_SHARDS=100000      records (e.g. 20000 for a quicker look)
 *   BENCH_SITE_WHOLE_HEAP_MB=12288  --max-old-space-size of the whole build (default 12288: it needs
 *                                  about 7 GiB at 100,000 records, more than Node's default heap)
 *   BENCH_SITE_SHARD_HEAP_MB=N    --max-old-space-size of each shard (default 1024, as the site
 *                                  workflow runs them; 0: Node's own, which grows to several GiB)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../bench.ts';
import { fmt, measureItsm, ratio, type Measurement } from './measure.ts';
import { writeSyntheticWorkspace } from './synthetic.ts';

const NOW = '2026-11-20T10:00:00Z';
const SHARDS = 4;

/** Every file of a built site but the search index, by path. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .filter((p) => !p.startsWith('pagefind/') && p !== '.itsm-site')
    .sort();
}

export async function bench(ctx: BenchContext): Promise<void> {
  const n = Number(process.env.BENCH_SITE_SHARDS ?? 0);
  if (!(n > 0)) {
    ctx.log('site-shards: skipped (BENCH_SITE_SHARDS=100000 builds 100,000 records whole and in 4 shards: about 20 minutes here)\n');
    return;
  }
  const heap = (v: string | undefined) => (v ? [`--max-old-space-size=${Number(v)}`] : []);
  const wholeHeap = heap(process.env.BENCH_SITE_WHOLE_HEAP_MB ?? '12288');
  const shardHeapMb = process.env.BENCH_SITE_SHARD_HEAP_MB ?? '1024';
  const shardHeap = shardHeapMb === '0' ? [] : heap(shardHeapMb);
  ctx.log(
    `site-shards: ${n} records built whole, then in ${SHARDS} shards one after another (heap: ${shardHeap.length ? `${shardHeapMb} MiB, as the site workflow sets it` : "Node's default"}), then merged`,
  );
  const ws = join(ctx.tmp, `site-shards-${n}`);
  const cis = Math.max(10, Math.round(n * 0.08));
  writeSyntheticWorkspace(ws, { incidents: n - cis - 21, cis, services: 20 });
  const run = (args: string[], nodeArgs: string[]): Measurement => {
    const m = measureItsm(args, ws, 'source', nodeArgs);
    if (m.code !== 0) throw new Error(`itsm ${args.join(' ')} failed (${m.code}): ${m.stdout}`);
    // Progress as each build ends: the whole stage takes many minutes.
    ctx.log(`  ${args.slice(0, 4).join(' ')}: ${fmt(m.ms)}, ${(m.maxRssMiB / 1024).toFixed(2)} GiB`);
    return m;
  };
  const whole = run(['build', '--root', ws, '--out', join(ws, 'whole'), '--now', NOW], wholeHeap);
  const shards: Measurement[] = [];
  for (let i = 1; i <= SHARDS; i++)
    shards.push(run(['build', '--root', ws, '--shard', `${i}/${SHARDS}`, '--out', join(ws, `shard-${i}`), '--now', NOW], shardHeap));
  const merge = run(['build', '--merge', ...shards.map((_, i) => join(ws, `shard-${i + 1}`)), '--out', join(ws, 'merged')], []);
  const sum = shards.reduce((t, s) => t + s.ms, 0);
  const gib = (m: Measurement) => `${(m.maxRssMiB / 1024).toFixed(2)} GiB`;
  const rows = [['build', 'time', 'peak memory', 'record pages']];
  rows.push(['whole', fmt(whole.ms), gib(whole), String(n)]);
  shards.forEach((s, i) => rows.push([`shard ${i + 1}/${SHARDS}`, fmt(s.ms), gib(s), /\((\d+) of/.exec(s.stdout)?.[1] ?? '?']));
  rows.push([`shards, one after another`, fmt(sum), `max ${gib(shards.reduce((a, b) => (a.maxRssMiB > b.maxRssMiB ? a : b)))}`, '']);
  rows.push(['merge (copy + search index)', fmt(merge.ms), gib(merge), '']);
  ctx.table(rows);
  const same = files(join(ws, 'merged')).join('\n') === files(join(ws, 'whole')).join('\n');
  ctx.log(
    `  shards vs whole: ${ratio(sum, whole.ms)} (target <= 1.2x); with the merge: ${ratio(sum + merge.ms, whole.ms)}; each shard < 1.5 GiB: ${shards.every((s) => s.maxRssMiB < 1536) ? 'yes' : 'no'}; merged site has the whole build's files: ${same ? 'yes' : 'NO'}\n`,
  );
}
