/** How a clock runs over a status history: the spans it counts, and how it ends. */
import { describe, expect, it } from 'vitest';
import { runClock, statusHistory, type ClockRun } from '../../../src/core/sla/index.ts';
import type { Incident } from '../../../src/core/model.ts';
import { incident, type Steps } from './harness.ts';

const PAUSE = new Set(['on_hold']);
const iso = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const NOW = Date.parse('2026-03-02T23:00:00Z');

function run(
  metric: 'response' | 'resolution',
  steps: Steps,
  fields: Partial<Incident> = {},
  now = NOW,
): { spans: string[]; state: ClockRun['state']; stoppedAt: string | null } {
  const rec = incident({ status: steps.at(-1)![1] as Incident['status'], reported_at: '2026-03-02T08:00:00Z', ...fields }, steps);
  const r = runClock(statusHistory('incident', rec.data as Incident)!, metric, PAUSE, now);
  return { spans: r.running.map(([a, b]) => `${iso(a)}-${iso(b)}`), state: r.state, stoppedAt: r.stoppedAt === null ? null : iso(r.stoppedAt) };
}

describe('runClock', () => {
  it('resumes after each reopen and stops at the last resolution', () => {
    expect(
      run('resolution', [
        ['2026-03-02T08:00:00Z', 'new'],
        ['2026-03-02T09:00:00Z', 'resolved'],
        ['2026-03-02T10:00:00Z', 'in_progress'],
        ['2026-03-02T11:00:00Z', 'resolved'],
        ['2026-03-02T12:00:00Z', 'in_progress'],
        ['2026-03-02T13:00:00Z', 'on_hold'],
        ['2026-03-02T14:00:00Z', 'in_progress'],
        ['2026-03-02T15:00:00Z', 'resolved'],
        ['2026-03-02T16:00:00Z', 'closed'],
      ]),
    ).toEqual({ spans: ['08:00-09:00', '10:00-11:00', '12:00-13:00', '14:00-15:00'], state: 'stopped', stoppedAt: '15:00' });
  });

  it('treats entries before the report as the status at the report', () => {
    expect(
      run('resolution', [
        ['2026-03-02T07:00:00Z', 'on_hold'],
        ['2026-03-02T09:00:00Z', 'in_progress'],
      ]),
    ).toMatchObject({ spans: ['09:00-23:00'], state: 'running' });
  });

  it('reads an out-of-order timeline in time order', () => {
    const steps: Steps = [
      ['2026-03-02T10:00:00Z', 'resolved'],
      ['2026-03-02T09:00:00Z', 'in_progress'],
    ];
    expect(run('resolution', steps, { status: 'resolved' })).toMatchObject({ spans: ['08:00-10:00'], state: 'stopped' });
  });

  it('stops the response clock at acknowledged_at even when the timeline says otherwise', () => {
    expect(
      run(
        'response',
        [
          ['2026-03-02T08:00:00Z', 'new'],
          ['2026-03-02T09:00:00Z', 'in_progress'],
        ],
        { acknowledged_at: '2026-03-02T08:20:00Z' },
      ),
    ).toEqual({
      spans: ['08:00-08:20'],
      state: 'stopped',
      stoppedAt: '08:20',
    });
  });

  it('pauses the response clock too', () => {
    const steps: Steps = [
      ['2026-03-02T08:00:00Z', 'new'],
      ['2026-03-02T08:10:00Z', 'on_hold'],
    ];
    expect(run('response', steps, { acknowledged_at: '2026-03-02T09:00:00Z' })).toMatchObject({ spans: ['08:00-08:10'], state: 'stopped' });
  });

  it('is cancelled by a cancellation, keeping the time it ran', () => {
    expect(
      run('resolution', [
        ['2026-03-02T08:00:00Z', 'new'],
        ['2026-03-02T08:30:00Z', 'cancelled'],
      ]),
    ).toEqual({ spans: ['08:00-08:30'], state: 'cancelled', stoppedAt: '08:30' });
  });

  it('has not stopped if the resolution is after now', () => {
    const steps: Steps = [
      ['2026-03-02T08:00:00Z', 'new'],
      ['2026-03-02T12:00:00Z', 'resolved'],
    ];
    expect(run('resolution', steps, {}, Date.parse('2026-03-02T10:00:00Z'))).toEqual({ spans: ['08:00-10:00'], state: 'running', stoppedAt: null });
  });
});
