/** Properties of the SLA engine over random incidents, timelines and calendars. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../../src/core/model.ts';
import { computeSla, type SlaResult } from '../../../src/core/sla/index.ts';
import { ALL_CALENDARS, incident, policyOn, workspaceWith, type Steps } from './harness.ts';

const START = Date.parse('2026-01-01T00:00:00Z');
const SPAN = 365 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A random incident: a start in 2026 and up to 8 status changes within the following 10 days. */
const incidentArb = (statuses: string[]) =>
  fc
    .record({
      start: fc.integer({ min: START, max: START + SPAN }),
      gaps: fc.array(fc.integer({ min: 0, max: 36 * 3_600_000 }), { maxLength: 8 }),
      statuses: fc.array(fc.constantFrom(...statuses), { minLength: 8, maxLength: 8 }),
    })
    .map(({ start, gaps, statuses: picked }) => {
      let t = start;
      const steps: Steps = [[iso(start), 'new']];
      gaps.forEach((gap, i) => {
        t += gap;
        steps.push([iso(t), picked[i]!]);
      });
      const last = steps.at(-1)![1];
      const status = last as 'new';
      return { start, end: t, record: incident({ status, reported_at: iso(start) }, steps) };
    });

const ALL_STATUSES = ['acknowledged', 'in_progress', 'on_hold', 'resolved', 'in_progress', 'closed'];
const calendarArb = fc.constantFrom(...ALL_CALENDARS);

function clocks(calendar: Calendar, record: ReturnType<typeof incident>, now: number): SlaResult[] {
  return computeSla(workspaceWith([policyOn(calendar.id, { response: '1h', resolution: '8h' })], [record]), new Date(now));
}

describe('SLA engine properties', () => {
  it('elapsed business time never exceeds the wall time since the report', () => {
    fc.assert(
      fc.property(calendarArb, incidentArb(ALL_STATUSES), fc.integer({ min: 0, max: 20 * 86_400_000 }), (calendar, inc, later) => {
        const now = inc.start + later;
        for (const r of clocks(calendar, inc.record, now)) {
          expect(r.elapsed_seconds!).toBeGreaterThanOrEqual(0);
          expect(r.elapsed_seconds!).toBeLessThanOrEqual((now - inc.start) / 1000);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('elapsed business time never decreases as now moves on', () => {
    fc.assert(
      fc.property(
        calendarArb,
        incidentArb(ALL_STATUSES),
        fc.integer({ min: 0, max: 15 * 86_400_000 }),
        fc.integer({ min: 0, max: 15 * 86_400_000 }),
        (calendar, inc, x, y) => {
          const [early, late] = x <= y ? [x, y] : [y, x];
          const before = clocks(calendar, inc.record, inc.start + early);
          const after = clocks(calendar, inc.record, inc.start + late);
          expect(after.map((r) => r.metric)).toEqual(before.map((r) => r.metric));
          before.forEach((r, i) => expect(after[i]!.elapsed_seconds!).toBeGreaterThanOrEqual(r.elapsed_seconds!));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a 24x7 calendar without pauses counts wall-clock time', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), incidentArb(['acknowledged', 'in_progress']), fc.integer({ min: 0, max: 20 * 86_400_000 }), (zone, inc, later) => {
        const calendar: Calendar = { id: 'round-the-clock', name: '24x7', time_zone: zone, hours: '24x7' };
        const now = inc.start + later;
        const [response, resolution] = computeSla(
          workspaceWith([policyOn(calendar.id, { response: '1h', resolution: '8h' })], [inc.record], [calendar]),
          new Date(now),
        );
        // Never resolved: the resolution clock runs from the report to now.
        expect(resolution!.elapsed_seconds).toBe((now - inc.start) / 1000);
        const steps = (inc.record.data as { timeline: Array<{ at: string; status: string }> }).timeline;
        const firstMove = steps.slice(1).find((s) => s.status !== 'new');
        const stop = firstMove ? Math.min(Date.parse(firstMove.at), now) : now;
        expect(response!.elapsed_seconds).toBe((stop - inc.start) / 1000);
      }),
      { numRuns: 200 },
    );
  });

  it('state never contradicts the due time: met iff stopped at or before it, breached iff after it or counting past it', () => {
    fc.assert(
      fc.property(calendarArb, incidentArb(ALL_STATUSES), fc.integer({ min: 0, max: 20 * 86_400_000 }), (calendar, inc, later) => {
        const now = inc.start + later;
        for (const r of clocks(calendar, inc.record, now)) {
          if (r.state === 'cancelled') continue;
          const due = r.due_at === null ? null : Date.parse(r.due_at);
          if (r.clock === 'stopped') {
            const stop = Date.parse(r.stopped_at!);
            expect(r.state).toBe(due !== null && stop > due ? 'breached' : 'met');
          } else {
            expect(r.state === 'breached').toBe(due !== null && now > due);
          }
          if (r.state === 'breached') expect(r.breached_at).toBe(r.due_at);
          // Reaching the target means the due time has come (it is when the target was reached).
          if (due !== null && r.elapsed_seconds! >= r.target_seconds!) expect(due).toBeLessThanOrEqual(now);
          // Over the target in business time is always a breach.
          if (r.elapsed_seconds! > r.target_seconds!) expect(r.state).toBe('breached');
          expect(r.remaining_seconds!).toBeCloseTo(r.target_seconds! - r.elapsed_seconds!, 6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('while running, elapsed + remaining = target, and within the target the percentage stays under 100', () => {
    fc.assert(
      fc.property(calendarArb, incidentArb(ALL_STATUSES), fc.integer({ min: 0, max: 20 * 86_400_000 }), (calendar, inc, later) => {
        for (const r of clocks(calendar, inc.record, inc.start + later)) {
          if (r.clock === 'running') expect(r.elapsed_seconds! + r.remaining_seconds!).toBeCloseTo(r.target_seconds!, 6);
          if (r.elapsed_seconds! < r.target_seconds!) expect(r.percent!).toBeLessThan(100);
          // The percentage is floored: never more than the exact share, less by under a tenth.
          const exact = (r.elapsed_seconds! / r.target_seconds!) * 100;
          expect(r.percent!).toBeLessThanOrEqual(exact + 1e-9);
          expect(exact - r.percent!).toBeLessThan(0.1 + 1e-9);
          if (r.state === 'in_progress' || r.state === 'paused') expect(r.at_risk).toBe(exact >= 75);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('a clock resolved around its due time is met iff resolved at or before it, wherever the stop falls', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: START, max: START + SPAN }),
        fc.integer({ min: -3 * 3_600_000, max: 40 * 3_600_000 }),
        (calendar, start, delta) => {
          const reported = iso(start);
          const policy = [policyOn(calendar.id, { resolution: '4h' })];
          const open = computeSla(workspaceWith(policy, [incident({ status: 'in_progress', reported_at: reported })]), new Date(start));
          const due = Date.parse(open[0]!.due_at!);
          const stop = Math.max(start, due + delta);
          const resolved = incident({ status: 'resolved', reported_at: reported, resolved_at: iso(stop) });
          const [r] = computeSla(workspaceWith(policy, [resolved]), new Date(stop + 86_400_000));
          expect(Date.parse(r!.due_at!)).toBe(due);
          expect(r!.state).toBe(stop <= due ? 'met' : 'breached');
        },
      ),
      { numRuns: 300 },
    );
  });
});
