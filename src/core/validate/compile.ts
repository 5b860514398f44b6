/** Compiles schemas with ajv at run time (tests, tools); the CLI loads precompiled validators instead. */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { AJV_OPTIONS, type SchemaDocuments, type Validators } from './validators.ts';

// ajv-formats is CommonJS: its default export is the plugin function at run time.
const addFormats = formats as unknown as (ajv: Ajv2020) => void;

/** Compiles `schemas` (schema name -> parsed JSON) with ajv; each on first use. */
export function compileValidators(schemas: SchemaDocuments): Validators {
  const ajv = new Ajv2020(AJV_OPTIONS);
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
