/** Bench stage: `itsm validate` cold and warm against the read and parse floors measured in the same run. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticWorkspace } from './synthetic.ts';
import { fmt, measureItsm, ratio } from './measure.ts';
import type { BenchContext } from '../bench.ts';

const FLOOR = fileURLToPath(new URL('./floor-child.ts', import.meta.url));
const BUILD_PACKAGE = fileURLToPath(new URL('../build-package.ts', import.meta.url));

/** BENCH_RUNS=3: each figure is the best of 3 runs (on a shared machine, the others measure its load). */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1) || 1);

function floorOnce(root: string, mode: 'read' | 'parse'): { ms: number; cpuMs: number; maxRssMiB: number } {
  const r = spawnSync(process.execPath, [FLOOR, root, mode], { encoding: 'utf8' });
  const out = JSON.parse(r.stdout) as { ms: number; cpuMs: number; maxRSS: number };
  return { ms: out.ms, cpuMs: out.cpuMs, maxRssMiB: out.maxRSS / 1024 };
}

function floor(root: string, mode: 'read' | 'parse'): { ms: number; cpuMs: number; maxRssMiB: number } {
  return best(Array.from({ length: RUNS }, () => floorOnce(root, mode)));
}

/** The fastest run, with the least CPU any run took (each the best of its kind). */
function best<T extends { ms: number; cpuMs: number }>(runs: T[]): T {
  const fastest = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { ...fastest, cpuMs: Math.min(...runs.map((r) => r.cpuMs)) };
}

/** Waits without spinning a core the measured processes need. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export async function bench(ctx: BenchContext): Promise<void> {
  // The compiled rows run the package as npm installs it: build it from the current sources first.
  const built = spawnSync(process.execPath, [BUILD_PACKAGE], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`cannot compile the package:\n${built.stdout}${built.stderr}`);
  for (const size of ctx.sizes) {
    const dir = mkdtempSync(join(ctx.tmp, `validate-${size}-`));
    const t0 = performance.now();
    writeSyntheticWorkspace(dir, { incidents: size });
    ctx.log(
      `validate, ${size.toLocaleString('en')} incidents (about 1.4 KB each; generated in ${fmt(performance.now() - t0)})${RUNS > 1 ? `; best of ${RUNS} runs` : ''}`,
    );
    // A file written in the last 2 seconds is read again by the next warm run (coarse file-system
    // clocks, see layout.ts stampOf); a workspace is older than that when anyone validates it.
    pause(2100);
    const read = floor(dir, 'read');
    const parse = floor(dir, 'parse');
    const once = (from: 'source' | 'compiled', edit: string) => {
      rmSync(join(dir, '.itsm-cache'), { recursive: true, force: true });
      const cold = measureItsm(['validate', '--format', 'json'], dir, from);
      if (cold.code !== 0) throw new Error(`validate failed on the synthetic workspace:\n${cold.stdout.slice(0, 2000)}`);
      for (let i = 1; i <= 10; i++) {
        const file = join(dir, 'content/incidents', `INC-${String(i * Math.floor(size / 10)).padStart(6, '0')}.md`);
        writeFileSync(file, readFileSync(file, 'utf8').replace('## Notes', `## Notes\n${edit}`));
      }
      return { cold, warm: measureItsm(['validate', '--format', 'json'], dir, from) };
    };
    const runs = (from: 'source' | 'compiled', edit: string) => {
      const all = Array.from({ length: RUNS }, (_, i) => once(from, `${edit} (${i + 1})`));
      return { cold: best(all.map((r) => r.cold)), warm: best(all.map((r) => r.warm)) };
    };
    const { cold, warm } = runs('source', 'Edited for the warm run.');
    const compiled = runs('compiled', 'Edited again for the compiled warm run.');
    const rate = (ms: number) => `${Math.round(size / (ms / 1000)).toLocaleString('en')} records/s`;
    type Run = { ms: number; cpuMs: number; maxRssMiB: number };
    /** One measured run against its floor: wall time, rate, memory, ratio, target, CPU and CPU ratio. */
    const measuredRow = (stage: string, run: Run, floor: Run, floorName: string, target: string) => [
      stage,
      fmt(run.ms),
      rate(run.ms),
      `${run.maxRssMiB.toFixed(0)} MiB`,
      `${ratio(run.ms, floor.ms)} of ${floorName} floor`,
      target,
      fmt(run.cpuMs),
      ratio(run.cpuMs, floor.cpuMs),
    ];
    ctx.table([
      ['stage', 'time', 'rate', 'peak memory', 'vs floor', 'target', 'CPU (all threads)', 'CPU vs floor CPU'],
      ['floor: list + read files', fmt(read.ms), rate(read.ms), `${read.maxRssMiB.toFixed(0)} MiB`, '', '', fmt(read.cpuMs), ''],
      ['floor: list + read + js-yaml load', fmt(parse.ms), rate(parse.ms), `${parse.maxRssMiB.toFixed(0)} MiB`, '', '', fmt(parse.cpuMs), ''],
      measuredRow('itsm validate, cold (process start included)', cold, parse, 'parse', '<= 1.5x'),
      measuredRow('itsm validate, warm (10 files edited)', warm, read, 'read', '<= 2x'),
      measuredRow('compiled JavaScript (the npm package), cold', compiled.cold, parse, 'parse', '<= 1.5x'),
      measuredRow('compiled JavaScript (the npm package), warm', compiled.warm, read, 'read', '<= 2x'),
    ]);
    rmSync(dir, { recursive: true, force: true });
  }
}
