/**
 * A record's status history as the clocks see it: a start instant and the status changes after it.
 * The timeline is the source; when it has no status entries, the milestone fields (acknowledged_at,
 * resolved_at, ...) stand in for it. Milestones the timeline does not mention are merged in, so a
 * record whose front matter says resolved is resolved for the clock too.
 */
import type { Incident, ServiceRequest, TimelineEntry } from '../model.ts';
import type { SlaKind } from './types.ts';

export interface StatusChange {
  /** Epoch ms. */
  at: number;
  status: string;
}

/** The statuses that end, cancel or begin each kind's clocks. */
export interface Lifecycle {
  initial: string;
  /** The resolution clock stops when the record enters one of these (and resumes if it leaves them). */
  done: ReadonlySet<string>;
  /** The record was withdrawn: clocks that have not stopped are cancelled. */
  cancelled: ReadonlySet<string>;
}

export const LIFECYCLES: Record<SlaKind, Lifecycle> = {
  incident: { initial: 'new', done: new Set(['resolved', 'closed']), cancelled: new Set(['cancelled']) },
  request: { initial: 'new', done: new Set(['fulfilled']), cancelled: new Set(['cancelled', 'rejected']) },
};

export interface StatusHistory {
  kind: SlaKind;
  /** When both clocks start (reported_at / requested_at), epoch ms. */
  start: number;
  /** acknowledged_at, epoch ms, if recorded. */
  acknowledgedAt: number | null;
  /** Status changes in time order; the status before the first one is the lifecycle's initial status. */
  changes: StatusChange[];
  /** Where the changes came from. */
  source: 'timeline' | 'milestones';
}

/** The status history of an incident or request, or null when its start timestamp is unreadable. */
export function statusHistory(kind: SlaKind, data: Incident | ServiceRequest): StatusHistory | null {
  const fields = kind === 'incident' ? incidentMilestones(data as Incident) : requestMilestones(data as ServiceRequest);
  const start = instant(fields.start);
  if (start === null) return null;
  const lifecycle = LIFECYCLES[kind];
  const fromTimeline = timelineChanges(data.timeline);
  let changes: StatusChange[];
  if (fromTimeline.length > 0) {
    changes = fromTimeline;
    // A milestone the timeline never reached (e.g. resolved_at without a resolved entry) still counts.
    for (const [status, at] of fields.milestones) {
      const ms = instant(at);
      if (ms !== null && lifecycle.done.has(status) && !changes.some((c) => lifecycle.done.has(c.status))) changes.push({ at: ms, status });
    }
  } else {
    changes = [];
    for (const [status, at] of fields.milestones) {
      const ms = instant(at);
      if (ms !== null) changes.push({ at: ms, status });
    }
  }
  changes.sort((a, b) => a.at - b.at);
  // The record's current status wins: if the history does not end there, it moved there last.
  const last = changes.at(-1);
  const current = data.status;
  if ((last ? last.status : lifecycle.initial) !== current) {
    const known = fields.milestones.find(([status]) => status === current)?.[1];
    const at = Math.max(instant(known) ?? -Infinity, last?.at ?? start, start);
    changes.push({ at, status: current });
  }
  return { kind, start, acknowledgedAt: instant(fields.acknowledged), changes, source: fromTimeline.length > 0 ? 'timeline' : 'milestones' };
}

interface Milestones {
  start: string;
  acknowledged: string | undefined;
  /** [status the record entered, when], for the fields that record one. */
  milestones: Array<[string, string | undefined]>;
}

function incidentMilestones(d: Incident): Milestones {
  return {
    start: d.reported_at,
    acknowledged: d.acknowledged_at,
    milestones: [
      ['acknowledged', d.acknowledged_at],
      ['resolved', d.resolved_at],
      ['closed', d.closed_at],
    ],
  };
}

function requestMilestones(d: ServiceRequest): Milestones {
  return {
    start: d.requested_at,
    acknowledged: d.acknowledged_at,
    milestones: [
      ['in_progress', d.acknowledged_at],
      ['approved', d.approved_at],
      ['fulfilled', d.fulfilled_at],
    ],
  };
}

function timelineChanges(timeline: readonly TimelineEntry[] | undefined): StatusChange[] {
  const out: StatusChange[] = [];
  for (const entry of timeline ?? []) {
    if (!entry.status) continue;
    const at = instant(entry.at);
    if (at !== null) out.push({ at, status: entry.status });
  }
  return out;
}

/** Epoch ms of an ISO timestamp with offset, or null. */
export function instant(text: string | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}
