/**
 * `npm run bench`: every stage next to its floor measured in the same run.
 * Stages live in scripts/bench/<name>.ts and export `bench(ctx)`.
 *   BENCH_SIZES=10000,100000   record counts for the stages that scale (default 10000,100000)
 *   BENCH_ONLY=validate,sla    run only these stages
 *   BENCH_RUNS=3               the validate stage reports the best of 3 runs of each figure
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchContext {
  tmp: string;
  sizes: number[];
  log(line: string): void;
  table(rows: string[][]): void;
}

const here = fileURLToPath(new URL('./bench/', import.meta.url));
const HELPERS = new Set(['synthetic', 'measure', 'measured-child', 'floor-child']);
const sizes = (process.env.BENCH_SIZES ?? '10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const only = process.env.BENCH_ONLY?.split(',');
const stages = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !HELPERS.has(f.replace(/\.ts$/, '')) && !f.endsWith('-child.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => !only || only.includes(name))
  .sort((a, b) => (a === 'validate' ? -1 : b === 'validate' ? 1 : a.localeCompare(b)));

const tmp = mkdtempSync(join(tmpdir(), 'itsm-bench-'));
const ctx: BenchContext = {
  tmp,
  sizes,
  log: (line) => console.log(line),
  table(rows) {
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    for (const r of rows)
      console.log(
        '  ' +
          r
            .map((c, i) => c.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
      );
    console.log('');
  },
};
console.log(
  `itsm bench on ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(`stages: ${stages.join(', ')}; sizes: ${sizes.join(', ')}\n`);
let failed = false;
for (const name of stages) {
  const mod = (await import(`./bench/${name}.ts`)) as { bench(ctx: BenchContext): Promise<void> };
  try {
    await mod.bench(ctx);
  } catch (err) {
    failed = true;
    console.log(`stage ${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
rmSync(tmp, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
