import { describe, expect, it } from 'vitest';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { rfc3339Date, rfc3339DateTime } from '../../../src/core/validate/rfc3339.js';
import * as generated from '../../../src/core/generated/validators.js';

// ajv-formats' own checks: ours must accept and refuse exactly the same strings.
const ajvDateTime = (s: string) => (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate(s);
const ajvDate = (s: string) => (fullFormats.date as { validate: (s: string) => boolean }).validate(s);

const TRICKY_DATE_TIMES = [
  '2026-03-04T09:15:00+01:00',
  '2026-03-04T09:15:00Z',
  '2026-03-04t09:15:00z',
  '2026-03-04 09:15:00Z',
  '2026-03-04\t09:15:00Z',
  '2026-03-04\u00a009:15:00Z',
  '2026-03-04\u300009:15:00Z',
  '2026-03-04\n09:15:00Z',
  '2026-03-04  09:15:00Z',
  '2026-03-04T09:15Z',
  '2026-03-04T09:15:00',
  '2026-03-04T09:15:00.5Z',
  '2026-03-04T09:15:00.123456789+05:30',
  '2026-03-04T09:15:00.Z',
  '2026-03-04T09:15:00,5Z',
  '2026-03-04T09:15:00+01',
  '2026-03-04T09:15:00+0100',
  '2026-03-04T09:15:00+01:0',
  '2026-03-04T09:15:00+01:',
  '2026-03-04T09:15:00+010',
  '2026-03-04T09:15:00+01000',
  '2026-03-04T09:15:00+24:00',
  '2026-03-04T09:15:00+23:59',
  '2026-03-04T09:15:00-23:60',
  '2026-03-04T09:15:00 +01:00',
  '2026-03-04T09:15:00Z ',
  ' 2026-03-04T09:15:00Z',
  '2026-03-04T24:00:00Z',
  '2026-03-04T23:60:00Z',
  '2026-03-04T9:15:00Z',
  '2026-3-04T09:15:00Z',
  '26-03-04T09:15:00Z',
  '20260-03-04T09:15:00Z',
  '2026-03-04TT09:15:00Z',
  '2026-03-04T09:15:00ZZ',
  '2026-03-04T09:15:00zt',
  // Leap seconds: 23:59:60 in UTC only, whatever the offset says.
  '2016-12-31T23:59:60Z',
  '2016-12-31T23:59:60.999Z',
  '2016-12-31T23:59:61Z',
  '2016-12-31T22:59:60Z',
  '2016-12-31T15:59:60-08:00',
  '2017-01-01T00:59:60+01:00',
  '2017-01-01T00:59:60+0100',
  '2016-12-31T23:59:60+01:00',
  '2017-01-01T05:29:60+05:30',
  '2017-01-01T00:00:60+00:01',
  '2016-12-31T24:59:60+01:00',
  '2016-12-31T00:59:60-23:00',
  // Days that exist and days that do not.
  '2024-02-29T12:00:00Z',
  '2026-02-29T12:00:00Z',
  '2000-02-29T12:00:00Z',
  '1900-02-29T12:00:00Z',
  '2026-02-28T12:00:00Z',
  '2026-04-31T12:00:00Z',
  '2026-12-31T12:00:00Z',
  '2026-13-01T12:00:00Z',
  '2026-00-10T12:00:00Z',
  '2026-01-00T12:00:00Z',
  '2026-01-32T12:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999999Z',
  // Not ASCII digits, not a date at all.
  '２０２６-03-04T09:15:00Z',
  '2026-03-04T09:15:0٠Z',
  '',
  'T',
  '2026-03-04',
  '2026-03-04T',
  'tomorrow',
];

const TRICKY_DATES = [
  '2026-03-04',
  '2024-02-29',
  '2026-02-29',
  '1900-02-29',
  '2000-02-29',
  '2026-04-31',
  '2026-13-01',
  '2026-00-01',
  '2026-01-00',
  '2026-1-01',
  '2026-01-01 ',
  '2026-01-01\n',
  '2026-01-01T00:00:00Z',
  '20260101',
  '',
];

/** Strings near the valid ones: characters replaced, inserted or dropped at random (seeded). */
function mutations(seeds: readonly string[], count: number): string[] {
  let state = 17;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const alphabet = '0123456789:-+.TtZz \t\u00a0,x6059312';
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = seeds[random(seeds.length)]!;
    for (let edits = 1 + random(2); edits > 0; edits--) {
      const at = random(s.length + 1);
      const c = alphabet[random(alphabet.length)]!;
      const op = random(3);
      s = op === 0 ? s.slice(0, at) + c + s.slice(at + 1) : op === 1 ? s.slice(0, at) + c + s.slice(at) : s.slice(0, at) + s.slice(at + 1);
    }
    out.push(s);
  }
  return out;
}

describe('date-time and date formats, checked without regular expressions', () => {
  it.each(TRICKY_DATE_TIMES.map((s) => [JSON.stringify(s), s, ajvDateTime(s)] as const))('date-time %s: as ajv-formats says', (_, s, expected) => {
    expect(rfc3339DateTime(s)).toBe(expected);
  });

  it.each(TRICKY_DATES.map((s) => [JSON.stringify(s), s, ajvDate(s)] as const))('date %s: as ajv-formats says', (_, s, expected) => {
    expect(rfc3339Date(s)).toBe(expected);
  });

  it('the table holds both verdicts for the cases that matter', () => {
    // Guards the table itself: were ajv-formats to change, these would show it.
    expect(
      ['2016-12-31T23:59:60Z', '2017-01-01T00:59:60+01:00', '2024-02-29T12:00:00Z', '2026-03-04t09:15:00z', '2026-03-04T09:15:00+0100'].map(ajvDateTime),
    ).toEqual([true, true, true, true, true]);
    expect(['2016-12-31T22:59:60Z', '2026-02-29T12:00:00Z', '2026-03-04T09:15', '2026-03-04T09:15:00', '2026-03-04T09:15:00+01:0'].map(ajvDateTime)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('agrees with ajv-formats on 20,000 strings a few edits away from valid ones', () => {
    const valid = TRICKY_DATE_TIMES.filter(ajvDateTime);
    const differ = mutations(valid, 20000).filter((s) => rfc3339DateTime(s) !== ajvDateTime(s));
    expect(differ).toEqual([]);
    const dates = TRICKY_DATES.filter(ajvDate);
    expect(mutations(dates, 5000).filter((s) => rfc3339Date(s) !== ajvDate(s))).toEqual([]);
  });

  it('the precompiled validators use them: a record with Feb 29 of a common year is refused, a leap second accepted', () => {
    const incident = (reported_at: string) => ({
      id: 'INC-0001',
      title: 'Checkout is slow',
      status: 'new',
      service: 'SVC-shop',
      impact: 'low',
      urgency: 'low',
      priority: 'P5',
      reported_at,
    });
    expect(generated.incident(incident('2024-02-29T12:00:00Z'))).toBe(true);
    expect(generated.incident(incident('2026-02-29T12:00:00Z'))).toBe(false);
    expect(generated.incident.errors?.map((e) => e.keyword)).toContain('format');
  });
});
