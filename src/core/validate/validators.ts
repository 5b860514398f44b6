/** Validators per kind and policy file: precompiled from the schemas, or compiled on the spot. */
import type { Options, ValidateFunction } from 'ajv/dist/2020.js';

export type SchemaDocuments = Record<string, object>;

/** The options every validator is built with: all errors, with the failing schema for messages. */
export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true };

export interface Validators {
  /** Validates against schemas/<name>.schema.json. */
  get(name: string): ValidateFunction;
}

/** The export name of a schema's validator in generated code (change-policy -> change_policy). */
export function exportName(schemaName: string): string {
  return schemaName.replace(/-/g, '_');
}

/** Validators from a module of precompiled functions (src/core/generated/validators.js). */
export function validatorsFrom(compiled: Record<string, unknown>): Validators {
  const byName = new Map<string, unknown>();
  return {
    get(name) {
      // Asked once per record: the name is turned into an export name once.
      let fn = byName.get(name);
      if (fn === undefined) byName.set(name, (fn = compiled[exportName(name)]));
      if (typeof fn !== 'function') throw new Error(`no precompiled validator for schema ${name}; run npm run gen:types`);
      return fn as ValidateFunction;
    },
  };
}
