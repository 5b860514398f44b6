/**
 * A person is not a login. One person with two accounts (a second account, a bot) must not approve
 * their own pull request, nor fill two seats; team files must say unambiguously whose each login is;
 * logins compare ASCII-case-insensitively and never with Unicode case folding.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decideApprovals } from '../../src/core/approvals/index.ts';
import type { ApprovalInput, Review } from '../../src/core/approvals/types.ts';
import type { Team } from '../../src/core/model.ts';
import { peopleFrom } from '../../src/core/people.ts';
import { added, change, HEAD, input, OLD_HEAD, review, teams as baseTeams } from '../core/approvals/fixture.ts';
import { minimalWorkspace, POLICIES } from '../helpers/fixtures.ts';
import { gitRepo } from '../helpers/git-repo.ts';
import { startGitHubServer, type FakeCommit } from '../helpers/github-server.ts';
import { makeWorkspace, record, runMain } from '../helpers/workspace.ts';

type Member = Team['members'][number];
const member = (name: string, login: string, other_logins?: string[]): Member => ({ name, login, ...(other_logins ? { other_logins } : {}) });
const team = (id: string, members: Member[], roles: Team['roles'] = []): Team => ({ id, name: id, status: 'active', roles, members }) as Team;

/** The fixture's teams with TEAM-payments (owner of SVC-payments) and TEAM-platform replaced. */
function withTeams(payments: Member[], platform: Member[] = [member('Alice', 'alice'), member('Tom', 'tom')], extra: Team[] = []): Team[] {
  return [
    ...baseTeams.filter((t) => t.id !== 'TEAM-payments' && t.id !== 'TEAM-platform'),
    team('TEAM-payments', payments),
    team('TEAM-platform', platform),
    ...extra,
  ];
}

const subjectOf = (i: ApprovalInput) => decideApprovals(i).subjects.find((s) => s.subject === 'CHG-0001')!;
const high = () => [added(change({ risk: 'high' }))];

describe('the PR author approving from another login', () => {
  it('does not count when the second login is another entry for the same person in the approving team', () => {
    const s = subjectOf(
      input({ author: 'alice', teams: withTeams([member('Paula', 'paula'), member('Alice', 'alice-bot')]), reviews: [review('alice-bot', 'APPROVED')] }),
    );
    expect(s.decision).toBe('pending');
    expect(s.reviews).toContainEqual(expect.objectContaining({ login: 'alice-bot', outcome: 'author' }));
    expect(s.explanation).toContain('alice-bot is another login of the author Alice');
  });

  it('does not count when the second login is listed in another team than the author', () => {
    const teams = withTeams([member('Paula', 'paula'), member('Alice Smith', 'alice-bot')], [member('Alice Smith', 'alice'), member('Tom', 'tom')]);
    const s = subjectOf(input({ author: 'alice', teams, reviews: [review('alice-bot', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.explanation).toContain('alice-bot is another login of the author Alice Smith');
  });

  it('does not count when the PR comes from the bot and the person approves from their main login', () => {
    const teams = withTeams([member('Paula', 'paula', ['paula-bot']), member('Pete', 'pete')]);
    const s = subjectOf(input({ author: 'paula-bot', teams, reviews: [review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.explanation).toContain('paula is another login of the author Paula');
  });

  it("does not count when the PR comes from the person's GitHub App bot account", () => {
    const teams = withTeams([member('Paula', 'paula', ['paula-deploy[bot]']), member('Pete', 'pete')]);
    const s = subjectOf(input({ author: 'Paula-Deploy[bot]', teams, reviews: [review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.explanation).toContain('paula is another login of the author Paula');
  });

  it('does not count whatever the case of either login', () => {
    const teams = withTeams([member('Paula', 'paula', ['paula-bot']), member('Pete', 'pete')]);
    expect(subjectOf(input({ author: 'PAULA-BOT', teams, reviews: [review('Paula', 'APPROVED')] })).decision).toBe('pending');
  });

  it('the same person is excluded when listed under the same name without a shared login (validation refuses it; the decision reads it safely)', () => {
    const teams = withTeams(
      [member('Paula', 'paula'), member('Pete', 'pete')],
      [member('Alice', 'alice'), member('Tom', 'tom')],
      [team('TEAM-bots', [member('Paula', 'paula-bot')])],
    );
    expect(subjectOf(input({ author: 'paula-bot', teams, reviews: [review('paula', 'APPROVED')] })).decision).toBe('pending');
  });
});

describe('a commit author approving from another login', () => {
  it("does not count when one of the PR's commits was written from the approver's other login", () => {
    const teams = withTeams([member('Paula', 'paula', ['paula-ci']), member('Pete', 'pete')]);
    const i = input({ author: 'tom', teams, reviews: [review('paula', 'APPROVED')] });
    const s = subjectOf({ ...i, pr: { ...i.pr, coAuthors: ['paula-ci'] } });
    expect(s.decision).toBe('pending');
    expect(s.reviews).toContainEqual(expect.objectContaining({ login: 'paula', outcome: 'author' }));
    expect(s.explanation).toContain('paula is another login of Paula, who wrote one of its commits');
  });

  it('does not count when the commit login is a separate entry of the same person in another team', () => {
    const teams = withTeams([member('Paula', 'paula'), member('Pete', 'pete')], [member('Alice', 'alice'), member('Paula', 'paula-ci')]);
    const i = input({ author: 'tom', teams, reviews: [review('paula', 'APPROVED')] });
    expect(subjectOf({ ...i, pr: { ...i.pr, coAuthors: ['PAULA-CI'] } }).decision).toBe('pending');
  });

  it('another person still counts', () => {
    const teams = withTeams([member('Paula', 'paula', ['paula-ci']), member('Pete', 'pete')]);
    const i = input({ author: 'tom', teams, reviews: [review('pete', 'APPROVED')] });
    expect(subjectOf({ ...i, pr: { ...i.pr, coAuthors: ['paula-ci'] } }).decision).toBe('approved');
  });
});

describe('one person fills one seat', () => {
  const cab = (members: Member[]) => [...baseTeams.filter((t) => t.id !== 'TEAM-cab' && t.id !== 'TEAM-ecab'), team('TEAM-cab', members, ['cab'])];

  it('two approvals from two entries of the same person fill one of two CAB seats', () => {
    const teams = cab([member('Carol', 'carol'), member('Carol', 'carol-admin'), member('Dave', 'dave')]);
    const s = subjectOf(input({ changes: high(), teams, reviews: [review('carol', 'APPROVED'), review('carol-admin', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.required[0]!.approvers).toEqual(['carol']);
    expect(s.reviews).toContainEqual(expect.objectContaining({ login: 'carol-admin', outcome: 'same-person' }));
    expect(s.explanation).toContain('carol-admin is another login of Carol, whose approval already counts');
  });

  it('two approvals from the logins of one entry fill one seat', () => {
    const teams = cab([member('Carol', 'carol', ['carol-admin']), member('Dave', 'dave')]);
    const s = subjectOf(input({ changes: high(), teams, reviews: [review('carol-admin', 'APPROVED'), review('CAROL', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.required[0]!.approvers).toEqual(['carol-admin']);
  });

  it("a person's other login fills a seat when the person is a member", () => {
    const teams = cab([member('Carol', 'carol', ['carol-admin']), member('Dave', 'dave')]);
    const s = subjectOf(input({ changes: high(), teams, reviews: [review('carol-admin', 'APPROVED'), review('dave', 'APPROVED')] }));
    expect(s.decision).toBe('approved');
  });

  it('a request for changes from any login of an approver blocks', () => {
    const teams = withTeams([member('Paula', 'paula', ['paula-bot']), member('Pete', 'pete')]);
    const s = subjectOf(input({ teams, reviews: [review('pete', 'APPROVED'), review('paula-bot', 'CHANGES_REQUESTED')] }));
    expect(s.decision).toBe('rejected');
  });
});

describe('logins compare ASCII-case-insensitively, never by Unicode case folding', () => {
  const payments = withTeams([member('Kate', 'kate'), member('Ivan', 'ivan'), member('Alice', 'alice-pay')]);

  it('ALICE is alice', () => {
    const s = subjectOf(input({ teams: payments, reviews: [review('KATE', 'APPROVED')] }));
    expect(s.decision).toBe('approved');
    const self = subjectOf(input({ author: 'ALICE-PAY', teams: payments, reviews: [review('alice-pay', 'APPROVED')] }));
    expect(self.decision).toBe('pending');
  });

  it.each([
    ['the Kelvin sign K (U+212A)', '\u212Aate'],
    ['the Kelvin sign in an upper-case login', '\u212AATE'],
    ['a dotless ı', 'ıvan'],
    ['a dotted capital İ', 'İvan'],
    ['a fullwidth ｋ', '\uFF4Bate'],
  ])('a login spelled with %s is not the member', (_what, login) => {
    const s = subjectOf(input({ teams: payments, reviews: [review(login, 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.reviews).toContainEqual(expect.objectContaining({ login, outcome: 'not-eligible' }));
  });
});

describe('validate refuses ambiguous people', () => {
  const teamFile = (id: string, members: string) => record(`id: ${id}\nname: ${id}\nstatus: active\nmembers:\n${members}`);
  const validate = async (files: Record<string, string>) => {
    const cwd = makeWorkspace({ ...minimalWorkspace(), ...files });
    const r = await runMain(['validate', '--no-cache'], { cwd });
    return { ...r, out: r.stdout + r.stderr };
  };

  it('a login listed for two different people, in two team files', async () => {
    const r = await validate({
      'content/teams/TEAM-bots.md': teamFile('TEAM-bots', '  - { name: Bob Bot, login: bob }\n  - name: Bart\n    login: bart\n    other_logins: [ADA]'),
    });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /content\/teams\/TEAM-bots\.md\s*\n?\s*9:20\s+error\s+Login "ADA" is listed for Bart here and for Ada Lovelace in content\/teams\/TEAM-ops\.md \(member 1\)/,
    );
    expect(r.out).toMatch(
      /content\/teams\/TEAM-ops\.md\s*\n?\s*7:27\s+error\s+Login "ada" is listed for Ada Lovelace here and for Bart in content\/teams\/TEAM-bots\.md \(member 2\)/,
    );
    expect(r.out).toContain('team/login-of-two-people');
  });

  it('two entries with the same name and no login in common', async () => {
    const r = await validate({ 'content/teams/TEAM-bots.md': teamFile('TEAM-bots', '  - { name: Ada  Lovelace, login: ada-bot }') });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /content\/teams\/TEAM-bots\.md\s*\n?\s*6:7\s+error\s+Ada {2}Lovelace \(ada-bot\) shares the name with Ada Lovelace \(ada\) in content\/teams\/TEAM-ops\.md \(member 1\), but no login/,
    );
    expect(r.out).toContain('List every login of Ada  Lovelace in one entry (login plus other_logins), or give the two people different names');
    expect(r.out).toContain('team/same-name');
  });

  it('two entries with the same name in one file', async () => {
    const r = await validate({ 'content/teams/TEAM-bots.md': teamFile('TEAM-bots', '  - { name: Bo, login: bo }\n  - { name: Bo, login: bo-bot }') });
    expect(r.code).toBe(1);
    expect(r.out).toContain('team/same-name');
  });

  it("one person's entries listing different logins", async () => {
    const r = await validate({ 'content/teams/TEAM-bots.md': teamFile('TEAM-bots', '  - name: Ada Lovelace\n    login: ada\n    other_logins: [ada-bot]') });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /content\/teams\/TEAM-bots\.md\s*\n?\s*6:5\s+error\s+Ada Lovelace is listed here with ada, ada-bot but with ada in content\/teams\/TEAM-ops\.md \(member 1\)/,
    );
    expect(r.out).toContain('team/person-logins-differ');
  });

  it('a login listed twice in one file, as another login of someone else or of the same entry', async () => {
    const r = await validate({
      'content/teams/TEAM-bots.md': teamFile('TEAM-bots', '  - { name: Bo, login: bo, other_logins: [BO] }\n  - { name: Cy, login: cy, other_logins: [Bo] }'),
    });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/6:43\s+error\s+Login "BO" is listed twice for member 1 \(Bo\)/);
    expect(r.out).toMatch(/7:43\s+error\s+Login "Bo" is listed twice \(members 1 and 2\)/);
    expect(r.out).toContain('team/duplicate-member');
  });

  it.each([
    ['the Kelvin sign', '\u212Ada'],
    ['a dotted capital İ', 'İvan'],
    ['a fullwidth letter', '\uFF41da'],
  ])('a login with %s is refused by the schema, as login or other login', async (_what, login) => {
    for (const members of [`  - { name: Ada Two, login: "${login}" }`, `  - { name: Ada Two, login: ada2, other_logins: ["${login}"] }`]) {
      const r = await validate({ 'content/teams/TEAM-bots.md': teamFile('TEAM-bots', members) });
      expect(r.code).toBe(1);
      expect(r.out).toContain('schema/');
    }
  });

  it('a bot account (name[bot]) is accepted as another login, not as the primary one', async () => {
    const ok = await validate({ 'content/teams/TEAM-bots.md': teamFile('TEAM-bots', '  - { name: Bo, login: bo, other_logins: ["bo-deploy[bot]"] }') });
    expect(ok.out).toContain('no errors');
    const primary = await validate({ 'content/teams/TEAM-bots.md': teamFile('TEAM-bots', '  - { name: Bo, login: "bo-deploy[bot]" }') });
    expect(primary.code).toBe(1);
    expect(primary.out).toContain('schema/');
  });

  it('one person in two teams with the same name and logins is valid', async () => {
    const r = await validate({
      'content/teams/TEAM-ops.md': teamFile(
        'TEAM-ops',
        '  - { name: Ada Lovelace, login: ada, other_logins: [ada-bot] }\n  - { name: Grace Hopper, login: grace }',
      ).replace('status: active', 'status: active\nroles: [cab, ecab]'),
      'content/teams/TEAM-bots.md': teamFile('TEAM-bots', '  - { name: Ada Lovelace, login: ADA, other_logins: [ada-bot] }'),
    });
    expect(r.out).toContain('no errors');
    expect(r.code).toBe(0);
  });
});

describe('commit authors from GitHub are told apart by ASCII case only', () => {
  it('a Kelvin-sign account is a different commit author, and neither hides the other', async () => {
    const { attributeCommits } = await import('../../src/core/approvals/attribution.ts');
    const commitAuthors = (commits: ReturnType<typeof commit>[]) => attributeCommits(commits).authors;
    const commit = (login: string) => ({ sha: `${login}`.padEnd(40, '0'), author: login, committer: login, cleanBaseMerge: false });
    expect(commitAuthors([commit('kate'), commit('\u212Aate'), commit('KATE')])).toEqual(['kate', '\u212Aate'].sort());
    const i = input({ author: 'tom', teams: withTeams([member('Kate', 'kate'), member('Pete', 'pete')]), reviews: [review('kate', 'APPROVED')] });
    const s = subjectOf({ ...i, pr: { ...i.pr, coAuthors: commitAuthors([commit('kate'), commit('\u212Aate')]) } });
    expect(s.reviews).toContainEqual(expect.objectContaining({ login: 'kate', outcome: 'author' }));
    expect(s.decision).toBe('pending');
  });
});

describe('itsm approvals end to end: a second account of the author', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  const teamFile = (id: string, members: string) => record(`id: ${id}\nname: ${id}\nstatus: active\nmembers:\n${members}`);
  const CHANGE = record(
    'id: CHG-0001\ntitle: Upgrade payments\ntype: normal\nrisk: low\nstatus: approved\nservices: [SVC-payments]\nplanned_start: 2026-10-10T22:00:00+02:00\nplanned_end: 2026-10-11T02:00:00+02:00\ntest_plan: Smoke tests.\nrollback_plan: Redeploy.',
  );

  async function run(teams: Record<string, string>, pr: { author: string; approver: string; commits?: (head: string) => FakeCommit[] }) {
    const repo = gitRepo('itsm-people-');
    const base = repo.commit('Base', {
      ...POLICIES,
      'itsm.yaml': 'name: Test\ntime_zone: Europe/Berlin\n',
      'content/services/SVC-payments.md': record('id: SVC-payments\nname: Payments\nstatus: active\nowner: TEAM-payments\ntier: 1'),
      ...teams,
    });
    repo.branch('feature');
    const head = repo.commit('The pull request', { 'content/changes/CHG-0001.md': CHANGE });
    const server = await startGitHubServer([
      {
        owner: 'northwind',
        repo: 'itsm',
        number: 7,
        author: pr.author,
        headSha: head,
        baseSha: base,
        files: [{ filename: 'content/changes/CHG-0001.md', status: 'added' }],
        reviews: [{ login: pr.approver, state: 'APPROVED', commit_id: head }],
        ...(pr.commits ? { commits: pr.commits(head) } : {}),
      },
    ]);
    cleanups.push(
      () => server.close(),
      () => repo.remove(),
    );
    const env = {
      GITHUB_TOKEN: 'test-token',
      GITHUB_API_URL: server.url,
      GITHUB_STEP_SUMMARY: undefined,
      GITHUB_EVENT_PATH: undefined,
      GITHUB_REPOSITORY: undefined,
      ITSM_GITHUB_RETRIES: '1',
      ITSM_GITHUB_RETRY_BASE_MS: '1',
    };
    return runMain(['approvals', '--pr', '7', '--repo', 'northwind/itsm'], { cwd: repo.dir, env });
  }

  it('the author approving from a bot listed in the same entry does not pass', async () => {
    const r = await run(
      {
        'content/teams/TEAM-payments.md': teamFile(
          'TEAM-payments',
          '  - { name: Paula, login: paula, other_logins: [paula-bot] }\n  - { name: Pete, login: pete }',
        ),
      },
      { author: 'paula-bot', approver: 'Paula' },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Paula is another login of the author Paula');
  });

  it('the author approving from an account listed as another member entry in another team does not pass (the ambiguous base teams are refused)', async () => {
    const r = await run(
      {
        'content/teams/TEAM-payments.md': teamFile('TEAM-payments', '  - { name: Paula, login: paula }\n  - { name: Pete, login: pete }'),
        'content/teams/TEAM-bots.md': teamFile('TEAM-bots', '  - { name: Paula, login: paula-bot }'),
      },
      { author: 'paula-bot', approver: 'paula' },
    );
    // The base teams fail validation (team/same-name), so they do not judge at all: fail closed.
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PR #7 at');
    expect(r.stdout).toMatch(/: rejected\./);
  });

  it('an approver whose other login committed to the PR does not pass it', async () => {
    const r = await run(
      {
        'content/teams/TEAM-payments.md': teamFile(
          'TEAM-payments',
          '  - { name: Paula, login: paula, other_logins: [paula-ci] }\n  - { name: Pete, login: pete }',
        ),
      },
      { author: 'tom', approver: 'paula', commits: (head) => [{ sha: head, author: 'tom', committer: 'PAULA-CI' }] },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('paula is another login of Paula, who wrote one of its commits');
  });
});

// Every member of the fixture teams also uses <login>-bot: listed as other_logins, or (what validate
// refuses, but the decision must still read safely) as a second entry under the same name.
describe.each([
  ['listed in other_logins', (m: Member): Member[] => [{ ...m, other_logins: [`${m.login}-bot`] }]],
  ['listed as a second entry', (m: Member): Member[] => [m, { name: m.name, login: `${m.login}-bot` }]],
])('properties over people with two accounts each, %s', (_layout, entries) => {
  const teams = baseTeams.map((t) => ({ ...t, members: t.members.flatMap(entries) }) as Team);
  const people = peopleFrom(teams);
  // The author, paula, is in the owner team of SVC-payments: her second account could fill its seat.
  const LOGINS = [
    'alice',
    'alice-bot',
    'paula',
    'paula-bot',
    'PAULA-BOT',
    'pete',
    'pete-bot',
    'carol',
    'Carol-bot',
    'dave',
    'dave-bot',
    'erin',
    'frank-bot',
    'mallory',
  ];
  const historyArb = fc
    .array(
      fc.record({
        login: fc.constantFrom(...LOGINS),
        state: fc.constantFrom('APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED'),
        commitId: fc.constantFrom(HEAD, OLD_HEAD),
        second: fc.integer({ min: 0, max: 10_000 }),
      }),
      { maxLength: 20 },
    )
    .map((rs) =>
      rs.map((r, i): Review => ({
        id: i + 1,
        login: r.login,
        state: r.state,
        commitId: r.commitId,
        submittedAt: new Date(Date.UTC(2026, 9, 1) + r.second * 1000).toISOString(),
      })),
    );
  const changeArb = fc
    .record({ type: fc.constantFrom('normal' as const, 'emergency' as const), risk: fc.constantFrom('low' as const, 'medium' as const, 'high' as const) })
    .map((o) => change(o));
  const decide = (reviews: Review[], c: ReturnType<typeof change>) =>
    decideApprovals(input({ author: 'paula', changes: [added(c)], reviews, teams })).subjects[0]!;

  it("the author's reviews, from any of their logins, never change the decision", () => {
    fc.assert(
      fc.property(historyArb, changeArb, (history, c) => {
        const without = history.filter((r) => !people.samePerson(r.login!, 'paula'));
        expect(decide(history, c).decision).toBe(decide(without, c).decision);
      }),
      { numRuns: 300 },
    );
  });

  it('approved means every seat is filled by a different person, none of them the author', () => {
    fc.assert(
      fc.property(historyArb, changeArb, (history, c) => {
        const s = decide(history, c);
        if (s.decision !== 'approved') return;
        const who = s.required.flatMap((r) => r.approvers.map((l) => people.personOf(l).key));
        expect(new Set(who).size).toBe(who.length);
        expect(who).not.toContain(people.personOf('paula').key);
      }),
      { numRuns: 300 },
    );
  });
});
