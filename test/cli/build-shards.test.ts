/**
 * The steps of the site workflow's sharded build, as the workflow runs them: `itsm build --plan`
 * (one job or how many shards, by site_shards in itsm.yaml) and `--started` (one instant for every
 * shard of a live build); and the workflow's shape around them.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { shardOf } from '../../src/core/site/shard.ts';
import { makeWorkspace, REPO_ROOT, runMain } from '../helpers/workspace.ts';
import { fixtureFiles } from '../site/fixture.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workspace(settings = ''): string {
  const files = fixtureFiles();
  files['itsm.yaml'] += settings;
  const ws = makeWorkspace(files);
  made.push(ws);
  return ws;
}

/** `itsm build --plan` read as $GITHUB_OUTPUT reads it. */
async function plan(ws: string): Promise<Record<string, string>> {
  const r = await runMain(['build', '--plan', '--root', ws], { cwd: ws });
  expect(r.code, r.stderr).toBe(0);
  return Object.fromEntries(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
}

describe('itsm build --plan', () => {
  it('builds in one job without site_shards, or at or below its size', async () => {
    expect(await plan(workspace())).toMatchObject({ records: '18', count: '1', shards: '[1]' });
    expect(await plan(workspace('site_shards: { above: 18, count: 4 }\n'))).toMatchObject({ count: '1', shards: '[1]' });
  });

  it('builds in site_shards.count shards above its size, with one instant for all of them', async () => {
    const p = await plan(workspace('site_shards: { above: 17, count: 4 }\n'));
    expect(p).toMatchObject({ records: '18', count: '4', shards: '[1,2,3,4]' });
    expect(p.started).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  it('is refused when itsm.yaml says site_shards wrong', async () => {
    const ws = workspace('site_shards: { above: 100, count: 1 }\n');
    const r = await runMain(['validate', '--root', ws, '--no-cache'], { cwd: ws });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('site_shards');
  });
});

describe('itsm build --shard --started', () => {
  it('builds a shard as of that instant that still counts down from the reader clock, and says so in its manifest', async () => {
    const ws = workspace();
    const out = join(ws, 'shard-2');
    const started = '2026-11-20T09:00:00.000Z';
    const r = await runMain(['build', '--root', ws, '--shard', '2/2', '--started', started, '--out', out], { cwd: ws });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Built shard 2\/2: \d+ pages \(\d+ of 18 records\) into /m);
    const manifest = JSON.parse(readFileSync(join(out, '.itsm-shard.json'), 'utf8'));
    expect(manifest).toMatchObject({ shard: { index: 2, count: 2 }, now: started, live: true, base: '/' });
    // A team page in a shard without the queue pages still links its queue with the open count.
    expect(shardOf('TEAM-payments', 2)).toBe(2);
    const page = readFileSync(join(out, 'teams/TEAM-payments/index.html'), 'utf8');
    expect(page).toContain(`data-as-of="${started}" data-live="true"`);
    expect(page).toMatch(/href="\/queues\/TEAM-payments\/" data-queue-link>Queue: \d+ open</);
    const bad = await runMain(['build', '--root', ws, '--shard', '1/2', '--started', 'yesterday'], { cwd: ws });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--started must be an instant with an offset');
  }, 120_000);
});

describe('a shard with no record of its own', () => {
  it('still builds (its assets), rather than passing for a workspace with errors', async () => {
    const ws = workspace();
    const ids = readdirSync(join(ws, 'content'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => basename(f, '.md'));
    const empty = Array.from({ length: 64 }, (_, i) => i + 1).find((i) => i > 1 && ids.every((id) => shardOf(id, 64) !== i))!;
    const r = await runMain(['build', '--root', ws, '--shard', `${empty}/64`, '--out', join(ws, 'empty'), '--now', '2026-11-20T10:00:00Z'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Built shard ${empty}/64: 0 pages (0 of 18 records) into `);
    expect(existsSync(join(ws, 'empty/.itsm-shard.json'))).toBe(true);
  }, 60_000);
});

describe('the site workflow', () => {
  type Job = {
    needs?: string | string[];
    if?: string;
    permissions?: Record<string, string>;
    strategy?: { matrix: Record<string, string> };
    steps: Array<{ run?: string; uses?: string; if?: string; with?: Record<string, unknown> }>;
  };
  const wf = parse(readFileSync(join(REPO_ROOT, '.github/workflows/site.yml'), 'utf8')) as { permissions: unknown; jobs: Record<string, Job> };
  const runs = (job: string) => wf.jobs[job]!.steps.map((s) => s.run ?? '').join('\n');

  it('plans, then builds in one job or in a matrix of shards that one job merges, then deploys', () => {
    expect(runs('plan')).toContain('build --plan');
    expect(wf.jobs.build!.if).toBe("needs.plan.outputs.count == '1'");
    expect(wf.jobs.shard!.if).toBe("needs.plan.outputs.count != '1'");
    expect(wf.jobs.shard!.strategy!.matrix.shard).toBe('${{ fromJSON(needs.plan.outputs.shards) }}');
    expect(runs('shard')).toContain('build --shard "$SHARD/$COUNT" --started "$STARTED"');
    // Only shard 1 draws the calendar, so only it reads the proposed changes.
    const proposed = wf.jobs.shard!.steps.find((s) => s.run?.includes('collisions --format json'))!;
    expect(proposed.if).toBe('matrix.shard == 1');
    const upload = wf.jobs.shard!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    // The manifest is a hidden file, which upload-artifact leaves out by default.
    expect(upload.with!['include-hidden-files']).toBe(true);
    expect(wf.jobs.merge!.needs).toEqual(['plan', 'shard']);
    expect(runs('merge')).toContain('build --merge shards/* --out dist');
    expect(wf.jobs.deploy!.needs).toEqual(['build', 'merge']);
  });

  it('gives write access to the deploy job only, which runs no code of the repository', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
    // The jobs that draw the change calendar read the open pull requests' proposed changes.
    const readsPulls = new Set(['build', 'shard']);
    for (const [name, job] of Object.entries(wf.jobs)) {
      if (name === 'deploy') {
        expect(job.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
        expect(job.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4']);
      } else expect(job.permissions, name).toEqual(readsPulls.has(name) ? { contents: 'read', 'pull-requests': 'read' } : { contents: 'read' });
    }
    expect(readFileSync(join(REPO_ROOT, '.github/workflows/site.yml'), 'utf8')).not.toMatch(/secrets\./);
  });
});
