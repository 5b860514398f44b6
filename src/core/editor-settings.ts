/**
 * Editor settings that make VS Code complete and check front matter: derived from the kind registry
 * and the JSON Schemas, never listed by hand (scripts/gen-editor-settings.ts writes them for this
 * repository, `itsm init` for a new workspace). What each extension accepts was checked against the
 * configuration it declares (test/fixtures/editor/ holds those fragments, docs/decisions.md the findings):
 *
 * - Records are Markdown with YAML front matter. The YAML extension (redhat.vscode-yaml) reads YAML
 *   documents only: `yaml.schemas` does not reach front matter inside `.md` files. The Front Matter
 *   CMS extension (eliostruyf.vscode-front-matter) does: each kind is a content type whose fields
 *   (choices for enums, required fields, dates, lists, nested objects, lists of objects as blocks)
 *   come from its schema, and each kind's folder is a page folder of that content type. Its settings
 *   go to `frontmatter.json`, its project file: the extension activates on that file, and a team
 *   shares it (`.vscode/settings.json` stays each person's override).
 * - The extension picks a file's content type by its `type` field before its folder, so a kind whose
 *   records have a `type` (a CI's `database`, a change's `normal`) also gets one content type per
 *   value, with the kind's fields.
 * - The policy files and itsm.yaml are plain YAML: for them `yaml.schemas` gives completion and checks
 *   against the schema itself.
 * `itsm validate` stays the check that counts; the editor only helps while typing.
 */
import { POLICY_FILES } from './model.ts';
import type { KindRegistry } from './kinds/registry.ts';
import type { SchemaDocuments } from './validate/validators.ts';

type Json = Record<string, unknown>;

/** A Front Matter CMS content type field (the subset of the extension's field settings we emit). */
export interface FrontMatterField {
  title: string;
  name: string;
  type: 'string' | 'number' | 'boolean' | 'datetime' | 'choice' | 'list' | 'fields' | 'block';
  description?: string;
  required?: boolean;
  choices?: string[];
  multiple?: boolean;
  /** date-fns format of a `datetime` field; without it the extension writes an ISO instant in UTC. */
  dateFormat?: string;
  fields?: FrontMatterField[];
  /** Of a `block` field: the field group its items follow. */
  fieldGroup?: string;
}

/** A Front Matter CMS field group: the fields of one item of a `block` list. */
export interface FrontMatterFieldGroup {
  id: string;
  labelField?: string;
  fields: FrontMatterField[];
}

export interface EditorSettings {
  /** `frontmatter.json`: the Front Matter CMS project settings. */
  frontMatter: Json;
  /** `.vscode/settings.json`: the YAML extension's schema associations. */
  vscode: Json;
  /** `.vscode/extensions.json`. */
  extensions: { recommendations: string[] };
}

export const RECOMMENDED_EXTENSIONS = ['eliostruyf.vscode-front-matter', 'redhat.vscode-yaml'];
export const FRONT_MATTER_SCHEMA = 'https://frontmatter.codes/frontmatter.schema.json';

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

/** Collects the field groups that `block` fields refer to, one per list-item definition. */
class Groups {
  readonly list: FrontMatterFieldGroup[] = [];

  /** The id of the group for `items` (a `$ref` names it after its definition, `common.timelineEntry`). */
  add(items: Json, fallbackId: string, schemas: SchemaDocuments, doc: string, depth: number): string {
    const ref = typeof items.$ref === 'string' ? items.$ref : undefined;
    const { node, doc: at } = resolve(items, schemas, doc);
    const id = ref ? `${at}.${ref.split('/').pop()}` : fallbackId;
    if (this.list.some((g) => g.id === id)) return id;
    const group: FrontMatterFieldGroup = { id, fields: [] };
    this.list.push(group);
    group.fields = fieldsOf(node, schemas, at, this, id, depth + 1);
    const label = ['name', 'title', 'id', 'at'].find((name) => group.fields.some((f) => f.name === name));
    if (label) group.labelField = label;
    return id;
  }
}

/** One schema property as a Front Matter field; undefined when the extension has no field for it (a string-or-object value, a free-form map). */
function fieldOf(
  name: string,
  raw: Json,
  required: boolean,
  ctx: { schemas: SchemaDocuments; doc: string; groups: Groups; path: string; depth: number },
): FrontMatterField | undefined {
  const { schemas, groups, depth } = ctx;
  const { node, doc: at } = resolve(raw, schemas, ctx.doc);
  const base = {
    title: name,
    name,
    ...(typeof node.description === 'string' ? { description: node.description } : {}),
    ...(required ? { required: true } : {}),
  };
  if (Array.isArray(node.enum)) return { ...base, type: 'choice', choices: node.enum.map(String) };
  const type = typeOf(node);
  if (type === 'string') {
    if (node.format === 'date') return { ...base, type: 'datetime', dateFormat: 'yyyy-MM-dd' };
    return { ...base, type: node.format === 'date-time' ? 'datetime' : 'string' };
  }
  if (type === 'number' || type === 'integer') return { ...base, type: 'number' };
  if (type === 'boolean') return { ...base, type: 'boolean' };
  if (type === 'array') {
    const rawItems = (node.items as Json | undefined) ?? {};
    const items = resolve(rawItems, schemas, at).node;
    if (Array.isArray(items.enum)) return { ...base, type: 'choice', choices: items.enum.map(String), multiple: true };
    if (typeOf(items) === 'string') return { ...base, type: 'list' };
    if (typeOf(items) === 'object' && items.properties && depth < 2)
      return { ...base, type: 'block', fieldGroup: groups.add(rawItems, `${ctx.path}.${name}`, schemas, at, depth) };
    return undefined;
  }
  if (type === 'object' && node.properties && depth < 2)
    return { ...base, type: 'fields', fields: fieldsOf(node, schemas, at, groups, `${ctx.path}.${name}`, depth + 1) };
  return undefined;
}

function fieldsOf(schema: Json, schemas: SchemaDocuments, doc: string, groups: Groups, path: string, depth = 0): FrontMatterField[] {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties as Record<string, Json> | undefined) ?? {}).flatMap(([name, prop]) => {
    const field = fieldOf(name, prop, required.has(name), { schemas, doc, groups, path, depth });
    return field ? [field] : [];
  });
}

/**
 * The settings and recommended extensions for a workspace whose records follow `registry` and
 * `schemas`; `schemaPath` says where the YAML extension finds a schema file, relative to the
 * workspace (`./schemas/<name>.schema.json` in this repository, under node_modules/itsm in a workspace).
 */
export function editorSettings(registry: KindRegistry, schemas: SchemaDocuments, schemaPath: (name: string) => string): EditorSettings {
  const groups = new Groups();
  const taken = new Set<string>(registry.kinds);
  const contentTypes = registry.definitions.flatMap((k) => {
    const fields = fieldsOf(schemas[k.schema] as Json, schemas, k.schema, groups, k.kind);
    const typeValues = fields.find((f) => f.name === 'type' && f.type === 'choice')?.choices ?? [];
    const aliases = typeValues.filter((value) => !taken.has(value) && taken.add(value));
    return [k.kind, ...aliases].map((name) => ({ name, pageBundle: false, previewPath: null, fields }));
  });
  const yamlSchemas: Record<string, string[]> = { [schemaPath('workspace')]: ['itsm.yaml'] };
  for (const p of Object.values(POLICY_FILES)) yamlSchemas[schemaPath(p.schema)] = [`content/policies/${p.file}`];
  return {
    frontMatter: {
      $schema: FRONT_MATTER_SCHEMA,
      'frontMatter.taxonomy.contentTypes': contentTypes,
      'frontMatter.taxonomy.fieldGroups': groups.list,
      // New records come from `itsm new` (next ID as the file name, the team's template, checked);
      // the extension would name a file after its title. Folders still pick the content type.
      'frontMatter.content.pageFolders': registry.definitions.map((k) => ({
        title: k.plural,
        path: `[[workspace]]/content/${k.folder}`,
        contentTypes: [k.kind],
        disableCreation: true,
      })),
    },
    vscode: { 'yaml.schemas': yamlSchemas },
    extensions: { recommendations: RECOMMENDED_EXTENSIONS },
  };
}

/** The files `editorSettings` gives, by path from the workspace root, as they are written. */
export function editorFiles(settings: EditorSettings): Record<string, string> {
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  return {
    'frontmatter.json': json(settings.frontMatter),
    '.vscode/settings.json': json(settings.vscode),
    '.vscode/extensions.json': json(settings.extensions),
  };
}
