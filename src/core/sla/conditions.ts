/**
 * The small condition language of SLA policies (`start`, `stop`, `pause_when`), and the history of
 * the fields it can name. A condition holds at an instant:
 *   {status: [a, b]}          while the record's status is a or b;
 *   {field: team, equals: X}  while the field's value is X (fields with a history: priority, team, assignee).
 */
import type { SlaCondition as Condition } from '../model.ts';
import type { StatusHistory, TrackedField } from './status.ts';

export type { Condition };

/** What a condition looks at: the record's status and tracked fields at one instant. */
export interface Snapshot {
  status: string;
  priority: string | undefined;
  team: string | undefined;
  assignee: string | undefined;
}

export function holds(condition: Condition, snap: Snapshot): boolean {
  if ('status' in condition) return condition.status.includes(snap.status);
  return snap[condition.field] === condition.equals;
}

/** The fields a set of conditions reads. */
export function fieldsRead(conditions: readonly (Condition | undefined)[]): Set<TrackedField> {
  const out = new Set<TrackedField>();
  for (const c of conditions) if (c && 'field' in c) out.add(c.field);
  return out;
}

export interface FieldHistory {
  /** The value from the record's start. */
  initial: string | undefined;
  /** Later changes, in time order (epoch ms), each to a value different from the one before. */
  changes: Array<{ at: number; value: string }>;
}

/**
 * A field's values over time. From the timeline entries carrying it: the first entry's value holds
 * from the start (what the record was opened with), each later entry changes it. The record's own
 * field is the current value: with no entry carrying the field it holds throughout, and when it
 * differs from the last entry's value it is taken as changed at the timeline's last entry.
 */
export function fieldHistory(history: StatusHistory, field: TrackedField, current: string | undefined): FieldHistory {
  const entries = history.fields?.filter((f) => f.field === field) ?? [];
  if (entries.length === 0) return { initial: current, changes: [] };
  entries.sort((a, b) => a.at - b.at);
  const changes: FieldHistory['changes'] = [];
  let value = entries[0]!.value;
  for (const e of entries.slice(1)) {
    if (e.value === value) continue;
    changes.push({ at: Math.max(e.at, history.start), value: e.value });
    value = e.value;
  }
  if (current !== undefined && current !== value) changes.push({ at: Math.max(history.lastAt ?? history.start, history.start), value: current });
  return { initial: entries[0]!.value, changes };
}

/** The field's value at `at` (changes at exactly `at` have happened). */
export function valueAt(h: FieldHistory, at: number): string | undefined {
  let value = h.initial;
  for (const c of h.changes) {
    if (c.at > at) break;
    value = c.value;
  }
  return value;
}
