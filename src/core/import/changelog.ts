/**
 * A Jira changelog export (one row per field change: issue key, field, from, to, when, who) as the
 * steps of a ticket, so the same fold that replays a ServiceNow event log replays a JSM ticket:
 * its state at creation (each field's value before its first change), then one step per change.
 * Pure.
 */
import { normalizeHeader } from './convert.ts';
import { stepOf, type Step } from './fold.ts';
import { newDraft, personOf, type Draft, type MapContext, type TableMap } from './map.ts';

/** One change of one field, as exported. */
export interface ChangeRow {
  line: number;
  field: string;
  from: string;
  to: string;
  /** When, as an ISO instant (read with the export's zone). */
  at: string;
  by: string;
}

/** The changelog's columns, by the names changelog exports use. */
export const CHANGELOG_COLUMNS = {
  key: ['issue_key', 'key', 'issue'],
  field: ['field', 'field_name'],
  from: ['from', 'from_string', 'old_value', 'from_value'],
  to: ['to', 'to_string', 'new_value', 'to_value'],
  at: ['date', 'changed', 'created', 'change_date', 'timestamp'],
  by: ['author', 'updated_by', 'changed_by', 'user'],
} as const;

/** Which position holds each changelog column; the names missing when some are. */
export function planChangelog(header: readonly string[]): { at: Record<keyof typeof CHANGELOG_COLUMNS, number> } | { missing: string[] } {
  const names = header.map(normalizeHeader);
  const at = {} as Record<keyof typeof CHANGELOG_COLUMNS, number>;
  const missing: string[] = [];
  for (const [k, spellings] of Object.entries(CHANGELOG_COLUMNS) as Array<[keyof typeof CHANGELOG_COLUMNS, readonly string[]]>) {
    const i = names.findIndex((n) => spellings.includes(n));
    if (i < 0) missing.push(spellings[0]!);
    else at[k] = i;
  }
  return missing.length ? { missing } : { at };
}

/** The fields a timeline follows, as the map reads them: what a value of the field becomes. */
function read(map: TableMap, field: string, value: string, ctx: MapContext): Draft | undefined {
  const setter = map.columns[normalizeHeader(field)];
  if (!setter || value.trim() === '') return undefined;
  const d = newDraft(map.kind);
  setter(value, d, ctx, normalizeHeader(field));
  return d;
}

/**
 * The steps of a ticket from its changelog: the state at creation, then one per change (changes at
 * the same instant are one step). `current` is the ticket's row in the issue export, read.
 */
export function changelogSteps(current: Draft, line: number, changes: readonly ChangeRow[], map: TableMap, ctx: MapContext): Step[] {
  const sorted = [...changes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.line - b.line);
  const state = stepOf(line, current);
  // Resolution and closing times are the current row's: the changelog dates each move itself.
  state.milestones = {};
  // Each field as it was before its first change.
  const firsts = new Set<string>();
  for (const c of sorted) {
    const key = normalizeHeader(c.field);
    if (firsts.has(key)) continue;
    firsts.add(key);
    apply(state, read(map, c.field, c.from, ctx), key);
  }
  const reported = (current.data.reported_at ?? current.data.requested_at) as string | undefined;
  const steps: Step[] = [{ ...state, event: { ...(reported ? { at: reported } : {}) }, t: reported ? Date.parse(reported) : NaN, comments: current.comments }];
  for (const c of sorted) {
    const prev = steps.at(-1)!;
    const who = personOf(c.by, ctx);
    const event = { at: c.at, ...(who ? { by: who } : c.by.trim() ? { byName: c.by.trim() } : {}) };
    const step: Step = prev.event.at === c.at && steps.length > 1 ? prev : { ...prev, line: c.line, event, t: Date.parse(c.at), comments: [] };
    apply(step, read(map, c.field, c.to, ctx), normalizeHeader(c.field));
    if (step !== prev) steps.push(step);
  }
  return steps;
}

/** Puts what a field's value became into a step (cleared when the value is empty). */
function apply(step: Step, d: Draft | undefined, column: string): void {
  const status = d?.data.status;
  if (column === 'status') step.status = status;
  else if (column === 'priority') step.priority = d?.data.vendor_priority;
  else if (column === 'assignee') {
    step.assignee = d?.data.assignee;
    step.rawAssignee = d?.raw.assignee;
  } else if (d && d.data.team !== undefined) {
    step.team = d.data.team;
    step.rawTeam = d.raw.team;
  }
}
