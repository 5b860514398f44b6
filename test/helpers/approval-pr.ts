/**
 * One pull request for `itsm approvals`, in process: a real git repository (main holds `base`, the
 * PR branch one commit with `pr`), the schema-checked GitHub stand-in on 127.0.0.1, and the command
 * run through main(argv, io) with --format json.
 */
import { afterEach } from 'vitest';
import type { ApprovalResult } from '../../src/core/approvals/types.ts';
import { changeFile, POLICIES } from './fixtures.ts';

export { changeFile };
import { gitRepo } from './git-repo.ts';
import { startGitHubServer, type FakeReview } from './github-server.ts';
import { record, runMain, type CliResult } from './workspace.ts';

export const team = (id: string, roles: string, logins: string[]) =>
  record(`id: ${id}\nname: ${id}\nstatus: active\nroles: [${roles}]\nmembers:\n${logins.map((l) => `  - { name: ${l}, login: ${l} }`).join('\n')}`);

export const service = (id: string, owner: string, extra = '') => record(`id: ${id}\nname: ${id}\nstatus: active\nowner: ${owner}\ntier: 1\n${extra}`);

export const ci = (id: string, extra = '') => record(`id: ${id}\nname: ${id}\ntype: application\nenvironment: production\nstatus: active\n${extra}`);

/**
 * The base workspace: CAB carol and dave, ECAB frank, payments owned by paula and pete, and the
 * portal owned by mallory, a friend of the PR's author alice. Payments is built from CI-api, which
 * depends on CI-db; the portal from CI-web.
 */
export const BASE_FILES: Record<string, string> = {
  ...POLICIES,
  'itsm.yaml': 'name: Test\ntime_zone: Europe/Berlin\n',
  'content/teams/TEAM-cab.md': team('TEAM-cab', 'cab', ['carol', 'dave']),
  'content/teams/TEAM-ecab.md': team('TEAM-ecab', 'ecab', ['frank']),
  'content/teams/TEAM-payments.md': team('TEAM-payments', '', ['paula', 'pete']),
  'content/teams/TEAM-friends.md': team('TEAM-friends', '', ['mallory']),
  'content/services/SVC-payments.md': service('SVC-payments', 'TEAM-payments', 'cis: [CI-api]\nsummary: Takes payments.'),
  'content/services/SVC-portal.md': service('SVC-portal', 'TEAM-friends', 'cis: [CI-web]'),
  'content/cis/CI-api.md': ci('CI-api', 'depends_on: [CI-db]'),
  'content/cis/CI-db.md': ci('CI-db'),
  'content/cis/CI-web.md': ci('CI-web'),
};

export interface PrRun extends CliResult {
  /** The parsed JSON decision, when the command printed one. */
  result?: ApprovalResult;
  subject(id: string): ApprovalResult['subjects'][number] | undefined;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/**
 * Runs the approval check on a PR that writes `pr` (null deletes) over `base`, in the workspace at
 * `root` (a sub-folder of the repository when given; `pr` and `repoFiles` paths are then
 * repository paths, `base` paths workspace paths).
 */
export async function approvePr(opts: {
  pr: Record<string, string | null>;
  base?: Record<string, string>;
  reviews?: Array<Omit<FakeReview, 'commit_id'>>;
  root?: string;
  args?: string[];
}): Promise<PrRun> {
  const repo = gitRepo('itsm-approval-pr-');
  const inRoot = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [opts.root ? `${opts.root}/${k}` : k, v]));
  const base = repo.commit('Base workspace', inRoot(opts.base ?? BASE_FILES));
  repo.branch('feature');
  const head = repo.commit('The pull request', opts.pr);
  const server = await startGitHubServer([
    {
      owner: 'northwind',
      repo: 'itsm',
      number: 7,
      author: 'alice',
      headSha: head,
      baseSha: base,
      files: Object.keys(opts.pr).map((filename) => ({ filename, status: opts.pr[filename] === null ? 'removed' : 'modified' })),
      reviews: (opts.reviews ?? []).map((r) => ({ ...r, commit_id: head })),
    },
  ]);
  cleanups.push(
    () => server.close(),
    () => repo.remove(),
  );
  const r = await runMain(
    ['approvals', '--pr', '7', '--repo', 'northwind/itsm', '--format', 'json', ...(opts.root ? ['--root', opts.root] : []), ...(opts.args ?? [])],
    {
      cwd: repo.dir,
      env: {
        GITHUB_TOKEN: 'test-token',
        GITHUB_API_URL: server.url,
        GITHUB_STEP_SUMMARY: undefined,
        GITHUB_EVENT_PATH: undefined,
        GITHUB_REPOSITORY: undefined,
        ITSM_GITHUB_TIMEOUT_MS: '10000',
        ITSM_GITHUB_RETRIES: '1',
        ITSM_GITHUB_RETRY_BASE_MS: '1',
      },
    },
  );
  let result: ApprovalResult | undefined;
  try {
    result = JSON.parse(r.stdout) as ApprovalResult;
  } catch {
    result = undefined;
  }
  return { ...r, ...(result ? { result } : {}), subject: (id) => result?.subjects.find((s) => s.subject === id) };
}
