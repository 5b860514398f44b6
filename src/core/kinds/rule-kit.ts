/** Small helpers the per-kind rules share. */
import type { PendingDiagnostic, Severity } from '../diagnostic.ts';
import { parseInstant } from '../instant.ts';
import type { Policies, WorkspaceSettings } from '../model.ts';

export interface RuleContext {
  file: string;
  policies: Policies;
}

export type RecordRules<T> = (data: T, ctx: RuleContext, body: string) => PendingDiagnostic[];

export interface TimedContext {
  file: string;
  /** The instant the workspace is judged at (the command's --now). */
  now: Date;
  settings: WorkspaceSettings;
}

/** Rules on a schema-valid record's summary: the fields its kind's `timed.fields` names (and status, id, references). */
export type TimedRules<T> = (data: Partial<T>, ctx: TimedContext) => PendingDiagnostic[];

/** Milliseconds since the epoch of an ISO timestamp with offset (schema-validated before rules run). */
export function instant(ts: string | undefined): number | undefined {
  if (ts === undefined) return undefined;
  const ms = parseInstant(ts);
  return Number.isNaN(ms) ? undefined : ms;
}

export class Findings {
  readonly list: PendingDiagnostic[] = [];
  private readonly file: string;
  constructor(file: string) {
    this.file = file;
  }
  add(rule: string, pointer: string, message: string, hint: string, severity: Severity = 'error'): void {
    this.list.push({ file: this.file, rule, severity, message, hint, pointer });
  }
  /** `field` must be present when `when` holds. */
  need(when: boolean, data: object, field: string, rule: string, why: string, hint: string): void {
    if (when && (data as Record<string, unknown>)[field] === undefined) this.add(rule, '', `\`${field}\` is required ${why}.`, hint);
  }
  /** `later` must not be before `earlier` (both optional). */
  order(data: Record<string, unknown>, earlier: string, later: string): void {
    const a = instant(data[earlier] as string | undefined);
    const b = instant(data[later] as string | undefined);
    if (a !== undefined && b !== undefined && b < a) {
      this.add(
        'lifecycle/time-order',
        `/${later}`,
        `\`${later}\` (${String(data[later])}) is before \`${earlier}\` (${String(data[earlier])}).`,
        `Correct one of the two times: \`${later}\` must not be earlier than \`${earlier}\`.`,
      );
    }
  }
}

interface TimelineEntryLike {
  at: string;
  status?: string;
}

/**
 * Checks a timeline: in time order, statuses known to the kind, not before the record began, and
 * agreeing with the milestone fields (the last entry moving to a status is at that milestone's time).
 */
export function checkTimeline(
  f: Findings,
  data: Record<string, unknown>,
  statuses: readonly string[],
  /** The field the record's life starts at (nothing may precede it), if the kind has one. */
  start: string | undefined,
  milestones: Record<string, string>,
): void {
  const timeline = data.timeline as TimelineEntryLike[] | undefined;
  if (!timeline || timeline.length === 0) return;
  const begin = start === undefined ? undefined : instant(data[start] as string | undefined);
  let previous: number | undefined;
  let lastStatus: string | undefined;
  timeline.forEach((entry, i) => {
    const at = instant(entry.at);
    if (at !== undefined && previous !== undefined && at < previous) {
      f.add(
        'timeline/order',
        `/timeline/${i}/at`,
        `Timeline entry ${i + 1} (${entry.at}) is earlier than the entry before it.`,
        'Keep timeline entries in time order, oldest first; add new entries at the end.',
      );
    }
    if (at !== undefined && begin !== undefined && at < begin) {
      f.add(
        'timeline/before-start',
        `/timeline/${i}/at`,
        `Timeline entry ${i + 1} (${entry.at}) is before \`${start!}\` (${String(data[start!])}).`,
        `Nothing can happen to the record before it exists: fix the entry's time or \`${start!}\`.`,
      );
    }
    if (at !== undefined) previous = at;
    if (entry.status !== undefined) {
      if (!statuses.includes(entry.status)) {
        f.add(
          'timeline/unknown-status',
          `/timeline/${i}/status`,
          `Timeline entry ${i + 1} moves to status "${entry.status}", which this kind does not have.`,
          `Use one of: ${statuses.join(', ')}.`,
        );
      }
      lastStatus = entry.status;
    }
  });
  if (lastStatus !== undefined && data.status !== lastStatus) {
    f.add(
      'timeline/status-mismatch',
      '/status',
      `\`status\` is "${String(data.status)}" but the timeline's last status change is to "${lastStatus}".`,
      'When the status changes, append a timeline entry with the new status and its time; keep `status` equal to the latest one.',
    );
  }
  for (const [status, field] of Object.entries(milestones)) {
    const value = data[field] as string | undefined;
    if (value === undefined) continue;
    let last: { entry: TimelineEntryLike; index: number } | undefined;
    timeline.forEach((entry, index) => {
      if (entry.status === status) last = { entry, index };
    });
    if (last && instant(last.entry.at) !== instant(value)) {
      f.add(
        'timeline/milestone-mismatch',
        `/${field}`,
        `\`${field}\` is ${value} but the timeline moves to "${status}" at ${last.entry.at}.`,
        `Make \`${field}\` and timeline entry ${last.index + 1} agree on the time.`,
      );
    }
  }
}
