import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldLabel, formatInstant, formatSeconds, localDate } from '../../src/core/format.ts';

describe('showing instants', () => {
  it('shows an instant in the workspace zone, across DST changes', () => {
    expect(formatInstant('2026-03-29T00:59:00Z', 'Europe/Berlin')).toBe('2026-03-29 01:59 CET');
    expect(formatInstant('2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('2026-03-29 03:00 CEST');
    expect(formatInstant('2026-10-25T00:30:00Z', 'Europe/Berlin')).toBe('2026-10-25 02:30 CEST');
    expect(formatInstant('2026-10-25T01:30:00Z', 'Europe/Berlin')).toBe('2026-10-25 02:30 CET');
    expect(formatInstant('2026-06-01T12:00:00+05:45', 'Asia/Kathmandu')).toBe('2026-06-01 12:00 GMT+5:45');
    expect(formatInstant('not a time', 'UTC')).toBe('not a time');
  });

  it('agrees with Intl for any instant and zone (the quarter-hour cache never shows a wrong time)', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC', 'America/St_Johns'];
    const intl = (ms: number, tz: string) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-GB', {
          timeZone: tz,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZoneName: 'short',
        })
          .formatToParts(ms)
          .map((x) => [x.type, x.value]),
      );
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(...zones), (ms, tz) => {
        expect(formatInstant(new Date(ms).toISOString(), tz)).toBe(intl(ms, tz));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives dates, labels and durations as people read them', () => {
    expect(localDate(Date.parse('2026-11-19T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-20');
    expect(fieldLabel('planned_start')).toBe('Planned start');
    expect(fieldLabel('cis')).toBe('CIs');
    expect(formatSeconds(14400)).toBe('4h 00m');
    expect(formatSeconds(-75600)).toBe('-21h 00m');
    expect(formatSeconds(200000)).toBe('2d 7h');
  });
});
