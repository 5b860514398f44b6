import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../src/core/kinds/index.ts';
import { buildRegistry } from '../../../src/core/kinds/registry.ts';
import { readSchemas } from '../../../src/io/schemas.ts';

type Schema = { properties: Record<string, { $ref?: string; pattern?: string; enum?: string[]; items?: { $ref?: string } }> };
const { documents } = readSchemas();
const common = documents.common as { $defs: Record<string, { pattern?: string }> };
const schemaOf = (name: string) => documents[name] as Schema;
/** The `id` pattern a schema declares, directly or through common.schema.json. */
function idPattern(schema: Schema): string | undefined {
  const id = schema.properties?.id;
  if (!id) return undefined;
  return id.$ref ? common.$defs[id.$ref.split('/').pop()!]!.pattern : id.pattern;
}
/** The kind whose ID a reference field's schema takes (`common.schema.json#/$defs/serviceId` -> service). */
/** The schema of a relation's field; a dotted field walks into a section, through a list to its items. */
function fieldSchema(schema: Schema, field: string): { $ref?: string; items?: { $ref?: string } } | undefined {
  type Node = { properties?: Record<string, Node>; items?: Node };
  let node = schema as Node | undefined;
  for (const key of field.split('.')) node = (node?.items ?? node)?.properties?.[key];
  return node as { $ref?: string; items?: { $ref?: string } } | undefined;
}
function referencedKind(prop: { $ref?: string; items?: { $ref?: string } }): string | undefined {
  const ref = prop.$ref ?? prop.items?.$ref;
  return ref?.match(/\$defs\/(\w+)Id$/)?.[1];
}

describe.each(REGISTRY.definitions.map((d) => [d.kind, d] as const))('the %s definition', (_kind, def) => {
  const schema = schemaOf(def.schema);

  it("states the ID shape the schema's pattern enforces", () => {
    expect(def.idPattern.source).toBe(idPattern(schema));
  });

  it('starts in the first status of the schema, and names only statuses it has', () => {
    const life = def.lifecycle;
    expect(life.initial).toBe(schema.properties.status!.enum![0]);
    for (const s of [...life.open, ...life.done, ...life.locked, life.retire, ...Object.keys(def.milestones)]) expect(life.statuses).toContain(s);
    for (const s of life.open) expect(life.done).not.toContain(s);
  });

  it('names only fields of its schema (milestones, identity, columns, relations)', () => {
    const fields = Object.keys(schema.properties);
    const used = [
      ...Object.values(def.milestones),
      ...def.identity,
      ...def.columns.flatMap((c) => ('field' in c.value ? [c.value.field] : [])),
      ...def.relations.map((r) => r.field.split('.')[0]!),
    ];
    for (const f of used) expect(fields).toContain(f);
    for (const r of def.relations) expect(fieldSchema(schema, r.field), r.field).toBeDefined();
  });

  it('declares each relation to the kind its schema field takes', () => {
    for (const r of def.relations) expect(referencedKind(fieldSchema(schema, r.field)!)).toBe(r.to);
  });

  it('has a template for `itsm new`', () => {
    expect(existsSync(new URL(`../../../content/.templates/${def.kind}.md`, import.meta.url))).toBe(true);
  });
});

describe('the kind registry', () => {
  it('lists every kind schema', () => {
    const kindSchemas = Object.entries(documents)
      .filter(([, s]) => idPattern(s as Schema) !== undefined && (s as Schema).properties.status !== undefined)
      .map(([name]) => name);
    expect(REGISTRY.definitions.map((d) => d.schema).sort()).toEqual(kindSchemas.sort());
  });

  it('refuses a kind defined twice, a folder or prefix taken twice, a prefix not upper-case letters and a dash, and a relation to a kind nobody defines', () => {
    const team = REGISTRY.get('team');
    expect(() => buildRegistry([team, team])).toThrow('kind team is defined twice');
    expect(() => buildRegistry([team, { ...team, kind: 'crew', prefix: 'CREW-' }])).toThrow('kinds team and crew share the folder teams');
    expect(() => buildRegistry([team, { ...team, kind: 'crew', folder: 'crews' }])).toThrow('kind team shares the prefix TEAM-');
    // The file listing takes a folder's prefix in its own case as the kind's (no prefix starts another).
    expect(() => buildRegistry([team, { ...team, kind: 'crew', folder: 'crews', prefix: 'Crew-' }])).toThrow(
      'the prefix Crew- is not upper-case letters and a dash',
    );
    expect(() => buildRegistry([team, { ...team, kind: 'crew', folder: 'crews', prefix: 'TEAM-X-' }])).toThrow('the prefix TEAM-X- is not');
    expect(() => buildRegistry([REGISTRY.get('incident')])).toThrow('incident.service refers to unknown kind service');
  });
});
