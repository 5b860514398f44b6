/** Compiles every schema once (ajv, all errors) into one validator per kind and policy file. */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

// ajv-formats is CommonJS: its default export is the plugin function at run time.
const addFormats = formats as unknown as (ajv: Ajv2020) => void;

export type SchemaDocuments = Record<string, object>;

export interface Validators {
  /** Validates against schemas/<name>.schema.json. */
  get(name: string): ValidateFunction;
}

/** `schemas` maps a schema name (file name without .schema.json) to its parsed JSON. */
export function compileValidators(schemas: SchemaDocuments): Validators {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, `${name}.schema.json`);
  const compiled = new Map<string, ValidateFunction>();
  return {
    get(name) {
      let fn = compiled.get(name);
      if (!fn) {
        const schema = schemas[name] as { $id?: string } | undefined;
        if (!schema) throw new Error(`no schema named ${name}`);
        fn = ajv.getSchema(schema.$id ?? `${name}.schema.json`);
        if (!fn) throw new Error(`schema ${name} did not compile`);
        compiled.set(name, fn);
      }
      return fn;
    },
  };
}
