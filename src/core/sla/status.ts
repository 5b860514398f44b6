/**
 * A record's status history as the clocks see it: a start instant and the status changes after it.
 * The timeline is the source; when it has no status entries, the milestone fields (acknowledged_at,
 * resolved_at, ...) stand in for it. Milestones the timeline does not mention are merged in, so a
 * record whose front matter says resolved is resolved for the clock too.
 */
import type { Incident, ServiceRequest } from '../model.ts';
import type { SlaKind } from './types.ts';
import { lifecycle } from '../kinds/index.ts';
import { parseInstant } from '../instant.ts';

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

/** From the kind's definition: a status neither open nor done withdrew the record (cancelled, rejected). */
function slaLifecycle(kind: SlaKind): Lifecycle {
  const life = lifecycle(kind);
  return { initial: life.initial, done: new Set(life.done), cancelled: new Set(life.statuses.filter((s) => !life.open.includes(s) && !life.done.includes(s))) };
}

export const LIFECYCLES: Record<SlaKind, Lifecycle> = { incident: slaLifecycle('incident'), request: slaLifecycle('request') };

/** A field the timeline records changes of (an entry carrying `priority:`, `team:` or `assignee:`). */
export type TrackedField = 'priority' | 'team' | 'assignee';

export interface FieldChange {
  /** Epoch ms. */
  at: number;
  field: TrackedField;
  value: string;
}

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
  /** Timeline entries that changed priority, team or assignee, in timeline order; null when none did. */
  fields: FieldChange[] | null;
  /** The latest instant in the timeline (epoch ms), or null without one. */
  lastAt: number | null;
}

/** The status history of an incident or request, or null when its start timestamp is unreadable. */
export function statusHistory(kind: SlaKind, data: Incident | ServiceRequest): StatusHistory | null {
  const incident = kind === 'incident';
  const start = instant(incident ? (data as Incident).reported_at : (data as ServiceRequest).requested_at);
  if (start === null) return null;
  const lifecycle = LIFECYCLES[kind];
  // Hot path (every record): read the timeline without building anything else.
  const changes: StatusChange[] = [];
  let sorted = true;
  let reachedDone = false;
  let fields: FieldChange[] | null = null;
  let lastAt: number | null = null;
  for (const entry of data.timeline ?? []) {
    if (!entry.status && entry.priority === undefined && entry.team === undefined && entry.assignee === undefined) continue;
    const at = instant(entry.at);
    if (at === null) continue;
    if (lastAt === null || at > lastAt) lastAt = at;
    if (entry.priority !== undefined) (fields ??= []).push({ at, field: 'priority', value: entry.priority });
    if (entry.team !== undefined) (fields ??= []).push({ at, field: 'team', value: entry.team });
    if (entry.assignee !== undefined) (fields ??= []).push({ at, field: 'assignee', value: entry.assignee });
    if (!entry.status) continue;
    if (changes.length > 0 && at < changes[changes.length - 1]!.at) sorted = false;
    if (lifecycle.done.has(entry.status)) reachedDone = true;
    changes.push({ at, status: entry.status });
  }
  const fromTimeline = changes.length > 0;
  if (!fromTimeline || !reachedDone) {
    // No timeline: the milestones are the history. A timeline that never reached a done status
    // still gets the done milestone (e.g. resolved_at without a resolved entry).
    for (const [status, text] of milestones(kind, data)) {
      if (fromTimeline && (reachedDone || !lifecycle.done.has(status))) continue;
      const at = instant(text);
      if (at === null) continue;
      if (lifecycle.done.has(status)) reachedDone = true;
      changes.push({ at, status });
      sorted = false;
    }
  }
  if (!sorted) changes.sort((a, b) => a.at - b.at);
  // The record's current status wins: if the history does not end there, it moved there last.
  const last = changes[changes.length - 1];
  const current = data.status;
  if ((last ? last.status : lifecycle.initial) !== current) {
    const known = milestones(kind, data).find(([status]) => status === current)?.[1];
    const at = Math.max(instant(known) ?? -Infinity, last?.at ?? start, start);
    changes.push({ at, status: current });
  }
  return { kind, start, acknowledgedAt: instant(data.acknowledged_at), changes, source: fromTimeline ? 'timeline' : 'milestones', fields, lastAt };
}

/** [status the record entered, when] for the fields that record one, in lifecycle order. */
function milestones(kind: SlaKind, data: Incident | ServiceRequest): Array<[string, string | undefined]> {
  if (kind === 'incident') {
    const d = data as Incident;
    return [
      ['acknowledged', d.acknowledged_at],
      ['resolved', d.resolved_at],
      ['closed', d.closed_at],
    ];
  }
  const d = data as ServiceRequest;
  return [
    ['in_progress', d.acknowledged_at],
    ['approved', d.approved_at],
    ['fulfilled', d.fulfilled_at],
  ];
}

/** Epoch ms of an ISO timestamp with an offset, or null (read by parseInstant: exactly Date.parse, faster). */
export function instant(text: string | undefined): number | null {
  if (!text) return null;
  const ms = parseInstant(text);
  return Number.isNaN(ms) ? null : ms;
}
