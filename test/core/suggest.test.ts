import { describe, expect, it } from 'vitest';
import { similarIds, unknownIds } from '../../src/core/suggest.ts';

describe('did you mean', () => {
  it('suggests the IDs closest to a mistyped one, at most three', () => {
    expect(similarIds('SVC-paymnts', ['SVC-payments', 'SVC-shop', 'CI-db'])).toEqual(['SVC-payments']);
    expect(similarIds('CI-web', ['SVC-shop', 'CI-webserver'])).toEqual(['CI-webserver']);
    expect(similarIds('SVC-zzz', ['SVC-shop'])).toEqual([]);
  });

  it('names only the IDs that are not known', () => {
    expect(unknownIds(['SVC-shop', 'SVC-shpo'], ['SVC-shop'])).toEqual([{ id: 'SVC-shpo', near: ['SVC-shop'] }]);
  });
});
