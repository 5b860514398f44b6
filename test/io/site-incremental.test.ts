/**
 * `itsm build --incremental`: after a push that edits one incident (its title and a timeline entry),
 * adds one and deletes one, the build renders only the record pages that show something that changed
 * and reuses the rest, and its site is byte for byte the site a fresh full build makes.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng, syntheticIncident, writeSyntheticWorkspace } from '../../scripts/bench/synthetic.ts';
import { sealManifest, sha256, type IncrementalManifest } from '../../src/core/site/page-digest.ts';
import { INCREMENTAL_MANIFEST } from '../../src/io/site-incremental.ts';
import { gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { runMain } from '../helpers/workspace.ts';

const NOW = '2026-11-20T10:00:00Z';
let tmp: string;
let repo: GitRepo;
/** The site built before the push, kept for the fallback tests (each works on a copy). */
let before: string;
let incremental: string;
let fresh: string;
let incrementalOutput: string;
let freshOutput: string;
/** The records that link to the three incidents the push touched: their services, CIs and team. */
const linked = new Set<string>();

/** Every file of a built site, by its path. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

const build = (out: string, ...more: string[]) =>
  runMain(['build', '--root', repo.dir, '--out', out, '--now', NOW, '--incremental', ...more], { cwd: repo.dir });

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'itsm-incremental-'));
  repo = gitRepo('itsm-incremental-ws-');
  // 249 incidents on 20 services and 30 CIs, and a team: 300 records, committed.
  writeSyntheticWorkspace(repo.dir, { incidents: 249, cis: 30, services: 20 });
  repo.commit('The records');
  before = join(tmp, 'before');
  const first = await build(before);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain(`Incremental: rendered all 300 record pages (${before} does not exist yet).`);

  // The push: INC-000005 gets a new title and one more timeline entry, INC-000250 is new, INC-000100 is gone.
  const path = 'content/incidents/INC-000005.md';
  const text = readFileSync(join(repo.dir, path), 'utf8');
  const resolved = /^resolved_at: (\S+)$/m.exec(text)![1]!;
  const later = new Date(Date.parse(resolved) + 3600_000).toISOString().replace('.000Z', 'Z');
  const edited = text
    .replace(/^title: .*$/m, 'title: Checkout outage after the certificate expired')
    .replace(/\n---\n/, `\n  - { at: ${later}, note: The customer confirmed the fix }\n---\n`);
  expect(edited).not.toBe(text);
  const added = syntheticIncident(250, rng(7), 20, 30);
  for (const incident of [text, added, readFileSync(join(repo.dir, 'content/incidents/INC-000100.md'), 'utf8')]) {
    for (const field of ['service', 'team']) linked.add(new RegExp(`^${field}: (\\S+)$`, 'm').exec(incident)![1]!);
    for (const ci of /^cis: \[(.*)\]$/m.exec(incident)![1]!.split(', ')) linked.add(ci);
  }
  repo.commit('INC-000005: retitled, customer confirmed; INC-000250 reported; INC-000100 was a duplicate', {
    [path]: edited,
    'content/incidents/INC-000250.md': added,
    'content/incidents/INC-000100.md': null,
  });
  incremental = join(tmp, 'incremental');
  cpSync(before, incremental, { recursive: true });
  const second = await build(incremental);
  expect(second.code, second.stderr).toBe(0);
  incrementalOutput = second.stdout;
  fresh = join(tmp, 'fresh');
  const full = await build(fresh);
  expect(full.code, full.stderr).toBe(0);
  freshOutput = full.stdout;
}, 600_000);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  repo?.remove();
});

describe('an incremental build after a push', () => {
  it('renders only the pages that show what changed, reuses the others and drops the deleted record', () => {
    // The edited and the added incident, and the pages that list one of the three among their related
    // records (the deleted one's entry is gone from them): their services and CIs (a dozen incidents
    // each) and the team, which lists its 30 newest incidents, the added one now among them.
    const rendered = ['INC-000005', 'INC-000250', ...linked].sort();
    expect(rendered).toHaveLength(9);
    expect(incrementalOutput).toContain(`Incremental: rendered 9 record pages (${rendered.join(', ')}), reused 291 from the previous build, dropped 1.`);
    expect(freshOutput).toContain(`Incremental: rendered all 300 record pages (${fresh} does not exist yet).`);
  });

  it('writes the same files as a fresh full build, with the same bytes, search index and manifest included', () => {
    const mine = files(incremental);
    expect(mine).toEqual(files(fresh));
    expect(mine).toContain(INCREMENTAL_MANIFEST);
    expect(mine).toContain('incidents/INC-000250/index.html');
    expect(mine).not.toContain('incidents/INC-000100/index.html');
    const differing = mine.filter((p) => !readFileSync(join(incremental, p)).equals(readFileSync(join(fresh, p))));
    expect(differing).toEqual([]);
    expect(readFileSync(join(incremental, 'incidents/INC-000005/index.html'), 'utf8')).toContain('The customer confirmed the fix');
  });
});

describe('an incremental build with nothing changed', () => {
  it('renders no record page, only the shared pages, and writes the same site', async () => {
    const again = join(tmp, 'again');
    cpSync(incremental, again, { recursive: true });
    const r = await build(again);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Incremental: rendered 0 record pages, reused 300 from the previous build, dropped 0.');
    const mine = files(again);
    expect(mine).toEqual(files(fresh));
    expect(mine.filter((p) => !readFileSync(join(again, p)).equals(readFileSync(join(fresh, p))))).toEqual([]);
  }, 120_000);
});

describe('an incremental build as of another instant', () => {
  it('gives the pages it reuses the new instant, and writes what a full build as of that instant writes (a live build, as the site workflow runs it)', async () => {
    const live = (out: string, started: string) =>
      runMain(['build', '--root', repo.dir, '--out', out, '--started', started, '--incremental'], { cwd: repo.dir });
    // One incident still open: its SLA clocks run, so its page differs from one instant to the next.
    const open = join(repo.dir, 'content/incidents/INC-000251.md');
    writeFileSync(
      open,
      [
        '---',
        'id: INC-000251',
        'title: Checkout slow for some users',
        'status: in_progress',
        'service: SVC-s1',
        'cis: [CI-c1]',
        'impact: medium',
        'urgency: medium',
        'priority: P3',
        'reported_at: 2026-11-20T08:00:00Z',
        'acknowledged_at: 2026-11-20T08:10:00Z',
        'team: TEAM-ops',
        'assignee: oncall-1',
        'timeline:',
        '  - { at: 2026-11-20T08:00:00Z, status: new, note: Reported by monitoring }',
        '  - { at: 2026-11-20T08:10:00Z, status: acknowledged, by: oncall }',
        '  - { at: 2026-11-20T08:20:00Z, status: in_progress }',
        '---',
        'Some checkouts take 20 seconds.',
        '',
      ].join('\n'),
    );
    const out = join(tmp, 'live');
    const whole = join(tmp, 'live-whole');
    try {
      const first = await live(out, '2026-11-20T10:00:00Z');
      expect(first.code, first.stderr).toBe(0);
      const r = await live(out, '2026-11-21T08:30:00Z');
      expect(r.code, r.stderr).toBe(0);
      // The resolved incidents and the rest show nothing that depends on the instant but the shell.
      expect(r.stdout).toContain(
        'Incremental: rendered 1 record page (INC-000251), reused 300 from the previous build (300 given the new instant), dropped 0.',
      );
      expect((await live(whole, '2026-11-21T08:30:00Z')).code).toBe(0);
    } finally {
      rmSync(open);
    }
    const mine = files(out);
    expect(mine).toEqual(files(whole));
    expect(mine.filter((p) => !readFileSync(join(out, p)).equals(readFileSync(join(whole, p))))).toEqual([]);
    const page = readFileSync(join(out, 'incidents/INC-000001/index.html'), 'utf8');
    expect(page).toContain('data-as-of="2026-11-21T08:30:00Z"');
    expect(page).not.toContain('2026-11-20T10:00:00Z');
  }, 240_000);
});

describe('an incremental build falls back to a full build', () => {
  /** A copy of the site built before the push, changed by `alter`, then built into incrementally. */
  async function rebuildFrom(name: string, alter: (out: string) => void, ...more: string[]): Promise<{ out: string; stdout: string }> {
    const out = join(tmp, name);
    cpSync(before, out, { recursive: true });
    alter(out);
    const r = await build(out, ...more);
    expect(r.code, r.stderr).toBe(0);
    return { out, stdout: r.stdout };
  }
  const full = (reason: string) => `Incremental: rendered all 300 record pages (${reason}).`;

  it('when the previous site has no manifest (it was built without --incremental)', async () => {
    const { out, stdout } = await rebuildFrom('plain', (out) => rmSync(join(out, INCREMENTAL_MANIFEST)));
    expect(stdout).toContain(full(`${out} holds no ${INCREMENTAL_MANIFEST} (it was not built with --incremental)`));
    expect(files(out)).toContain(INCREMENTAL_MANIFEST);
  }, 120_000);

  it('when the manifest was edited', async () => {
    const { stdout } = await rebuildFrom('tampered', (out) => {
      const manifest = join(out, INCREMENTAL_MANIFEST);
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/"digest": "[0-9a-f]{8}/, '"digest": "00000000'));
    });
    expect(stdout).toContain(full('the manifest does not match its check (it was edited or cut short)'));
  }, 120_000);

  it('when the previous site was built by another version of itsm (its build key differs)', async () => {
    const { stdout } = await rebuildFrom('other-version', (out) => {
      const path = join(out, INCREMENTAL_MANIFEST);
      const { check: _check, ...manifest } = JSON.parse(readFileSync(path, 'utf8')) as IncrementalManifest;
      writeFileSync(path, JSON.stringify(sealManifest({ ...manifest, key: sha256('itsm 0.0.1') })));
    });
    expect(stdout).toContain(
      full('the previous site was built by another version of itsm, or with other settings or base path, or live where this one is not (or the reverse)'),
    );
  }, 120_000);

  it('when the settings or the base path differ', async () => {
    const settings = join(repo.dir, 'itsm.yaml');
    const text = readFileSync(settings, 'utf8');
    writeFileSync(settings, text.replace('name: Bench', 'name: Service desk'));
    try {
      const renamed = await rebuildFrom('renamed', () => {});
      expect(renamed.stdout).toContain(
        full('the previous site was built by another version of itsm, or with other settings or base path, or live where this one is not (or the reverse)'),
      );
      expect(readFileSync(join(renamed.out, 'incidents/INC-000001/index.html'), 'utf8')).toContain('Service desk');
    } finally {
      writeFileSync(settings, text);
    }
    const moved = await rebuildFrom('moved', () => {}, '--base', '/desk/');
    expect(moved.stdout).toContain(
      full('the previous site was built by another version of itsm, or with other settings or base path, or live where this one is not (or the reverse)'),
    );
  }, 240_000);

  it("when Astro bundles other scripts or styles than the previous build's (which the reused pages link)", async () => {
    const { out, stdout } = await rebuildFrom('other-assets', (out) => {
      // As if another version of Vite had named the stylesheet otherwise: a manifest that agrees.
      const css = readdirSync(join(out, '_astro')).find((f) => f.endsWith('.css'))!;
      renameSync(join(out, '_astro', css), join(out, '_astro/site.0ther.css'));
      const path = join(out, INCREMENTAL_MANIFEST);
      const { check: _check, ...manifest } = JSON.parse(readFileSync(path, 'utf8')) as IncrementalManifest;
      const files = manifest.files.map((f) => (f === `_astro/${css}` ? '_astro/site.0ther.css' : f)).sort();
      writeFileSync(path, JSON.stringify(sealManifest({ ...manifest, files })));
    });
    expect(stdout).toContain(full('the scripts and styles the pages link (_astro/) are not those of the previous build'));
    expect(files(out)).toEqual(files(fresh));
    expect(files(out).filter((p) => !readFileSync(join(out, p)).equals(readFileSync(join(fresh, p))))).toEqual([]);
  }, 120_000);

  it('when the previous site holds a file it did not write, or a link', async () => {
    const extra = await rebuildFrom('extra', (out) => writeFileSync(join(out, 'incidents/extra.html'), '<p>added by hand</p>'));
    expect(extra.stdout).toContain(full('the previous site holds files its manifest does not list, or lacks some it lists'));
    expect(files(extra.out)).not.toContain('incidents/extra.html');
    const linked = await rebuildFrom('linked', (out) => {
      const page = join(out, 'incidents/INC-000001/index.html');
      rmSync(page);
      symlinkSync('/etc/hostname', page);
    });
    expect(linked.stdout).toContain(full('the previous site holds incidents/INC-000001/index.html, which is neither a file nor a folder'));
  }, 240_000);

  it('when a page it would reuse was changed since it was written, and the site has the page as built', async () => {
    const { out, stdout } = await rebuildFrom('edited-page', (out) => {
      const page = join(out, 'incidents/INC-000001/index.html');
      writeFileSync(page, readFileSync(page, 'utf8').replace('</h1>', '</h1><p>Defaced</p>'));
    });
    expect(stdout).toContain(full('incidents/INC-000001/index.html differs from the page the previous build wrote'));
    expect(readFileSync(join(out, 'incidents/INC-000001/index.html')).equals(readFileSync(join(fresh, 'incidents/INC-000001/index.html')))).toBe(true);
  }, 120_000);
});

describe('itsm build --incremental: mistakes', () => {
  it('is not a shard, nor a merge', async () => {
    const shard = await runMain(['build', '--root', repo.dir, '--incremental', '--shard', '1/2'], { cwd: repo.dir });
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('--incremental rebuilds the whole site from its previous build; it cannot be a shard');
    const merge = await runMain(['build', '--merge', before, '--incremental', '--out', join(tmp, 'm')], { cwd: repo.dir });
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain('--merge indexes the shards it joins; it has no previous build to reuse (drop --incremental)');
  });
});
