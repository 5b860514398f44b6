import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseInstant } from '../../src/core/instant.ts';

const same = (s: string) => expect([s, parseInstant(s)]).toEqual([s, Date.parse(s)]);

describe('parseInstant: Date.parse, read digit by digit for the usual shapes', () => {
  it.each([
    '2026-03-04T09:15:00Z',
    '2026-03-04T09:15:00+01:00',
    '2026-03-04T09:15:00-05:30',
    '2026-03-04T09:15:00+23:59',
    '2026-03-04T09:15:00+24:00',
    '2026-03-04T09:15:00+00:60',
    '2026-03-04T09:15:00+0100',
    '2026-03-04T09:15:00.250Z',
    '2026-03-04t09:15:00z',
    '2026-03-04 09:15:00Z',
    '2026-03-04T09:15Z',
    '2026-03-04T24:00:00Z',
    '2016-12-31T23:59:60Z',
    '2024-02-29T12:00:00Z',
    '2026-02-29T12:00:00Z',
    '2026-04-31T12:00:00Z',
    '2026-13-01T12:00:00Z',
    '0099-01-01T00:00:00Z',
    '0100-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '9999-12-31T23:59:59-23:59',
    '2026-03-04T09:15:00X',
    '2026-03-04T09:15:00*01:00',
    '２０２6-03-04T09:15:00Z',
    '2026-03-04',
    '',
  ])('%s', same);

  it('agrees with Date.parse on random timestamps, in range or not', () => {
    // Each part from just below to just past its range, so most stamps are valid and every edge is hit.
    const part = (max: number) => fc.integer({ min: 0, max: max + 1 }).map((n) => String(n).padStart(2, '0'));
    const year = fc.oneof(fc.integer({ min: 1960, max: 2100 }), fc.integer({ min: 0, max: 9999 })).map((n) => String(n).padStart(4, '0'));
    const zone = fc.oneof(
      fc.constant('Z'),
      fc.constant('z'),
      fc.tuple(fc.constantFrom('+', '-', '+', '-', '*'), part(23), fc.constantFrom(':', ':', ''), part(59)).map((p) => p.join('')),
    );
    const stamp = fc
      .tuple(year, part(12), part(31), fc.constantFrom('T', 'T', 't', ' '), part(23), part(59), part(59), zone)
      .map(([y, mo, d, t, h, mi, s, z]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${z}`);
    fc.assert(
      fc.property(stamp, (s) => parseInstant(s) === Date.parse(s) || (Number.isNaN(parseInstant(s)) && Number.isNaN(Date.parse(s)))),
      {
        numRuns: 20000,
      },
    );
  });
});
