/**
 * Folding an event log (an audit-style export: one row per update of a ticket, each the ticket's
 * state after that update) into one record per ticket: the last row gives the record, the rows in
 * order give the timeline (status transitions, reassignments with `team:`/`assignee:`, priority
 * changes with `priority:`), and the milestones agree with it. Pure.
 */
import type { Draft } from './map.ts';

/** One row of a ticket, as read (not finished). */
export interface TicketRow {
  line: number;
  draft: Draft;
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

const TAKEN = new Set(['acknowledged', 'in_progress', 'on_hold', 'resolved', 'closed']);
const MILESTONE: Record<string, string> = { resolved: 'resolved_at', closed: 'closed_at' };

const ms = (iso: unknown): number => (typeof iso === 'string' ? Date.parse(iso) : NaN);

/** Rows in the order the updates were made: by update time, then by update count, then as exported. */
export function inUpdateOrder(rows: readonly TicketRow[]): TicketRow[] {
  const key = (r: TicketRow) => ms(r.draft.event.at);
  return [...rows].sort((a, b) => {
    const ta = key(a);
    const tb = key(b);
    if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
    const sa = a.draft.event.seq;
    const sb = b.draft.event.seq;
    if (sa !== undefined && sb !== undefined && sa !== sb) return sa - sb;
    return a.line - b.line;
  });
}

/**
 * One ticket's rows folded into one draft (to be finished by its map). A ticket with one row is
 * that row as it is, with its comments (Jira) as the timeline: a list export has no history to replay.
 */
export function foldTicket(rows: readonly TicketRow[], vendorName: string): Draft {
  if (rows.length === 1) {
    // One row is the ticket's state now, not at its opening: only its comments are history.
    const d = rows[0]!.draft;
    const notes = [...d.comments].sort((a, b) => ms(a.at) - ms(b.at));
    if (notes.length) d.data.timeline = notes.map((c) => ({ at: c.at, ...(c.by ? { by: c.by } : {}), note: c.text }));
    return d;
  }
  const ordered = inUpdateOrder(rows);
  const first = ordered[0]!.draft;
  const last = ordered.at(-1)!.draft;
  const d: Draft = {
    ...last,
    data: { ...last.data },
    kept: { ...last.kept },
    unmapped: ordered.flatMap((r) => r.draft.unmapped),
    notes: [...last.notes],
    comments: ordered.flatMap((r) => r.draft.comments),
  };
  d.body = [...ordered].reverse().find((r) => r.draft.body)?.draft.body ?? '';
  const reported = (first.data.reported_at ?? last.data.reported_at) as string | undefined;
  if (reported !== undefined) d.data.reported_at = reported;

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
  ordered.forEach(({ draft: r }, i) => {
    const atText = r.event.at ?? (i === 0 ? reported : undefined);
    if (atText === undefined) return;
    const entry: Partial<Entry> = {};
    const notes: string[] = [];
    const nextStatus = r.data.status ?? status;
    if (nextStatus !== status && nextStatus !== undefined) entry.status = String(nextStatus);
    if (r.data.vendor_priority !== undefined && r.data.vendor_priority !== priority) entry.priority = String(r.data.vendor_priority);
    if (r.data.team !== undefined && r.data.team !== team) entry.team = String(r.data.team);
    else if (r.data.team === undefined && r.raw.team && r.raw.team !== rawTeam) notes.push(`assignment group "${r.raw.team}"`);
    if (r.data.assignee !== undefined && r.data.assignee !== assignee) entry.assignee = String(r.data.assignee);
    else if (r.data.assignee === undefined && r.raw.assignee && r.raw.assignee !== rawAssignee) notes.push(`assigned to "${r.raw.assignee}"`);
    status = nextStatus;
    if (r.data.vendor_priority !== undefined) priority = r.data.vendor_priority;
    team = r.data.team;
    assignee = r.data.assignee;
    rawTeam = r.raw.team;
    rawAssignee = r.raw.assignee;
    if (!Object.keys(entry).length && !notes.length) return;
    // A resolution or closure happened at the time its column says, when that lies within this update.
    let at = ms(atText);
    let atOut = atText;
    const milestone = entry.status && MILESTONE[entry.status] ? (r.data[MILESTONE[entry.status]!] as string | undefined) : undefined;
    if (milestone !== undefined && ms(milestone) >= prevAt && ms(milestone) <= at) {
      at = ms(milestone);
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
  const timeline: Array<Entry | { at: string; by?: string; note: string }> = [...entries];
  for (const c of d.comments) timeline.push({ at: c.at, ...(c.by ? { by: c.by } : {}), note: c.text });
  timeline.sort((a, b) => ms(a.at) - ms(b.at));
  if (timeline.length) d.data.timeline = timeline;
  if (status !== undefined) d.data.status = status;
  if (priority !== undefined) d.data.vendor_priority = priority;
  // Milestones agree with the timeline: the last move into a state, the first move to work on it.
  for (const [state, field] of Object.entries(MILESTONE)) {
    const lastIn = entries.filter((e) => e.status === state).at(-1);
    if (lastIn) d.data[field] = lastIn.at;
  }
  const taken = entries.find((e) => e.status !== undefined && TAKEN.has(e.status));
  if (taken && d.data.acknowledged_at === undefined) d.data.acknowledged_at = taken.at;
  return d;
}
