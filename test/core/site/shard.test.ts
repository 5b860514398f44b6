import { describe, expect, it } from 'vitest';
import { inShard, parseShard, rendersShared, shardOf, shardPlan, shardSetProblem, type ShardManifest } from '../../../src/core/site/shard.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `INC-${String(i + 1).padStart(6, '0')}`);

describe('which shard renders a record page', () => {
  it('is fixed by the ID: the same on every machine and in every release (a change would split one build across two layouts)', () => {
    expect(['INC-0001', 'INC-0002', 'CHG-0042', 'SVC-payments', 'TEAM-ops'].map((id) => shardOf(id, 4))).toEqual([1, 1, 3, 2, 2]);
  });

  it('keeps every record in its shard when records are added', () => {
    const before = new Map(ids(1000).map((id) => [id, shardOf(id, 3)]));
    const after = new Map(ids(1500).map((id) => [id, shardOf(id, 3)]));
    for (const [id, shard] of before) expect(after.get(id)).toBe(shard);
  });

  it('gives each of n shards about 1/n of the records, for sequential IDs too', () => {
    for (const n of [2, 3, 4, 8]) {
      const counts = new Array<number>(n).fill(0);
      for (const id of ids(4000)) counts[shardOf(id, n) - 1]!++;
      for (const c of counts) expect(Math.abs(c - 4000 / n)).toBeLessThan((4000 / n) * 0.15);
    }
  });

  it('puts every record in exactly one shard, and the shared pages in shard 1 only', () => {
    for (const id of ids(200)) expect([1, 2, 3].filter((index) => inShard(id, { index, count: 3 }))).toHaveLength(1);
    expect(inShard('INC-000001', undefined)).toBe(true);
    expect([rendersShared(undefined), rendersShared({ index: 1, count: 3 }), rendersShared({ index: 2, count: 3 })]).toEqual([true, true, false]);
  });
});

describe('--shard i/n', () => {
  it('reads i/n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });

  it.each([
    ['2', 'is not of the form i/n'],
    ['a/b', 'is not of the form i/n'],
    ['-1/2', 'is not of the form i/n'],
    ['0/3', 'the shard must be between 1 and 3'],
    ['4/3', 'the shard must be between 1 and 3'],
    ['1/0', 'the number of shards must be between 1 and 256'],
    ['1/999', 'the number of shards must be between 1 and 256'],
  ])('refuses %s: %s', (text, message) => {
    const got = parseShard(text);
    expect('error' in got && got.error).toContain(message);
  });
});

describe('the shards given to a merge', () => {
  const manifest = (index: number, over: Partial<ShardManifest> = {}): { dir: string; manifest: ShardManifest } => ({
    dir: `s${index}`,
    manifest: { shard: { index, count: 3 }, records: 10, fingerprint: 'f1', now: '2026-11-20T10:00:00Z', live: false, base: '/', ...over },
  });

  it('make one site when they are shards 1..n of one build', () => {
    expect(shardSetProblem([manifest(3), manifest(1), manifest(2)])).toBeUndefined();
  });

  it.each([
    ['none', [], 'no shard folders given'],
    ['a missing shard', [manifest(1), manifest(3)], 'shard 2/3 is missing'],
    ['two missing', [manifest(2)], 'shards 1/3, 3/3 are missing'],
    ['a repeated shard', [manifest(1), manifest(2), manifest(2)], 'shard 2/3 is given twice: s2 and s2'],
    ['another split', [manifest(1), manifest(2), manifest(3, { shard: { index: 3, count: 4 } })], 'split the site into different numbers of shards'],
    ['another workspace or commit', [manifest(1), manifest(2, { fingerprint: 'f2' }), manifest(3)], 'were built from different workspaces or commits'],
    ['another --now', [manifest(1), manifest(2), manifest(3, { now: '2026-11-21T10:00:00Z' })], 'were built as of different instants'],
    ['another base path', [manifest(1, { base: '/itsm/' }), manifest(2), manifest(3)], 'were built under different base paths'],
    [
      'one live, one as of --now',
      [manifest(1), manifest(2, { live: true }), manifest(3)],
      "s2 (shard 2/3) counts down from the reader's clock and s1 (shard 1/3) does not",
    ],
  ])('do not, given %s', (_, shards, message) => {
    expect(shardSetProblem(shards)).toContain(message);
  });
});

describe('the site workflow plan', () => {
  it('is one job without site_shards or up to its size, site_shards.count shards above it', () => {
    expect(shardPlan(50_000, undefined)).toEqual({ count: 1, shards: [1] });
    expect(shardPlan(20_000, { above: 20_000, count: 4 })).toEqual({ count: 1, shards: [1] });
    expect(shardPlan(20_001, { above: 20_000, count: 4 })).toEqual({ count: 4, shards: [1, 2, 3, 4] });
  });
});
