import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSchemaTypes } from '../../scripts/lib/schema-types.ts';
import { renderStandaloneValidators } from '../../scripts/lib/standalone-validators.ts';
import { compileValidators } from '../../src/core/validate/compile.ts';
import { readSchemas } from '../../src/io/schemas.ts';
import { getValidators } from '../../src/io/workspace.ts';
import { packageVersion } from '../../src/io/version.ts';
import { staleSchemaIds } from '../../src/core/schema-ids.ts';
import { KINDS } from '../../src/core/ids.ts';
import { kindDefinition } from '../../src/core/kinds/index.ts';
import { POLICY_FILES } from '../../src/core/model.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

describe('schemas', () => {
  const { documents } = readSchemas();

  it('the TypeScript types are generated from the current schemas (run `npm run gen:types` if this fails)', async () => {
    const committed = readFileSync(fileURLToPath(new URL('../../src/core/generated/schema-types.ts', import.meta.url)), 'utf8');
    expect(committed).toBe(await renderSchemaTypes());
  });

  it('every $id carries the version in package.json (run `npm run gen:types` after a version bump if this fails)', () => {
    expect(staleSchemaIds(documents, packageVersion())).toEqual([]);
  });

  it('there is a schema for every kind and every policy file, and each compiles', () => {
    const v = getValidators();
    for (const kind of KINDS) expect(() => v.get(kindDefinition(kind).schema)).not.toThrow();
    for (const p of Object.values(POLICY_FILES)) expect(() => v.get(p.schema)).not.toThrow();
    expect(() => v.get('workspace')).not.toThrow();
  });

  it('every property has a description, so the schema documents the format', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties && typeof n.properties === 'object') {
        for (const [key, prop] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          const refTarget = typeof prop.$ref === 'string' ? prop.$ref : undefined;
          if (!prop.description && !refTarget && key !== 'id') missing.push(`${path}.${key}`);
          walk(prop, `${path}.${key}`);
        }
      }
      for (const key of ['items', '$defs', 'additionalProperties', 'oneOf', 'anyOf', 'allOf']) {
        const child = n[key];
        if (Array.isArray(child)) child.forEach((c, i) => walk(c, `${path}.${key}[${i}]`));
        else if (key === '$defs' && child) for (const [k, c] of Object.entries(child)) walk(c, `${path}.$defs.${k}`);
        else walk(child, `${path}.${key}`);
      }
    };
    for (const [name, doc] of Object.entries(documents)) walk(doc, name);
    expect(missing).toEqual([]);
  });

  it('every example in the schemas is valid for the definition that gives it', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    for (const [name, doc] of Object.entries(documents)) ajv.addSchema(doc, `${name}.schema.json`);
    let checked = 0;
    for (const [name, doc] of Object.entries(documents)) {
      for (const [def, node] of Object.entries((doc as { $defs?: Record<string, { examples?: unknown[] }> }).$defs ?? {})) {
        for (const example of node.examples ?? []) {
          const validate = ajv.compile({ $ref: `${name}.schema.json#/$defs/${def}` });
          expect(validate(example), `${name} ${def}: ${JSON.stringify(example)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('precompiled validators', () => {
  it('are generated from the current schemas (run `npm run gen:types` if this fails)', () => {
    const dir = fileURLToPath(new URL('../../src/core/generated/', import.meta.url));
    const { js, dts } = renderStandaloneValidators();
    expect(readFileSync(dir + 'validators.js', 'utf8')).toBe(js);
    expect(readFileSync(dir + 'validators.d.ts', 'utf8')).toBe(dts);
  });

  it('report the same errors as validators compiled from the schemas', () => {
    const fresh = compileValidators(readSchemas().documents);
    const shipped = getValidators();
    const bad = {
      id: 'INC-1',
      title: '',
      status: 'done',
      service: 'CI-x',
      impact: 'huge',
      urgency: 'low',
      priority: 'P9',
      reported_at: '2026-01-01 10:00',
      extra: 1,
    };
    const a = fresh.get('incident');
    const b = shipped.get('incident');
    expect(a(bad)).toBe(false);
    expect(b(bad)).toBe(false);
    expect(b.errors).toEqual(a.errors);
  });
});
