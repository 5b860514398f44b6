/** Pull requests as change approvals: the pure decision and its presentations. */
export { decideApprovals, overall, GOVERNED_PREFIXES } from './decide.ts';
export { approvalEvidence, evidenceFor, type ApprovalEvidence } from './evidence.ts';
export { formatAnnotations, formatPretty, formatSummary, escapeData, escapeProperty, ANNOTATIONS_PER_TYPE } from './format.ts';
export { approvalTriggers, APPROVED_FIELDS } from './triggers.ts';
export { latestPositions } from './reviews.ts';
export { affectedServices, reachOf } from './scope.ts';
export { decisionInputs, governedEdits, isGatePath, type DecisionInputs } from './inputs.ts';
export type * from './types.ts';
