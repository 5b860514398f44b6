/**
 * Approval evidence for history and the site: which pull request approved which change, by whom and
 * when. Built from the decision only, so it records exactly what the check counted.
 */
import type { ApprovalResult, Decision, SubjectDecision } from './types.ts';

export interface ApprovalEvidence {
  /** Change ID, or "policy" for edits to policies or teams. */
  change: string;
  pr: number;
  /** The head commit the approvals were given on. */
  commit: string;
  approvers: Array<{ login: string; at: string | null }>;
  decision: Decision;
}

/** Evidence for one judged subject. */
export function evidenceFor(subject: SubjectDecision, result: Pick<ApprovalResult, 'pr' | 'headSha'>): ApprovalEvidence {
  return { change: subject.subject, pr: result.pr, commit: result.headSha, approvers: subject.approvers.map((a) => ({ ...a })), decision: subject.decision };
}

/** Evidence for every subject that needed approval (not-required ones prove nothing). */
export function approvalEvidence(result: ApprovalResult): ApprovalEvidence[] {
  return result.subjects.filter((s) => s.decision !== 'not-required').map((s) => evidenceFor(s, result));
}
