import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/io/workspace.ts';
import { REPO_ROOT, runCli } from '../helpers/workspace.ts';
import { recordsOf } from '../../src/core/model.ts';
import { buildDemo, manifestPath } from '../../scripts/lib/demo-build.ts';

/** The bundled demo workspace is what a new user sees first: it must be valid and realistic. */
describe('the demo workspace', async () => {
  const { workspace, diagnostics } = await loadWorkspace(REPO_ROOT);

  it('validates with no errors through the CLI', () => {
    const r = runCli(['validate', '--format', 'json', '--no-cache'], { cwd: REPO_ROOT });
    const out = JSON.parse(r.stdout) as { summary: { errors: number }; diagnostics: unknown[] };
    expect(out.diagnostics.filter((d) => (d as { severity: string }).severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('has no errors when loaded, so every record reaches the site', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('is the size the issue asks for', () => {
    const count = (k: Parameters<typeof recordsOf>[1]) => recordsOf(workspace, k).length;
    expect(count('service')).toBeGreaterThanOrEqual(12);
    expect(count('ci')).toBeGreaterThanOrEqual(60);
    expect(count('incident')).toBeGreaterThanOrEqual(150);
    expect(count('problem')).toBeGreaterThanOrEqual(15);
    expect(count('change')).toBeGreaterThanOrEqual(60);
    expect(count('request')).toBeGreaterThanOrEqual(40);
    expect(count('kb')).toBeGreaterThanOrEqual(25);
    expect(recordsOf(workspace, 'team').some((t) => t.data.roles?.includes('cab'))).toBe(true);
    expect(recordsOf(workspace, 'team').some((t) => t.data.roles?.includes('ecab'))).toBe(true);
  });

  it('covers the cases people need to see: every priority, majors with postmortems and reviews, on hold, reopened, failed changes that caused incidents', () => {
    const incidents = recordsOf(workspace, 'incident');
    expect(new Set(incidents.map((i) => i.data.priority))).toEqual(new Set(['P1', 'P2', 'P3', 'P4', 'P5']));
    expect(incidents.some((i) => i.data.major && /postmortem/i.test(i.body))).toBe(true);
    // Every major incident that is over has its post-incident review, and one of them an action still open.
    const majorsOver = incidents.filter((i) => i.data.major && ['resolved', 'closed'].includes(i.data.status));
    expect(majorsOver.length).toBeGreaterThan(0);
    expect(majorsOver.filter((i) => !i.data.pir).map((i) => i.id)).toEqual([]);
    expect(majorsOver.some((i) => i.data.pir!.actions.some((a) => !a.done))).toBe(true);
    expect(incidents.some((i) => i.data.status === 'on_hold')).toBe(true);
    const reopened = incidents.filter((i) => {
      const statuses = (i.data.timeline ?? []).map((t) => t.status).filter(Boolean);
      const firstResolved = statuses.indexOf('resolved');
      return firstResolved !== -1 && statuses.slice(firstResolved + 1).includes('in_progress');
    });
    expect(reopened.length).toBeGreaterThan(0);
    const changes = recordsOf(workspace, 'change');
    expect(new Set(changes.map((c) => c.data.type))).toEqual(new Set(['standard', 'normal', 'emergency']));
    expect(changes.some((c) => c.data.status === 'failed' || c.data.status === 'rolled_back')).toBe(true);
    const causes = new Set(incidents.map((i) => i.data.caused_by_change).filter(Boolean));
    expect(causes.size).toBeGreaterThan(0);
    expect(recordsOf(workspace, 'problem').some((p) => p.data.known_error && p.data.workaround)).toBe(true);
  });

  it('reads as written by people: no placeholder text', () => {
    for (const r of workspace.records) expect(`${r.id} ${r.body}`).not.toMatch(/lorem ipsum|TODO|FIXME/i);
  });
});

/** Hand-written records are the source of truth; the generator only adds the seeded volume. */
describe('the demo generator', () => {
  const build = buildDemo(REPO_ROOT);

  it('reproduces the committed volume byte for byte and lists exactly the files it owns', () => {
    const differing = [...build.files].filter(([path, text]) => readFileSync(join(REPO_ROOT, 'content', path), 'utf8') !== text).map(([path]) => path);
    expect(differing).toEqual([]);
    expect(readFileSync(manifestPath(REPO_ROOT), 'utf8')).toBe(build.manifest);
    expect(build.previous.filter((path) => !build.files.has(path))).toEqual([]);
  });

  it('leaves the hand-written incidents alone and numbers its own around them', () => {
    const incidents = readdirSync(join(REPO_ROOT, 'content', 'incidents')).map((f) => `incidents/${f}`);
    const generated = [...build.files.keys()].filter((p) => p.startsWith('incidents/'));
    const handWritten = incidents.filter((path) => !build.files.has(path));
    expect(handWritten.length).toBeGreaterThan(0);
    expect(handWritten.length + generated.length).toBe(incidents.length);
  });
});
