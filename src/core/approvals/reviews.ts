/**
 * Reduces a PR's review history to each reviewer's current position, the way GitHub itself shows it:
 * a reviewer's latest APPROVED or CHANGES_REQUESTED review is their position; a COMMENTED review does
 * not replace it; a DISMISSED review withdraws it (and does not bring an earlier one back).
 */
import { loginKey } from '../people.ts';
import type { Review } from './types.ts';

/** A reviewer's standing position after all of their reviews. */
export interface Position {
  /** The login as the forge spelled it on the deciding review. */
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED';
  commitId: string | null;
  at: string | null;
}

/**
 * Each reviewer's latest standing review, keyed by login (loginKey: ASCII case-insensitive). Reviews are ordered by
 * submission time, then by id (GitHub ids increase), so the input order does not matter.
 * Pending (unsubmitted) reviews and reviews by deleted accounts are ignored.
 */
export function latestPositions(reviews: readonly Review[]): Map<string, Position> {
  const ordered = [...reviews].sort(compareReviews);
  const positions = new Map<string, Position>();
  for (const r of ordered) {
    if (!r.login) continue;
    const key = loginKey(r.login);
    if (r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED') {
      positions.set(key, { login: r.login, state: r.state, commitId: r.commitId, at: r.submittedAt });
    } else if (r.state === 'DISMISSED') {
      positions.delete(key);
    }
    // COMMENTED and PENDING leave the position as it was.
  }
  return positions;
}

function compareReviews(a: Review, b: Review): number {
  const ta = a.submittedAt ? Date.parse(a.submittedAt) : Number.NaN;
  const tb = b.submittedAt ? Date.parse(b.submittedAt) : Number.NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  return a.id - b.id;
}
