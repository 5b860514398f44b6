/** Approval evidence on a change's page: which pull request approved it, by whom and when. */
import type { Evidence } from '../approvals/evidence-note.ts';
import { formatInstant } from './format.ts';
import { repoUrl as safeRepoUrl } from '../urls.ts';

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

export function approvalRows(evidence: readonly Evidence[], repoUrl: string | undefined, tz: string): ApprovalRow[] {
  const repo = safeRepoUrl(repoUrl);
  return evidence.map((e) => ({
    pr: e.pr,
    ...(repo ? { prHref: `${repo}/pull/${e.pr}`, commitHref: `${repo}/commit/${e.commit}` } : {}),
    decision: e.decision,
    decidedText: formatInstant(e.decided_at, tz),
    commitShort: e.commit.slice(0, 8),
    approvers: e.approvers.map((a) => ({ login: a.login, atText: a.at ? formatInstant(a.at, tz) : '' })),
    requirements: e.required.map((r) => `${r.count} from ${r.role}${r.service ? ` of ${r.service}` : ''}: ${r.approvers.length ? r.approvers.join(', ') : 'nobody yet'}`),
  }));
}
