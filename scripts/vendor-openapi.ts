/**
 * Regenerates test/fixtures/github/openapi-schemas.json: the response schemas of the GitHub REST
 * operations `itsm approvals` calls, cut from GitHub's published OpenAPI description.
 *
 *   node scripts/vendor-openapi.ts [version]      (default: the version recorded in the fixture)
 *
 * @octokit/openapi unpacks to hundreds of megabytes, so it is never a project dependency: this script
 * fetches its tarball with `npm pack` into a temporary directory, extracts the one description file,
 * keeps only the operations below and the component schemas they reach, and records the version.
 * OpenAPI 3.0's `nullable` is rewritten to JSON Schema so ajv checks it exactly. GitHub's example response
 * of each operation is kept too, as the starting point of the bodies the test server serves.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The operations the GitHub client calls (src/io/github.ts, github-pulls.ts, pr-comment.ts). Keep in step with them: test/io/github.test.ts checks. */
export const OPERATIONS = [
  'pulls/get',
  'pulls/list-files',
  'pulls/list-reviews',
  'pulls/list-commits',
  'repos/list-pull-requests-associated-with-commit',
  'pulls/request-reviewers',
  // itsm collisions: the open pull requests and their change files at the head.
  'pulls/list',
  'repos/get-content',
  // itsm comment (src/io/pr-comment.ts): one comment per marker, kept updated.
  'issues/list-comments',
  'issues/create-comment',
  'issues/update-comment',
  'users/get-authenticated',
] as const;

const OUT = resolve(import.meta.dirname, '../test/fixtures/github/openapi-schemas.json');
const DESCRIPTION = 'package/generated/api.github.com.json';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

function recordedVersion(): string | undefined {
  if (!existsSync(OUT)) return undefined;
  return (JSON.parse(readFileSync(OUT, 'utf8')) as { version?: string }).version;
}

function fetchDescription(version: string): Obj {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-openapi-'));
  try {
    const out = execFileSync('npm', ['pack', `@octokit/openapi@${version}`, '--pack-destination', dir, '--silent'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!;
    execFileSync('tar', ['xzf', join(dir, out), '-C', dir, DESCRIPTION]);
    return JSON.parse(readFileSync(join(dir, DESCRIPTION), 'utf8')) as Obj;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Follows a local `#/a/b` pointer. */
function at(doc: Obj, ref: string): Json {
  let node: Json = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Obj)[part.replace(/~1/g, '/').replace(/~0/g, '~')]!;
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

/** OpenAPI 3.0 -> JSON Schema: `nullable: true` becomes an explicit null alternative; examples dropped. */
function toJsonSchema(node: Json, refs: Set<string>): Json {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, refs));
  if (node === null || typeof node !== 'object') return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'example' || k === 'examples' || k.startsWith('x-') || k === 'nullable') continue;
    if (k === '$ref' && typeof v === 'string') {
      refs.add(v);
      out[k] = v.replace('#/components/schemas/', '#/$defs/');
      continue;
    }
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Obj).map(([p, s]) => [p, toJsonSchema(s, refs)])) : toJsonSchema(v, refs);
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function main(): void {
  const version = process.argv[2] ?? recordedVersion();
  if (!version) throw new Error('usage: node scripts/vendor-openapi.ts <@octokit/openapi version>');
  const doc = fetchDescription(version);
  const operations: Obj = {};
  const refs = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Obj)) {
    for (const [method, op] of Object.entries(item as Obj)) {
      const id = (op as Obj).operationId as string;
      if (!(OPERATIONS as readonly string[]).includes(id)) continue;
      const responses: Obj = {};
      const examples: Obj = {};
      for (const [status, res] of Object.entries((op as Obj).responses as Obj)) {
        const response = ((res as Obj).$ref ? at(doc, (res as Obj).$ref as string) : res) as Obj;
        const schema = ((response.content as Obj | undefined)?.['application/json'] as Obj | undefined)?.schema;
        if (schema) responses[status] = toJsonSchema(schema, refs);
        const example = ((response.content as Obj | undefined)?.['application/json'] as Obj | undefined)?.examples as Obj | undefined;
        const first = example && (Object.values(example)[0] as Obj | undefined);
        if (first) examples[status] = ((first.$ref ? at(doc, first.$ref as string) : first) as Obj).value ?? null;
      }
      // GitHub's own examples: the test server builds its bodies from them, so they look like the real thing.
      operations[id] = { method: method.toUpperCase(), path, responses, examples };
    }
  }
  const missing = OPERATIONS.filter((id) => !operations[id]);
  if (missing.length) throw new Error(`operations not in @octokit/openapi@${version}: ${missing.join(', ')}`);
  // Close over the referenced component schemas.
  const defs: Obj = {};
  const queue = [...refs];
  while (queue.length) {
    const ref = queue.pop()!;
    const name = ref.replace('#/components/schemas/', '');
    if (defs[name]) continue;
    const found = new Set<string>();
    defs[name] = toJsonSchema(at(doc, ref), found);
    for (const r of found) if (!defs[r.replace('#/components/schemas/', '')]) queue.push(r);
  }
  const sorted = Object.fromEntries(
    Object.keys(defs)
      .sort()
      .map((k) => [k, defs[k]!]),
  );
  const fixture = {
    source: '@octokit/openapi',
    version,
    description: DESCRIPTION.replace('package/', ''),
    generatedBy: 'node scripts/vendor-openapi.ts',
    operations,
    $defs: sorted,
  };
  writeFileSync(OUT, JSON.stringify(fixture, null, 1) + '\n');
  console.log(`wrote ${OUT}: ${Object.keys(operations).length} operations, ${Object.keys(sorted).length} schemas, @octokit/openapi@${version}`);
}

if (import.meta.main) main();
