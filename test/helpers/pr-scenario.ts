/**
 * One pull request for `itsm approvals` tests, as on GitHub: a real git clone with the base and the
 * PR's commits, and the schema-checked GitHub stand-in serving the same PR. By default alice adds a
 * normal low-risk change to SVC-payments (its owner team, TEAM-payments, is paula and pete) and
 * paula approves the head: the check passes (exit 0). Tests change one thing from there.
 */
import { changeFile as changeRecord, POLICIES } from './fixtures.ts';
import { gitRepo, type GitRepo } from './git-repo.ts';
import { startGitHubServer, type FakeCommit, type FakePullRequest, type GitHubServer } from './github-server.ts';
import { record, runMain, type CliResult } from './workspace.ts';

const team = (id: string, roles: string, logins: string[]) =>
  record(`id: ${id}\nname: ${id}\nstatus: active\nroles: [${roles}]\nmembers:\n${logins.map((l) => `  - { name: ${l}, login: ${l} }`).join('\n')}`);

export const BASE_FILES: Record<string, string> = {
  ...POLICIES,
  'itsm.yaml': 'name: Test\ntime_zone: Europe/Berlin\n',
  'content/teams/TEAM-cab.md': team('TEAM-cab', 'cab', ['carol', 'dave']),
  'content/teams/TEAM-payments.md': team('TEAM-payments', '', ['paula', 'pete']),
  'content/services/SVC-payments.md': record('id: SVC-payments\nname: Payments\nstatus: active\nowner: TEAM-payments\ntier: 1'),
};

export const CHANGE_PATH = 'content/changes/CHG-0001.md';

/** A normal low-risk change CHG-0001 to SVC-payments; `extra` overrides fields. */
export function changeFile(extra: Record<string, string> = {}): string {
  return changeRecord(extra.id ?? 'CHG-0001', { title: 'Upgrade payments', ...extra });
}

export interface PrScenario {
  repo: GitRepo;
  /** main when the PR forked. */
  base: string;
  server: GitHubServer;
  pull: FakePullRequest;
  /**
   * Points the PR at `head` (default: the clone's HEAD) and its base at main's tip, as GitHub does,
   * with every commit of base..head listed by the API as alice's unless `accounts` says otherwise,
   * and paula's approval on the head.
   */
  publish(accounts?: Record<string, Partial<Pick<FakeCommit, 'author' | 'committer'>>>, head?: string): void;
  /** `itsm approvals --pr 7 --repo northwind/itsm` in-process, against the stand-in. */
  run(env?: Record<string, string | undefined>): Promise<CliResult>;
}

const cleanups: Array<() => Promise<void> | void> = [];

/** Removes every scenario's repository and stops its server (call in afterEach). */
export async function closeScenarios(): Promise<void> {
  for (const c of cleanups.splice(0)) await c();
}

/** main: BASE_FILES; branch `feature` from it, where alice adds the change (published). */
export async function prScenario(serverOptions: { prefix?: string } = {}): Promise<PrScenario> {
  const repo = gitRepo('itsm-pr-');
  const base = repo.commit('Base workspace', BASE_FILES);
  repo.branch('feature');
  repo.commit('Plan CHG-0001', { [CHANGE_PATH]: changeFile() });
  const pull: FakePullRequest = { owner: 'northwind', repo: 'itsm', number: 7, author: 'alice', headSha: '', baseSha: base, files: [], reviews: [] };
  const server = await startGitHubServer([pull], serverOptions);
  cleanups.push(
    () => server.close(),
    () => repo.remove(),
  );
  const s: PrScenario = {
    repo,
    base,
    server,
    pull,
    publish(accounts = {}, head = repo.head()) {
      const base = repo.git('rev-parse', 'main').trim();
      const shas = repo.git('rev-list', '--reverse', `${base}..${head}`).split('\n').filter(Boolean);
      const merges = new Set(repo.git('rev-list', '--merges', `${base}..${head}`).split('\n').filter(Boolean));
      pull.headSha = head;
      pull.baseSha = base;
      pull.commits = shas.map((sha) => ({ sha, author: 'alice', committer: 'alice', ...(merges.has(sha) ? { parents: 2 } : {}), ...accounts[sha] }));
      pull.files = repo
        .git('diff', '--name-only', `${base}...${head}`)
        .split('\n')
        .filter(Boolean)
        .map((filename) => ({ filename }));
      pull.reviews = [{ login: 'paula', state: 'APPROVED', commit_id: head }];
    },
    run: (env = {}) =>
      runMain(['approvals', '--pr', '7', '--repo', 'northwind/itsm'], {
        cwd: repo.dir,
        env: {
          GITHUB_TOKEN: 'test-token',
          GITHUB_API_URL: server.url,
          GITHUB_STEP_SUMMARY: undefined,
          GITHUB_EVENT_PATH: undefined,
          GITHUB_REPOSITORY: undefined,
          ITSM_GITHUB_TIMEOUT_MS: '10000',
          ITSM_GITHUB_RETRIES: '0',
          ITSM_GITHUB_RETRY_BASE_MS: '1',
          ...env,
        },
      }),
  };
  s.publish();
  return s;
}
