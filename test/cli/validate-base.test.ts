/**
 * `itsm validate --base REV` end to end: a real repository whose main branch is the base, a working
 * tree edited the way a pull request would, and the real CLI. One rule per story.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { REPO_ROOT, runCli, runMain } from '../helpers/workspace.ts';

const INC = 'content/incidents/INC-0001.md';
const CHG = 'content/changes/CHG-0001.md';

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
  hint: string | null;
}

function closedIncident(text: string): string {
  return text
    .replace('status: resolved', 'status: closed\nclosed_at: 2026-03-05T09:00:00+01:00')
    .replace('note: Web tier restarted }', 'note: Web tier restarted }\n  - { at: 2026-03-05T09:00:00+01:00, status: closed }');
}

let repo: GitRepo;
let ws: Record<string, string>;

function edit(files: Record<string, string | null>): void {
  for (const [rel, content] of Object.entries(files)) {
    if (content === null) rmSync(join(repo.dir, rel));
    else writeFileSync(join(repo.dir, rel), content);
  }
}

async function validateAgainstMain(): Promise<{ code: number; diagnostics: JsonDiagnostic[]; stderr: string }> {
  const r = await runMain(['validate', '--base', 'main', '--format', 'json', '--no-cache'], { cwd: repo.dir });
  const diagnostics = r.stdout ? (JSON.parse(r.stdout).diagnostics as JsonDiagnostic[]) : [];
  return { code: r.code, diagnostics, stderr: r.stderr };
}

function baseRules(diags: JsonDiagnostic[]): JsonDiagnostic[] {
  return diags.filter((d) => d.rule.startsWith('base/'));
}

beforeEach(async () => {
  ws = minimalWorkspace();
  repo = gitRepo();
  repo.commit('Workspace on main', ws);
  repo.branch('pr');
});
afterEach(() => repo.remove());

describe('itsm validate --base main', () => {
  it('passes a pull request that takes allowed steps and appends to the timeline', async () => {
    edit({ [INC]: closedIncident(ws[INC]!) });
    const r = await validateAgainstMain();
    expect(r.diagnostics).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('rejects a status transition the table does not allow, at the status line', async () => {
    edit({ [CHG]: ws[CHG]!.replace('status: completed', 'status: implementing') });
    const r = await validateAgainstMain();
    expect(r.code).toBe(1);
    expect(baseRules(r.diagnostics)).toEqual([
      expect.objectContaining({
        file: CHG,
        line: 6,
        column: 1,
        rule: 'base/transition',
        severity: 'error',
        message: 'CHG-0001 cannot go from `completed` to `implementing`: `completed` is final for a change.',
      }),
    ]);
  });

  it('rejects an edit to a closed incident that does not reopen it, at the edited line', async () => {
    repo.checkout('main');
    repo.commit('Close INC-0001', { [INC]: closedIncident(ws[INC]!) });
    repo.branch('pr2');
    edit({ [INC]: closedIncident(ws[INC]!).replace('title: Checkout returns 500 for some users', 'title: Checkout returned 500') });
    const r = await validateAgainstMain();
    expect(r.code).toBe(1);
    expect(baseRules(r.diagnostics)).toEqual([
      expect.objectContaining({
        file: INC,
        line: 3,
        rule: 'base/immutable',
        message: 'INC-0001 is closed, so it cannot change: `title` changed from `Checkout returns 500 for some users` to `Checkout returned 500`.',
      }),
    ]);
  });

  it('rejects another record put under an existing ID, with the exact fix', async () => {
    edit({
      [INC]: ws[INC]!.replace('title: Checkout returns 500 for some users', 'title: Login page is slow')
        .replace('reported_at: 2026-03-02T09:10:00+01:00', 'reported_at: 2026-03-02T09:05:00+01:00')
        .replace('Users saw errors at checkout.', 'The login page takes ten seconds to load.'),
    });
    const r = await validateAgainstMain();
    expect(r.code).toBe(1);
    const [d, ...rest] = baseRules(r.diagnostics);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: INC, line: 2, rule: 'base/id-reused' });
    expect(d!.hint).toContain('`itsm renumber INC-0001 INC-0002`');
  });

  it('rejects a renumbered record', async () => {
    edit({ [INC]: null, 'content/incidents/INC-0002.md': ws[INC]!.replace('id: INC-0001', 'id: INC-0002') });
    const r = await validateAgainstMain();
    expect(r.code).toBe(1);
    expect(baseRules(r.diagnostics)).toEqual([
      expect.objectContaining({
        file: 'content/incidents/INC-0002.md',
        line: 2,
        rule: 'base/renumbered',
        hint: 'Give it back its ID: `itsm renumber INC-0002 INC-0001`.',
      }),
    ]);
  });

  it('rejects a deleted record and says to retire it instead', async () => {
    edit({ 'content/requests/REQ-0001.md': null });
    const r = await validateAgainstMain();
    expect(r.code).toBe(1);
    const [d, ...rest] = baseRules(r.diagnostics);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'content/requests/REQ-0001.md', rule: 'base/deleted' });
    expect(d!.hint).toContain('content/requests/REQ-0001.md');
    expect(d!.hint).toContain('`status: cancelled`');
  });

  it('does not call a broken file deleted', async () => {
    edit({ [INC]: ws[INC]!.replace('status: resolved', 'status: [') });
    const r = await validateAgainstMain();
    expect(r.code).toBe(1);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(baseRules(r.diagnostics)).toEqual([]);
  });

  it('rejects a rewritten timeline entry, at that entry', async () => {
    edit({ [INC]: ws[INC]!.replace('status: acknowledged, by: ada', 'status: acknowledged, by: grace') });
    const r = await validateAgainstMain();
    expect(r.code).toBe(1);
    expect(baseRules(r.diagnostics)).toEqual([expect.objectContaining({ file: INC, line: 17, rule: 'base/timeline-rewritten' })]);
  });

  it('compares with the fork point, so records added to main since the branch was cut are not deletions', async () => {
    repo.checkout('main');
    repo.commit('A new article on main', { 'content/kb/KB-0002.md': ws['content/kb/KB-0001.md']!.replace('id: KB-0001', 'id: KB-0002') });
    repo.checkout('pr');
    const r = await validateAgainstMain();
    expect(baseRules(r.diagnostics)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('end to end: annotates the pull request in GitHub format', async () => {
    edit({ [CHG]: ws[CHG]!.replace('status: completed', 'status: implementing') });
    const r = runCli(['validate', '--base', 'main', '--format', 'github', '--no-cache'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::error file=${CHG},line=6,col=1,title=base/transition::CHG-0001 cannot go from`);
  });

  it('refuses a base that does not exist, with exit code 2', async () => {
    const r = await runMain(['validate', '--base', 'origin/nope'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('origin/nope');
  });
});

describe('the validate workflow', () => {
  const text = readFileSync(join(REPO_ROOT, '.github/workflows/validate.yml'), 'utf8');
  const workflow = parseYaml(text) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown>; run?: string; env?: Record<string, string> }> }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

  it('runs validate --base on pull requests with the whole history and a read-only token', async () => {
    expect(workflow.on).toHaveProperty('pull_request');
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toMatchObject({ 'fetch-depth': 0 });
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({ 'node-version': 22 });
    const step = steps.find((s) => s.run?.includes('--base'))!;
    expect(step.run).toBe('node src/cli/main.ts validate --base "origin/$BASE_REF" --format github');
    expect(step.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
  });

  it('never expands event data inside a script', async () => {
    for (const s of steps) expect(s.run ?? '').not.toContain('${{');
  });
});
