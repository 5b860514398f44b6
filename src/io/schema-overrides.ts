/**
 * The validators a workspace's records are checked with: the package's precompiled ones, or, when
 * the workspace has schema overrides (schemas/<kind>.schema.json, see core/validate/schema-override.ts),
 * the package's schemas with the overrides merged in, compiled by ajv at run time. Only a workspace
 * with overrides pays for compiling.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../core/diagnostic.ts';
import { REGISTRY } from '../core/kinds/index.ts';
import { mergeSchemaOverride } from '../core/validate/schema-override.ts';
import { AJV_OPTIONS, type Validators } from '../core/validate/validators.ts';
import { isPackageRoot } from './package-root.ts';
import { readTextNoFollow } from './safe-fs.ts';
import { readSchemas } from './schemas.ts';

export const OVERRIDES_DIR = 'schemas/';

export interface WorkspaceSchemas {
  /** Undefined: no overrides, use the precompiled validators. */
  validators: Validators | undefined;
  /** Of the override files, for cache keys ('' without overrides). */
  hash: string;
  /** Problems with the override files (an override with a problem is not applied). */
  diagnostics: Diagnostic[];
  /** The schema documents with the overrides merged in. */
  documents: Record<string, object>;
}

/** By the override files' hash: a long-running process sees edits, and compiles each version once. */
const cache = new Map<string, WorkspaceSchemas>();

/** The workspace's schemas. The override files are read at every call (a few small files); compiling happens once per version of them. */
export function workspaceSchemas(root: string): WorkspaceSchemas {
  // The package's own repository (this one, with the demo as its workspace): its schemas/ are the
  // package's schemas, not overrides of them.
  if (isPackageRoot(root)) return { validators: undefined, hash: '', diagnostics: [], documents: readSchemas().documents };
  const files: Array<{ name: string; file: string; text: string | { symlink: string } }> = [];
  const hash = createHash('sha1');
  for (const kind of REGISTRY.kinds) {
    const name = REGISTRY.get(kind).schema;
    const file = `${OVERRIDES_DIR}${name}.schema.json`;
    const text = readTextNoFollow(root, file);
    if (text === undefined) continue;
    files.push({ name, file, text });
    hash
      .update(file)
      .update('\0')
      .update(typeof text === 'string' ? text : '\0symlink');
  }
  const { documents } = readSchemas();
  if (!files.length) return { validators: undefined, hash: '', diagnostics: [], documents };
  const key = hash.digest('hex');
  const hit = cache.get(key);
  if (hit) return hit;

  const merged: Record<string, object> = { ...documents };
  const diagnostics: Diagnostic[] = [];
  let overridden = 0;
  for (const { name, file, text } of files) {
    if (typeof text === 'object') {
      diagnostics.push({
        file,
        line: 0,
        column: 0,
        rule: 'schema/override',
        severity: 'error',
        message: `${file} is a symlink; itsm does not follow links in a workspace.`,
      });
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      diagnostics.push({
        file,
        line: 0,
        column: 0,
        rule: 'schema/override',
        severity: 'error',
        message: `The schema override is not valid JSON: ${(err as Error).message}`,
      });
      continue;
    }
    const result = mergeSchemaOverride(documents[name]!, parsed, file);
    diagnostics.push(...result.diagnostics);
    if (result.schema) {
      merged[name] = result.schema;
      overridden++;
    }
  }
  let validators: Validators | undefined;
  if (overridden) {
    try {
      validators = compile(merged);
    } catch (err) {
      diagnostics.push({
        file: OVERRIDES_DIR,
        line: 0,
        column: 0,
        rule: 'schema/override',
        severity: 'error',
        message: `The schema overrides do not compile: ${(err as Error).message}`,
        hint: 'Each field in `properties` must be a JSON Schema (draft 2020-12) that ajv accepts in strict mode.',
      });
    }
  }
  const out: WorkspaceSchemas = { validators, hash: key, diagnostics, documents: validators ? merged : documents };
  cache.set(key, out);
  return out;
}

function compile(documents: Record<string, object>): Validators {
  // ajv's compiler is loaded only here: a workspace without overrides never needs it (both are CommonJS).
  const require = createRequire(import.meta.url);
  const { Ajv2020: Compiler } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };
  const addFormats = require('ajv-formats') as (ajv: Ajv2020) => void;
  const ajv = new Compiler(AJV_OPTIONS);
  addFormats(ajv);
  for (const [name, schema] of Object.entries(documents)) ajv.addSchema(schema, `${name}.schema.json`);
  // Compiled eagerly, so a broken override is found here and not on the first record.
  const compiled = new Map(Object.entries(documents).map(([name, schema]) => [name, ajv.getSchema((schema as { $id: string }).$id)!]));
  return {
    get(name) {
      const fn = compiled.get(name);
      if (!fn) throw new Error(`no schema ${name}`);
      return fn;
    },
  };
}
