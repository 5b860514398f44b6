/**
 * A workspace's own fields for a kind: `schemas/<kind>.schema.json` in the workspace, merged over
 * the package's schema of that kind. The override only adds: new `properties` (each a JSON Schema)
 * and, among its own new fields, `required` ones. A field the package already has is an error (an
 * upgrade of the package may change it; a local copy would silently drift), and so is any other
 * key. Upgrades never touch the file: the package's schema and the workspace's fields stay apart.
 */
import type { Diagnostic } from '../diagnostic.ts';

/** The keys an override may have. */
const ALLOWED = new Set(['$schema', '$comment', 'title', 'description', 'properties', 'required']);

export interface MergedSchema {
  /** The package's schema with the override's fields added (undefined when the override is refused). */
  schema: object | undefined;
  diagnostics: Diagnostic[];
}

type Schema = { properties?: Record<string, unknown>; required?: string[]; [key: string]: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON pointer to a key path (RFC 6901 escapes). */
function pointerTo(...keys: string[]): string {
  return keys.map((k) => '/' + k.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Merges `override` (parsed JSON of `file`) over the package's schema `base`. */
export function mergeSchemaOverride(base: object, override: unknown, file: string): MergedSchema {
  // The pointer says where in the override the problem is; the reader turns it into a line and column.
  const problem = (message: string, hint: string, pointer = ''): MergedSchema => ({
    schema: undefined,
    diagnostics: [{ file, line: 0, column: 0, rule: 'schema/override', severity: 'error', message, hint, pointer }],
  });
  const hint = 'An override has `properties` (your new fields, each a JSON Schema) and optionally `required` (some of those fields); see docs/adopting.md.';
  if (!isObject(override)) return problem('The schema override is not a JSON object.', hint);
  const unknown = Object.keys(override).filter((k) => !ALLOWED.has(k));
  if (unknown.length)
    return problem(`The schema override may only add fields; it has ${unknown.map((k) => `\`${k}\``).join(', ')}.`, hint, pointerTo(unknown[0]!));
  const props = override.properties ?? {};
  if (!isObject(props)) return problem('`properties` of the schema override must be an object of field schemas.', hint, '/properties');
  const own = (base as Schema).properties ?? {};
  const clashes = Object.keys(props).filter((k) => Object.hasOwn(own, k));
  if (clashes.length)
    return problem(
      `The schema override redefines ${clashes.map((k) => `\`${k}\``).join(', ')}, which the package's schema already has.`,
      'Give your field another name (a prefix such as `x_` keeps it clear of future package fields).',
      pointerTo('properties', clashes[0]!),
    );
  const bad = Object.entries(props).filter(([, v]) => !isObject(v) && typeof v !== 'boolean');
  if (bad.length)
    return problem(`Field ${bad.map(([k]) => `\`${k}\``).join(', ')} of the schema override is not a JSON Schema.`, hint, pointerTo('properties', bad[0]![0]));
  const required = override.required ?? [];
  if (!Array.isArray(required) || required.some((r) => typeof r !== 'string' || !Object.hasOwn(props, r)))
    return problem('`required` of the schema override may only list fields the override itself adds.', hint, '/required');
  const merged: Schema = { ...(base as Schema), properties: { ...own, ...props } };
  if (required.length) merged.required = [...((base as Schema).required ?? []), ...(required as string[])];
  return { schema: merged, diagnostics: [] };
}
