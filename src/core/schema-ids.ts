/**
 * Where each JSON Schema lives: its `$id` carries the package's major.minor version
 * (`https://itsm.local/schemas/v0.1/incident.schema.json`), so a document that names a schema names
 * the format of one release line. The site publishes each schema at the `$id`'s path and, as the
 * latest, at `/schemas/<name>.schema.json`. The version comes from package.json alone: the schema
 * files' `$id` are written by scripts/gen-types.ts and a test fails when one is stale.
 */

export const SCHEMA_HOST = 'https://itsm.local';

/** `v<major>.<minor>` of a package version ("0.1.3" -> "v0.1"); throws on a version that is not semver-like. */
export function schemaVersion(packageVersion: string): string {
  const m = /^(\d+)\.(\d+)\.\d+/.exec(packageVersion);
  if (!m) throw new Error(`package version ${JSON.stringify(packageVersion)} is not major.minor.patch`);
  return `v${m[1]}.${m[2]}`;
}

/** The path of a schema on the site and in its `$id`: `/schemas/v0.1/<name>.schema.json`. */
export function versionedSchemaPath(name: string, packageVersion: string): string {
  return `/schemas/${schemaVersion(packageVersion)}/${name}.schema.json`;
}

/** The path of the latest schema on the site: `/schemas/<name>.schema.json`. */
export function latestSchemaPath(name: string): string {
  return `/schemas/${name}.schema.json`;
}

/** The `$id` the schema `name` has in the package of version `packageVersion`. */
export function schemaId(name: string, packageVersion: string): string {
  return SCHEMA_HOST + versionedSchemaPath(name, packageVersion);
}

/**
 * The schema file's text with its `$id` set to `schemaId(name, packageVersion)`, the rest of the text
 * (layout, key order) unchanged; throws when the file has no top-level `$id` line to set.
 */
export function withSchemaId(text: string, name: string, packageVersion: string): string {
  const line = /^( {2}"\$id": )"[^"\n]*"(,?)$/m;
  if (!line.test(text)) throw new Error(`${name}.schema.json has no "$id" line`);
  return text.replace(line, (_all, head: string, comma: string) => `${head}${JSON.stringify(schemaId(name, packageVersion))}${comma}`);
}

/** The names of the schemas whose `$id` is not the one of `packageVersion` (empty when all are current). */
export function staleSchemaIds(documents: Record<string, object>, packageVersion: string): string[] {
  return Object.entries(documents)
    .filter(([name, doc]) => (doc as { $id?: unknown }).$id !== schemaId(name, packageVersion))
    .map(([name]) => name);
}

/**
 * The schema files the site publishes, by path under the site (no leading slash): each schema at its
 * `$id`'s path (`schemas/v0.1/<name>.schema.json`) and as the latest (`schemas/<name>.schema.json`).
 */
export function publishedSchemas(documents: Record<string, object>, packageVersion: string): Map<string, object> {
  const files = new Map<string, object>();
  for (const [name, doc] of Object.entries(documents)) {
    files.set(latestSchemaPath(name).slice(1), doc);
    files.set(versionedSchemaPath(name, packageVersion).slice(1), doc);
  }
  return files;
}
