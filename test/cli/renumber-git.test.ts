/**
 * The story `itsm renumber` exists for: two pull requests cut from the same main both create
 * INC-0002. The first merges; when the second is brought up to date with main, `itsm validate
 * --base main` catches the reused ID, the command its hint gives fixes it, and the branch then
 * merges cleanly with both incidents kept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { BOB, gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { REPO_ROOT, runMain } from '../helpers/workspace.ts';

let repo: GitRepo | undefined;

/** The record templates a workspace keeps in content/.templates/. */
function demoTemplates(): Record<string, string> {
  const dir = join(REPO_ROOT, 'content/.templates');
  return Object.fromEntries(readdirSync(dir).map((f) => [`content/.templates/${f}`, readFileSync(join(dir, f), 'utf8')]));
}
afterEach(() => repo?.remove());

const itsm = (args: string[], now = '2026-03-04T08:15:00Z') => runMain(args, { cwd: repo!.dir, env: { ITSM_NOW: now } });

it('two branches that both add INC-0002: the second is caught by validate --base and fixed by renumber', async () => {
  repo = gitRepo();
  repo.commit('Workspace', { ...minimalWorkspace(), ...demoTemplates() });

  repo.branch('alice-db-incident');
  expect((await itsm(['new', 'incident', '--title', 'Database slow', 'service=SVC-shop', 'cis=CI-db'])).stdout).toBe('content/incidents/INC-0002.md\n');
  repo.commit('Record the slow database');

  repo.checkout('main');
  repo.branch('bob-checkout-incident');
  expect(
    (await itsm(['new', 'incident', '--title', 'Checkout times out', 'service=SVC-shop', 'impact=high', 'urgency=high'], '2026-03-04T10:00:00Z')).stdout,
  ).toBe('content/incidents/INC-0002.md\n');
  expect((await itsm(['new', 'problem', '--title', 'Checkout timeouts', 'incidents=INC-0002'])).code).toBe(0);
  repo.commit('Record the checkout timeouts', {}, { author: BOB });

  // Alice's pull request merges first.
  repo.checkout('main');
  repo.mergePullRequest('alice-db-incident', 1);

  // Bob brings his branch up to date. Both branches added INC-0002.md, so git reports an add/add
  // conflict; he resolves it by keeping his file, as someone in a hurry does. (A pull request's
  // check runs on the same kind of merge.) The check against main now sees the clash.
  repo.checkout('bob-checkout-incident');
  repo.git('merge', '-q', '-X', 'ours', '--no-edit', '-m', 'Merge main', 'main');
  const check = await itsm(['validate', '--base', 'main', '--format', 'json', '--no-cache']);
  expect(check.code).toBe(1);
  const reused = (JSON.parse(check.stdout).diagnostics as Array<{ rule: string; file: string; hint: string }>).filter((d) => d.rule === 'base/id-reused');
  expect(reused).toHaveLength(1);
  expect(reused[0]!.file).toBe('content/incidents/INC-0002.md');
  const fix = /`(itsm renumber \S+ \S+)`/.exec(reused[0]!.hint)?.[1];
  expect(fix).toBe('itsm renumber INC-0002 INC-0003');

  // The fix the hint gives: renumber Bob's incident, and take main's INC-0002 as it is.
  const renumbered = await itsm(fix!.split(' ').slice(1));
  expect(renumbered.code).toBe(0);
  expect(renumbered.stdout).toContain('content/problems/PRB-0001.md: 1 reference');
  repo.git('checkout', 'main', '--', 'content/incidents/INC-0002.md');
  repo.commit('Renumber the checkout incident to INC-0003', {}, { author: BOB });
  expect((await itsm(['validate', '--base', 'main', '--no-cache'])).code).toBe(0);

  repo.checkout('main');
  repo.mergePullRequest('bob-checkout-incident', 2);
  expect((await itsm(['validate', '--no-cache'])).code).toBe(0);
  const read = (rel: string) => readFileSync(join(repo!.dir, rel), 'utf8');
  expect(read('content/incidents/INC-0002.md')).toContain('title: Database slow');
  expect(read('content/incidents/INC-0003.md')).toContain('title: Checkout times out');
  expect(read('content/incidents/INC-0003.md')).toContain('id: INC-0003');
  expect(read('content/problems/PRB-0001.md')).toContain('incidents: [INC-0003]');
});
