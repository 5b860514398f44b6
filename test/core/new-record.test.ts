import { describe, expect, it } from 'vitest';
import { nextNumberedId, readField, slugId, withSharedTypes, zonedTimestamp } from '../../src/core/new-record.ts';

describe('the next free ID', () => {
  it.each([
    [[], 'INC-0001'],
    [['INC-0001', 'INC-0041', 'INC-0007'], 'INC-0042'],
    [['INC-9999'], 'INC-10000'],
    [['INC-000142', 'INC-000007'], 'INC-000143'],
    [['INC-0141', 'INC-000142'], 'INC-000143'],
    [['CHG-0900', 'INC-0003'], 'INC-0004'],
  ])('after %j is %s', (ids, next) => {
    expect(nextNumberedId('incident', ids)).toBe(next);
  });
});

describe('slug IDs', () => {
  it.each([
    ['Payments API (EU)', 'SVC-payments-api-eu'],
    ['Café & Bäckerei', 'SVC-cafe-backerei'],
    ['  --  ', undefined],
  ])('%j -> %s', (title, id) => {
    expect(slugId('service', title)).toBe(id);
  });
});

describe('timestamps in the workspace zone', () => {
  it('carry the offset of the day, across a DST change', () => {
    expect(zonedTimestamp('2026-03-29T00:30:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:30:00+01:00');
    expect(zonedTimestamp('2026-03-29T01:30:00Z', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
    expect(zonedTimestamp('2026-03-04T08:15:00.123Z', 'UTC')).toBe('2026-03-04T08:15:00+00:00');
  });
});

describe('field=value', () => {
  const schema = {
    properties: { cis: { type: 'array', items: { type: 'string' } }, tier: { type: 'integer' }, major: { type: 'boolean' }, title: { type: 'string' } },
  };
  const flow = () => {
    throw new Error('not used');
  };
  it('reads values by the field type', () => {
    expect(readField(schema, 'cis', 'CI-a, CI-b', flow)).toEqual({ ok: true, value: ['CI-a', 'CI-b'] });
    expect(readField(schema, 'cis', '[CI-a,CI-b]', flow)).toEqual({ ok: true, value: ['CI-a', 'CI-b'] });
    expect(readField(schema, 'tier', '2', flow)).toEqual({ ok: true, value: 2 });
    expect(readField(schema, 'title', 'a: b = c', flow)).toEqual({ ok: true, value: 'a: b = c' });
    expect(readField(schema, 'tier', 'two', flow)).toEqual({ ok: false, message: 'tier must be a number; got "two".' });
  });

  it('takes the type of a field that refers to a shared definition from that definition', () => {
    const kind = { properties: { tags: { $ref: 'common.schema.json#/$defs/tags' }, title: { type: 'string', $ref: 'common.schema.json#/$defs/line' } } };
    const common = { $defs: { tags: { type: 'array', items: { type: 'string' } }, line: { type: 'string' } } };
    expect(readField(kind, 'tags', 'db,slow', flow)).toEqual({ ok: true, value: 'db,slow' });
    const typed = withSharedTypes(kind, common);
    expect(readField(typed, 'tags', 'db, slow', flow)).toEqual({ ok: true, value: ['db', 'slow'] });
    expect(readField(typed, 'tags', 'db', flow)).toEqual({ ok: true, value: ['db'] });
    expect(typed.properties!.title).toEqual(kind.properties.title);
  });
});
