/**
 * `itsm editor-settings`: a workspace brings its editor settings up to date after an upgrade or a
 * schema override, from its own schemas; `--check` only says whether they are current.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, runMain } from '../helpers/workspace.ts';

const COST_CENTER = JSON.stringify({
  properties: { x_cost_center: { type: 'string', pattern: '^CC-\\d{4}$', description: 'Who pays for the fix.' } },
});
type Settings = Record<string, Array<{ name: string; fields: Array<{ name: string; type: string; description?: string }> }>>;
const read = (ws: string, rel: string) => readFileSync(join(ws, rel), 'utf8');
const incidentFields = (ws: string) =>
  (JSON.parse(read(ws, 'frontmatter.json')) as Settings)['frontMatter.taxonomy.contentTypes']!.find((t) => t.name === 'incident')!.fields;

describe('itsm editor-settings', () => {
  it("writes the three files, with the workspace's own fields and the installed package's policy schemas", async () => {
    const ws = makeWorkspace({ ...minimalWorkspace(), 'schemas/incident.schema.json': COST_CENTER });
    const r = await runMain(['editor-settings'], { cwd: ws });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('wrote frontmatter.json\nwrote .vscode/settings.json\nwrote .vscode/extensions.json\n');
    expect(incidentFields(ws)).toContainEqual({ title: 'x_cost_center', name: 'x_cost_center', type: 'string', description: 'Who pays for the fix.' });
    const yaml = (JSON.parse(read(ws, '.vscode/settings.json')) as { 'yaml.schemas': Record<string, string[]> })['yaml.schemas'];
    expect(yaml['./node_modules/itsm/schemas/calendars.schema.json']).toEqual(['content/policies/calendars.yaml']);
  });

  it('leaves current files alone; --check fails on a stale one and writes nothing', async () => {
    const ws = makeWorkspace(minimalWorkspace());
    await runMain(['editor-settings'], { cwd: ws });
    expect(await runMain(['editor-settings', '--check'], { cwd: ws })).toMatchObject({ code: 0, stdout: 'The editor settings are current.\n' });
    // A field added by an override afterwards: the content types no longer match.
    mkdirSync(join(ws, 'schemas'));
    writeFileSync(join(ws, 'schemas/incident.schema.json'), COST_CENTER);
    const before = read(ws, 'frontmatter.json');
    const check = await runMain(['editor-settings', '--check'], { cwd: ws });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('Not current: frontmatter.json. Run `itsm editor-settings` to write them.');
    expect(read(ws, 'frontmatter.json')).toBe(before);
    expect((await runMain(['editor-settings'], { cwd: ws })).stdout).toBe('wrote frontmatter.json\n');
    expect(incidentFields(ws).map((f) => f.name)).toContain('x_cost_center');
  });

  it('writes the settings without an override that has a problem, and says so', async () => {
    const ws = makeWorkspace({ ...minimalWorkspace(), 'schemas/incident.schema.json': '{ not json' });
    const r = await runMain(['editor-settings'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('schemas/incident.schema.json: The schema override is not valid JSON');
    expect(incidentFields(ws).map((f) => f.name)).toContain('title');
  });

  it('refuses a folder that is not a workspace, and a settings folder that is a symlink (exit 2)', async () => {
    const empty = makeWorkspace({ 'notes.txt': 'x\n' });
    expect(await runMain(['editor-settings'], { cwd: empty })).toMatchObject({ code: 2 });
    const ws = makeWorkspace(minimalWorkspace());
    const elsewhere = makeWorkspace({ 'keep.txt': 'x\n' });
    symlinkSync(elsewhere, join(ws, '.vscode'));
    const r = await runMain(['editor-settings'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('symlink');
    expect(() => read(elsewhere, 'settings.json')).toThrow();
  });
});
