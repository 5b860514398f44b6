/**
 * Folding an event log (an audit-style export: one row per update of a ticket, each the ticket's
 * state after that update) into one record per ticket: the last row gives the record, the rows in
 * order give the timeline (status transitions, reassignments with `team:`/`assignee:`, priority
 * changes with `priority:`), and the milestones agree with it. Pure.
 */
import { kindDefinition } from '../kinds/index.ts';
import type { Draft } from './map.ts';

/**
 * What the timeline needs of one row of a ticket: a few fields, so an event log of 150,000 rows
 * is not held as 150,000 drafts (only the latest row's draft is kept, see TicketRows).
 */
export interface Step {
  line: number;
  event: Draft['event'];
  /** event.at as epoch ms (NaN when absent), read once: sorting compares it often. */
  t: number;
  status?: unknown;
  priority?: unknown;
  team?: unknown;
  assignee?: unknown;
  rawTeam?: string;
  rawAssignee?: string;
  /** The row's milestone columns (resolved_at, closed_at, fulfilled_at...): field -> value. */
  milestones: Record<string, unknown>;
  reportedAt?: unknown;
  body: string;
  comments: Draft['comments'];
}

/** The rows of one ticket as they are read: their steps, and the draft of the latest update so far. */
export interface TicketRows {
  steps: Step[];
  latest: { line: number; draft: Draft; step: Step };
}

export function stepOf(line: number, d: Draft): Step {
  const step: Step = { line, event: d.event, t: ms(d.event.at), body: d.body, comments: d.comments, milestones: {} };
  const f = d.data;
  if (f.status !== undefined) step.status = f.status;
  if (f.vendor_priority !== undefined) step.priority = f.vendor_priority;
  if (f.team !== undefined) step.team = f.team;
  if (f.assignee !== undefined) step.assignee = f.assignee;
  if (d.raw.team !== undefined) step.rawTeam = d.raw.team;
  if (d.raw.assignee !== undefined) step.rawAssignee = d.raw.assignee;
  for (const field of milestoneFields(d.kind)) if (f[field] !== undefined) step.milestones[field] = f[field];
  const start = f.reported_at ?? f.requested_at;
  if (start !== undefined) step.reportedAt = start;
  return step;
}

const MILESTONE_FIELDS = new Map<Draft['kind'], readonly string[]>();

/** The kind's milestone fields (resolved_at, closed_at...), listed once per kind rather than once per row. */
function milestoneFields(kind: Draft['kind']): readonly string[] {
  let fields = MILESTONE_FIELDS.get(kind);
  if (!fields) MILESTONE_FIELDS.set(kind, (fields = Object.values(kindDefinition(kind).milestones)));
  return fields;
}

/** Adds a row to its ticket, keeping only the draft of the latest update. */
export function addRow(ticket: TicketRows | undefined, line: number, d: Draft): TicketRows {
  const step = stepOf(line, d);
  if (!ticket) return { steps: [step], latest: { line, draft: d, step } };
  ticket.steps.push(step);
  if (compareSteps(step, ticket.latest.step) > 0) ticket.latest = { line, draft: d, step };
  return ticket;
}

interface Entry {
  at: string;
  status?: string;
  priority?: string;
  team?: string;
  assignee?: string;
  by?: string;
  note?: string;
}

/**
 * Epoch ms of an ISO time (NaN when absent). The import writes `2026-03-14T09:00:00+01:00` for
 * every time it reads, and an event log has one per row: that form is read from its digits (far
 * cheaper than Date.parse, which reads anything else).
 */
export function ms(iso: unknown): number {
  if (typeof iso !== 'string') return NaN;
  if (iso.length === 25 && iso.charCodeAt(10) === 84 /* T */ && iso.charCodeAt(22) === 58 /* : */) {
    const d = (i: number) => iso.charCodeAt(i) - 48;
    const n2 = (i: number) => d(i) * 10 + d(i + 1);
    const sign = iso.charCodeAt(19) === 45 /* - */ ? -1 : 1;
    const month = n2(5);
    const day = n2(8);
    const hour = n2(11);
    const minute = n2(14);
    const second = n2(17);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59) {
      const t = Date.UTC(n2(0) * 100 + n2(2), month - 1, day, hour, minute, second) - sign * (n2(20) * 60 + n2(23)) * 60_000;
      if (!Number.isNaN(t)) return t;
    }
  }
  return Date.parse(iso);
}

/** Update order: by update time, then by update count, then as exported. */
function compareSteps(a: Step, b: Step): number {
  const ta = a.t;
  const tb = b.t;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  const sa = a.event.seq;
  const sb = b.event.seq;
  if (sa !== undefined && sb !== undefined && sa !== sb) return sa - sb;
  return a.line - b.line;
}

/**
 * One ticket's rows folded into one draft (to be finished by its map). A ticket with one row is
 * that row as it is, with its comments (Jira) as the timeline: a list export has no history to replay.
 */
export function foldTicket(ticket: TicketRows, vendorName: string): Draft {
  const last = ticket.latest.draft;
  if (ticket.steps.length === 1) {
    // One row is the ticket's state now, not at its opening: only its comments are history.
    const notes = [...last.comments].sort((a, b) => ms(a.at) - ms(b.at));
    if (notes.length) last.data.timeline = notes.map((c) => ({ at: c.at, ...(c.by ? { by: c.by } : {}), note: c.text }));
    return last;
  }
  const ordered = [...ticket.steps].sort(compareSteps);
  const def = kindDefinition(last.kind);
  const milestones = def.milestones;
  const d: Draft = { ...last, data: { ...last.data }, comments: ordered.flatMap((r) => r.comments) };
  d.body = [...ordered].reverse().find((r) => r.body)?.body ?? '';
  // The record began at its first row's opening time (the kind's first `happened` field: reported_at, requested_at).
  const startField = def.happened?.[0] ?? 'reported_at';
  const reported = (ordered[0]!.reportedAt ?? last.data[startField]) as string | undefined;
  if (reported !== undefined) d.data[startField] = reported;

  const entries: Entry[] = [];
  const begin = ms(reported);
  let prevAt = Number.isNaN(begin) ? -Infinity : begin;
  let status: unknown;
  let team: unknown;
  let assignee: unknown;
  let priority: unknown;
  let rawTeam: string | undefined;
  let rawAssignee: string | undefined;
  let outOfOrder = 0;
  ordered.forEach((r, i) => {
    const atText = r.event.at ?? (i === 0 ? reported : undefined);
    if (atText === undefined) return;
    let at = r.event.at === undefined ? ms(atText) : r.t;
    const entry: Partial<Entry> = {};
    const notes: string[] = [];
    const nextStatus = r.status ?? status;
    if (nextStatus !== status && nextStatus !== undefined) entry.status = String(nextStatus);
    if (r.priority !== undefined && r.priority !== priority) entry.priority = String(r.priority);
    if (r.team !== undefined && r.team !== team) entry.team = String(r.team);
    else if (r.team === undefined && r.rawTeam && r.rawTeam !== rawTeam) notes.push(`assignment group "${r.rawTeam}"`);
    if (r.assignee !== undefined && r.assignee !== assignee) entry.assignee = String(r.assignee);
    else if (r.assignee === undefined && r.rawAssignee && r.rawAssignee !== rawAssignee) notes.push(`assigned to "${r.rawAssignee}"`);
    status = nextStatus;
    if (r.priority !== undefined) priority = r.priority;
    team = r.team;
    assignee = r.assignee;
    rawTeam = r.rawTeam;
    rawAssignee = r.rawAssignee;
    if (!Object.keys(entry).length && !notes.length) return;
    // A resolution or closure happened at the time its column says, when that lies within this update.
    let atOut = atText;
    const column = entry.status === undefined || !milestones[entry.status] ? undefined : r.milestones[milestones[entry.status]!];
    const milestone = typeof column === 'string' ? column : undefined;
    const when = ms(milestone);
    if (milestone !== undefined && when >= prevAt && when <= at) {
      at = when;
      atOut = milestone;
    }
    if (at < prevAt) {
      // An update stamped before the ticket was opened (or before the one before it): clocks differ.
      outOfOrder++;
      atOut = entries.at(-1)?.at ?? reported ?? atOut;
      at = prevAt;
    }
    prevAt = at;
    const out: Entry = { at: atOut, ...entry };
    if (r.event.by) out.by = r.event.by;
    else if (r.event.byName) notes.push(`updated by "${r.event.byName}"`);
    if (notes.length) out.note = `In ${vendorName}: ${notes.join('; ')}.`;
    entries.push(out);
  });
  if (outOfOrder) d.notes.push('timeline: an update stamped before the one before it was moved to that time');
  // The entries are in time order already (each at or after the one before); comments go between them.
  let timeline: Array<Entry | { at: string; by?: string; note: string }> = entries;
  if (d.comments.length) {
    const timed = [...entries, ...d.comments.map((c) => ({ at: c.at, ...(c.by ? { by: c.by } : {}), note: c.text }))].map((e) => ({ e, t: ms(e.at) }));
    timeline = timed.sort((a, b) => a.t - b.t).map((x) => x.e);
  }
  if (timeline.length) d.data.timeline = timeline;
  if (status !== undefined) d.data.status = status;
  if (priority !== undefined) d.data.vendor_priority = priority;
  // Milestones agree with the timeline: the last move into a state, the first move to work on it.
  for (const [state, field] of Object.entries(milestones)) {
    const lastIn = entries.filter((e) => e.status === state).at(-1);
    if (lastIn) d.data[field] = lastIn.at;
  }
  // Someone took it on at the first move out of the initial status (other than cancelling it).
  const { initial, retire } = def.lifecycle;
  const taken = entries.find((e) => e.status !== undefined && e.status !== initial && e.status !== retire);
  const acknowledges = Object.values(milestones).includes('acknowledged_at') || def.happened?.includes('acknowledged_at');
  if (taken && acknowledges && d.data.acknowledged_at === undefined) d.data.acknowledged_at = taken.at;
  return d;
}
