/**
 * A record's status history as the clocks see it: a start instant and the status changes after it.
 * The timeline is the source; when it has no status entries, the milestone fields (acknowledged_at,
 * resolved_at, ...) stand in for it. Milestones the timeline does not mention are merged in, so a
 * record whose front matter says resolved is resolved for the clock too.
 */
import type { Incident, ServiceRequest } from '../model.ts';
import type { SlaKind } from './types.ts';
import { lifecycle } from '../kinds/index.ts';

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

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch ms of an ISO timestamp with an offset, or null. The common shape
 * (YYYY-MM-DDTHH:MM:SS with Z or +HH:MM) is read digit by digit, which is several times faster than
 * Date.parse; anything else (fractions, odd input) goes to Date.parse.
 */
export function instant(text: string | undefined): number | null {
  if (!text) return null;
  const n = text.length;
  // 45 '-', 84 'T', 58 ':', 90 'Z', 43 '+'
  if (
    (n === 20 || n === 25) &&
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58
  ) {
    const y = digits(text, 0, 4);
    const mo = digits(text, 5, 2);
    const d = digits(text, 8, 2);
    const h = digits(text, 11, 2);
    const mi = digits(text, 14, 2);
    const se = digits(text, 17, 2);
    let offset = -1;
    const sign = text.charCodeAt(19);
    if (n === 20 && sign === 90) offset = 0;
    else if (n === 25 && (sign === 43 || sign === 45) && text.charCodeAt(22) === 58) {
      const oh = digits(text, 20, 2);
      const om = digits(text, 23, 2);
      if (oh >= 0 && oh < 24 && om >= 0 && om < 60) offset = (oh * 60 + om) * (sign === 45 ? -1 : 1);
    }
    const leapOk = mo !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
    if (
      y >= 1000 &&
      mo >= 1 &&
      mo <= 12 &&
      d >= 1 &&
      d <= DAYS_IN_MONTH[mo]! &&
      leapOk &&
      h >= 0 &&
      h < 24 &&
      mi >= 0 &&
      mi < 60 &&
      se >= 0 &&
      se < 60 &&
      offset !== -1
    ) {
      return Date.UTC(y, mo - 1, d, h, mi, se) - offset * 60_000;
    }
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** The decimal number in text[start, start+count), or -1 if a character is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}
