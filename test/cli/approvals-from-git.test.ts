/**
 * `itsm approvals --from-git`: approvals as SSH-signed tags and authors as SSH-signed commits,
 * verified by git against the signing keys in content/teams/ at the base. Real keys, real repos.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allowedSigners } from '../../src/io/git-approvals.ts';
import type { Team } from '../../src/core/model.ts';
import { POLICIES } from '../helpers/fixtures.ts';
import { gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { record, runCliAsync, runMain, writeFiles } from '../helpers/workspace.ts';

const keyDir = mkdtempSync(join(tmpdir(), 'itsm-keys-'));
function key(name: string): { file: string; pub: string } {
  const file = join(keyDir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file]);
  return { file, pub: readFileSync(`${file}.pub`, 'utf8').trim() };
}
const KEYS = { alice: key('alice'), paula: key('paula'), pete: key('pete'), mallory: key('mallory') };

const member = (login: keyof typeof KEYS) => `  - { name: ${login}, login: ${login}, signing_key: "${KEYS[login].pub}" }`;
const BASE_FILES: Record<string, string> = {
  ...POLICIES,
  'itsm.yaml': 'name: Test\ntime_zone: Europe/Berlin\n',
  'content/teams/TEAM-payments.md': record(`id: TEAM-payments\nname: Payments\nstatus: active\nmembers:\n${member('paula')}\n${member('pete')}`),
  'content/teams/TEAM-platform.md': record(`id: TEAM-platform\nname: Platform\nstatus: active\nmembers:\n${member('alice')}`),
  'content/services/SVC-payments.md': record('id: SVC-payments\nname: Payments\nstatus: active\nowner: TEAM-payments\ntier: 1'),
};
const CHANGE = record(`id: CHG-0001
title: Upgrade payments
type: normal
risk: low
status: approved
services: [SVC-payments]
planned_start: 2026-10-10T22:00:00+02:00
planned_end: 2026-10-11T02:00:00+02:00
test_plan: Smoke tests.
rollback_plan: Redeploy.`);

const repos: GitRepo[] = [];
afterAll(() => repos.forEach((r) => r.remove()));

const signing = (who: keyof typeof KEYS) => ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${KEYS[who].file}`];

function setup(): {
  repo: GitRepo;
  base: string;
  commit(files: Record<string, string>, who?: keyof typeof KEYS | null): string;
  tag(who: keyof typeof KEYS, commit: string, state?: string, name?: string): void;
} {
  const repo = gitRepo('itsm-fromgit-');
  repos.push(repo);
  const base = repo.commit('Base', BASE_FILES);
  repo.branch('feature');
  let n = 0;
  return {
    repo,
    base,
    commit(files, who = 'alice') {
      writeFiles(repo.dir, files);
      repo.git('add', '-A');
      repo.git(...(who ? [...signing(who), 'commit', '-q', '-S'] : ['commit', '-q']), '-m', `commit ${++n}`);
      return repo.head();
    },
    tag(who, commit, state = 'approved', name = `itsm-approval/${who}/${commit.slice(0, 7)}-${++n}`) {
      repo.git(...signing(who), 'tag', '-s', '-m', `itsm-approval: ${state}`, name, commit);
    },
  };
}

/** In-process unless `via` is runCliAsync (the end-to-end test). */
const run = (repo: GitRepo, extra: string[] = [], via: typeof runMain = runMain) =>
  via(['approvals', '--from-git', '--base', 'main', ...extra], {
    cwd: repo.dir,
    env: { GITHUB_TOKEN: undefined, GITHUB_EVENT_PATH: undefined, GITHUB_STEP_SUMMARY: undefined },
  });

describe('itsm approvals --from-git', () => {
  it('end to end: passes with an approval tag signed by the service owner on the head commit', async () => {
    const s = setup();
    const head = s.commit({ 'content/changes/CHG-0001.md': CHANGE });
    s.tag('paula', head);
    const r = await run(s.repo, ['--format', 'json'], runCliAsync);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.subjects[0]).toMatchObject({ subject: 'CHG-0001', decision: 'approved', approvers: [{ login: 'paula' }] });
  });

  it('stays pending without an approval tag', async () => {
    const s = setup();
    s.commit({ 'content/changes/CHG-0001.md': CHANGE });
    const r = await run(s.repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Still needed: 1 more approval from the owner team of SVC-payments');
  });

  it('the signer decides who approved, not the tag name: the author signing "paula" tags does not count', async () => {
    const s = setup();
    const head = s.commit({ 'content/changes/CHG-0001.md': CHANGE });
    s.tag('alice', head, 'approved', `itsm-approval/paula/${head.slice(0, 7)}`);
    const r = await run(s.repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('alice is the pull request author');
  });

  it('a tag signed by a key nobody in the base teams holds is ignored', async () => {
    const s = setup();
    const head = s.commit({ 'content/changes/CHG-0001.md': CHANGE });
    s.tag('mallory', head, 'approved', `itsm-approval/paula/${head.slice(0, 7)}`);
    expect((await run(s.repo)).code).toBe(1);
  });

  it('an unsigned (lightweight) tag is ignored', async () => {
    const s = setup();
    const head = s.commit({ 'content/changes/CHG-0001.md': CHANGE });
    s.repo.git('tag', `itsm-approval/paula/${head.slice(0, 7)}`, head);
    expect((await run(s.repo)).code).toBe(1);
  });

  it('an approval of an earlier commit does not count after another commit', async () => {
    const s = setup();
    const first = s.commit({ 'content/changes/CHG-0001.md': CHANGE });
    s.tag('paula', first);
    s.commit({ 'content/changes/CHG-0001.md': CHANGE.replace('02:00:00+02:00', '06:00:00+02:00') });
    const r = await run(s.repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('paula approved an older commit');
  });

  it('a signed request for changes by a service owner blocks', async () => {
    const s = setup();
    const head = s.commit({ 'content/changes/CHG-0001.md': CHANGE });
    s.tag('paula', head);
    s.tag('pete', head, 'changes-requested');
    const r = await run(s.repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('pete requested changes');
  });

  it('an unsigned commit makes the author unknown: rejected, whatever the approvals', async () => {
    const s = setup();
    const head = s.commit({ 'content/changes/CHG-0001.md': CHANGE }, null);
    s.tag('paula', head);
    const r = await run(s.repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Commit ${head.slice(0, 7)} is not signed by a key listed in content/teams/`);
  });

  it('keys are read from the base teams: a key added by the change set itself does not count', async () => {
    const s = setup();
    const head = s.commit({
      'content/changes/CHG-0001.md': CHANGE,
      'content/teams/TEAM-payments.md': record(
        `id: TEAM-payments\nname: Payments\nstatus: active\nmembers:\n${member('paula')}\n${member('pete')}\n${member('mallory')}`,
      ),
    });
    s.tag('mallory', head);
    const r = await run(s.repo, ['--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).subjects.map((x: { subject: string; decision: string }) => [x.subject, x.decision])).toEqual([
      ['policy', 'rejected'], // the base teams hold no cab role, so no one can approve team edits
      ['CHG-0001', 'pending'], // mallory's key is not in the base teams
    ]);
  });

  it('needs --base', async () => {
    const s = setup();
    const r = await runMain(['approvals', '--from-git'], { cwd: s.repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from-git needs --base REV');
  });
});

describe('the allowed-signers file', () => {
  const team = (login: string, signing_key: string): Team => ({ id: 'TEAM-x', name: 'x', status: 'active', members: [{ name: login, login, signing_key }] });

  it('lists each member with a key, limited to git signatures', async () => {
    expect(allowedSigners([team('Paula', 'ssh-ed25519 AAAAC3Nza paula@laptop')])).toBe('paula namespaces="git" ssh-ed25519 AAAAC3Nza\n');
  });

  it('a key field cannot smuggle in another line or option', async () => {
    expect(allowedSigners([team('paula', 'ssh-ed25519 AAAA\nmallory ssh-ed25519 BBBB')])).toBe('\n');
    expect(allowedSigners([team('paula', 'ssh-ed25519 AAAA cert-authority')])).toBe('paula namespaces="git" ssh-ed25519 AAAA\n');
  });
});
