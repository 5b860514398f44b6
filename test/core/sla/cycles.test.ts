/** Properties of the general clock (cycles.ts) over random timelines with status, priority and team changes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyRecord, Incident, SlaPolicy, TimelineEntry } from '../../../src/core/model.ts';
import { fieldHistory } from '../../../src/core/sla/conditions.ts';
import { computeSla, runClock, runCycles, statusHistory, type CycleRules, type SlaResult } from '../../../src/core/sla/index.ts';
import { ALL_CALENDARS, policyOn, workspaceWith } from './harness.ts';

const START = Date.parse('2026-01-01T00:00:00Z');
const SPAN = 365 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const STATUSES = ['acknowledged', 'in_progress', 'on_hold', 'resolved', 'in_progress', 'closed', 'cancelled'];

/** A random incident: up to 10 timeline entries, each changing the status, the priority or the team. */
const incidentArb = fc
  .record({
    start: fc.integer({ min: START, max: START + SPAN }),
    steps: fc.array(
      fc.record({
        gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 * 3_600_000 })),
        status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
        priority: fc.option(fc.constantFrom('P1', 'P3'), { nil: undefined }),
        team: fc.option(fc.constantFrom('TEAM-ops', 'TEAM-db'), { nil: undefined }),
      }),
      { maxLength: 10 },
    ),
  })
  .map(({ start, steps }) => {
    let t = start;
    const timeline: TimelineEntry[] = [{ at: iso(start), status: 'new', priority: 'P3', team: 'TEAM-ops' }];
    let status = 'new';
    let priority = 'P3';
    for (const [i, s] of steps.entries()) {
      // runClock takes each status change on its own; here changes at one instant act together, so
      // only the first step may share the report's instant (a record written down already resolved).
      t += i === 0 ? s.gap : Math.max(s.gap, 1000);
      timeline.push({
        at: iso(t),
        ...(s.status ? { status: s.status } : {}),
        ...(s.priority ? { priority: s.priority } : {}),
        ...(s.team ? { team: s.team } : {}),
      });
      if (s.status) status = s.status;
      if (s.priority) priority = s.priority;
    }
    const data: Incident = {
      id: 'INC-0001',
      title: 'Something broke',
      service: 'SVC-shop',
      impact: 'medium',
      urgency: 'high',
      priority: priority as 'P1',
      reported_at: iso(start),
      status: status as Incident['status'],
      timeline,
    };
    const record: AnyRecord = { kind: 'incident', id: data.id, file: 'content/incidents/INC-0001.md', data, body: '' };
    return { start, end: t, record, data };
  });

const calendarArb = fc.constantFrom(...ALL_CALENDARS);
const laterArb = fc.integer({ min: 0, max: 20 * 86_400_000 });
const DEFAULTS: CycleRules = {
  pause: new Set(['on_hold']),
  pauseWhen: [],
  start: undefined,
  stop: undefined,
  newCycleOnReopen: false,
  restartOnPriorityChange: false,
  team: null,
  reads: new Set(),
};

function results(policy: SlaPolicy, record: AnyRecord, now: number): SlaResult[] {
  return computeSla(workspaceWith([policy], [record]), new Date(now));
}

const policy = (calendar: string, extra: Partial<SlaPolicy> = {}): SlaPolicy => ({
  ...policyOn(calendar, {}),
  targets: { P1: { response: '1h', resolution: '4h' }, P3: { response: '2h', resolution: '14h' } },
  ...extra,
});

function joined(spans: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of spans) {
    const last = out.at(-1);
    if (last && last[1] === a) last[1] = b;
    else out.push([a, b]);
  }
  return out;
}

/** Every cycle (completed ones and the current one) of every result. */
function allCycles(rs: SlaResult[]) {
  return rs.flatMap((r) => [...(r.cycles ?? []), { ...r, clock: r.clock }]);
}

describe('the general clock', () => {
  it('with the default rules, it is runClock: one cycle with the same spans, state and stop', () => {
    fc.assert(
      fc.property(incidentArb, laterArb, fc.constantFrom('response' as const, 'resolution' as const), (inc, later, metric) => {
        const history = statusHistory('incident', inc.data)!;
        const now = inc.start + later;
        const fields = {
          priority: fieldHistory(history, 'priority', inc.data.priority),
          team: fieldHistory(history, 'team', inc.data.team),
          assignee: fieldHistory(history, 'assignee', inc.data.assignee),
        };
        const cycles = runCycles(history, fields, metric, DEFAULTS, now);
        const plain = runClock(history, metric, DEFAULTS.pause, now);
        expect(cycles).toHaveLength(1);
        // Changes at one instant act together here, so adjacent spans are compared joined.
        expect({ running: joined(cycles[0]!.running), state: cycles[0]!.state, stoppedAt: cycles[0]!.stoppedAt }).toEqual({
          ...plain,
          running: joined(plain.running),
        });
      }),
      { numRuns: 400 },
    );
  });

  it('new_cycle splits the resumed clock at each reopen: the cycles add up to the same business time', () => {
    fc.assert(
      fc.property(calendarArb, incidentArb, laterArb, (calendar, inc, later) => {
        const now = inc.start + later;
        const resumed = results(policy(calendar.id), inc.record, now).find((r) => r.metric === 'resolution')!;
        const split = results(policy(calendar.id, { on_reopen: 'new_cycle' }), inc.record, now).find((r) => r.metric === 'resolution')!;
        const total = split.elapsed_seconds! + split.cycles!.reduce((sum, c) => sum + c.elapsed_seconds, 0);
        expect(total).toBeCloseTo(resumed.elapsed_seconds!, 6);
        // Every earlier cycle ended by a resolution, and its state follows its due time.
        for (const c of split.cycles!) {
          expect(['met', 'breached']).toContain(c.state);
          expect(c.state).toBe(Date.parse(c.stopped_at!) > Date.parse(c.due_at!) ? 'breached' : 'met');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('under restarts and OLAs, state never contradicts the due time, and elapsed + remaining = target while running', () => {
    fc.assert(
      fc.property(calendarArb, incidentArb, laterArb, fc.boolean(), fc.boolean(), (calendar, inc, later, reopenCycles, conditions) => {
        const now = inc.start + later;
        const extra: Partial<SlaPolicy> = {
          on_priority_change: 'restart',
          ...(reopenCycles ? { on_reopen: 'new_cycle' as const } : {}),
          ...(conditions ? { start: { status: ['acknowledged'] }, pause_when: [{ field: 'team' as const, equals: 'TEAM-db' }] } : {}),
        };
        const rs = [
          ...results(policy(calendar.id, extra), inc.record, now),
          ...computeSla(workspaceWith([policy(calendar.id), { ...policy(calendar.id, extra), id: 'ola', scope: 'team' }], [inc.record]), new Date(now)).filter(
            (r) => r.metric.startsWith('ola-'),
          ),
        ];
        for (const r of rs) {
          if (r.clock === 'running') expect(r.elapsed_seconds! + r.remaining_seconds!).toBeCloseTo(r.target_seconds!, 6);
          if (r.metric.startsWith('ola-')) expect(r.team).toBeDefined();
          for (const c of r.cycles!) expect(Date.parse(c.started_at)).toBeLessThanOrEqual(Date.parse(r.started_at));
        }
        for (const c of allCycles(rs)) {
          if (c.state === 'cancelled' || c.state === 'no_policy') continue;
          const due = c.due_at === null ? null : Date.parse(c.due_at);
          if (c.stopped_at !== null && !('clock' in c && c.clock !== 'stopped'))
            expect(c.state).toBe(due !== null && Date.parse(c.stopped_at) > due ? 'breached' : 'met');
          if (c.elapsed_seconds! > c.target_seconds!) expect(c.state).toBe('breached');
        }
      }),
      { numRuns: 300 },
    );
  });
});
