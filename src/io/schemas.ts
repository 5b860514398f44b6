/** Reads the tool's JSON Schemas (schemas/ beside src/), once per process. */
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { packagePath } from './package-root.ts';
import type { SchemaDocuments } from '../core/validate/validators.ts';

export const SCHEMAS_DIR = packagePath('schemas') + '/';

let cached: { documents: SchemaDocuments; hash: string } | undefined;

/** Schema documents by name (file name without .schema.json), and a hash of all of them for caches. */
export function readSchemas(): { documents: SchemaDocuments; hash: string } {
  if (cached) return cached;
  const documents: SchemaDocuments = {};
  const hash = createHash('sha1');
  for (const file of readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()) {
    const text = readFileSync(SCHEMAS_DIR + file, 'utf8');
    hash.update(file).update(text);
    documents[file.replace(/\.schema\.json$/, '')] = JSON.parse(text) as object;
  }
  cached = { documents, hash: hash.digest('hex') };
  return cached;
}
