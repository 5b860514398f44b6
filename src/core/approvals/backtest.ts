/**
 * Back-testing a change policy edit: every pull request merged in a window is decided again, with
 * the approvals its evidence note recorded, under the base's change policy and under the head's;
 * the changes decided differently are listed. Pure: the merged pull requests (their inputs as they
 * were at the merge) and both policies are parameters.
 *
 * What is replayed: the reviews are the approvals the note recorded (login and time), on the head
 * commit the note names. Reviews that did not count at the time (someone outside the approving
 * teams, a request for changes later withdrawn) were not recorded, so a stricter policy can only be
 * met by people who approved then; that is the honest reading of the evidence we keep.
 */
import type { ChangePolicy } from '../model.ts';
import { decideApprovals } from './decide.ts';
import type { EvidenceNote } from './evidence-note.ts';
import type { ApprovalInput, Decision, RequirementStatus, Review, SubjectDecision } from './types.ts';

/** A merged pull request with what its decision read at the merge, everything but the policy. */
export interface MergedPullRequest {
  /** The commit the note is on: the merge or squash commit. */
  commit: string;
  /** When it was merged (the commit's date, ISO 8601). */
  mergedAt: string;
  note: EvidenceNote;
  /** The decision's inputs at the merge: teams and services of the first parent, the records before and after. */
  input: Omit<ApprovalInput, 'policy'>;
}

/** How one side's policy decides a change. */
export interface BacktestSide {
  decision: Decision;
  /** What the policy requires, in words: "2 from cab (TEAM-ops)". */
  required: string[];
  approvers: string[];
  missing: string[];
}

/** A change (or a pull request's policy edits, subject "policy") decided differently by the two policies. */
export interface DecidedDifferently {
  change: string;
  pr: number;
  commit: string;
  merged_at: string;
  /** What was decided when it merged, as the note says. */
  recorded: Decision;
  base: BacktestSide;
  head: BacktestSide;
  /** One sentence on the difference. */
  why: string;
}

export interface ChangePolicyBacktest {
  /** Merged pull requests in the window with an evidence note. */
  pull_requests: number;
  /** Subjects (changes and policy edits) decided again under both policies. */
  decisions: number;
  differences: DecidedDifferently[];
}

/** The approvals an evidence note recorded, as the reviews they were: approved, on the noted head commit. */
export function reviewsFromNote(note: EvidenceNote): Review[] {
  const seen = new Map<string, Review>();
  for (const c of note.changes)
    for (const a of c.approvers)
      if (!seen.has(a.login.toLowerCase()))
        seen.set(a.login.toLowerCase(), { id: seen.size + 1, login: a.login, state: 'APPROVED', commitId: note.head_sha, submittedAt: a.at });
  return [...seen.values()];
}

/** Decides every merged pull request under both policies and lists what changed. */
export function backtestChangePolicy(
  merged: readonly MergedPullRequest[],
  base: ChangePolicy | undefined,
  head: ChangePolicy | undefined,
): ChangePolicyBacktest {
  const differences: DecidedDifferently[] = [];
  let decisions = 0;
  for (const m of merged) {
    const input = { ...m.input, pr: { ...m.input.pr, reviews: reviewsFromNote(m.note) } };
    const before = new Map(decideApprovals({ ...input, policy: base }).subjects.map((s) => [s.subject, s]));
    const after = new Map(decideApprovals({ ...input, policy: head }).subjects.map((s) => [s.subject, s]));
    for (const recorded of m.note.changes) {
      const b = before.get(recorded.change);
      const h = after.get(recorded.change);
      if (!b || !h) continue;
      decisions += 1;
      if (b.decision === h.decision) continue;
      differences.push({
        change: recorded.change,
        pr: m.note.pr,
        commit: m.commit,
        merged_at: m.mergedAt,
        recorded: recorded.decision,
        base: side(b),
        head: side(h),
        why: why(side(b), side(h), h.explanation),
      });
    }
  }
  differences.sort((x, y) => x.merged_at.localeCompare(y.merged_at) || x.pr - y.pr || x.change.localeCompare(y.change));
  return { pull_requests: merged.length, decisions, differences };
}

function requirement(r: RequirementStatus): string {
  const who = r.service ? `the owner team of ${r.service}` : r.role;
  return `${r.count} from ${who}${r.teams.length ? ` (${r.teams.join(', ')})` : ''}`;
}

function side(s: SubjectDecision): BacktestSide {
  return { decision: s.decision, required: s.required.map(requirement), approvers: s.approvers.map((a) => a.login), missing: s.missing };
}

/** The difference in words: what the head policy asks for that the base did not, or no longer asks for, then the outcome. */
function why(base: BacktestSide, head: BacktestSide, explanation: string): string {
  const added = head.required.filter((r) => !base.required.includes(r));
  const dropped = base.required.filter((r) => !head.required.includes(r));
  const change = [added.length ? `adds ${added.join(' and ')}` : '', dropped.length ? `no longer asks for ${dropped.join(' and ')}` : '']
    .filter(Boolean)
    .join(' and ');
  const rule = change ? `the head policy ${change}` : 'the same approvals are required';
  if (head.decision === 'approved') return `${rule}: approved by ${head.approvers.join(', ') || 'nobody (none required)'}.`;
  if (head.decision === 'pending' && head.missing.length) return `${rule}: still needed ${head.missing.join('; ')}.`;
  return `${rule}. ${explanation}`;
}
