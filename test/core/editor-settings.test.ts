/** The VS Code settings are derived from the kind registry and the schemas, and the committed ones are current. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedEditorFiles } from '../../scripts/gen-editor-settings.ts';
import { editorSettings } from '../../src/core/editor-settings.ts';
import { REGISTRY } from '../../src/core/kinds/index.ts';
import { buildRegistry } from '../../src/core/kinds/registry.ts';
import { readSchemas } from '../../src/io/schemas.ts';
import { REPO_ROOT } from '../helpers/workspace.ts';

type ContentType = { name: string; fields: Array<{ name: string; type: string; choices?: string[]; required?: boolean; multiple?: boolean }> };
const { documents } = readSchemas();
const { settings, extensions } = editorSettings(REGISTRY, documents);
const types = settings['frontMatter.taxonomy.contentTypes'] as ContentType[];
const field = (kind: string, name: string) => types.find((t) => t.name === kind)!.fields.find((f) => f.name === name)!;

describe('editor settings', () => {
  it('.vscode/settings.json and extensions.json are current (node scripts/gen-editor-settings.ts --check)', () => {
    for (const [file, expected] of Object.entries(expectedEditorFiles())) expect(readFileSync(join(REPO_ROOT, file), 'utf8'), file).toBe(expected);
  });

  it('gives every kind a content type and its folder, from the registry', () => {
    expect(types.map((t) => t.name)).toEqual([...REGISTRY.kinds]);
    expect(settings['frontMatter.content.pageFolders']).toContainEqual({ title: 'changes', path: '[[workspace]]/content/changes', contentTypes: ['change'] });
    const one = buildRegistry(REGISTRY.definitions.filter((d) => d.kind === 'team'));
    expect((editorSettings(one, documents).settings['frontMatter.taxonomy.contentTypes'] as ContentType[]).map((t) => t.name)).toEqual(['team']);
  });

  it("takes each field's kind, choices and requiredness from the schema", () => {
    expect(field('change', 'risk')).toMatchObject({ type: 'choice', choices: ['high', 'medium', 'low'], required: true });
    expect(field('change', 'planned_start')).toMatchObject({ type: 'datetime', required: true });
    expect(field('change', 'services')).toMatchObject({ type: 'list' });
    expect(field('change', 'template').required).toBeUndefined();
    expect(field('team', 'roles')).toMatchObject({ type: 'choice', multiple: true, choices: expect.arrayContaining(['cab', 'ecab']) });
  });

  it('associates the policy files and itsm.yaml with their schemas, and recommends both extensions', () => {
    const yaml = settings['yaml.schemas'] as Record<string, string[]>;
    expect(yaml['./schemas/change-policy.schema.json']).toEqual(['content/policies/change-policy.yaml']);
    for (const schema of Object.keys(yaml)) expect(existsSync(join(REPO_ROOT, schema)), schema).toBe(true);
    expect(extensions.recommendations).toEqual(['eliostruyf.vscode-front-matter', 'redhat.vscode-yaml']);
  });
});
