/**
 * Who can still approve each change, and whom to ask: the members of the teams whose seats are still
 * empty (the owner teams of the services a change reaches, the CAB for high risk...), never an author
 * of the pull request (from any of their logins), never someone already asked or who already reviewed.
 * Pure: the teams are the base commit's, as for the decision; the I/O is in src/io/approvals-run.ts.
 * Nothing here changes a decision.
 */
import type { Team } from '../model.ts';
import { peopleFrom, type People } from '../people.ts';
import type { ApprovalResult, PullRequestFacts, SubjectDecision } from './types.ts';

/** Who is asked already, from the pull request (GitHub's requested_reviewers and requested_teams). */
export interface AlreadyRequested {
  users: readonly string[];
  /** GitHub team slugs. */
  teams: readonly string[];
}

export interface ReviewRequest {
  /** Logins to ask (each person's primary login), sorted. */
  users: string[];
  /** GitHub team slugs to ask (teams whose file names `github_team`), sorted. */
  teams: string[];
}

/**
 * The people who can fill a change's empty seats: members of the teams of every requirement still
 * missing approvals, minus the pull request's authors and those already counted. Each person once,
 * by their primary login, sorted.
 */
export function whoCanApprove(subject: SubjectDecision, teams: readonly Team[], pr: Pick<PullRequestFacts, 'author' | 'coAuthors'>): string[] {
  const people = peopleFrom(teams);
  return candidates(subject, teams, pr, people);
}

function candidates(subject: SubjectDecision, teams: readonly Team[], pr: Pick<PullRequestFacts, 'author' | 'coAuthors'>, people: People): string[] {
  const authors = [pr.author, ...(pr.coAuthors ?? [])];
  const counted = subject.approvers.map((a) => a.login);
  const out = new Map<string, string>();
  for (const r of subject.required) {
    if (r.missing <= 0) continue;
    for (const teamId of r.teams) {
      const team = teams.find((t) => t.id === teamId && t.status === 'active');
      for (const m of team?.members ?? []) {
        const person = people.personOf(m.login);
        if (authors.some((a) => people.samePerson(a, m.login))) continue;
        if (counted.some((c) => people.samePerson(c, m.login))) continue;
        out.set(person.key, person.handle);
      }
    }
  }
  return [...out.values()].sort();
}

/**
 * The review requests to send for a decision: everyone who can fill an empty seat of any change (or
 * of the policy edits), except whoever is asked already or has reviewed (any state, any login of
 * theirs); and the GitHub team of each team with empty seats that names one, unless it is asked
 * already or one of its members has reviewed. Running it again after the requests went out asks for
 * nothing new.
 */
export function reviewersToRequest(result: ApprovalResult, teams: readonly Team[], pr: PullRequestFacts, requested: AlreadyRequested): ReviewRequest {
  const people = peopleFrom(teams);
  const reviewed = pr.reviews.flatMap((r) => (r.login === null ? [] : [r.login]));
  const asked = (login: string) => [...requested.users, ...reviewed].some((l) => people.samePerson(l, login));
  const users = new Set<string>();
  const slugs = new Set<string>();
  for (const s of result.subjects) {
    for (const login of candidates(s, teams, pr, people)) if (!asked(login)) users.add(login);
    for (const r of s.required) {
      if (r.missing <= 0) continue;
      for (const teamId of r.teams) {
        const team = teams.find((t) => t.id === teamId && t.status === 'active');
        const slug = team?.github_team;
        if (!slug || requested.teams.some((t) => t.toLowerCase() === slug.toLowerCase())) continue;
        if (team.members.some((m) => reviewed.some((l) => people.samePerson(l, m.login)))) continue;
        slugs.add(slug);
      }
    }
  }
  return { users: [...users].sort(), teams: [...slugs].sort() };
}
