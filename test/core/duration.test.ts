/** SLA durations as policy authors write them. */
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/core/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['30m', 1800],
    ['4h', 14400],
    ['1h30m', 5400],
    ['90s', 90],
    ['2h0m30s', 7230],
    ['0m', 0],
    ['160h', 576000],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, seconds });
  });

  it('refuses days and says to write the hours instead', () => {
    expect(parseDuration('2d')).toEqual({
      ok: false,
      message: '"2d" is written in days, which SLA durations do not accept.',
      hint: 'A business day is ambiguous: write the hours, e.g. 16h of working time, or 48h on a 24x7 calendar.',
    });
  });

  it('refuses weeks the same way', () => {
    const result = parseDuration('1w');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.hint).toBe('A business week is ambiguous: write the hours, e.g. 40h of working time, or 168h on a 24x7 calendar.');
  });

  it.each(['', '4', 'h', '30m4h', '1.5h', '4 h', 'four hours', '-1h'])('refuses %j with an example of the right form', (text) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.hint).toBe('Write hours, minutes and seconds in that order, each at most once: 30m, 4h, 1h30m, 90s.');
  });
});

describe('formatDuration', () => {
  it('writes seconds the way policies do', () => {
    expect([5400, 1800, 14400, 0, 90, -1800].map(formatDuration)).toEqual(['1h30m', '30m', '4h', '0m', '1m30s', '-30m']);
  });
});
