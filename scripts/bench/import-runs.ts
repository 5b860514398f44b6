/**
 * The two sides of an import bench: a floor script (csv-parse + write the files) and `itsm import`
 * into a fresh workspace. Creating many files is mostly the file system's work, and how fast it goes
 * depends on what was written just before; so each side runs twice, alternating, each after a
 * `sync`, and the best run of each is compared.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureItsm } from './measure.ts';

export interface ImportRuns {
  /** The folder runs write under. */
  dir: string;
  /** The export both sides read. */
  csv: string;
  /** The floor's source (an ES module run with `-e`, given the CSV and an output folder). */
  floor: string;
  /** The workspace files `itsm import` runs in. */
  workspace: Readonly<Record<string, string>>;
  /** The `itsm` arguments (the CSV among them). */
  args: readonly string[];
  /** How many incident files the import must write. */
  expected: number;
}

export function bestOfTwo(o: ImportRuns): { floorMs: number; importMs: number; importMaxRssMiB: number } {
  const floorRun = (n: number) => {
    spawnSync('sync');
    const t0 = performance.now();
    const floor = spawnSync(process.execPath, ['--input-type=module', '-e', o.floor, o.csv, join(o.dir, `floor-${n}`)], { encoding: 'utf8' });
    if (floor.status !== 0) throw new Error(`floor failed: ${floor.stderr.slice(0, 500)}`);
    return performance.now() - t0;
  };
  const importRun = (n: number) => {
    const ws = join(o.dir, `ws-${n}`);
    for (const [rel, text] of Object.entries(o.workspace)) {
      mkdirSync(join(ws, rel, '..'), { recursive: true });
      writeFileSync(join(ws, rel), text);
    }
    spawnSync('sync');
    const run = measureItsm([...o.args], ws);
    const written = readdirSync(join(ws, 'content/incidents')).length;
    if (written !== o.expected) throw new Error(`import wrote ${written} of ${o.expected} records:\n${run.stdout.slice(0, 1500)}`);
    return run;
  };
  const floors = [floorRun(1)];
  const imports = [importRun(1)];
  imports.push(importRun(2));
  floors.push(floorRun(2));
  return { floorMs: Math.min(...floors), importMs: Math.min(...imports.map((r) => r.ms)), importMaxRssMiB: Math.max(...imports.map((r) => r.maxRssMiB)) };
}
