/**
 * Bench stage: `itsm impact` on a generated CMDB of 10,000 CIs and 40,000 relations (plus 200
 * services, open incidents and planned changes). Target: an answer in under 50 ms after load,
 * index build included. Run alone with `node scripts/bench/impact.ts`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImpactIndex, impactOf } from '../../src/core/impact.ts';
import { loadWorkspace } from '../../src/io/workspace.ts';
import { rng } from './synthetic.ts';
import type { BenchContext } from '../bench.ts';

const CIS = 10_000;
const HOSTS = 1_000;
const SERVICES = 200;

/** CI i stands on CIs with lower numbers (hosts first), so depends_on and runs_on stay acyclic. */
export function writeCmdb(dir: string, seed = 7): { relations: number } {
  const random = rng(seed);
  const below = (i: number) => Math.floor(random() * i);
  const ci = (i: number) => `CI-n${i}`;
  for (const folder of ['cis', 'services', 'teams', 'incidents', 'changes']) mkdirSync(join(dir, 'content', folder), { recursive: true });
  writeFileSync(join(dir, 'itsm.yaml'), 'name: Bench\ntime_zone: UTC\n');
  writeFileSync(join(dir, 'content/teams/TEAM-ops.md'), '---\nid: TEAM-ops\nname: Ops\nstatus: active\nmembers:\n  - { name: Ada, login: ada }\n---\n');
  // Every CI has four relations: it runs on one lower CI, depends on one or two lower ones (so
  // runs_on and depends_on stay acyclic) and connects to one or two others; CI-n0 connects to four.
  let relations = 0;
  const distinct = (n: number, pick: () => number, not: number) => {
    const set = new Set<number>();
    while (set.size < n) {
      const x = pick();
      if (x !== not) set.add(x);
    }
    return [...set];
  };
  for (let i = 0; i < CIS; i++) {
    const lines = [
      `id: ${ci(i)}`,
      `name: Item ${i}`,
      `type: ${i < HOSTS ? 'server' : 'application'}`,
      'environment: production',
      'status: active',
      'owner: TEAM-ops',
    ];
    const list = (field: string, ids: number[]) => {
      if (!ids.length) return;
      lines.push(`${field}: [${ids.map(ci).join(', ')}]`);
      relations += ids.length;
    };
    if (i === 0) list('connects_to', [1, 2, 3, 4]);
    else {
      const app = i >= HOSTS;
      list('runs_on', [below(Math.min(i, HOSTS))]);
      list(
        'depends_on',
        distinct(app ? 2 : 1, () => below(i), -1),
      );
      list(
        'connects_to',
        distinct(app ? 1 : 2, () => below(CIS), i),
      );
    }
    writeFileSync(join(dir, 'content/cis', `${ci(i)}.md`), `---\n${lines.join('\n')}\n---\n`);
  }
  for (let s = 0; s < SERVICES; s++) {
    const cis = new Set<number>();
    while (cis.size < 10) cis.add(CIS - 1 - below(CIS - HOSTS));
    const deps = s > 0 ? `\ndepends_on: [SVC-s${below(s)}]` : '';
    writeFileSync(
      join(dir, 'content/services', `SVC-s${s}.md`),
      `---\nid: SVC-s${s}\nname: Service ${s}\nstatus: active\nowner: TEAM-ops\ntier: 2\ncis: [${[...cis].map(ci).join(', ')}]${deps}\n---\n`,
    );
  }
  for (let n = 1; n <= 500; n++) {
    writeFileSync(
      join(dir, 'content/incidents', `INC-${String(n).padStart(4, '0')}.md`),
      `---\nid: INC-${String(n).padStart(4, '0')}\ntitle: Incident ${n}\nstatus: in_progress\nservice: SVC-s${below(SERVICES)}\ncis: [${ci(below(CIS))}]\nimpact: medium\nurgency: medium\npriority: P3\nreported_at: 2026-03-01T10:00:00Z\nacknowledged_at: 2026-03-01T10:10:00Z\n---\n`,
    );
  }
  for (let n = 1; n <= 200; n++) {
    writeFileSync(
      join(dir, 'content/changes', `CHG-${String(n).padStart(4, '0')}.md`),
      `---\nid: CHG-${String(n).padStart(4, '0')}\ntitle: Change ${n}\ntype: normal\nrisk: low\nstatus: scheduled\ncis: [${ci(below(CIS))}]\nplanned_start: 2026-04-01T20:00:00Z\nplanned_end: 2026-04-01T21:00:00Z\ntest_plan: Check it.\nrollback_plan: Undo it.\n---\n`,
    );
  }
  return { relations };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function bench(ctx: Pick<BenchContext, 'tmp' | 'log' | 'table'>): Promise<void> {
  const dir = mkdtempSync(join(ctx.tmp, 'impact-'));
  const { relations } = writeCmdb(dir);
  const t0 = performance.now();
  const loaded = await loadWorkspace(dir);
  const loadMs = performance.now() - t0;
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`the generated CMDB does not validate: ${errors[0]!.file}: ${errors[0]!.message}`);
  ctx.log(
    `impact, ${CIS.toLocaleString('en')} CIs, ${relations.toLocaleString('en')} CI relations, ${SERVICES} services (loaded and validated in ${(loadMs / 1000).toFixed(1)} s)`,
  );

  // Cold: what one `itsm impact` process does after loading. Warm: a long-lived caller (the site build).
  const t1 = performance.now();
  const index = buildImpactIndex(loaded.workspace.records);
  const indexMs = performance.now() - t1;
  const t2 = performance.now();
  const first = impactOf(index, 'CI-n0');
  const firstMs = performance.now() - t2;
  if (!first.ok) throw new Error('CI-n0 not found');
  const random = rng(11);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    impactOf(index, `CI-n${Math.floor(random() * CIS)}`);
    times.push(performance.now() - s);
  }
  const worst: number[] = [];
  for (let i = 0; i < 10; i++) {
    const s = performance.now();
    impactOf(index, 'CI-n0');
    worst.push(performance.now() - s);
  }
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const cold = indexMs + firstMs;
  ctx.table([
    ['question', 'time', 'target'],
    ['index the graph (once, after load)', ms(indexMs), ''],
    [`first question, cold: CI-n0, which all ${first.result.downstream.length.toLocaleString('en')} records need`, ms(firstMs), ''],
    ['index + first question (one `itsm impact` run after load)', ms(cold), `< 50 ms: ${cold < 50 ? 'met' : 'NOT MET'}`],
    ['warm: a random CI, median of 50', ms(median(times)), '< 50 ms'],
    ['warm: CI-n0 again, median of 10', ms(median(worst)), '< 50 ms'],
  ]);
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.main) {
  const tmp = mkdtempSync(join(tmpdir(), 'itsm-bench-impact-'));
  await bench({
    tmp,
    log: (line) => console.log(line),
    table: (rows) => rows.forEach((r) => console.log('  ' + r.join('  |  '))),
  });
  rmSync(tmp, { recursive: true, force: true });
}
