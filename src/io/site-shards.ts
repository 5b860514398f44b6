/**
 * The manifest a sharded build writes next to its pages (`.itsm-shard.json`): which shard of how many,
 * how many record pages, and what it was built from (the workspace's fingerprint, `now`, the base
 * path), so that `itsm build --merge` can refuse shards that do not belong together.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShardManifest } from '../core/site/shard.ts';

export const SHARD_MANIFEST = '.itsm-shard.json';

export function writeShardManifest(dir: string, manifest: ShardManifest): void {
  writeFileSync(join(dir, SHARD_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
}

/** The manifest of a shard folder, or why there is none that can be used. */
export function readShardManifest(dir: string): ShardManifest | { error: string } {
  let text: string;
  try {
    text = readFileSync(join(dir, SHARD_MANIFEST), 'utf8');
  } catch {
    return { error: `${dir} is not a shard built by \`itsm build --shard i/n\` (it has no ${SHARD_MANIFEST})` };
  }
  try {
    const m = JSON.parse(text) as Partial<ShardManifest>;
    const shard = m.shard;
    if (
      shard &&
      Number.isInteger(shard.index) &&
      Number.isInteger(shard.count) &&
      shard.index >= 1 &&
      shard.index <= shard.count &&
      typeof m.records === 'number' &&
      typeof m.fingerprint === 'string' &&
      typeof m.now === 'string' &&
      typeof m.live === 'boolean' &&
      typeof m.base === 'string'
    ) {
      return { shard: { index: shard.index, count: shard.count }, records: m.records, fingerprint: m.fingerprint, now: m.now, live: m.live, base: m.base };
    }
  } catch {
    // reported below
  }
  return { error: `${join(dir, SHARD_MANIFEST)} is not a shard manifest that itsm wrote` };
}
