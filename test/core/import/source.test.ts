import { describe, expect, it } from 'vitest';
import { sourceKey, sourceKeysOf } from '../../../src/core/import/source.ts';

describe('source keys', () => {
  it('a source field and the tag older imports wrote name the same item', () => {
    expect(sourceKeysOf({ source: { system: 'servicenow', id: 'INC0010001' } })).toEqual([sourceKey('servicenow', 'INC0010001')]);
    expect(sourceKeysOf({ tags: ['servicenow-inc0010001'] })).toEqual([sourceKey('servicenow', 'INC0010001')]);
    expect(sourceKeysOf({ tags: ['jira-itsm-101'] })).toEqual([sourceKey('jira', 'ITSM-101')]);
    expect(sourceKeysOf({ tags: ['github-issue-42'] })).toEqual([sourceKey('github-issue', '42')]);
  });

  it('ignores other tags and sources from systems it does not know', () => {
    expect(sourceKeysOf({ tags: ['vpn', 'network', 'jira'], source: { system: 'remedy', id: 'X1' } })).toEqual([]);
    expect(sourceKeysOf({ source: { system: 'jira', id: '' } })).toEqual([]);
    expect(sourceKeysOf(undefined)).toEqual([]);
  });
});
