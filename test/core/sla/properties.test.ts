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

  it('a clock is breached exactly when elapsed exceeds the target, and due_at is when it reached it', () => {
    fc.assert(
      fc.property(calendarArb, incidentArb(ALL_STATUSES), fc.integer({ min: 0, max: 20 * 86_400_000 }), (calendar, inc, later) => {
        for (const r of clocks(calendar, inc.record, inc.start + later)) {
          if (r.state === 'cancelled') continue;
          expect(r.state === 'breached').toBe(r.elapsed_seconds! > r.target_seconds!);
          expect(r.remaining_seconds!).toBeCloseTo(r.target_seconds! - r.elapsed_seconds!, 6);
          if (r.state === 'breached') expect(r.breached_at).toBe(r.due_at);
          if (r.due_at && r.elapsed_seconds! >= r.target_seconds!) expect(Date.parse(r.due_at)).toBeLessThanOrEqual(inc.start + later);
        }
      }),
      { numRuns: 200 },
    );
  });
});
