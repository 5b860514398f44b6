/**
 * `itsm build --merge`: joins the folders of a sharded build (`itsm build --shard i/n`) into one site
 * and indexes it for search in one Pagefind pass. Refuses shards that do not make one site (see
 * shardSetProblem) and two shards writing the same file with different bytes (their assets, public
 * files and a shared page are the same file in every shard; anything else differing is a bug).
 */
import { constants, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isWithin } from '../core/safe-path.ts';
import { shardSetProblem, type ShardManifest } from '../core/site/shard.ts';
import { countPages, moveDir, runPagefind, SiteBuildError, temporaryBuildFolder } from './site-build.ts';
import { outputProblem, SITE_MARKER, SITE_MARKER_TEXT } from './site-output.ts';
import { readShardManifest, SHARD_MANIFEST } from './site-shards.ts';

export interface MergeSitesOptions {
  /** The shard folders, in any order. */
  dirs: readonly string[];
  /** Where the merged site is written (replaced when the merge succeeds). */
  out: string;
  /** The workspace the command runs in: the output must not replace it (see outputProblem). */
  root: string;
  onLog?: (line: string) => void;
}

export interface MergeSitesResult {
  pages: number;
  /** Record pages across the shards. */
  records: number;
  shards: number;
  timings: { copy: number; pagefind: number };
}

/** Joins the shards into `out` and indexes the result; throws SiteBuildError on shards that do not fit. */
export async function mergeSites(opts: MergeSitesOptions): Promise<MergeSitesResult> {
  const log = opts.onLog ?? (() => {});
  const out = resolve(opts.out);
  const dirs = opts.dirs.map((d) => resolve(d));
  const shards: Array<{ dir: string; manifest: ShardManifest }> = [];
  for (const dir of dirs) {
    const manifest = readShardManifest(dir);
    if ('error' in manifest) throw new SiteBuildError(manifest.error);
    shards.push({ dir, manifest });
  }
  const problem = shardSetProblem(shards);
  if (problem) throw new SiteBuildError(`cannot merge: ${problem}.`);
  for (const dir of dirs) {
    if (isWithin(dir, out, sep) || isWithin(out, dir, sep))
      throw new SiteBuildError(`the output folder ${out} overlaps the shard folder ${dir}: write the merged site elsewhere.`);
  }
  const outProblem = outputProblem(out, resolve(opts.root));
  if (outProblem) throw new SiteBuildError(outProblem);

  mkdirSync(dirname(out), { recursive: true });
  const { work, detach } = temporaryBuildFolder(out, log);
  try {
    const site = join(work, 'site');
    const t0 = Date.now();
    const owner = new Map<string, string>();
    for (const { dir } of shards.sort((a, b) => a.manifest.shard.index - b.manifest.shard.index)) copyShard(dir, site, owner);
    writeFileSync(join(site, SITE_MARKER), SITE_MARKER_TEXT);
    const copy = Date.now() - t0;
    log(`merged ${shards.length} shards in ${copy} ms`);
    const t1 = Date.now();
    await runPagefind(site, log);
    const pagefind = Date.now() - t1;
    log(`pagefind: indexed in ${pagefind} ms`);
    moveDir(site, out);
    return { pages: countPages(out), records: shards.reduce((n, s) => n + s.manifest.records, 0), shards: shards.length, timings: { copy, pagefind } };
  } finally {
    detach();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Copies a shard's files into `site`. A file another shard wrote already must have the same bytes;
 * `owner` remembers which shard wrote each file, for the message.
 */
function copyShard(dir: string, site: string, owner: Map<string, string>): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const from = join(entry.parentPath, entry.name);
    const path = relative(dir, from);
    if (path === SHARD_MANIFEST || path === SITE_MARKER) continue;
    const to = join(site, path);
    if (entry.isDirectory()) {
      mkdirSync(to, { recursive: true });
      continue;
    }
    if (!entry.isFile()) throw new SiteBuildError(`${from} is neither a file nor a folder: a shard holds only what \`itsm build\` wrote.`);
    mkdirSync(dirname(to), { recursive: true });
    try {
      copyFileSync(from, to, constants.COPYFILE_EXCL);
      owner.set(path, dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!sameBytes(from, to))
        throw new SiteBuildError(
          `cannot merge: ${path} differs between the shards ${owner.get(path)} and ${dir} (shards of one build write the same bytes to a file they share).`,
        );
    }
  }
}

function sameBytes(a: string, b: string): boolean {
  if (statSync(a).size !== statSync(b).size) return false;
  return readFileSync(a).equals(readFileSync(b));
}
