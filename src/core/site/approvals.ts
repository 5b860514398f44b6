/** Approval evidence on a change's page: which pull request approved it, by whom and when. */
import type { Evidence } from '../approvals/evidence-note.ts';
import { formatInstant } from '../format.ts';
import type { ForgeLinks } from '../forge.ts';

export interface ApprovalRow {
  pr: number;
  prHref?: string;
  decision: string;
  decidedText: string;
  commitShort: string;
  commitHref?: string;
  approvers: Array<{ login: string; atText: string }>;
  /** e.g. "2 from cab: alice, bob". */
  requirements: string[];
}

export function approvalRows(evidence: readonly Evidence[], forge: ForgeLinks, tz: string): ApprovalRow[] {
  return evidence.map((e) => {
    const prHref = forge.pullRequest(e.pr);
    const commitHref = forge.commit(e.commit);
    return {
      pr: e.pr,
      ...(prHref ? { prHref } : {}),
      ...(commitHref ? { commitHref } : {}),
      decision: e.decision,
      decidedText: formatInstant(e.decided_at, tz),
      commitShort: e.commit.slice(0, 8),
      approvers: e.approvers.map((a) => ({ login: a.login, atText: a.at ? formatInstant(a.at, tz) : '' })),
      requirements: e.required.map(
        (r) => `${r.count} from ${r.role}${r.service ? ` of ${r.service}` : ''}: ${r.approvers.length ? r.approvers.join(', ') : 'nobody yet'}`,
      ),
    };
  });
}
