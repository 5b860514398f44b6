/**
 * Renders a decision for people: plain text for a terminal, a Markdown table for the Actions job
 * summary, and workflow-command annotations (capped the way GitHub caps them).
 */
import { printable } from '../printable.ts';
import type { ApprovalResult, SubjectDecision } from './types.ts';

const LABEL: Record<SubjectDecision['decision'], string> = {
  approved: 'approved',
  pending: 'pending',
  rejected: 'rejected',
  'not-required': 'not required',
};

/** How a subject is named to people. */
function label(subject: string): string {
  return subject === 'policy' ? 'policies/teams' : subject === 'base' ? 'target branch' : subject === 'commits' ? 'commit authors' : subject;
}

/** "PR #7", or the commit range when judged from git alone. */
function what(result: ApprovalResult): string {
  return result.pr > 0 ? `PR #${result.pr}` : `Changes ${result.baseSha.slice(0, 7)}..${result.headSha.slice(0, 7)}`;
}

/** Plain text, one block per subject, then the overall verdict. */
export function formatPretty(result: ApprovalResult): string {
  const lines: string[] = [];
  for (const s of result.subjects) {
    // One line each, whatever a path holds: after --format github's annotations, a line that starts
    // with :: would be a workflow command (a forged notice, ::add-mask::, ::stop-commands::).
    lines.push(printable(`${label(s.subject)}  ${LABEL[s.decision]}  (${s.file})`));
    lines.push(`  ${printable(s.explanation)}`);
  }
  if (result.subjects.length === 0) lines.push('This pull request adds or advances no change record and edits no policy or team.');
  lines.push('', `${what(result)} at ${result.headSha.slice(0, 7)}: ${LABEL[result.decision]}.`);
  return lines.join('\n') + '\n';
}

/** Escapes a Markdown table cell. */
function cell(text: string): string {
  return printable(text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' '));
}

/** What a run adds to the summary besides the decision (see runApprovals in src/io/approvals-run.ts). */
export interface SummaryExtras {
  /** Per subject with empty seats: the people who can fill them (never an author). */
  canApprove?: Readonly<Record<string, readonly string[]>>;
  /** Whom this run asked for a review, or why it could not. */
  reviewRequest?: { users: readonly string[]; teams: readonly string[]; error?: string };
}

/** One line on the review requests of this run. */
export function formatReviewRequest(request: NonNullable<SummaryExtras['reviewRequest']>): string {
  const whom = [...request.users, ...request.teams.map((t) => `team ${t}`)].join(', ');
  if (request.error) return printable(`Review requests${whom ? ` to ${whom}` : ''} failed (the decision stands): ${request.error}`);
  return printable(whom ? `Review requested from ${whom}.` : 'No new review requests: everyone who can approve is asked already or has reviewed.');
}

/** The job summary: a table of subjects, then each explanation, then what was left out of annotations. */
export function formatSummary(result: ApprovalResult, overflow: readonly string[] = [], extras: SummaryExtras = {}): string {
  const out = [
    `## Change approvals for ${what(result)}: ${LABEL[result.decision]}`,
    '',
    `Head commit \`${result.headSha}\`, judged by the policy and teams at base \`${result.baseSha}\`.`,
    '',
  ];
  if (result.subjects.length === 0) out.push('This pull request adds or advances no change record and edits no policy or team.');
  else {
    out.push('| Subject | Decision | Approved by | Missing | Can approve | Windows and conflicts |', '|---|---|---|---|---|---|');
    for (const s of result.subjects) {
      const findings = [...s.windows.map((w) => w.message), ...s.conflicts.map((c) => c.message)];
      const can = extras.canApprove?.[s.subject] ?? [];
      out.push(
        `| ${cell(label(s.subject))} | ${LABEL[s.decision]} | ${cell(s.approvers.map((a) => a.login).join(', ') || '-')} | ${cell(s.missing.join('; ') || '-')} | ${cell(can.join(', ') || '-')} | ${cell(findings.join(' ') || '-')} |`,
      );
    }
    out.push('');
    for (const s of result.subjects) out.push(`- **${label(s.subject)}**: ${printable(s.explanation)}`);
  }
  if (extras.reviewRequest) out.push('', formatReviewRequest(extras.reviewRequest));
  if (overflow.length > 0)
    out.push('', '### Findings not shown as annotations (GitHub shows at most 10 per type)', '', ...overflow.map((o) => `- ${printable(o)}`));
  return out.join('\n') + '\n';
}

/** Escapes a workflow-command message: %, CR and LF would otherwise end or corrupt the command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow-command property value (file=..., title=...), which also reserves : and ,. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub shows at most this many annotations of one type from one step. */
export const ANNOTATIONS_PER_TYPE = 10;

/**
 * Workflow commands for the findings: errors for rejected and pending subjects, warnings for window
 * findings and conflicts. Beyond ten of a type, the finding goes to `overflow` (for the summary).
 * `pathPrefix` turns workspace paths into repository paths, which is what GitHub annotates.
 */
export function formatAnnotations(result: ApprovalResult, pathPrefix = ''): { commands: string; overflow: string[] } {
  const lines: string[] = [];
  const overflow: string[] = [];
  const used = { error: 0, warning: 0 };
  const emit = (type: 'error' | 'warning', file: string, title: string, message: string) => {
    if (used[type] >= ANNOTATIONS_PER_TYPE) {
      overflow.push(`${type} in ${file}: ${message}`);
      return;
    }
    used[type]++;
    const where = file === '.' ? '' : `file=${escapeProperty(pathPrefix + file)},`;
    lines.push(`::${type} ${where}title=${escapeProperty(title)}::${escapeData(message)}`);
  };
  for (const s of result.subjects) {
    if (s.decision === 'rejected' || s.decision === 'pending') emit('error', s.file, `${s.subject}: approval ${s.decision}`, s.explanation);
    for (const w of s.windows) emit('warning', s.file, `${s.subject}: ${w.kind}`, w.message);
    for (const c of s.conflicts) emit('warning', s.file, `${s.subject}: schedule conflict`, c.message);
  }
  return { commands: lines.length ? lines.join('\n') + '\n' : '', overflow };
}
