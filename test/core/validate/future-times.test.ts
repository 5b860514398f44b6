import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../src/core/kinds/index.ts';
import { futureTimes, happenedFields, latestRecordedTime, recordedTimes } from '../../../src/core/validate/future-times.ts';

const NOW = new Date('2026-03-02T12:00:00Z');

describe('time/future', () => {
  it('takes the fields from the kind definitions: milestones and what happened, never plans', () => {
    expect(happenedFields(REGISTRY.get('incident'))).toEqual(expect.arrayContaining(['reported_at', 'acknowledged_at', 'resolved_at', 'closed_at']));
    expect(happenedFields(REGISTRY.get('change'))).toEqual(expect.arrayContaining(['actual_start', 'actual_end']));
    expect(happenedFields(REGISTRY.get('change'))).not.toContain('planned_start');
    expect(happenedFields(REGISTRY.get('change'))).not.toContain('planned_end');
    expect(happenedFields(REGISTRY.get('request'))).toEqual(expect.arrayContaining(['requested_at', 'fulfilled_at']));
    expect(happenedFields(REGISTRY.get('problem'))).toEqual(expect.arrayContaining(['opened_at', 'resolved_at']));
  });

  it('keeps the latest recorded time as one number, read from the same fields as the list (offsets counted, dates alone and plans left out)', () => {
    const def = REGISTRY.get('incident');
    const data = {
      reported_at: '2026-03-02T13:04:00+01:00',
      resolved_at: '2026-03-02T13:06:00+01:00', // 12:06Z
      timeline: [{ at: '2026-03-02T12:30:00+02:00' }, { at: 'not a time' }, null, { note: 'no time' }],
    };
    expect(latestRecordedTime(def, data)).toBe(Date.parse('2026-03-02T12:06:00Z'));
    expect(latestRecordedTime(def, data)).toBe(
      Math.max(
        ...Object.values(recordedTimes(def, data))
          .map(Date.parse)
          .filter((ms) => !Number.isNaN(ms)),
      ),
    );
    expect(latestRecordedTime(REGISTRY.get('change'), { planned_start: '2027-01-01T00:00:00Z', actual_start: '2026-01-01' })).toBeUndefined();
  });

  it('flags a milestone and a timeline entry more than 5 minutes after now, naming field, value and --now', () => {
    const times = recordedTimes(REGISTRY.get('incident'), {
      reported_at: '2026-03-02T13:04:00+01:00', // 12:04Z: within 5 minutes
      resolved_at: '2026-03-02T13:06:00+01:00', // 12:06Z: too far
      timeline: [{ at: '2026-03-02T11:00:00Z' }, { at: '2026-03-03T09:00:00Z' }],
    });
    const found = futureTimes('content/incidents/INC-0001.md', times, NOW);
    expect(found.map((d) => [d.rule, d.severity, d.pointer])).toEqual([
      ['time/future', 'error', '/resolved_at'],
      ['time/future', 'error', '/timeline/1/at'],
    ]);
    expect(found[0]!.message).toBe(
      '`resolved_at` is 2026-03-02T13:06:00+01:00, in the future: more than 5 minutes after --now (2026-03-02T12:00:00Z). It records something that happened.',
    );
    expect(found[1]!.message).toContain('`timeline[1].at` is 2026-03-03T09:00:00Z');
  });

  it('lets a change plan its window ahead', () => {
    const times = recordedTimes(REGISTRY.get('change'), { planned_start: '2027-01-01T00:00:00Z', planned_end: '2027-01-01T02:00:00Z' });
    expect(futureTimes('content/changes/CHG-0001.md', times, NOW)).toEqual([]);
  });
});
