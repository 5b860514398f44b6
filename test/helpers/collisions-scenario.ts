/**
 * Open pull requests proposing changes, for `itsm collisions` and `itsm comment` tests: a real git
 * clone of the default branch (the CMDB of cmdb-fixture.ts, with CHG-0002 patching CI-host on
 * 14 March 22:00-23:00 and a year-end freeze) and the schema-checked GitHub stand-in serving the PRs,
 * their files and the change files at their heads.
 */
import { POLICIES } from './fixtures.ts';
import { cmdbWorkspace } from './cmdb-fixture.ts';
import { gitRepo, type GitRepo } from './git-repo.ts';
import { startGitHubServer, type FakePullRequest, type GitHubServer } from './github-server.ts';
import { record, runMain, type CliResult } from './workspace.ts';

export const FREEZE_POLICY = `${POLICIES['content/policies/change-policy.yaml']}freezes:
  - { name: Year-end freeze, start: 2026-12-20T00:00:00+01:00, end: 2027-01-02T00:00:00+01:00 }
`;

/** A scheduled normal change on `cis`, 14 March 22:00-23:00 Berlin unless `extra` says otherwise. */
export function proposedChange(id: string, cis: string[], extra: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    id,
    title: `Work on ${cis.join(' and ')}`,
    type: 'normal',
    risk: 'low',
    status: 'submitted',
    cis: `[${cis.join(', ')}]`,
    planned_start: '2026-03-14T22:00:00+01:00',
    planned_end: '2026-03-14T23:00:00+01:00',
    implementation_plan: 'Do the work.',
    test_plan: 'Check it works.',
    rollback_plan: 'Undo the work.',
    ...extra,
  };
  return record(
    Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
  );
}

const sha = (n: number) => n.toString(16).padStart(40, 'a');

/** An open PR #number whose head has `files` (path -> text; null lists a removed file). */
export function openPull(number: number, files: Record<string, string | null>, extra: Partial<FakePullRequest> = {}): FakePullRequest {
  const contents: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) if (text !== null) contents[path] = text;
  return {
    owner: 'northwind',
    repo: 'itsm',
    number,
    author: 'alice',
    title: `Proposal ${number}`,
    headSha: sha(number),
    baseSha: 'f'.repeat(40),
    files: Object.entries(files).map(([filename, text]) => ({ filename, status: text === null ? 'removed' : 'added' })),
    reviews: [],
    contents,
    ...extra,
  };
}

export interface CollisionsScenario {
  repo: GitRepo;
  server: GitHubServer;
  /** `itsm <args>` in the clone, against the stand-in, as northwind/itsm. */
  run(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
}

const cleanups: Array<() => Promise<void> | void> = [];

/** Stops every scenario's server and removes its clone (call in afterEach). */
export async function closeCollisionScenarios(): Promise<void> {
  for (const c of cleanups.splice(0)) await c();
}

export async function collisionsScenario(pulls: FakePullRequest[], options: { tokenUser?: string } = {}): Promise<CollisionsScenario> {
  const repo = gitRepo('itsm-collisions-');
  repo.commit('Workspace', { ...cmdbWorkspace(), 'content/policies/change-policy.yaml': FREEZE_POLICY });
  const server = await startGitHubServer(pulls, options);
  cleanups.push(
    () => server.close(),
    () => repo.remove(),
  );
  return {
    repo,
    server,
    run: (args, env = {}) =>
      runMain(args, {
        cwd: repo.dir,
        env: {
          GITHUB_TOKEN: 'test-token',
          GITHUB_API_URL: server.url,
          GITHUB_REPOSITORY: 'northwind/itsm',
          GITHUB_STEP_SUMMARY: undefined,
          GITHUB_EVENT_PATH: undefined,
          ITSM_ROOT: undefined,
          ITSM_GITHUB_TIMEOUT_MS: '10000',
          ITSM_GITHUB_RETRIES: '0',
          ITSM_GITHUB_RETRY_BASE_MS: '1',
          ...env,
        },
      }),
  };
}
