/**
 * Sharded site builds: which record pages a shard renders. A record belongs to one shard, chosen by a
 * stable hash of its ID alone (32-bit FNV-1a with a final mix, modulo the shard count), so adding or removing a record
 * never moves another record's page to another shard, and every machine agrees without coordination.
 * Shard 1 also renders every shared page (dashboard, catalogs, queues, calendar, reports, feeds...).
 */

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** The most shards a build may be split into (a matrix of more jobs than that is a mistake). */
export const MAX_SHARDS = 256;

/**
 * 32-bit FNV-1a of the ID's UTF-16 code units, finished with murmur3's avalanche (FNV's low bits
 * depend only on the low bits of each character: modulo a power of two they would split IDs by
 * their digits' parity). Tiny, fast and the same on every platform.
 */
function hashId(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The shard (1-based) whose build renders the page of record `id`. */
export function shardOf(id: string, count: number): number {
  return (hashId(id) % count) + 1;
}

/** True when `shard` renders the page of record `id` (every record when there is no shard). */
export function inShard(id: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(id, shard.count) === shard.index;
}

/** True when `shard` renders the shared pages: an unsharded build, or shard 1. */
export function rendersShared(shard: Shard | undefined): boolean {
  return !shard || shard.index === 1;
}

/** Parses `i/n` (e.g. 2/4), or says what is wrong with it. */
export function parseShard(text: string): Shard | { error: string } {
  const m = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text);
  if (!m) return { error: `"${text}" is not of the form i/n, e.g. 2/4 (shard 2 of 4)` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) return { error: `"${text}": the number of shards must be between 1 and ${MAX_SHARDS}` };
  if (index < 1 || index > count) return { error: `"${text}": the shard must be between 1 and ${count}` };
  return { index, count };
}

/** What a shard's build records about itself, for the merge to check (written by src/io/site-shards.ts). */
export interface ShardManifest {
  shard: Shard;
  /** Record pages this shard rendered. */
  records: number;
  /** A digest of the settings, policies and records the shard was built from. */
  fingerprint: string;
  /** The instant the site shows data as of. */
  now: string;
  /** Whether its pages count down from the reader's clock (a build without --now). */
  live: boolean;
  /** The base path the site is served under. */
  base: string;
}

/**
 * Why the shards given (folder and manifest) do not make one site, or undefined when they do: every
 * shard of one split, each once, all built from the same workspace, as of the same instant, under the
 * same base path.
 */
export function shardSetProblem(shards: ReadonlyArray<{ dir: string; manifest: ShardManifest }>): string | undefined {
  const [first, ...rest] = shards;
  if (!first) return 'no shard folders given';
  const { count } = first.manifest.shard;
  const label = (s: { dir: string; manifest: ShardManifest }) => `${s.dir} (shard ${s.manifest.shard.index}/${s.manifest.shard.count})`;
  for (const other of rest) {
    const a = first.manifest;
    const b = other.manifest;
    if (b.shard.count !== count) return `${label(first)} and ${label(other)} split the site into different numbers of shards`;
    if (b.fingerprint !== a.fingerprint)
      return `${label(first)} and ${label(other)} were built from different workspaces or commits (fingerprints ${a.fingerprint} and ${b.fingerprint})`;
    if (b.now !== a.now)
      return `${label(first)} and ${label(other)} were built as of different instants (${a.now} and ${b.now}): pass the same --now (or --started) to every shard`;
    if (b.live !== a.live) {
      const [live, fixed] = a.live ? [first, other] : [other, first];
      return `${label(live)} counts down from the reader's clock and ${label(fixed)} does not: build every shard with --started, or every shard with --now`;
    }
    if (b.base !== a.base) return `${label(first)} and ${label(other)} were built under different base paths (${a.base} and ${b.base})`;
  }
  const seen = new Map<number, string>();
  for (const s of shards) {
    const before = seen.get(s.manifest.shard.index);
    if (before !== undefined) return `shard ${s.manifest.shard.index}/${count} is given twice: ${before} and ${s.dir}`;
    seen.set(s.manifest.shard.index, s.dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0)
    return `${missing.length === 1 ? 'shard' : 'shards'} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`;
  return undefined;
}

/** How the site workflow builds a workspace of `records` records: in one job, or in `count` shards. */
export function shardPlan(records: number, setting: { above: number; count: number } | undefined): { count: number; shards: number[] } {
  const count = setting && records > setting.above ? setting.count : 1;
  return { count, shards: Array.from({ length: count }, (_, i) => i + 1) };
}
