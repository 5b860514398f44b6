/**
 * `itsm build --merge` on small hand-made shard folders: what two shards both wrote must be the same
 * bytes, and the merged site is written only when the shards fit (the real shards of a real build are
 * compared with the whole build in test/site/sharded-site.test.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShardManifest } from '../../src/core/site/shard.ts';
import { writeShardManifest } from '../../src/io/site-shards.ts';
import { runMain, writeFiles } from '../helpers/workspace.ts';

let tmp = '';
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const page = (title: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1></main></body></html>`;

/** A shard folder holding `files` and the manifest of shard `index` of 2. */
function shard(index: number, files: Record<string, string>, over: Partial<ShardManifest> = {}): string {
  const dir = join(tmp, `shard-${index}`);
  writeFiles(dir, files);
  writeShardManifest(dir, { shard: { index, count: 2 }, records: 1, fingerprint: 'abc', now: '2026-11-20T10:00:00Z', live: false, base: '/', ...over });
  return dir;
}

describe('itsm build --merge', () => {
  it('joins the shards, keeping one copy of what both wrote, and indexes the result for search', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'itsm-merge-'));
    const a = shard(1, { 'index.html': page('Home'), 'favicon.svg': '<svg/>', 'incidents/INC-1/index.html': page('INC-1 Disk full') });
    const b = shard(2, { 'favicon.svg': '<svg/>', 'incidents/INC-2/index.html': page('INC-2 DNS down') });
    const out = join(tmp, 'site');
    const r = await runMain(['build', '--merge', a, b, '--out', out], { cwd: tmp });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Merged 2 shards: 3 pages from 2 records into /);
    expect(readFileSync(join(out, 'incidents/INC-2/index.html'), 'utf8')).toContain('DNS down');
    expect(existsSync(join(out, 'pagefind/pagefind.js'))).toBe(true);
    expect(existsSync(join(out, '.itsm-shard.json'))).toBe(false);
    // The merged site is one `itsm build` may replace; a shard folder is not an output of the merge.
    expect(existsSync(join(out, '.itsm-site'))).toBe(true);
    const again = await runMain(['build', '--merge', a, b, '--out', a], { cwd: tmp });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('overlaps the shard folder');
  }, 60_000);

  it('refuses two shards that wrote one file differently, naming the file and both shards', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'itsm-merge-'));
    const a = shard(1, { 'index.html': page('Home'), 'incidents/INC-1/index.html': page('INC-1 Disk full') });
    const b = shard(2, { 'incidents/INC-1/index.html': page('INC-1 Disk empty') });
    const out = join(tmp, 'site');
    const r = await runMain(['build', '--merge', a, b, '--out', out], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot merge: incidents/INC-1/index.html differs between the shards ${a} and ${b}`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses shards of two workspaces or commits', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'itsm-merge-'));
    const a = shard(1, { 'index.html': page('Home') });
    const b = shard(2, { 'incidents/INC-2/index.html': page('INC-2') }, { fingerprint: 'def' });
    const r = await runMain(['build', '--merge', a, b, '--out', join(tmp, 'site')], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('were built from different workspaces or commits (fingerprints abc and def)');
  });
});
