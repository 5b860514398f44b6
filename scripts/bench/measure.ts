/** Runs a command as a child process and reports wall time and the child's peak memory. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./measured-child.ts', import.meta.url));
/** The same on the compiled package (dist-pkg/), as an installed `itsm` runs. */
const COMPILED_CHILD = fileURLToPath(new URL('./measured-child-compiled.js', import.meta.url));

export interface Measurement {
  ms: number;
  /** User + system CPU of the child, all its threads (NaN if it did not say). */
  cpuMs: number;
  maxRssMiB: number;
  code: number;
  stdout: string;
}

/**
 * Runs `itsm <args>` in a fresh Node process (process start included), from the TypeScript sources or
 * the compiled package; `nodeArgs` go to Node (e.g. --max-old-space-size).
 */
export function measureItsm(args: string[], cwd: string, from: 'source' | 'compiled' = 'source', nodeArgs: readonly string[] = []): Measurement {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...nodeArgs, from === 'compiled' ? COMPILED_CHILD : CHILD, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  const rss = /maxRSS=(\d+)/.exec(r.stderr)?.[1];
  const cpu = /cpuMs=([\d.]+)/.exec(r.stderr)?.[1];
  return { ms, cpuMs: cpu ? Number(cpu) : NaN, maxRssMiB: rss ? Number(rss) / 1024 : NaN, code: r.status ?? -1, stdout: r.stdout };
}

export function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}
