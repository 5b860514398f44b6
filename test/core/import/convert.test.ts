import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { detectDateFormat, keptValue, parseDateFormat, timeInFormat, vendorTime } from '../../../src/core/import/convert.ts';

describe('vendor local times', () => {
  it('agree with Temporal at every quarter hour of the days a zone changes its offset, read in any order', () => {
    const days: Array<[string, string]> = [
      ['Europe/Berlin', '2026-03-29'],
      ['Europe/Berlin', '2026-10-25'],
      ['America/New_York', '2026-03-08'],
      ['America/New_York', '2026-11-01'],
      ['Australia/Lord_Howe', '2026-04-05'],
      ['America/Santiago', '2026-09-06'],
    ];
    for (const [zone, date] of days) {
      const quarters = Array.from(
        { length: 96 },
        (_, i) => `${date} ${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}:00`,
      );
      // Backwards too: the first time read on a day decides what is cached for it.
      for (const local of [...quarters.filter((_, i) => i % 2), ...quarters.reverse()]) {
        const expected = Temporal.PlainDateTime.from(local.replace(' ', 'T'))
          .toZonedDateTime(zone, { disambiguation: 'compatible' })
          .toString({ timeZoneName: 'never', smallestUnit: 'second' });
        expect(vendorTime(local, zone), `${local} ${zone}`).toBe(expected);
      }
    }
  });

  it('agree with Temporal for any local time, DST changes included (the offset cache answers only whole hours)', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        (zone, d) => {
          const [y, mo, da, h, mi, s] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
          const p = (n: number) => String(n).padStart(2, '0');
          const expected = Temporal.PlainDateTime.from({ year: y, month: mo, day: da, hour: h, minute: mi, second: s })
            .toZonedDateTime(zone, { disambiguation: 'compatible' })
            .toString({ timeZoneName: 'never', smallestUnit: 'second' });
          expect(vendorTime(`${y}-${p(mo)}-${p(da)} ${p(h)}:${p(mi)}:${p(s)}`, zone)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads a --date-format layout, and refuses what does not fit it', () => {
    const f = parseDateFormat('DD-MM-YYYY HH:mm')!;
    expect(timeInFormat('29-02-2016 01:16', f, 'Europe/Berlin')).toBe('2016-02-29T01:16:00+01:00');
    expect(timeInFormat('29-2-2016 1:16:30', f, 'UTC')).toBe('2016-02-29T01:16:30+00:00');
    expect(timeInFormat('30-02-2016 01:16', f, 'UTC')).toBeUndefined();
    expect(timeInFormat('2016-02-29 01:16', f, 'UTC')).toBeUndefined();
    expect(timeInFormat('03/Mar/26 9:40 PM', parseDateFormat('DD/MMM/YY h:mm A')!, 'UTC')).toBe('2026-03-03T21:40:00+00:00');
    expect(parseDateFormat('HH:mm')).toBeUndefined();
  });

  it('detects day-first or month-first from the dates that settle it, and names the row when none does', () => {
    const at = (line: number, text: string) => ({ line, column: 'opened_at', text });
    expect(detectDateFormat([at(2, '03/04/2026 10:00'), at(3, '14/04/2026 10:00')], 'line')).toMatchObject({ ok: true, format: { text: 'DD/MM/YYYY HH:mm' } });
    expect(detectDateFormat([at(2, '03.04.2026'), at(3, '04.14.2026')], 'line')).toMatchObject({ ok: true, format: { text: 'MM.DD.YYYY' } });
    expect(detectDateFormat([at(2, '2026-04-03 10:00:00')], 'line')).toEqual({ ok: true });
    expect(detectDateFormat([at(2, '?'), at(5, '03-04-2026 10:00'), at(6, '05-04-2026 10:00')], 'line')).toEqual({
      ok: false,
      message:
        'line 5: the date 03-04-2026 10:00 (opened_at) could be day-first or month-first, and no date in the export settles it. Give --date-format "DD-MM-YYYY HH:mm" or --date-format "MM-DD-YYYY HH:mm".',
    });
  });
});

describe('kept values', () => {
  it.each([
    ['TRUE', true],
    ['false', false],
    ['3', 3],
    ['007', '007'],
    [' Phone ', 'Phone'],
    ['2 - Medium', '2 - Medium'],
  ])('%j -> %j', (text, value) => {
    expect(keptValue(text)).toBe(value);
  });
});
