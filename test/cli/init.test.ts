/**
 * `itsm init`: a team starts its own workspace repository from the installed package. It must
 * validate at once, depend on this version, call the package from its workflows (which pass the
 * same workflow checks as this repository's), and never write into a folder that has files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KINDS, KIND_INFO } from '../../src/core/ids.ts';
import { injectionPoints, writeTokenExposures } from '../helpers/workflows.ts';
import { REPO_ROOT, runMain } from '../helpers/workspace.ts';

const validator = createRequire(import.meta.url)('@action-validator/core') as { validateWorkflow(src: string): { errors: unknown[] } };
const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const temp = mkdtempSync(join(tmpdir(), 'itsm-init-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const env = { ITSM_NOW: '2026-12-01T08:00:00Z' };

const created = await runMain(['init', 'service-desk'], { cwd: temp, env });
const ws = join(temp, 'service-desk');
const read = (rel: string) => readFileSync(join(ws, rel), 'utf8');

describe('itsm init DIR', () => {
  it('creates the folder, says what it made and what to do next', () => {
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created service-desk: `);
    expect(created.stdout).toContain(`depending on itsm ${version}`);
    expect(created.stdout).toContain('npm install');
  });

  it('writes one example record per kind, and the workspace validates without errors', async () => {
    for (const kind of KINDS)
      expect(
        readdirSync(join(ws, 'content', KIND_INFO[kind].folder)).filter((f) => f.endsWith('.md')),
        kind,
      ).toHaveLength(1);
    const result = await runMain(['validate'], { cwd: ws });
    expect(result.stdout).toContain(`no errors`);
    expect(result.stdout).toContain(`in ${KINDS.length} records`);
    expect(result.code).toBe(0);
  });

  it('keeps the default policies, without the demo entries that name records it does not have', () => {
    expect(readdirSync(join(ws, 'content/policies')).sort()).toEqual(readdirSync(join(REPO_ROOT, 'content/policies')).sort());
    const sla = read('content/policies/sla.yaml');
    expect(sla).toContain('id: incident-standard');
    expect(sla).not.toContain('SVC-payments');
    expect(read('content/policies/change-policy.yaml')).toContain('Year-end trading freeze');
  });

  it('depends on this version of the package, and copies none of its code', () => {
    const pkg = JSON.parse(read('package.json')) as { name: string; dependencies: Record<string, string> };
    expect(pkg).toMatchObject({ name: 'service-desk', dependencies: { itsm: version } });
    expect(
      readdirSync(ws)
        .filter((f) => f !== '.itsm-cache')
        .sort(),
    ).toEqual(['.git', '.github', '.gitignore', '.vscode', 'README.md', 'content', 'frontmatter.json', 'itsm.yaml', 'package.json']);
    expect(read('README.md')).toContain('# Service desk');
  });

  it('is a git repository with everything in its first commit', () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, encoding: 'utf8' }).trim();
    expect(git('log', '--format=%s')).toBe(`Start the ITSM workspace (itsm ${version})`);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('ls-files')).toContain('.github/workflows/validate.yml');
  });

  it('gives CODEOWNERS the policies, the workflows and the package files', () => {
    const owners = read('.github/CODEOWNERS');
    for (const path of ['/content/policies/', '/content/teams/', '/.github/', 'package.json', 'package-lock.json'])
      expect(owners).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+@OWNER/cab$`, 'm'));
  });

  it('writes the editor settings: content types for every kind, and the policy schemas of the installed package', async () => {
    expect(JSON.parse(read('.vscode/extensions.json'))).toEqual({ recommendations: ['eliostruyf.vscode-front-matter', 'redhat.vscode-yaml'] });
    const frontMatter = JSON.parse(read('frontmatter.json')) as Record<string, Array<{ name?: string; path?: string }>>;
    const types = frontMatter['frontMatter.taxonomy.contentTypes']!.map((t) => t.name);
    for (const kind of KINDS) expect(types).toContain(kind);
    expect(frontMatter['frontMatter.content.pageFolders']!.map((f) => f.path)).toContain('[[workspace]]/content/incidents');
    const yaml = (JSON.parse(read('.vscode/settings.json')) as { 'yaml.schemas': Record<string, string[]> })['yaml.schemas'];
    expect(yaml['./node_modules/itsm/schemas/sla.schema.json']).toEqual(['content/policies/sla.yaml']);
    // Each path names a schema the package ships, where npm install puts it.
    for (const path of Object.keys(yaml)) expect(readdirSync(join(REPO_ROOT, 'schemas'))).toContain(path.replace('./node_modules/itsm/schemas/', ''));
    expect(readFileSync(join(ws, 'frontmatter.json'), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'frontmatter.json'), 'utf8'));
    // The same files `itsm editor-settings` writes.
    expect(await runMain(['editor-settings', '--check'], { cwd: ws })).toMatchObject({ code: 0, stdout: 'The editor settings are current.\n' });
  });

  it('writes the intake issue forms for its own services', () => {
    const form = read('.github/ISSUE_TEMPLATE/report-incident.yml');
    const service = readdirSync(join(ws, 'content/services'))[0]!.replace(/\.md$/, '');
    expect(form).toContain(service);
  });
});

const workflows = readdirSync(join(ws, '.github/workflows')).filter((f) => f.endsWith('.yml'));
it("has this repository's workflows, and the upgrade check", () => {
  expect(workflows).toEqual([...readdirSync(join(REPO_ROOT, '.github/workflows')), 'upgrade-check.yml'].filter((f) => f.endsWith('.yml')).sort());
});
describe.each(workflows)('the workspace workflow %s', (file) => {
  const text = readFileSync(join(ws, '.github/workflows', file), 'utf8');
  it('calls the installed package, never source files', () => {
    expect(text).not.toMatch(/src\/cli\/main\.ts/);
    expect(text).toMatch(/npx itsm |node_modules\/\.bin\/itsm /);
  });
  it('passes the workflow checks of this repository', () => {
    expect(validator.validateWorkflow(text).errors).toEqual([]);
    expect(injectionPoints(text)).toEqual([]);
    expect(writeTokenExposures(text)).toEqual([]);
  });
});

describe('itsm init --demo', () => {
  it('writes the whole demo workspace', async () => {
    const result = await runMain(['init', 'demo', '--demo'], { cwd: temp, env });
    expect(result.code).toBe(0);
    const incidents = readdirSync(join(temp, 'demo/content/incidents'));
    expect(incidents).toEqual(readdirSync(join(REPO_ROOT, 'content/incidents')));
    expect(readFileSync(join(temp, 'demo/itsm.yaml'), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'itsm.yaml'), 'utf8'));
  });
});

describe('itsm init refuses', () => {
  it('a folder that has files in it (exit 2), and writes nothing', async () => {
    const dir = join(temp, 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const result = await runMain(['init'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not empty');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('more than one folder', async () => {
    const result = await runMain(['init', 'a', 'b'], { cwd: temp, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('one folder at most');
  });

  it('an empty folder is fine', async () => {
    const dir = join(temp, 'empty');
    mkdirSync(dir);
    const result = await runMain(['init'], { cwd: dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created .:');
  });
});
