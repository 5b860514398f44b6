// Generates, from schemas/*.schema.json, so that types, validators and schemas never drift:
//   schemas/*.schema.json                their `$id`, from the version in package.json (src/core/schema-ids.ts)
//   src/core/generated/schema-types.ts   TypeScript types (json-schema-to-typescript)
//   src/core/generated/validators.js     precompiled ajv validators (+ .d.ts)
// `npm run gen:types` rewrites them; test/schemas/schemas.test.ts fails when they are stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSchemaTypes } from './lib/schema-types.ts';
import { renderStandaloneValidators } from './lib/standalone-validators.ts';
import { stampSchemaIds } from './lib/stamp-schema-ids.ts';

const stamped = stampSchemaIds();
if (stamped.length) console.log(`set the versioned $id in ${stamped.join(', ')}`);
const dir = fileURLToPath(new URL('../src/core/generated/', import.meta.url));
writeFileSync(dir + 'schema-types.ts', await renderSchemaTypes());
const { js, dts } = renderStandaloneValidators();
writeFileSync(dir + 'validators.js', js);
writeFileSync(dir + 'validators.d.ts', dts);
console.log(`wrote ${dir}schema-types.ts, validators.js, validators.d.ts`);
