// Generates src/core/generated/schema-types.ts from schemas/*.schema.json so types and schemas never drift.
// `npm run gen:types` rewrites the file; test/core/schema-types.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSchemaTypes } from './lib/schema-types.ts';

const out = fileURLToPath(new URL('../src/core/generated/schema-types.ts', import.meta.url));
writeFileSync(out, await renderSchemaTypes());
console.log(`wrote ${out}`);
