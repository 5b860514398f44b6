/**
 * The data the approval decision works on and what it returns. Everything here is plain data so the
 * decision can be tested exhaustively without a network, a clock or a repository.
 */
import type { Change, ChangePolicy, Service, Team } from '../model.ts';

/** A review as the forge reports it, reduced to what the decision needs. */
export interface Review {
  /** The forge's review id; orders reviews submitted in the same second. */
  id: number;
  /** The reviewer's login; null for a deleted ("ghost") account, which never counts. */
  login: string | null;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING (GitHub's spelling). */
  state: string;
  /** The commit the review was submitted on. */
  commitId: string | null;
  /** ISO 8601 instant the review was submitted, if known. */
  submittedAt: string | null;
}

/** The pull request facts the decision needs, read from the forge. */
export interface PullRequestFacts {
  number: number;
  /** Login of the PR's author: never counts as an approver. */
  author: string;
  /**
   * Other authors, who never count either: the accounts that wrote or committed the PR's commits
   * (from the forge), or every signer of a commit in the change set (--from-git).
   */
  coAuthors?: string[];
  /** The commit the PR points at now: only reviews on this commit count. */
  headSha: string;
  baseSha: string;
  /** The branch the PR merges into, and the repository's default branch (both from the forge). */
  baseRef?: string;
  defaultBranch?: string;
  reviews: Review[];
  /** Paths the forge says the PR touches (both sides of a rename). */
  files: string[];
}

/** A change record as it is on each side of the pull request. */
export interface ChangedChange {
  id: string;
  /** Path of the record at the head (or at the base when the PR deletes it). */
  file: string;
  /** The record before the PR (at the merge base), if it existed. */
  before?: Change;
  /** The record after the PR (at the head), if it still exists. */
  after?: Change;
  /**
   * True when the file exists at the head but failed validation: the check fails closed for it,
   * because the decision cannot be made on a record it cannot read.
   */
  invalidAtHead?: boolean;
  /**
   * True when the base branch also changed this record after the PR forked: git would merge both
   * edits into content nobody reviewed, so the PR must first be brought up to date.
   */
  changedOnBaseSinceFork?: boolean;
}

/** Everything the decision reads. Policy, teams and services must come from the PR's base commit. */
export interface ApprovalInput {
  pr: PullRequestFacts;
  changes: ChangedChange[];
  /** Paths changed by the PR (the forge's list merged with the local diff). */
  changedPaths: string[];
  /** The change policy at the base commit; undefined when the base has none (nothing can be approved). */
  policy: ChangePolicy | undefined;
  /** Teams at the base commit. */
  teams: Team[];
  /** Services at the base commit (their owner teams are the service owners). */
  services: Service[];
  /** Every other change as it will be after the merge, to find schedule conflicts. */
  schedule: Change[];
  /**
   * Branches a PR may be judged for, besides the repository's default branch. A status check belongs
   * to a commit, not to a PR: a pass for a PR into some lax branch would also show on a PR into main
   * with the same head, so PRs into other branches never pass.
   */
  allowedBases?: string[];
  /** Reasons the change set's provenance cannot be trusted (e.g. unsigned commits): nothing passes. */
  provenance?: string[];
}

export type Role = NonNullable<ChangePolicy['policy_changes']>['require'][number]['role'];

export type Decision = 'approved' | 'pending' | 'rejected' | 'not-required';

/** One requirement the change must meet, with the people who may meet it. */
export interface RequirementStatus {
  role: Role;
  /** For service-owner: the service whose owner team must approve. */
  service?: string;
  /** The team(s) whose members may approve. */
  teams: string[];
  count: number;
  /** Approvers assigned to this requirement (each person fills at most one seat across requirements). */
  approvers: string[];
  /** Seats still empty. */
  missing: number;
  /** Why the requirement exists, e.g. "normal change, risk high" or "planned inside freeze X". */
  reason: string;
}

/** A counted or ignored review, with the reason, for the explanation and the summary. */
export interface ReviewVerdict {
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED';
  at: string | null;
  commitId: string | null;
  /**
   * counted: fills a seat; otherwise why it does not. author: the PR author or a commit author, from
   * any of their logins; same-person: another login of someone whose approval already counts.
   */
  outcome: 'counted' | 'unneeded' | 'author' | 'stale' | 'not-eligible' | 'blocks' | 'ignored-changes-request' | 'same-person';
}

export interface WindowFinding {
  kind: 'freeze' | 'outside-maintenance-window' | 'pir';
  message: string;
}

export interface Conflict {
  /** The other change planned in an overlapping window. */
  change: string;
  /** The CIs and services both touch. */
  shared: string[];
  message: string;
}

/** The verdict on one change record, or on the PR's policy/team edits (subject "policy"). */
export interface SubjectDecision {
  /**
   * A change ID; "policy" for edits under content/policies/ or content/teams/; "base" for the target
   * branch; "commits" for the change set's provenance.
   */
  subject: string;
  file: string;
  /** Why approval is needed at all (or why not). */
  triggers: string[];
  required: RequirementStatus[];
  /** Logins counted toward the requirements (one per person). */
  approvers: Array<{ login: string; at: string | null }>;
  /** Human sentences on what is still missing. */
  missing: string[];
  reviews: ReviewVerdict[];
  conflicts: Conflict[];
  windows: WindowFinding[];
  decision: Decision;
  /** A paragraph a change owner understands: what was decided and what to do next. */
  explanation: string;
}

export interface ApprovalResult {
  pr: number;
  headSha: string;
  baseSha: string;
  decision: Decision;
  subjects: SubjectDecision[];
}
