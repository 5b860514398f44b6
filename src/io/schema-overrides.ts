/**
 * The validators a workspace's records are checked with: the package's precompiled ones, or, when
 * the workspace has schema overrides (schemas/<kind>.schema.json, see core/validate/schema-override.ts),
 * the package's schemas with the overrides merged in, compiled by ajv at run time. Only a workspace
 * with overrides pays for compiling.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../core/diagnostic.ts';
import { REGISTRY } from '../core/kinds/index.ts';
import { mergeSchemaOverride } from '../core/validate/schema-override.ts';
import { positionOf } from '../core/yaml-load.ts';
import { AJV_OPTIONS, type Validators } from '../core/validate/validators.ts';
import { isPackageRoot } from './package-root.ts';
import { locate, type Position } from './positions.ts';
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
  const applied: Array<{ name: string; file: string; text: string }> = [];
  for (const { name, file, text } of files) {
    if (typeof text === 'object') {
      diagnostics.push(
        overrideProblem(
          file,
          `${file} is a symlink; itsm does not follow links in a workspace.`,
          'Replace the link with a regular file holding the override (copy the file it points to over it).',
        ),
      );
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      diagnostics.push(jsonProblem(file, text, err as Error));
      continue;
    }
    const result = mergeSchemaOverride(documents[name]!, parsed, file);
    for (const d of result.diagnostics) diagnostics.push(overrideProblem(file, d.message, d.hint ?? COMPILE_HINT, at(text, d.pointer ?? '')));
    if (result.schema) {
      merged[name] = result.schema;
      applied.push({ name, file, text });
    }
  }
  let validators: Validators | undefined;
  if (applied.length) {
    const all = compile(merged);
    if ('validators' in all) validators = all.validators;
    else {
      // Compiled one override at a time, to name the file (and where in it) that ajv refused.
      const before = diagnostics.length;
      for (const { name, file, text } of applied) {
        const one = compile({ ...documents, [name]: merged[name]! });
        if ('problem' in one)
          diagnostics.push(overrideProblem(file, `The schema override does not compile: ${one.problem}`, COMPILE_HINT, at(text, one.pointer)));
      }
      // Each compiles alone, not together: every one of them is named.
      if (diagnostics.length === before)
        for (const { file } of applied) diagnostics.push(overrideProblem(file, `The schema overrides do not compile together: ${all.problem}`, COMPILE_HINT));
    }
  }
  const out: WorkspaceSchemas = { validators, hash: key, diagnostics, documents: validators ? merged : documents };
  cache.set(key, out);
  return out;
}

const COMPILE_HINT = 'Each field in `properties` must be a JSON Schema (draft 2020-12) that ajv accepts in strict mode; see docs/adopting.md.';
const WHOLE_FILE: Position = { line: 0, column: 0 };

/** Every problem with an override file is this one rule, on that file, with a hint; `where` is 1-based (0: the whole file). */
function overrideProblem(file: string, message: string, hint: string, where: Position = WHOLE_FILE): Diagnostic {
  return { file, line: where.line, column: where.column, rule: 'schema/override', severity: 'error', message, hint };
}

/** Where a JSON pointer points in the override's text (JSON is YAML, so the YAML locator finds it). */
function at(text: string, pointer: string): Position {
  return locate(text, pointer, { line: 1, column: 1 });
}

/**
 * Broken JSON, at the line and column the parser stopped: V8 says "at position N" (an offset),
 * or nothing when the text ends early (then the end of the text is where it stopped).
 */
function jsonProblem(file: string, text: string, err: Error): Diagnostic {
  const offset = /\bat position (\d+)/.exec(err.message);
  const { line, column } = positionOf(text, offset ? Number(offset[1]) : text.length);
  // The position is in the diagnostic; V8's own copy of it would only repeat it.
  const reason = err.message.replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?/, '');
  return overrideProblem(
    file,
    `The schema override is not valid JSON: ${reason}.`.replace(/\.\.$/, '.'),
    'Put keys and strings in double quotes, and leave out trailing commas and comments: until the file parses, the override is not applied.',
    { line: line + 1, column: column + 1 },
  );
}

/** The validators, or why ajv refused the schemas (with a pointer into the override when ajv gives one). */
function compile(documents: Record<string, object>): { validators: Validators } | { problem: string; pointer: string } {
  // ajv's compiler is loaded only here: a workspace without overrides never needs it (both are CommonJS).
  const require = createRequire(import.meta.url);
  const { Ajv2020: Compiler } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };
  const addFormats = require('ajv-formats') as (ajv: Ajv2020) => void;
  const ajv = new Compiler(AJV_OPTIONS);
  addFormats(ajv);
  let compiled: Map<string, ValidateFunction>;
  try {
    for (const [name, schema] of Object.entries(documents)) ajv.addSchema(schema, `${name}.schema.json`);
    // Compiled eagerly, so a broken override is found here and not on the first record.
    compiled = new Map(Object.entries(documents).map(([name, schema]) => [name, ajv.getSchema((schema as { $id: string }).$id)!]));
  } catch (err) {
    // A schema that breaks the meta-schema leaves ajv's errors (with their path); strict mode names a path in its message.
    const pointer = ajv.errors?.[0]?.instancePath ?? /#(\/[^"]*)"/.exec((err as Error).message)?.[1] ?? '/properties';
    return { problem: (err as Error).message, pointer };
  }
  return {
    validators: {
      get(name) {
        const fn = compiled.get(name);
        if (!fn) throw new Error(`no schema ${name}`);
        return fn;
      },
    },
  };
}
