/**
 * Every workflow in .github/workflows passes a workflow schema validator from npm
 * (@action-validator/core, the SchemaStore schema compiled to WebAssembly, offline), and no
 * `run:` script expands untrusted event text with `${{ }}`, which would be script injection, and no
 * job that can write keeps its token where installed dependencies could read it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderIssueForms } from '../../src/core/intake.ts';
import { loadWorkspace } from '../../src/io/workspace.ts';
import { REPO_ROOT } from '../helpers/workspace.ts';
import { injectionPoints, writeTokenExposures } from '../helpers/workflows.ts';

const validator = createRequire(import.meta.url)('@action-validator/core') as { validateWorkflow(src: string): { errors: unknown[] } };
const WORKFLOWS = join(REPO_ROOT, '.github/workflows');
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

describe.each(files)('.github/workflows/%s', (file) => {
  const text = readFileSync(join(WORKFLOWS, file), 'utf8');
  it('matches the GitHub workflow schema', () => {
    expect(validator.validateWorkflow(text).errors).toEqual([]);
  });
  it('expands no untrusted event text inside a script', () => {
    expect(injectionPoints(text)).toEqual([]);
  });
  it('keeps no write token in .git/config or the job environment while dependencies are installed', () => {
    expect(writeTokenExposures(text)).toEqual([]);
  });
});

describe('the injection check', () => {
  it('catches the classic mistakes', () => {
    const bad = `on: issues
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.issue.title }}"
      - uses: actions/github-script@v7
        with:
          script: console.log("\${{ github.event.comment.body }}")
      - env:
          TITLE: \${{ github.event.issue.title }}
        run: echo "$TITLE"
`;
    expect(injectionPoints(bad)).toEqual(['jobs.a.steps[0]: ${{ github.event.', 'jobs.a.steps[1]: ${{ github.event.']);
    expect(validator.validateWorkflow(bad).errors).toEqual([]);
  });

  it('the schema validator rejects a malformed workflow', () => {
    expect(validator.validateWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n').errors.length).toBeGreaterThan(0);
  });
});

describe('the intake workflow', () => {
  const text = readFileSync(join(WORKFLOWS, 'intake.yml'), 'utf8');
  const wf = parse(text) as { permissions: unknown; jobs: Record<string, { permissions: Record<string, string>; if: string }> };
  it('grants nothing by default and only what opening a pull request needs on its one job', () => {
    expect(wf.permissions).toEqual({});
    expect(Object.values(wf.jobs).map((j) => j.permissions)).toEqual([{ contents: 'write', 'pull-requests': 'write' }]);
  });
  it('runs only for the label a triager adds', () => {
    expect(Object.values(wf.jobs)[0]!.if).toBe("github.event.label.name == 'intake:accepted'");
  });
});

describe('the issue forms', () => {
  it('match the services and offerings in content/ (run `node scripts/gen-issue-forms.ts` after changing them)', async () => {
    const { workspace } = await loadWorkspace(REPO_ROOT);
    for (const [rel, text] of Object.entries(renderIssueForms(workspace.records))) {
      expect(readFileSync(join(REPO_ROOT, rel), 'utf8'), rel).toBe(text);
    }
  });
});
