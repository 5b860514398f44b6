/**
 * Bench stage: `itsm import servicenow --table incident` of a generated event log (ServiceNow's
 * audit-style extract: one row per update, 140,000 rows for 25,000 incidents, DD/MM/YYYY dates, `?`
 * for empty) against its floor measured in the same run: a child process that streams the same CSV
 * through csv-parse and writes one file per ticket. Target: within 2x. Run alone:
 * `node scripts/bench/import-event-log.ts [tickets]`.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from '../bench.ts';
import { bestOfTwo } from './import-runs.ts';
import { fmt, ratio } from './measure.ts';
import { rng } from './synthetic.ts';

const CSV_PARSE = import.meta.resolve('csv-parse');

/** The floor: parse the CSV and write a file per ticket (its rows, as they come), nothing else. */
const FLOOR = `
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { parse } from ${JSON.stringify(CSV_PARSE)};
const [file, out] = process.argv.slice(1);
mkdirSync(out, { recursive: true });
const tickets = new Map();
let header = true;
for await (const row of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }))) {
  if (header) { header = false; continue; }
  const rows = tickets.get(row[0]);
  if (rows) rows.push(row.join('\\n')); else tickets.set(row[0], [row.join('\\n')]);
}
for (const [id, rows] of tickets) writeFileSync(out + '/' + id + '.md', '---\\n' + rows.join('\\n') + '\\n---\\n', { flag: 'wx' });
`;

const COLUMNS =
  'number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at';
const PATHS = [
  ['New', 'Active', 'Resolved', 'Closed'],
  ['New', 'Active', 'Awaiting User Info', 'Active', 'Resolved', 'Closed'],
  ['New', 'Active', 'Active', 'Resolved', 'Closed'],
  ['New', 'Active', 'Resolved', 'Active', 'Resolved', 'Closed'],
  ['New', 'Active', 'Awaiting Vendor', 'Active', 'Active', 'Resolved', 'Closed'],
  ['New', 'Active', 'Active', 'Awaiting Problem', 'Active', 'Resolved', 'Closed', 'Closed'],
];

/** An event log like the public ServiceNow extract, with invented values: ~5.6 rows per ticket. */
export async function writeEventLog(file: string, tickets: number, seed = 5): Promise<number> {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const pad = (n: number) => String(n).padStart(2, '0');
  const at = (ms: number) => {
    const d = new Date(ms);
    return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
  const out = createWriteStream(file);
  out.write(COLUMNS + '\n');
  let rows = 0;
  for (let t = 1; t <= tickets; t++) {
    const path = pick(PATHS);
    const opened = Date.UTC(2016, 1, 1) + Math.floor(random() * 120 * 86400) * 1000;
    const level = 1 + Math.floor(random() * 3);
    const caller = `Caller ${Math.floor(random() * 3000)}`;
    const category = `Category ${Math.floor(random() * 60)}`;
    let time = opened;
    let group = pick(['Operations', 'Group 24', 'Group 70']);
    let resolved = '?';
    for (let i = 0; i < path.length; i++) {
      const state = path[i]!;
      time += Math.floor(random() * 8 * 3600) * 1000;
      if (random() < 0.15) group = pick(['Operations', 'Group 24', 'Group 70', 'Group 56']);
      if (state === 'Resolved') resolved = at(time - 60_000);
      if (state === 'Active' && i > 0 && path[i - 1] === 'Resolved') resolved = '?';
      const row = [
        `INC${String(t).padStart(7, '0')}`,
        state,
        state === 'Closed' ? 'false' : 'true',
        '0',
        '0',
        String(i),
        random() < 0.9 ? 'true' : 'false',
        caller,
        `Opened by ${Math.floor(random() * 200)}`,
        at(opened),
        `Created by ${Math.floor(random() * 200)}`,
        at(opened),
        `Updated by ${Math.floor(random() * 900)}`,
        at(time),
        'Phone',
        `Location ${Math.floor(random() * 200)}`,
        category,
        `Subcategory ${Math.floor(random() * 250)}`,
        `Symptom ${Math.floor(random() * 500)}`,
        '?',
        `${level} - ${['High', 'Medium', 'Low'][level - 1]}`,
        `${level} - ${['High', 'Medium', 'Low'][level - 1]}`,
        `${level === 1 ? 1 : level === 2 ? 3 : 5} - ${level === 1 ? 'Critical' : level === 2 ? 'Moderate' : 'Planning'}`,
        group,
        random() < 0.8 ? `Resolver ${Math.floor(random() * 200)}` : '?',
        'false',
        'false',
        'Do Not Notify',
        '?',
        '?',
        '?',
        '?',
        state === 'Resolved' || state === 'Closed' ? `code ${1 + Math.floor(random() * 16)}` : '?',
        state === 'Resolved' || state === 'Closed' ? `Resolved by ${Math.floor(random() * 200)}` : '?',
        resolved,
        state === 'Closed' ? at(time) : '?',
      ].join(',');
      rows++;
      if (!out.write(row + '\n')) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

const WORKSPACE: Record<string, string> = {
  'itsm.yaml': 'name: Bench\ntime_zone: Europe/Berlin\n',
  'content/policies/priority-matrix.yaml':
    'matrix:\n  high: { high: P1, medium: P2, low: P3 }\n  medium: { high: P2, medium: P3, low: P4 }\n  low: { high: P3, medium: P4, low: P5 }\n',
  'content/teams/TEAM-ops.md': '---\nid: TEAM-ops\nname: Operations\nstatus: active\nmembers:\n  - { name: Ada, login: ada }\n---\n',
  'content/services/SVC-shop.md': '---\nid: SVC-shop\nname: Web shop\nstatus: active\nowner: TEAM-ops\ntier: 1\n---\n',
};

export async function bench(ctx: Pick<BenchContext, 'tmp' | 'log' | 'table'>, tickets = 25_000): Promise<void> {
  const dir = mkdtempSync(join(ctx.tmp, 'import-log-'));
  const csv = join(dir, 'event-log.csv');
  const rows = await writeEventLog(csv, tickets);
  const { floorMs, importMs, importMaxRssMiB } = bestOfTwo({
    dir,
    csv,
    floor: FLOOR,
    workspace: WORKSPACE,
    args: ['import', 'servicenow', '--table', 'incident', csv, '--tz', 'Europe/Berlin', '--default', 'service=SVC-shop'],
    expected: tickets,
  });
  ctx.log(
    `import, ServiceNow event log: ${rows.toLocaleString('en')} rows of ${tickets.toLocaleString('en')} incidents (streamed and folded per ticket, each record checked and written on a second thread; peak memory ${importMaxRssMiB.toFixed(0)} MiB)`,
  );
  ctx.table([
    ['stage', 'time', 'vs floor', 'target'],
    ['floor: csv-parse + write one file per ticket (best of 2)', fmt(floorMs), '', ''],
    [
      'itsm import servicenow, process start included (best of 2)',
      fmt(importMs),
      `${ratio(importMs, floorMs)} of floor`,
      `<= 2x: ${importMs <= 2 * floorMs ? 'met' : 'NOT MET'}`,
    ],
  ]);
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.main) {
  const tmp = mkdtempSync(join(tmpdir(), 'itsm-bench-import-log-'));
  await bench({ tmp, log: (l) => console.log(l), table: (t) => t.forEach((r) => console.log('  ' + r.join('  |  '))) }, Number(process.argv[2] ?? 25_000));
  rmSync(tmp, { recursive: true, force: true });
}
