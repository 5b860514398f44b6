/** Business calendars: what counts as working time, across DST, holidays and zones. */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { compileCalendar, type BusinessCalendar } from '../../src/core/calendar.ts';
import type { Calendar } from '../../src/core/model.ts';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

function calendar(def: Partial<Calendar> & Pick<Calendar, 'hours'>): BusinessCalendar {
  const result = compileCalendar({ id: 'test', name: 'Test', time_zone: 'Europe/Berlin', ...def });
  if (!result.ok) throw new Error(result.message);
  return result.calendar;
}

const everyDay = (intervals: string[]) => ({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals, sat: intervals, sun: intervals });

/** The working intervals in a window, written in the calendar's zone: easy to read in a failure. */
function shown(cal: BusinessCalendar, from: string, to: string): string[] {
  return cal.workingIntervals(at(from), at(to)).map(([s, e]) => `${cal.format(s)} - ${cal.format(e)}`);
}

describe('a working day in its own zone', () => {
  it('is 23 hours on the spring-forward day and 25 on the fall-back day (Berlin)', () => {
    const cal = calendar({ hours: everyDay(['00:00-24:00']) });
    expect(cal.businessMs(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(23 * H);
    expect(cal.businessMs(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(25 * H);
  });

  it('is 23 and 25 hours in New York on its own switch days', () => {
    const cal = calendar({ time_zone: 'America/New_York', hours: everyDay(['00:00-24:00']) });
    expect(cal.businessMs(at('2026-03-08T00:00:00-05:00'), at('2026-03-09T00:00:00-04:00'))).toBe(23 * H);
    expect(cal.businessMs(at('2026-11-01T00:00:00-04:00'), at('2026-11-02T00:00:00-05:00'))).toBe(25 * H);
  });

  it('drops an interval that falls wholly in the spring-forward gap', () => {
    const cal = calendar({ hours: { sun: ['02:15-02:45'] } });
    expect(shown(cal, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toEqual([]);
    // A normal Sunday has its half hour.
    expect(shown(cal, '2026-03-21T00:00:00Z', '2026-03-23T00:00:00Z')).toEqual(['2026-03-22T02:15:00+01:00 - 2026-03-22T02:45:00+01:00']);
  });

  it('counts an interval in the repeated hour twice on the fall-back day', () => {
    const cal = calendar({ hours: { sun: ['02:15-02:45'] } });
    expect(shown(cal, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toEqual([
      '2026-10-25T02:15:00+02:00 - 2026-10-25T02:45:00+02:00',
      '2026-10-25T02:15:00+01:00 - 2026-10-25T02:45:00+01:00',
    ]);
  });

  it('cuts an interval that crosses the gap to the hours that exist', () => {
    const cal = calendar({ hours: { sun: ['01:00-02:30'] } });
    // 01:00-02:00 CET happens, 02:00-02:30 does not: one hour, ending at the switch (03:00 CEST).
    expect(shown(cal, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toEqual(['2026-03-29T01:00:00+01:00 - 2026-03-29T03:00:00+02:00']);
    expect(cal.businessMs(at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(1 * H);
  });

  it('follows the calendar zone, not the offsets the instants were written in', () => {
    const tokyo = calendar({ time_zone: 'Asia/Tokyo', hours: { mon: ['09:00-18:00'] } });
    // Sunday 2026-03-01 at 23:30 UTC is Monday 08:30 in Tokyo: Monday's hours begin 30 minutes later.
    expect(tokyo.addBusinessMs(at('2026-03-01T23:30:00Z'), 1 * H)).toBe(at('2026-03-02T01:00:00Z'));
    expect(tokyo.format(at('2026-03-02T01:00:00Z'))).toBe('2026-03-02T10:00:00+09:00');
  });
});

describe('holidays and 24x7', () => {
  it('skips a holiday as a whole day in the calendar zone', () => {
    const cal = calendar({ hours: everyDay(['09:00-17:00']), holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] });
    expect(cal.businessMs(at('2026-12-24T00:00:00+01:00'), at('2026-12-27T00:00:00+01:00'))).toBe(16 * H);
  });

  it('treats 24x7 without holidays as wall-clock time, in any zone', () => {
    const cal = calendar({ time_zone: 'America/New_York', hours: '24x7' });
    expect(cal.alwaysOpen).toBe(true);
    expect(cal.businessMs(at('2026-03-07T00:00:00Z'), at('2026-03-10T00:00:00Z'))).toBe(72 * H);
    expect(cal.addBusinessMs(at('2026-03-07T00:00:00Z'), 5 * H)).toBe(at('2026-03-07T05:00:00Z'));
  });

  it('honours holidays on a 24x7 calendar', () => {
    const cal = calendar({ hours: '24x7', holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] });
    expect(cal.alwaysOpen).toBe(false);
    expect(cal.businessMs(at('2026-12-24T12:00:00+01:00'), at('2026-12-26T12:00:00+01:00'))).toBe(24 * H);
  });
});

describe('adding business time', () => {
  const office = calendar({ hours: { mon: ['09:00-12:00', '13:00-17:00'], fri: ['09:00-12:00', '13:00-17:00'] } });

  it('carries over lunch, the evening and the weekend', () => {
    // Fri 16:00 + 3h: 16:00-17:00 (1h), Mon 09:00-11:00 (2h) -> Mon 11:00.
    expect(office.format(office.addBusinessMs(at('2026-03-06T16:00:00+01:00'), 3 * H)!)).toBe('2026-03-09T11:00:00+01:00');
    // Mon 11:30 + 1h: 11:30-12:00, then 13:00-13:30.
    expect(office.format(office.addBusinessMs(at('2026-03-09T11:30:00+01:00'), 1 * H)!)).toBe('2026-03-09T13:30:00+01:00');
  });

  it('ends at the end of an interval rather than the start of the next', () => {
    expect(office.format(office.addBusinessMs(at('2026-03-09T09:00:00+01:00'), 3 * H)!)).toBe('2026-03-09T12:00:00+01:00');
  });

  it('gives up on a calendar that never opens', () => {
    const closed = calendar({ hours: {} });
    expect(closed.businessMs(at('2026-01-01T00:00:00Z'), at('2026-12-31T00:00:00Z'))).toBe(0);
    expect(closed.addBusinessMs(at('2026-01-01T00:00:00Z'), 1 * H)).toBeNull();
  });

  it('answers for instants far apart, before and after what it has seen', () => {
    const weekdays = calendar({ time_zone: 'UTC', hours: { mon: ['00:00-24:00'] } });
    expect(weekdays.businessMs(at('2026-06-01T00:00:00Z'), at('2026-06-02T00:00:00Z'))).toBe(24 * H);
    // Grows the index backwards by years, then forwards.
    expect(weekdays.businessMs(at('2020-01-06T00:00:00Z'), at('2020-01-13T00:00:00Z'))).toBe(24 * H);
    expect(weekdays.businessMs(at('2020-01-06T00:00:00Z'), at('2030-01-07T00:00:00Z'))).toBe(522 * 24 * H);
  });
});

describe('calendar definitions the schema cannot check', () => {
  it('refuses an unknown time zone with a message', () => {
    const result = compileCalendar({ id: 'mars', name: 'Mars', time_zone: 'Mars/Olympus_Mons', hours: '24x7' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('"Mars/Olympus_Mons" is not a time zone');
  });

  it('warns about backwards and overlapping intervals, and merges the overlap', () => {
    const result = compileCalendar({ id: 'x', name: 'X', time_zone: 'UTC', hours: { mon: ['12:00-09:00', '09:00-12:00', '11:00-13:00'] } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([
      'calendar x: mon interval "12:00-09:00" does not run forwards within a day (HH:MM-HH:MM, end after start, at most 24:00); ignored.',
      'calendar x: mon intervals overlap around 11:00; counted once.',
    ]);
    expect(result.calendar.businessMs(at('2026-03-02T00:00:00Z'), at('2026-03-03T00:00:00Z'))).toBe(4 * H);
  });
});

// ---- Properties: random calendars in zones with odd DST rules, random instants around the switches.

// Zones with odd rules: 30-minute DST (Lord_Howe), 45-minute offsets (Chatham), switches at midnight
// that repeat the previous day's last hour (Santiago, Beirut, Havana).
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'UTC',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Santiago',
  'Asia/Beirut',
  'America/Havana',
];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const clock = (quarter: number) =>
  quarter === 96 ? '24:00' : `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

const dayArb = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((qs) => {
  const sorted = [...qs].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push(`${clock(sorted[i]!)}-${clock(sorted[i + 1]!)}`);
  return out;
});

const calendarArb = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    days: fc.tuple(dayArb, dayArb, dayArb, dayArb, dayArb, dayArb, dayArb),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 20 }),
  })
  .map(({ zone, days, holidays }) => {
    const hours: Record<string, string[]> = {};
    WEEKDAYS.forEach((d, i) => (hours[d] = days[i]!));
    const def: Calendar = {
      id: 'random',
      name: 'Random',
      time_zone: zone,
      hours,
      holidays: holidays.map((n) => ({ date: new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10), name: 'Holiday' })),
    };
    return def;
  });

const YEAR_START = at('2026-01-01T00:00:00Z');
const YEAR_END = at('2027-01-01T00:00:00Z');
const instantArb = fc.integer({ min: YEAR_START, max: YEAR_END });
const compiled = (def: Calendar) => {
  const c = compileCalendar(def);
  if (!c.ok) throw new Error(c.message);
  return c.calendar;
};

describe('calendar properties', () => {
  it('business time is never negative and never exceeds wall time', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, (def, x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const ms = compiled(def).businessMs(a, b);
        return ms >= 0 && ms <= b - a;
      }),
      { numRuns: 150 },
    );
  });

  it('business time is additive over split intervals', () => {
    fc.assert(
      fc.property(calendarArb, fc.tuple(instantArb, instantArb, instantArb), (def, xs) => {
        const [a, b, c] = [...xs].sort((p, q) => p - q) as [number, number, number];
        const cal = compiled(def);
        expect(cal.businessMs(a, b) + cal.businessMs(b, c)).toBe(cal.businessMs(a, c));
      }),
      { numRuns: 150 },
    );
  });

  it('adding business time lands on the earliest instant with exactly that much elapsed', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 1, max: 200 * H }), (def, a, d) => {
        const cal = compiled(def);
        const t = cal.addBusinessMs(a, d);
        if (t === null) return cal.businessMs(a, a + 3660 * 86_400_000) < d;
        expect(cal.businessMs(a, t)).toBe(d);
        expect(cal.businessMs(a, t - 1)).toBeLessThan(d);
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with a minute-by-minute count of local wall-clock time, especially around DST switches', () => {
    const minute = 60_000;
    fc.assert(
      fc.property(
        calendarArb,
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: YEAR_START / minute, max: YEAR_END / minute }),
        fc.integer({ min: -2 * 24 * 60, max: 0 }),
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        (def, nearSwitch, pick, anyMinute, before, length) => {
          const switches = transitions(def.time_zone);
          const a = nearSwitch && switches.length ? switches[pick % switches.length]! + before * minute : anyMinute * minute;
          const b = a + length * minute;
          const holidays = new Set(def.holidays?.map((h) => h.date));
          let expected = 0;
          for (let t = a; t < b; t += minute) {
            const local = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(def.time_zone);
            if (holidays.has(local.toPlainDate().toString())) continue;
            const day = def.hours === '24x7' ? ['00:00-24:00'] : (def.hours[WEEKDAYS[local.dayOfWeek - 1]!] ?? []);
            const m = local.hour * 60 + local.minute;
            if (day.some((iv) => m >= toMinutes(iv.slice(0, 5)) && m < toMinutes(iv.slice(6)))) expected += minute;
          }
          expect(compiled(def).businessMs(a, b)).toBe(expected);
        },
      ),
      { numRuns: 80 },
    );
  });
});

/** The zone's offset changes during 2026 (epoch ms). */
function transitions(zone: string): number[] {
  const out: number[] = [];
  let z: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(YEAR_START).toZonedDateTimeISO(zone);
  while ((z = z.getTimeZoneTransition('next')) && z.epochMilliseconds < YEAR_END) out.push(z.epochMilliseconds);
  return out;
}

function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
