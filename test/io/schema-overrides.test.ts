/**
 * Schema overrides: a workspace adds its own fields to a kind in schemas/<kind>.schema.json, merged
 * over the package's schema, so an upgrade of the package never overwrites them. The override is
 * checked itself: it may only add fields, never redefine one the package has.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.ts';
import { INCIDENT, minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, runMain } from '../helpers/workspace.ts';

const NOW = '2026-06-01T10:00:00Z';
const COST_CENTER = JSON.stringify({
  description: 'Our fields for incidents.',
  properties: { x_cost_center: { type: 'string', pattern: '^CC-\\d{4}$', description: 'Who pays for the fix.' } },
  required: ['x_cost_center'],
});

function workspace(override: string | undefined, incident = INCIDENT.replace('status: resolved', 'status: resolved\nx_cost_center: CC-1234')): string {
  const files = { ...minimalWorkspace(), 'content/incidents/INC-0001.md': incident };
  return makeWorkspace(override === undefined ? files : { ...files, 'schemas/incident.schema.json': override });
}

async function validate(ws: string, ...args: string[]): Promise<{ code: number; diagnostics: Diagnostic[] }> {
  const r = await runMain(['validate', '--format', 'json', '--now', NOW, ...args], { cwd: ws });
  return { code: r.code, diagnostics: (JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }).diagnostics };
}
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.rule}`);

describe('a schema override in the workspace', () => {
  it("adds the team's own field: records with it validate", async () => {
    const result = await validate(workspace(COST_CENTER));
    expect(errors(result.diagnostics)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('without the override, the same field is an unknown field', async () => {
    const result = await validate(workspace(undefined));
    expect(errors(result.diagnostics)).toEqual(['content/incidents/INC-0001.md schema/additionalProperties']);
  });

  it("checks the field by the override's schema, and its required fields", async () => {
    const wrong = await validate(workspace(COST_CENTER, INCIDENT.replace('status: resolved', 'status: resolved\nx_cost_center: marketing')));
    expect(errors(wrong.diagnostics)).toEqual(['content/incidents/INC-0001.md schema/pattern']);
    const missing = await validate(workspace(COST_CENTER, INCIDENT));
    expect(errors(missing.diagnostics)).toEqual(['content/incidents/INC-0001.md schema/required']);
  });

  it('refuses to redefine a field the package has, and says what to do', async () => {
    const clash = JSON.stringify({ properties: { title: { type: 'string', maxLength: 20 } } });
    const result = await validate(workspace(clash, INCIDENT));
    const found = result.diagnostics.find((d) => d.file === 'schemas/incident.schema.json')!;
    expect(found).toMatchObject({ rule: 'schema/override', severity: 'error' });
    expect(found.message).toContain('`title`');
    expect(found.hint).toContain('another name');
    expect(result.code).toBe(1);
  });

  it('refuses anything but new properties, broken JSON, and field schemas ajv cannot compile', async () => {
    for (const [override, says] of [
      [JSON.stringify({ additionalProperties: true }), 'may only add fields'],
      ['{ "properties": ', 'not valid JSON'],
      [JSON.stringify({ properties: { x_size: { type: 'strnig' } } }), 'does not compile'],
      [JSON.stringify({ properties: { x_a: { type: 'string' } }, required: ['title'] }), 'only list fields the override itself adds'],
    ]) {
      const result = await validate(workspace(override, INCIDENT));
      const found = result.diagnostics.filter((d) => d.rule === 'schema/override');
      expect(found.map((d) => d.message).join(' '), override).toContain(says);
      expect(result.code).toBe(1);
    }
  });

  it('says where in the override file each problem is, and how to fix it', async () => {
    const at = async (override: string) => {
      const result = await validate(workspace(override, INCIDENT));
      const found = result.diagnostics.filter((d) => d.rule === 'schema/override');
      expect(found).toHaveLength(1);
      expect(found[0]!.file).toBe('schemas/incident.schema.json');
      expect(found[0]!.hint).toBeTruthy();
      return found[0]!;
    };
    // A trailing comma: the parser stops at the closing brace on line 4.
    const comma = await at('{\n  "properties": {\n    "x_a": { "type": "string" },\n  }\n}\n');
    expect([comma.line, comma.column]).toEqual([4, 3]);
    expect(comma.message).not.toContain('position');
    expect(comma.hint).toContain('trailing commas');
    // Cut short: where the text ends.
    expect(await at('{ "properties": ')).toMatchObject({ line: 1, column: 17, message: expect.stringContaining('not valid JSON') });
    // A redefined package field: its key.
    expect(await at('{\n  "properties": {\n    "title": { "type": "string" }\n  }\n}\n')).toMatchObject({ line: 3, column: 5 });
    // A key an override may not have.
    expect(await at('{\n  "properties": {},\n  "additionalProperties": true\n}\n')).toMatchObject({ line: 3, column: 3 });
    // A field schema ajv refuses: the keyword it refuses.
    const type = await at('{\n  "properties": {\n    "x_size": { "type": "strnig" }\n  }\n}\n');
    expect(type).toMatchObject({ line: 3, column: 17, message: expect.stringContaining('does not compile') });
    expect(type.hint).toContain('JSON Schema');
  });

  it('reports a symlinked override on the file itself, with how to fix it', async () => {
    const ws = workspace(undefined, INCIDENT);
    writeFileSync(join(ws, 'elsewhere.json'), COST_CENTER);
    mkdirSync(join(ws, 'schemas'), { recursive: true });
    symlinkSync(join(ws, 'elsewhere.json'), join(ws, 'schemas/incident.schema.json'));
    const result = await validate(ws);
    const found = result.diagnostics.filter((d) => d.rule === 'schema/override');
    expect(found).toEqual([
      expect.objectContaining({
        file: 'schemas/incident.schema.json',
        line: 0,
        column: 0,
        message: expect.stringContaining('symlink'),
        hint: expect.stringContaining('regular file'),
      }),
    ]);
    expect(result.code).toBe(1);
  });

  it('is part of the validate cache key: editing the override re-checks the cached records', async () => {
    const ws = workspace(COST_CENTER);
    expect(errors((await validate(ws)).diagnostics)).toEqual([]);
    writeFileSync(join(ws, 'schemas/incident.schema.json'), COST_CENTER.replace('\\d{4}', '\\d{6}'));
    expect(errors((await validate(ws)).diagnostics)).toEqual(['content/incidents/INC-0001.md schema/pattern']);
  });

  it('`itsm new` takes the field as field=value', async () => {
    const ws = workspace(COST_CENTER);
    const result = await runMain(['new', 'incident', '--title', 'Printer jams', 'service=SVC-shop', 'x_cost_center=CC-0042', '--no-edit'], {
      cwd: ws,
      env: { ITSM_NOW: NOW },
    });
    expect(result.code).toBe(0);
    expect(readFileSync(join(ws, 'content/incidents/INC-0002.md'), 'utf8')).toContain('x_cost_center: CC-0042');
  });
});
