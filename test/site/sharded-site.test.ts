/**
 * A 2,000-record workspace built whole and in 3 shards merged back (`itsm build --shard i/3`, then
 * `--merge`): the same files, the same bytes in every page and API twin, and the same search results
 * in a browser. Each site is built once for the file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticWorkspace } from '../../scripts/bench/synthetic.ts';
import { serveSite, type Served } from '../../src/io/serve.ts';
import { runMain } from '../helpers/workspace.ts';
import { launch, type Watched } from './browser.ts';

const NOW = '2026-11-20T10:00:00Z';
let tmp: string;
let ws: string;
let whole: string;
let merged: string;
const shardDirs: string[] = [];
const shardOutput: string[] = [];

/** Every file of a built site, by its path, the search index aside (compared by searching). */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .filter((p) => !p.startsWith('pagefind/'))
    .sort();
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'itsm-sharded-'));
  ws = join(tmp, 'ws');
  // 1,819 incidents, 160 CIs, 20 services and a team, committed: record pages show their history.
  writeSyntheticWorkspace(ws, { incidents: 2000 - 160 - 21, cis: 160, services: 20 });
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: ws,
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'A',
        GIT_AUTHOR_EMAIL: 'a@example.com',
        GIT_COMMITTER_NAME: 'A',
        GIT_COMMITTER_EMAIL: 'a@example.com',
        GIT_AUTHOR_DATE: '2026-11-01T09:00:00Z',
        GIT_COMMITTER_DATE: '2026-11-01T09:00:00Z',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'The records');
  whole = join(tmp, 'whole');
  merged = join(tmp, 'merged');
  const built = await runMain(['build', '--root', ws, '--out', whole, '--now', NOW], { cwd: ws });
  expect(built.code, built.stderr).toBe(0);
  for (const i of [1, 2, 3]) {
    const dir = join(tmp, `shard-${i}`);
    shardDirs.push(dir);
    const r = await runMain(['build', '--root', ws, '--shard', `${i}/3`, '--out', dir, '--now', NOW], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    shardOutput.push(r.stdout);
  }
  // In another order than built: the merge orders them itself.
  const m = await runMain(['build', '--merge', shardDirs[2]!, shardDirs[0]!, shardDirs[1]!, '--out', merged], { cwd: ws });
  expect(m.code, m.stderr).toBe(0);
  expect(m.stdout).toMatch(/^Merged 3 shards: 2\d{3} pages from 2000 records into /);
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a site built in 3 shards and merged', () => {
  it('each shard renders about a third of the record pages, and only shard 1 the shared pages', () => {
    const counts = shardOutput.map((out) => Number(/\((\d+) of 2000 records/.exec(out)?.[1]));
    expect(counts.reduce((a, b) => a + b)).toBe(2000);
    for (const c of counts) expect(Math.abs(c - 2000 / 3)).toBeLessThan(100);
    const shared = [
      'index.html',
      '404.html',
      'incidents/index.html',
      'incidents/all/index.html',
      'incidents/all/2/index.html',
      'queues/index.html',
      'calendar/index.html',
      'reports/index.html',
      'status/index.html',
      'search/index.html',
      'feeds/incidents.xml',
      'api/incidents.json',
      'schemas/incident.schema.json',
    ];
    const [one, ...others] = shardDirs.map((d) => new Set(files(d)));
    for (const path of shared) expect(one!.has(path), path).toBe(true);
    for (const set of others) for (const path of shared) expect(set.has(path), path).toBe(false);
    // No shard indexes for search: the merge does, once.
    for (const dir of shardDirs) expect(readdirSync(dir)).not.toContain('pagefind');
  });

  it('has exactly the files of the site built whole, with the same bytes in every page and JSON twin', () => {
    const mine = files(merged);
    expect(mine).toEqual(files(whole));
    expect(mine.length).toBeGreaterThan(4000);
    const differing = mine.filter((p) => !readFileSync(join(merged, p)).equals(readFileSync(join(whole, p))));
    expect(differing).toEqual([]);
    // The pages show what a whole build shows of other records: history, related records, graphs.
    const incident = readFileSync(join(merged, 'incidents/INC-000001/index.html'), 'utf8');
    expect(incident).toContain('The records');
    expect(incident).toMatch(/href="\/services\/SVC-s\d+\/"/);
    expect(readFileSync(join(merged, 'cis/CI-c1/index.html'), 'utf8')).toContain('<svg');
    // The incident list (1,819 records, written record by record) is the JSON of JSON.stringify(doc, null, 2).
    const list = readFileSync(join(merged, 'api/incidents.json'), 'utf8');
    const doc = JSON.parse(list) as { count: number; records: unknown[] };
    expect(doc.records).toHaveLength(doc.count);
    expect(list).toBe(JSON.stringify(doc, null, 2) + '\n');
  });

  describe('in a browser', () => {
    let b: Watched;
    const served: Served[] = [];
    beforeAll(async () => {
      served.push(await serveSite({ dir: whole }), await serveSite({ dir: merged }));
      b = await launch();
    }, 60_000);
    afterAll(async () => {
      await b?.close();
      for (const s of served) await s.close();
    });

    /** What the search page lists for `query`: the status line and the IDs, in order. */
    async function search(site: Served, query: string): Promise<{ status: string; ids: string[] }> {
      const page = await b.newPage();
      try {
        await page.goto(`${site.url}search/?q=${encodeURIComponent(query)}`);
        await page.waitForFunction(() => /found|No records match/.test(document.getElementById('search-status')?.textContent ?? ''));
        return {
          status: (await page.locator('#search-status').textContent()) ?? '',
          ids: await page.locator('#search-results li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id ?? '')),
        };
      } finally {
        await page.close();
      }
    }

    it('pages the catalog of 1,819 incidents: the open ones first, then 1,000 records a page, without JavaScript', async () => {
      const context = await b.browser.newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        const rows = () => page.locator('table[data-catalog] tbody tr').evaluateAll((trs) => trs.map((r) => (r as HTMLElement).dataset.id ?? ''));
        await page.goto(`${served[1]!.url}incidents/`);
        const pager = page.locator('nav.catalog-pager');
        // The index lists the open incidents only: the synthetic ones are all resolved.
        expect(await pager.textContent()).toMatch(/open \(0\)\s+·\s+all \(1819\) in 2 pages:/);
        expect(await rows()).toEqual([]);
        expect(await page.locator('main').textContent()).toContain('No open incidents.');
        expect(await page.locator('a[aria-current=page]', { hasText: 'open' }).count()).toBe(1);
        await pager.getByRole('link', { name: '2', exact: true }).click();
        await page.waitForURL(`${served[1]!.url}incidents/all/2/`);
        expect(await page.locator('h1').textContent()).toBe('All incidents: page 2 of 2');
        const second = await rows();
        expect(second).toHaveLength(819);
        expect(second.at(-1)).toBe('INC-000001');
        await pager.getByRole('link', { name: 'previous' }).click();
        await page.waitForURL(`${served[1]!.url}incidents/all/`);
        const all = await rows();
        expect(all).toHaveLength(1000);
        expect(all[0]).toBe('INC-001819');
        expect(new Set([...all, ...second]).size).toBe(1819);
      } finally {
        await context.close();
      }
    });

    it.each(['INC-000042', 'checkout latency', 'vendor', 'Service 7', 'nosuchword'])(
      'searching "%s" finds the same records as on the site built whole',
      async (query) => {
        const [expected, got] = [await search(served[0]!, query), await search(served[1]!, query)];
        expect(got).toEqual(expected);
        if (query !== 'nosuchword') expect(got.ids.length).toBeGreaterThan(0);
        expect(b.errors).toEqual([]);
        expect(b.failed).toEqual([]);
      },
    );
  });
});

describe('itsm build --shard and --merge: mistakes', () => {
  it('says what is wrong with --shard', async () => {
    for (const [arg, message] of [
      ['3', '--shard "3" is not of the form i/n'],
      ['4/3', '--shard "4/3": the shard must be between 1 and 3'],
    ] as const) {
      const r = await runMain(['build', '--root', ws, '--shard', arg], { cwd: ws });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it('needs the shard folders after --merge, and nothing that belongs to a build', async () => {
    const none = await runMain(['build', '--merge', '--out', join(tmp, 'x')], { cwd: ws });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--merge needs the shard folders');
    const now = await runMain(['build', '--merge', ...shardDirs, '--now', NOW], { cwd: ws });
    expect(now.code).toBe(2);
    expect(now.stderr).toContain('--merge takes --now from the shards');
    const stray = await runMain(['build', '--root', ws, shardDirs[0]!], { cwd: ws });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain(`unexpected argument "${shardDirs[0]}"`);
  });

  it('refuses a missing shard, a folder that is no shard, and shards of another instant or commit', async () => {
    const out = join(tmp, 'refused');
    const missing = await runMain(['build', '--merge', shardDirs[0]!, shardDirs[2]!, '--out', out], { cwd: ws });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot merge: shard 2/3 is missing.');
    const notShard = await runMain(['build', '--merge', ...shardDirs, whole, '--out', out], { cwd: ws });
    expect(notShard.code).toBe(2);
    expect(notShard.stderr).toContain(`${whole} is not a shard built by \`itsm build --shard i/n\``);
    const later = join(tmp, 'later-2');
    const r = await runMain(['build', '--root', ws, '--shard', '2/3', '--out', later, '--now', '2026-11-21T10:00:00Z'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    const mixed = await runMain(['build', '--merge', shardDirs[0]!, later, shardDirs[2]!, '--out', out], { cwd: ws });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(
      'were built as of different instants (2026-11-20T10:00:00Z and 2026-11-21T10:00:00Z): pass the same --now (or --started) to every shard',
    );
    // A shard built after a record changed is of another commit, even as of the same instant.
    const file = join(ws, 'content/incidents/INC-000007.md');
    writeFileSync(file, readFileSync(file, 'utf8') + '\nOne more line.\n');
    const edited = join(tmp, 'edited-2');
    expect((await runMain(['build', '--root', ws, '--shard', '2/3', '--out', edited, '--now', NOW], { cwd: ws })).code).toBe(0);
    const other = await runMain(['build', '--merge', shardDirs[0]!, edited, shardDirs[2]!, '--out', out], { cwd: ws });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('were built from different workspaces or commits');
    expect(readdirSync(tmp)).not.toContain('refused');
  }, 180_000);
});
