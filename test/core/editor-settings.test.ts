/**
 * The editor settings are derived from the kind registry and the schemas, the committed ones are
 * current, and they are what the two extensions declare they accept (test/fixtures/editor/ holds the
 * configuration schemas the extensions ship in their package.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { expectedEditorFiles } from '../../scripts/gen-editor-settings.ts';
import { editorFiles, editorSettings, type FrontMatterField, type FrontMatterFieldGroup } from '../../src/core/editor-settings.ts';
import { REGISTRY } from '../../src/core/kinds/index.ts';
import { buildRegistry } from '../../src/core/kinds/registry.ts';
import { readSchemas } from '../../src/io/schemas.ts';
import { REPO_ROOT } from '../helpers/workspace.ts';

type ContentType = { name: string; fields: FrontMatterField[] };
const { documents } = readSchemas();
const local = (name: string) => `./schemas/${name}.schema.json`;
const { frontMatter, vscode, extensions } = editorSettings(REGISTRY, documents, local);
const types = frontMatter['frontMatter.taxonomy.contentTypes'] as ContentType[];
const groups = frontMatter['frontMatter.taxonomy.fieldGroups'] as FrontMatterFieldGroup[];
const field = (kind: string, name: string) => types.find((t) => t.name === kind)!.fields.find((f) => f.name === name)!;
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/editor/${name}`, import.meta.url), 'utf8')) as object;
// VS Code reads extension settings schemas as draft 7 (the Front Matter one uses `"$id": "#name"` anchors).
const ajv = new Ajv({ allErrors: true, strict: false });

describe('editor settings', () => {
  it('frontmatter.json, .vscode/settings.json and extensions.json are current (node scripts/gen-editor-settings.ts --check)', () => {
    for (const [file, expected] of Object.entries(expectedEditorFiles())) expect(readFileSync(join(REPO_ROOT, file), 'utf8'), file).toBe(expected);
  });

  it('are valid Front Matter CMS settings, as the extension declares them', () => {
    const validate = ajv.compile(fixture('front-matter-settings.schema.json'));
    expect(validate(frontMatter), JSON.stringify(validate.errors)).toBe(true);
    // The check can fail: a `json` field without the `dataType` the extension requires is refused.
    expect(validate({ 'frontMatter.taxonomy.contentTypes': [{ name: 'incident', fields: [{ name: 'caller', type: 'json' }] }] })).toBe(false);
    expect(frontMatter.$schema).toBe('https://frontmatter.codes/frontmatter.schema.json');
  });

  it('are valid YAML extension settings, as the extension declares them', () => {
    const validate = ajv.compile(fixture('yaml-settings.schema.json'));
    expect(validate(vscode), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ 'yaml.schemas': { './schemas/sla.schema.json': 3 } })).toBe(false);
  });

  it('gives every kind a content type and its folder, from the registry', () => {
    expect(types.map((t) => t.name).filter((n) => (REGISTRY.kinds as readonly string[]).includes(n))).toEqual([...REGISTRY.kinds]);
    expect(frontMatter['frontMatter.content.pageFolders']).toContainEqual({
      title: 'changes',
      path: '[[workspace]]/content/changes',
      contentTypes: ['change'],
      // Records are made by `itsm new`, which names the file after the next ID.
      disableCreation: true,
    });
    const one = buildRegistry(REGISTRY.definitions.filter((d) => d.kind === 'team'));
    expect((editorSettings(one, documents, local).frontMatter['frontMatter.taxonomy.contentTypes'] as ContentType[]).map((t) => t.name)).toEqual(['team']);
  });

  it('a CI or change, whose `type` the extension reads as the content type before its folder, gets its fields under every type', () => {
    const ci = types.find((t) => t.name === 'ci')!;
    for (const value of field('ci', 'type').choices!) expect(types.find((t) => t.name === value)?.fields, value).toEqual(ci.fields);
    expect(types.find((t) => t.name === 'normal')?.fields).toEqual(types.find((t) => t.name === 'change')!.fields);
    // Kinds without a `type` field get no extra content types, and no name is given twice.
    expect(types.filter((t) => t.fields.some((f) => f.name === 'caused_by_change'))).toHaveLength(1);
    expect(new Set(types.map((t) => t.name)).size).toBe(types.length);
  });

  it("takes each field's kind, choices and requiredness from the schema", () => {
    expect(field('change', 'risk')).toMatchObject({ type: 'choice', choices: ['high', 'medium', 'low'], required: true });
    expect(field('change', 'planned_start')).toMatchObject({ type: 'datetime', required: true });
    expect(field('change', 'planned_start').dateFormat).toBeUndefined();
    expect(field('kb', 'review_by')).toMatchObject({ type: 'datetime', dateFormat: 'yyyy-MM-dd' });
    expect(field('change', 'services')).toMatchObject({ type: 'list' });
    expect(field('change', 'template').required).toBeUndefined();
    expect(field('team', 'roles')).toMatchObject({ type: 'choice', multiple: true, choices: expect.arrayContaining(['cab', 'ecab']) });
    expect(field('incident', 'imported')).toBeUndefined();
    expect(field('incident', 'caller')).toBeUndefined();
  });

  it('edits lists of objects as blocks of one field group, shared by the kinds whose schema shares the definition', () => {
    expect(field('incident', 'timeline')).toMatchObject({ type: 'block', fieldGroup: 'common.timelineEntry' });
    expect(field('change', 'timeline')).toMatchObject({ type: 'block', fieldGroup: 'common.timelineEntry' });
    const timeline = groups.find((g) => g.id === 'common.timelineEntry')!;
    expect(timeline.labelField).toBe('at');
    expect(timeline.fields.find((f) => f.name === 'at')).toMatchObject({ type: 'datetime', required: true });
    expect(field('team', 'members')).toMatchObject({ type: 'block', fieldGroup: 'team.members' });
    expect(groups.filter((g) => g.id === 'common.timelineEntry')).toHaveLength(1);
    for (const type of types) for (const f of type.fields) if (f.type === 'block') expect(groups.map((g) => g.id)).toContain(f.fieldGroup);
  });

  it('associates the policy files and itsm.yaml with their schemas, and recommends both extensions', () => {
    const yaml = vscode['yaml.schemas'] as Record<string, string[]>;
    expect(yaml['./schemas/change-policy.schema.json']).toEqual(['content/policies/change-policy.yaml']);
    for (const schema of Object.keys(yaml)) expect(existsSync(join(REPO_ROOT, schema)), schema).toBe(true);
    expect(extensions.recommendations).toEqual(['eliostruyf.vscode-front-matter', 'redhat.vscode-yaml']);
    expect(Object.keys(editorFiles(editorSettings(REGISTRY, documents, local)))).toEqual([
      'frontmatter.json',
      '.vscode/settings.json',
      '.vscode/extensions.json',
    ]);
  });
});
