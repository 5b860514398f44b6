/**
 * VS Code settings that make editors complete front matter: derived from the kind registry and the
 * JSON Schemas, never listed by hand (scripts/gen-editor-settings.ts writes them to .vscode/).
 *
 * - Records are Markdown with YAML front matter. The YAML extension (redhat.vscode-yaml) validates
 *   YAML documents only: its `yaml.schemas` associations do not reach front matter inside `.md`
 *   files. The Front Matter CMS extension (eliostruyf.vscode-front-matter) does: each kind becomes a
 *   content type whose fields (choices for enums, required fields, dates, lists) come from its schema,
 *   and each kind's folder is a page folder of that content type.
 * - The policy files and itsm.yaml are plain YAML: for them `yaml.schemas` gives completion and
 *   checks against the schema itself.
 * `itsm validate` stays the check that counts; the editor only helps while typing.
 */
import { POLICY_FILES } from './model.ts';
import type { KindRegistry } from './kinds/registry.ts';
import type { SchemaDocuments } from './validate/validators.ts';

type Json = Record<string, unknown>;

/** A Front Matter CMS content type field. */
export interface FrontMatterField {
  title: string;
  name: string;
  type: 'string' | 'number' | 'boolean' | 'datetime' | 'choice' | 'list' | 'fields' | 'json';
  description?: string;
  required?: boolean;
  choices?: string[];
  multiple?: boolean;
  fields?: FrontMatterField[];
}

export interface EditorSettings {
  settings: Json;
  extensions: { recommendations: string[] };
}

export const RECOMMENDED_EXTENSIONS = ['eliostruyf.vscode-front-matter', 'redhat.vscode-yaml'];

/** Follows `$ref` (within a document or to `<name>.schema.json#/...`) and merges the referring node's own keys on top. */
function resolve(node: Json, schemas: SchemaDocuments, doc: string): { node: Json; doc: string } {
  let current = node;
  let where = doc;
  for (let hop = 0; typeof current.$ref === 'string' && hop < 10; hop++) {
    const [file, pointer = ''] = current.$ref.split('#');
    const target = file ? file.replace(/\.schema\.json$/, '') : where;
    let found: unknown = schemas[target];
    for (const part of pointer.split('/').filter(Boolean)) found = (found as Json | undefined)?.[part];
    const { $ref: _ref, ...own } = current;
    where = target;
    current = { ...((found as Json | undefined) ?? {}), ...own };
  }
  return { node: current, doc: where };
}

function typeOf(node: Json): string | undefined {
  const t = node.type;
  return Array.isArray(t) ? (t.find((x) => x !== 'null') as string | undefined) : (t as string | undefined);
}

/** One schema property as a Front Matter field. */
function fieldOf(name: string, raw: Json, required: boolean, schemas: SchemaDocuments, doc: string, depth: number): FrontMatterField {
  const { node, doc: at } = resolve(raw, schemas, doc);
  const base = {
    title: name,
    name,
    ...(typeof node.description === 'string' ? { description: node.description } : {}),
    ...(required ? { required: true } : {}),
  };
  if (Array.isArray(node.enum)) return { ...base, type: 'choice', choices: node.enum.map(String) };
  const type = typeOf(node);
  if (type === 'string') {
    const isTime = node.format === 'date-time' || node.format === 'date' || /timestamp|date/i.test(String(raw.$ref ?? ''));
    return { ...base, type: isTime ? 'datetime' : 'string' };
  }
  if (type === 'number' || type === 'integer') return { ...base, type: 'number' };
  if (type === 'boolean') return { ...base, type: 'boolean' };
  if (type === 'array') {
    const items = resolve((node.items as Json | undefined) ?? {}, schemas, at).node;
    if (Array.isArray(items.enum)) return { ...base, type: 'choice', choices: items.enum.map(String), multiple: true };
    if (typeOf(items) === 'string') return { ...base, type: 'list' };
    return { ...base, type: 'json' };
  }
  if (type === 'object' && node.properties && depth < 2) return { ...base, type: 'fields', fields: fieldsOf(node, schemas, at, depth + 1) };
  return { ...base, type: 'json' };
}

function fieldsOf(schema: Json, schemas: SchemaDocuments, doc: string, depth = 0): FrontMatterField[] {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties as Record<string, Json> | undefined) ?? {}).map(([name, prop]) =>
    fieldOf(name, prop, required.has(name), schemas, doc, depth),
  );
}

/** The settings and recommended extensions for a workspace whose records follow `registry` and `schemas`. */
export function editorSettings(registry: KindRegistry, schemas: SchemaDocuments): EditorSettings {
  const kinds = registry.definitions;
  const yamlSchemas: Record<string, string[]> = { './schemas/workspace.schema.json': ['itsm.yaml'] };
  for (const p of Object.values(POLICY_FILES)) yamlSchemas[`./schemas/${p.schema}.schema.json`] = [`content/policies/${p.file}`];
  return {
    settings: {
      'frontMatter.taxonomy.contentTypes': kinds.map((k) => ({
        name: k.kind,
        pageBundle: false,
        previewPath: null,
        fields: fieldsOf(schemas[k.schema] as Json, schemas, k.schema),
      })),
      'frontMatter.content.pageFolders': kinds.map((k) => ({ title: k.plural, path: `[[workspace]]/content/${k.folder}`, contentTypes: [k.kind] })),
      'yaml.schemas': yamlSchemas,
    },
    extensions: { recommendations: RECOMMENDED_EXTENSIONS },
  };
}
