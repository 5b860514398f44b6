/** Whom `itsm approvals --request-reviews` asks, from the decision and the base teams alone. */
import { describe, expect, it } from 'vitest';
import { reviewersToRequest, whoCanApprove } from '../../../src/core/approvals/reviewers.ts';
import type { ApprovalResult, PullRequestFacts, SubjectDecision } from '../../../src/core/approvals/types.ts';
import type { Team } from '../../../src/core/model.ts';

const teams: Team[] = [
  {
    id: 'TEAM-cab',
    name: 'CAB',
    status: 'active',
    roles: ['cab'],
    github_team: 'cab',
    members: [
      { name: 'Carol', login: 'carol' },
      { name: 'Dave', login: 'dave', other_logins: ['dave-admin'] },
    ],
  },
  { id: 'TEAM-old', name: 'Old', status: 'retired', github_team: 'old', members: [{ name: 'Otto', login: 'otto' }] },
];

const subject = (missing: number, teamIds = ['TEAM-cab'], approvers: string[] = []): SubjectDecision => ({
  subject: 'CHG-0001',
  file: 'content/changes/CHG-0001.md',
  triggers: [],
  required: [{ role: 'cab', teams: teamIds, count: 2, approvers, missing, reason: 'normal change, risk high' }],
  approvers: approvers.map((login) => ({ login, at: null })),
  missing: [],
  reviews: [],
  conflicts: [],
  windows: [],
  decision: missing ? 'pending' : 'approved',
  explanation: '',
});
const result = (...subjects: SubjectDecision[]): ApprovalResult => ({ pr: 7, headSha: 'h', baseSha: 'b', decision: 'pending', subjects });
const pr = (extra: Partial<PullRequestFacts> = {}): PullRequestFacts => ({
  number: 7,
  author: 'alice',
  headSha: 'h',
  baseSha: 'b',
  reviews: [],
  files: [],
  ...extra,
});

describe('reviewersToRequest', () => {
  it('asks the members and the GitHub team of a team with empty seats', () => {
    expect(reviewersToRequest(result(subject(2)), teams, pr(), { users: [], teams: [] })).toEqual({ users: ['carol', 'dave'], teams: ['cab'] });
  });

  it('never asks an author by any of their logins, nor a retired team', () => {
    const r = reviewersToRequest(result(subject(2, ['TEAM-cab', 'TEAM-old'])), teams, pr({ author: 'DAVE-ADMIN', coAuthors: ['carol'] }), {
      users: [],
      teams: [],
    });
    expect(r).toEqual({ users: [], teams: ['cab'] });
  });

  it('asks nobody already asked or who reviewed, and not the team once a member reviewed', () => {
    const reviewed = pr({ reviews: [{ id: 1, login: 'dave-admin', state: 'COMMENTED', commitId: 'h', submittedAt: null }] });
    expect(reviewersToRequest(result(subject(2)), teams, reviewed, { users: ['Carol'], teams: [] })).toEqual({ users: [], teams: [] });
    expect(reviewersToRequest(result(subject(2)), teams, pr(), { users: [], teams: ['CAB'] })).toEqual({ users: ['carol', 'dave'], teams: [] });
  });

  it('asks for nothing when every seat is filled', () => {
    expect(reviewersToRequest(result(subject(0, ['TEAM-cab'], ['carol', 'dave'])), teams, pr(), { users: [], teams: [] })).toEqual({ users: [], teams: [] });
  });
});

describe('whoCanApprove', () => {
  it('names the people who can still fill a seat, by primary login, without those already counted', () => {
    expect(whoCanApprove(subject(1, ['TEAM-cab'], ['dave-admin']), teams, pr())).toEqual(['carol']);
  });
});
