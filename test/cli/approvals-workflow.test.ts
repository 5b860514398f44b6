/** The approvals workflow keeps its security promises: checked as data, so an edit that breaks one fails here. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/workspace.ts';

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; 'working-directory'?: string };
const workflow = load(readFileSync(join(REPO_ROOT, '.github/workflows/approvals.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { name: string; permissions?: Record<string, string>; steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

describe('.github/workflows/approvals.yml', () => {
  it('runs on pull_request and pull_request_review, never pull_request_target', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'pull_request_review']);
  });

  it('asks only to read contents and pull requests, and to write only to request reviews and post the collisions comment', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
    expect(Object.fromEntries(Object.entries(workflow.jobs).map(([id, j]) => [id, j.permissions]))).toEqual({
      approvals: { contents: 'read', 'pull-requests': 'write' },
      collisions: { contents: 'read', 'pull-requests': 'write' },
    });
  });

  it("the collisions job runs only the base commit's code and keeps its comment up to date", () => {
    const job = workflow.jobs.collisions!;
    const checkouts = job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.map((s) => s.with)).toEqual([{ ref: '${{ github.event.pull_request.base.sha }}', path: 'tooling', 'persist-credentials': false }]);
    expect(job.steps.filter((s) => s.env?.GITHUB_TOKEN).map((s) => s.run)).toEqual(['node ../tooling/src/cli/main.ts collisions --comment --format github']);
  });

  it('runs the checker from the base commit, and keeps no credentials in the clones', () => {
    const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.every((s) => s.with?.['persist-credentials'] === false)).toBe(true);
    const tooling = checkouts.find((s) => s.with?.path === 'tooling')!;
    expect(tooling.with?.ref).toBe('${{ github.event.pull_request.base.sha }}');
    expect(checkouts.find((s) => s.with?.path === 'workspace')!.with?.['fetch-depth']).toBe(0);
    const decide = steps.find((s) => s.run?.includes('approvals'))!;
    expect(decide.run).toMatch(/^node \.\.\/tooling\/src\/cli\/main\.ts approvals/);
    expect(steps.filter((s) => s.run?.includes('npm')).every((s) => s['working-directory'] === 'tooling' && s.run!.includes('--ignore-scripts'))).toBe(true);
  });

  it('gives the token only to the steps that read the API', () => {
    expect(steps.filter((s) => s.env?.GITHUB_TOKEN).map((s) => s.run)).toEqual([
      'node ../tooling/src/cli/main.ts approvals --format github --request-reviews --collisions',
      'node ../tooling/src/cli/main.ts collisions --comment --format github',
    ]);
  });

  it('CODEOWNERS gives policies, teams and the workflow to the CAB', () => {
    const owners = readFileSync(join(REPO_ROOT, '.github/CODEOWNERS'), 'utf8');
    for (const path of ['/content/policies/', '/content/teams/', '/.github/'])
      expect(owners).toMatch(new RegExp(`^${path.replace(/[./]/g, '\\$&')}\\s+@northwind/cab$`, 'm'));
  });
});
