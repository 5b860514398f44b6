/**
 * Bench stage: `itsm import servicenow --table incident` of a generated export against its floor
 * measured in the same run: a child process that streams the same CSV through csv-parse and writes
 * one file per row with no mapping. Target: within 2x. Run alone: `node scripts/bench/import.ts [rows]`.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { rng } from './synthetic.ts';
import { bestOfTwo } from './import-runs.ts';
import { fmt, ratio } from './measure.ts';
import type { BenchContext } from '../bench.ts';

const CSV_PARSE = import.meta.resolve('csv-parse');

/** The floor: parse the CSV and write a file per row, nothing else (same process start as itsm). */
const FLOOR = `
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { parse } from ${JSON.stringify(CSV_PARSE)};
const [file, out] = process.argv.slice(1);
mkdirSync(out, { recursive: true });
let n = 0;
let header = true;
for await (const row of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }))) {
  if (header) { header = false; continue; }
  writeFileSync(out + '/ROW-' + String(++n).padStart(6, '0') + '.md', '---\\n' + row.join('\\n') + '\\n---\\n', { flag: 'wx' });
}
`;

const STATES = ['New', 'In Progress', 'On Hold', 'Resolved', 'Closed'];
const LEVELS = ['1 - High', '2 - Medium', '3 - Low'];
const PRIORITY: Record<string, string> = {
  '11': '1 - Critical',
  '12': '2 - High',
  '13': '3 - Moderate',
  '21': '2 - High',
  '22': '3 - Moderate',
  '23': '4 - Low',
  '31': '3 - Moderate',
  '32': '4 - Low',
  '33': '5 - Planning',
};

/** A ServiceNow incident list export: the columns people export, realistic text, some quoted newlines. */
export async function writeServiceNowExport(file: string, rows: number, seed = 3): Promise<void> {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const out = createWriteStream(file);
  out.write(
    '\uFEFF"number","short_description","description","caller_id","priority","impact","urgency","state","opened_at","resolved_at","closed_at","assignment_group","assigned_to","cmdb_ci","business_service","close_code","close_notes","category","sys_id"\n',
  );
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 1; i <= rows; i++) {
    const impact = Math.floor(random() * 3);
    const urgency = Math.floor(random() * 3);
    const state = pick(STATES);
    const start = Date.UTC(2025, 0, 1) + Math.floor(random() * 600 * 86400) * 1000;
    const at = (ms: number) => {
      const d = new Date(ms);
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    };
    const done = state === 'Resolved' || state === 'Closed';
    const resolved = done ? at(start + Math.floor(random() * 72) * 3600_000 + 600_000) : '';
    const line = [
      `INC${String(i).padStart(7, '0')}`,
      q(`Checkout ${pick(['timeouts', 'errors', 'latency', 'login failures'])} for ${pick(['some', 'many', 'all'])} users`),
      q(`Users report problems since ${at(start)}.\nSteps: open the shop, add an item, pay.\nObserved: "error 500" after ${Math.floor(random() * 30)} s.`),
      q(pick(['Abel Tuter', 'Beth Anglin', 'Carol Coughlin'])),
      q(PRIORITY[`${impact + 1}${urgency + 1}`]!),
      q(LEVELS[impact]!),
      q(LEVELS[urgency]!),
      q(state),
      q(at(start)),
      q(resolved),
      q(state === 'Closed' ? resolved : ''),
      q('Operations'),
      q(pick(['Ada Lovelace', 'Grace Hopper', ''])),
      q(pick(['Web servers', 'Shop database', ''])),
      q('Web shop'),
      q(done ? 'Solved (Permanently)' : ''),
      q(done ? 'Restarted the service after the fix was deployed.' : ''),
      q(pick(['Software', 'Network', 'Database'])),
      q(`a${i.toString(16).padStart(31, '0')}`),
    ].join(',');
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const WORKSPACE: Record<string, string> = {
  'itsm.yaml': 'name: Bench\ntime_zone: Europe/Berlin\n',
  'content/policies/priority-matrix.yaml':
    'matrix:\n  high: { high: P1, medium: P2, low: P3 }\n  medium: { high: P2, medium: P3, low: P4 }\n  low: { high: P3, medium: P4, low: P5 }\n',
  'content/teams/TEAM-ops.md': '---\nid: TEAM-ops\nname: Operations\nstatus: active\nmembers:\n  - { name: Ada, login: ada }\n---\n',
  'content/services/SVC-shop.md': '---\nid: SVC-shop\nname: Web shop\nstatus: active\nowner: TEAM-ops\ntier: 1\ncis: [CI-web, CI-db]\n---\n',
  'content/cis/CI-web.md': '---\nid: CI-web\nname: Web servers\ntype: application\nenvironment: production\nstatus: active\n---\n',
  'content/cis/CI-db.md': '---\nid: CI-db\nname: Shop database\ntype: database\nenvironment: production\nstatus: active\n---\n',
};

export async function bench(ctx: Pick<BenchContext, 'tmp' | 'log' | 'table'> & { sizes?: number[] }): Promise<void> {
  const rows = Math.max(...(ctx.sizes ?? [100_000]));
  const dir = mkdtempSync(join(ctx.tmp, 'import-'));
  const csv = join(dir, 'incident.csv');
  await writeServiceNowExport(csv, rows);
  const { floorMs, importMs } = bestOfTwo({
    dir,
    csv,
    floor: FLOOR,
    workspace: WORKSPACE,
    args: ['import', 'servicenow', '--table', 'incident', csv, '--tz', 'Europe/Berlin'],
    expected: rows,
  });
  const rate = (ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;
  ctx.log(`import, ${rows.toLocaleString('en')} ServiceNow incident rows (CSV with BOM and quoted newlines)`);
  ctx.table([
    ['stage', 'time', 'rate', 'vs floor', 'target'],
    ['floor: csv-parse + write one file per row (best of 2)', fmt(floorMs), rate(floorMs), '', ''],
    [
      'itsm import servicenow, process start included (best of 2)',
      fmt(importMs),
      rate(importMs),
      `${ratio(importMs, floorMs)} of floor`,
      `<= 2x: ${importMs <= 2 * floorMs ? 'met' : 'NOT MET'}`,
    ],
  ]);
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.main) {
  const tmp = mkdtempSync(join(tmpdir(), 'itsm-bench-import-'));
  const rows = Number(process.argv[2] ?? 100_000);
  await bench({ tmp, sizes: [rows], log: (l) => console.log(l), table: (t) => t.forEach((r) => console.log('  ' + r.join('  |  '))) });
  rmSync(tmp, { recursive: true, force: true });
}
