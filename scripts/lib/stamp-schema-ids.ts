import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { withSchemaId } from '../../src/core/schema-ids.ts';
import { SCHEMAS_DIR } from '../../src/io/schemas.ts';
import { packageVersion } from '../../src/io/version.ts';

/**
 * Sets every schema's `$id` to the one of the package version (package.json is the only place the
 * version is written); returns the files it changed. Runs before anything reads the schemas.
 */
export function stampSchemaIds(): string[] {
  const changed: string[] = [];
  for (const file of readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'))) {
    const text = readFileSync(SCHEMAS_DIR + file, 'utf8');
    const stamped = withSchemaId(text, file.replace(/\.schema\.json$/, ''), packageVersion());
    if (stamped === text) continue;
    writeFileSync(SCHEMAS_DIR + file, stamped);
    changed.push(file);
  }
  return changed;
}
