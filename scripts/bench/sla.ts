/**
 * Bench stage: the SLA engine on N incidents with timelines (default sizes 10,000 and 100,000),
 * on records as the loader hands them over (built in memory here: the stage times the engine, not
 * YAML parsing). Target: 100,000 incidents in under 2 s, cold (day caches built inside the timing).
 * Floor: reading every timeline and parsing its timestamps, the least any engine must do.
 * Run alone with `node scripts/bench/sla.ts` or `BENCH_ONLY=sla npm run bench`.
 */
import { indexById, type AnyRecord, type Calendar, type Incident, type SlaPolicy, type Workspace } from '../../src/core/model.ts';
import { computeSla } from '../../src/core/sla/index.ts';
import type { BenchContext } from '../bench.ts';
import { rng } from './synthetic.ts';

const TARGET_MS_100K = 2000;
const SERVICES = 30;
const weekdays = (intervals: string[]) => ({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals });

const CALENDARS: Calendar[] = [
  {
    id: 'berlin-business',
    name: 'Berlin office hours',
    time_zone: 'Europe/Berlin',
    hours: { ...weekdays(['08:00-12:00', '13:00-18:00']), fri: ['08:00-12:00', '13:00-16:00'] },
    holidays: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03', '2026-12-24', '2026-12-25', '2026-12-26'].map(
      (date) => ({ date, name: 'Holiday' }),
    ),
  },
  { id: 'new-york-extended', name: 'New York extended', time_zone: 'America/New_York', hours: { ...weekdays(['07:00-20:00']), sat: ['09:00-13:00'] } },
  { id: 'always-on', name: '24x7', time_zone: 'UTC', hours: '24x7' },
];

const POLICIES: SlaPolicy[] = [
  {
    id: 'critical',
    name: 'Critical services',
    applies_to: { kind: 'incident', services: ['SVC-s0', 'SVC-s1', 'SVC-s2'] },
    calendar: 'always-on',
    pause_statuses: ['on_hold'],
    targets: {
      P1: { response: '15m', resolution: '4h' },
      P2: { response: '30m', resolution: '8h' },
      P3: { response: '2h', resolution: '24h' },
      P4: { response: '8h', resolution: '72h' },
      P5: { response: '24h', resolution: '160h' },
    },
  },
  {
    id: 'standard',
    name: 'Standard',
    applies_to: { kind: 'incident' },
    calendar: 'service',
    pause_statuses: ['on_hold'],
    targets: {
      P1: { response: '30m', resolution: '4h' },
      P2: { response: '1h', resolution: '8h' },
      P3: { response: '4h', resolution: '24h' },
      P4: { response: '8h', resolution: '40h' },
      P5: { response: '16h', resolution: '80h' },
    },
  },
];

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** N incidents over 2026 with six-step timelines (a pause, some reopened, a quarter still open). */
export function syntheticSlaWorkspace(n: number, seed = 11): Pick<Workspace, 'records' | 'policies' | 'byId'> {
  const random = rng(seed);
  const records: AnyRecord[] = [];
  for (let s = 0; s < SERVICES; s++) {
    const id = `SVC-s${s}`;
    records.push({
      kind: 'service',
      id,
      file: `content/services/${id}.md`,
      body: '',
      data: { id, name: id, status: 'active', owner: 'TEAM-ops', tier: 2, support_calendar: CALENDARS[s % 2]!.id },
    });
  }
  const priorities = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
  for (let i = 1; i <= n; i++) {
    const id = `INC-${String(i).padStart(6, '0')}`;
    const start = Date.UTC(2026, 0, 1) + Math.floor(random() * 330 * 86400) * 1000;
    const ack = start + (5 + Math.floor(random() * 90)) * 60_000;
    const hold = ack + (30 + Math.floor(random() * 300)) * 60_000;
    const resume = hold + (60 + Math.floor(random() * 3000)) * 60_000;
    const resolved = resume + (20 + Math.floor(random() * 600)) * 60_000;
    const steps: Array<[number, Incident['status']]> = [
      [start, 'new'],
      [ack, 'acknowledged'],
      [ack + 60_000, 'in_progress'],
      [hold, 'on_hold'],
      [resume, 'in_progress'],
    ];
    const fate = random();
    if (fate < 0.7) steps.push([resolved, 'resolved']);
    if (fate < 0.1) steps.push([resolved + 86_400_000, 'in_progress'], [resolved + 90_000_000, 'resolved']);
    const status = steps.at(-1)![1];
    const data: Incident = {
      id,
      title: `Incident ${i}`,
      status,
      service: `SVC-s${Math.floor(random() * SERVICES)}`,
      impact: 'medium',
      urgency: 'medium',
      priority: priorities[Math.floor(random() * priorities.length)]!,
      reported_at: iso(start),
      acknowledged_at: iso(ack),
      ...(status === 'resolved' ? { resolved_at: iso(steps.at(-1)![0]), resolution: 'Fixed.' } : {}),
      timeline: steps.map(([at, st]) => ({ at: iso(at), status: st, note: 'A note about what happened.' })),
    };
    records.push({ kind: 'incident', id, file: `content/incidents/${id}.md`, body: '', data });
  }
  return {
    records,
    byId: indexById(records),
    policies: {
      calendars: { calendars: CALENDARS.map((c) => ({ ...c })) as [Calendar, ...Calendar[]] },
      sla: { policies: POLICIES as [SlaPolicy, ...SlaPolicy[]] },
    },
  };
}

/** The floor: touch every timeline entry and parse every timestamp once. */
function floor(ws: Pick<Workspace, 'records'>): number {
  let sum = 0;
  for (const r of ws.records) {
    if (r.kind !== 'incident') continue;
    sum += Date.parse(r.data.reported_at);
    for (const e of r.data.timeline ?? []) sum += Date.parse(e.at) + (e.status ? e.status.length : 0);
  }
  return sum;
}

const NOW = '2026-12-15T12:00:00Z';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Milliseconds of fn, the median of `runs` runs, each on the input `prepare` makes (untimed). */
function timed<T>(runs: number, prepare: () => T, fn: (input: T) => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = prepare();
    const t0 = performance.now();
    fn(input);
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function bench(ctx: Pick<BenchContext, 'log' | 'table'> & Partial<Pick<BenchContext, 'sizes'>>): Promise<void> {
  const sizes = ctx.sizes?.length ? ctx.sizes : [10_000, 100_000];
  ctx.log('SLA engine (records in memory, 3 calendars incl. DST zones and holidays, pauses, reopens; median of 3)');
  const rows = [['incidents', 'floor: parse timelines', 'SLA cold', 'SLA warm', 'cold/floor', 'clocks', 'results heap', 'target']];
  for (const n of sizes) {
    const ws = syntheticSlaWorkspace(n);
    const floorMs = timed(3, () => ws, floor);
    // Cold: fresh calendar definitions, so every day cache is built inside the timing.
    const freshCalendars = () => ({
      ...ws,
      policies: { ...ws.policies, calendars: { calendars: CALENDARS.map((c) => ({ ...c })) as [Calendar, ...Calendar[]] } },
    });
    const coldMs = timed(3, freshCalendars, (w) => computeSla(w, NOW));
    const heap0 = process.memoryUsage().heapUsed;
    const results = computeSla(ws, NOW);
    const heapMiB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
    const warmMs = timed(
      3,
      () => ws,
      (w) => computeSla(w, NOW),
    );
    const target = n >= 100_000 ? `< ${TARGET_MS_100K / 1000} s: ${coldMs < (TARGET_MS_100K * n) / 100_000 ? 'ok' : 'MISSED'}` : '';
    rows.push([
      String(n),
      `${(floorMs / 1000).toFixed(3)} s`,
      `${(coldMs / 1000).toFixed(3)} s`,
      `${(warmMs / 1000).toFixed(3)} s`,
      `${(coldMs / floorMs).toFixed(1)}x`,
      String(results.length),
      `${heapMiB.toFixed(0)} MiB`,
      target,
    ]);
  }
  ctx.table(rows);
}

if (import.meta.main) {
  await bench({
    log: (line) => console.log(line),
    table: (rows) => {
      for (const r of rows) console.log('  ' + r.join('  '));
    },
  });
}
