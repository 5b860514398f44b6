import { describe, expect, it } from 'vitest';
import { isKnownTimeZone } from '../../src/core/time-zone.ts';

describe('isKnownTimeZone: the one check for a zone', () => {
  it('knows IANA names in any case, aliases and UTC offsets', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'europe/berlin', 'Asia/Calcutta', 'Etc/GMT+1', '+01:00', '-05:30'])
      expect(isKnownTimeZone(zone), zone).toBe(true);
  });

  it('rejects unknown names, padded names, timestamps and non-strings', () => {
    for (const zone of ['Mars/Base', 'GMT+1', '', ' UTC', '+24:00', '2026-01-01T00:00Z', 'Europe/Berlin[u-ca=iso8601]', 1, null, undefined])
      expect(isKnownTimeZone(zone), String(zone)).toBe(false);
  });
});
