/**
 * Which change records a pull request must have approved.
 *
 * A record claims authorisation when its status is approved or later in the lifecycle. The PR that
 * makes or renews that claim is the approval, so approval is needed when the PR:
 * - adds a record whose status already claims authorisation (approved, scheduled, implementing, or
 *   even completed: a retroactive record still needs its sign-off);
 * - moves a record to approved, scheduled or implementing, or from a status that never claimed
 *   authorisation (draft, submitted, cancelled) to any status that does;
 * - changes what was approved (planned window, risk, type, CIs, services, template) on a record that
 *   claims authorisation after the PR.
 * A draft or submitted record needs no approval yet; moving to completed, failed or rolled_back from
 * implementing is closing the change, not authorising it.
 */
import type { Change } from '../model.ts';

type Status = Change['status'];

const AUTHORISED: ReadonlySet<Status> = new Set(['approved', 'scheduled', 'implementing', 'completed', 'failed', 'rolled_back']);
const ENTERING_EXECUTION: ReadonlySet<Status> = new Set(['approved', 'scheduled', 'implementing']);

/** The fields whose change voids an earlier approval. */
export const APPROVED_FIELDS = ['planned_start', 'planned_end', 'risk', 'type', 'cis', 'services', 'template'] as const;

/** Reasons the PR must carry approval for this record; empty when none is needed. */
export function approvalTriggers(before: Change | undefined, after: Change | undefined): string[] {
  if (!after) return [];
  if (!AUTHORISED.has(after.status)) return [];
  if (!before) return [`the pull request adds it with status ${after.status}`];
  const reasons: string[] = [];
  if (before.status !== after.status && (ENTERING_EXECUTION.has(after.status) || !AUTHORISED.has(before.status))) {
    reasons.push(`its status moves from ${before.status} to ${after.status}`);
  }
  const changed = APPROVED_FIELDS.filter((f) => !sameValue(before[f], after[f]));
  if (changed.length > 0) reasons.push(`it changes ${changed.join(', ')} after approval`);
  return reasons;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? [...(a as unknown[])].sort() : [];
    const y = Array.isArray(b) ? [...(b as unknown[])].sort() : [];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (typeof a === 'string' && typeof b === 'string' && isInstant(a) && isInstant(b)) return Date.parse(a) === Date.parse(b);
  return a === b;
}

function isInstant(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(s);
}
