/**
 * A record's life as the replay sees it: the instants it changed at (its timeline, or for a record
 * without one its milestones) and its front matter at each of them, from the record as it is now
 * and its kind definition (`milestones`, `happened`, `outcomes`, `reopenClears`, `relations`). Pure.
 */
import { REGISTRY } from '../kinds/index.ts';
import type { AnyRecord, Workspace } from '../model.ts';
import { editRecord } from '../record-writer.ts';

export interface TimelineEntry {
  at: string;
  status?: string;
  note?: string;
  by?: string;
  /** A field of the record the entry changed at that instant (`priority`, `team`, `assignee`). */
  [field: string]: unknown;
}

/** What a timeline entry says about itself; any other key of an entry is a field of the record it set. */
const ENTRY_KEYS = new Set(['at', 'status', 'note', 'by', 'visibility']);

/** One instant of a record's life: its state after every event up to it. */
export interface Step {
  record: AnyRecord;
  /** The record comes to be at this step (for a record without a timeline: in the setup commit). */
  creates: boolean;
  last: boolean;
  epoch: number;
  at: string;
  /** What happened to the record, in order: its timeline, or the milestones of a record that has none. */
  events: TimelineEntry[];
  /** True when the events are the record's own `timeline` (kept up to the step); false for milestones. */
  written: boolean;
  /** How many events the state holds. */
  entries: number;
  /** The events of this instant (what the commit says). */
  made: TimelineEntry[];
}

/** The record's timeline, as written (empty when it has none). */
export function timelineOf(r: AnyRecord): TimelineEntry[] {
  const t = (r.data as { timeline?: TimelineEntry[] }).timeline;
  return Array.isArray(t) ? t : [];
}

/** What happened to a record: its timeline, or for a record without one, its milestones that are instants. */
export function eventsOf(record: AnyRecord): { events: TimelineEntry[]; written: boolean } {
  const timeline = timelineOf(record);
  if (timeline.length) return { events: timeline, written: true };
  const data = record.data as unknown as Record<string, unknown>;
  const events: TimelineEntry[] = [];
  for (const [status, field] of Object.entries(REGISTRY.get(record.kind).milestones)) {
    const at = data[field];
    if (typeof at === 'string' && at.includes('T')) events.push({ status, at });
  }
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { events, written: false };
}

/**
 * The instants of a record's life after the setup. A record with a timeline starts at its first event
 * (a `happened` field before the first entry, such as reported_at, or the first entry); one without
 * starts in the setup and changes at its milestones.
 */
export function stepsOf(record: AnyRecord): Step[] {
  const def = REGISTRY.get(record.kind);
  const data = record.data as unknown as Record<string, unknown>;
  const { events, written } = eventsOf(record);
  if (events.length === 0) return [];
  const instants = new Map<number, string>();
  const firstEpoch = Date.parse(events[0]!.at);
  for (const field of written ? (def.happened ?? []) : []) {
    const v = data[field];
    if (typeof v === 'string' && v.includes('T') && Date.parse(v) < firstEpoch) {
      instants.set(Date.parse(v), v);
      break;
    }
  }
  for (const e of events) if (!instants.has(Date.parse(e.at))) instants.set(Date.parse(e.at), e.at);
  const sorted = [...instants].sort(([a], [b]) => a - b);
  return sorted.map(([epoch, at], index) => ({
    record,
    creates: written && index === 0,
    last: index === sorted.length - 1,
    epoch,
    at,
    events,
    written,
    entries: events.filter((e) => Date.parse(e.at) <= epoch).length,
    made: events.filter((e) => Date.parse(e.at) === epoch),
  }));
}

/** A record without a timeline as it stood at the setup, before its first milestone. */
export function initialStep(record: AnyRecord, epoch: number, at: string): Step {
  const { events, written } = eventsOf(record);
  return { record, creates: true, last: false, epoch, at, events, written, entries: 0, made: [] };
}

/** The record's front matter as it stood at the step (undefined: as it is now, references aside). */
export function stateData(step: Step): Record<string, unknown> {
  const data = { ...(step.record.data as unknown as Record<string, unknown>) };
  const { set, remove, entries } = stateEdit(step);
  Object.assign(data, set);
  for (const k of remove) delete data[k];
  if (!step.written) return data;
  if (entries === 0) delete data.timeline;
  else data.timeline = step.events.slice(0, entries);
  return data;
}

/** What differs at the step from the record as it is now: fields set, fields not yet there, timeline entries kept. */
export function stateEdit(step: Step): { set: Record<string, unknown>; remove: string[]; entries: number } {
  const { record, entries, epoch } = step;
  const def = REGISTRY.get(record.kind);
  const data = record.data as unknown as Record<string, unknown>;
  const timeline = step.events.slice(0, entries);
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  if (step.last) return { set, remove, entries };
  const status = lastStatus(timeline) ?? def.lifecycle.initial;
  if (status !== data.status) set.status = status;
  const order = def.lifecycle.statuses;
  const reached = (s: string) => order.indexOf(status) >= order.indexOf(s);
  for (const [s, field] of Object.entries(def.milestones)) {
    if (data[field] === undefined) continue;
    const entry = timeline.findLast((e) => e.status === s);
    const value = entry ? entry.at : Date.parse(String(data[field])) <= epoch ? data[field] : undefined;
    if (!reached(s) || value === undefined) remove.push(field);
    else if (value !== data[field]) set[field] = value;
  }
  for (const field of def.happened ?? []) {
    const v = data[field];
    if (v !== undefined && Date.parse(String(v)) > epoch) remove.push(field);
  }
  for (const [s, fields] of Object.entries(def.outcomes ?? {})) if (!reached(s)) for (const f of fields) if (data[f] !== undefined) remove.push(f);
  // How finished work ended (a resolution, a close code) is there once the record is no longer open.
  if (def.lifecycle.open.includes(status)) for (const f of def.reopenClears ?? []) if (data[f] !== undefined) remove.push(f);
  // A field a timeline entry sets (a reassignment, a priority change) has the latest value set so
  // far; before the first such entry, that entry's value (as the SLA engine reads the first priority).
  if (step.written)
    for (const field of new Set(step.events.flatMap((e) => Object.keys(e).filter((k) => !ENTRY_KEYS.has(k) && data[k] !== undefined)))) {
      const setters = step.events.filter((e) => e[field] !== undefined);
      const value = (timeline.findLast((e) => e[field] !== undefined) ?? setters[0])![field];
      if (value !== data[field]) set[field] = value;
    }
  return { set, remove, entries };
}

/** The record's text at the step (or now, for a record without a timeline), with references to records not yet created left out. */
export function render(record: AnyRecord, step: Step | undefined, exists: (id: string) => boolean, text: string): string {
  const data = record.data as unknown as Record<string, unknown>;
  const keepItems: Record<string, (v: unknown, i: number) => boolean> = {};
  const remove: string[] = [];
  let missing = false;
  for (const rel of REGISTRY.relationsFrom(record.kind)) {
    const v = data[rel.field];
    if (Array.isArray(v)) {
      if (v.some((id) => !exists(String(id)))) {
        missing = true;
        keepItems[rel.field] = (id) => exists(String(id));
      }
    } else if (typeof v === 'string' && !exists(v)) {
      missing = true;
      remove.push(rel.field);
    }
  }
  // Inside a section, a reference to a record not created yet (a review's action linked to a later
  // change) waits for it; the rest of the section is there.
  const relations = new Set(REGISTRY.relationsFrom(record.kind).map((r) => r.field));
  const removeIn: Array<Array<string | number>> = [];
  for (const [field, v] of Object.entries(data)) {
    if (relations.has(field) || field === 'timeline' || typeof v !== 'object' || v === null) continue;
    for (const { path, value } of stringPaths(v, [field])) if (!exists(value)) removeIn.push(path);
  }
  if (removeIn.length) missing = true;
  const state = step ? stateEdit(step) : { set: {}, remove: [], entries: timelineOf(record).length };
  if (!missing && (!step || step.last)) return text;
  const n = state.entries;
  if (step?.written) keepItems.timeline = (_, i) => i < n;
  const edited = editRecord(text, { set: [state.set], remove: [...state.remove, ...remove], removeIn, keepItems });
  if (!edited.ok) throw new Error(`planReplay: cannot edit ${record.file} (${edited.problem})`);
  return edited.text;
}

/** For each record ID, the records whose references name it. */
export function dependentsOf(ws: Workspace): Map<string, AnyRecord[]> {
  const out = new Map<string, AnyRecord[]>();
  for (const r of ws.records) {
    const data = r.data as unknown as Record<string, unknown>;
    const relations = REGISTRY.relationsFrom(r.kind).map((rel) => data[rel.field]);
    const sections = Object.entries(data).filter(([k, v]) => k !== 'timeline' && typeof v === 'object' && v !== null);
    for (const id of stringsIn([...relations, ...sections.map(([, v]) => v)])) {
      if (!ws.byId.has(id)) continue;
      const list = out.get(id) ?? [];
      if (!list.includes(r)) list.push(r);
      out.set(id, list);
    }
  }
  return out;
}

/** Every string inside a value, with its path. */
function stringPaths(v: unknown, path: Array<string | number>): Array<{ path: Array<string | number>; value: string }> {
  if (typeof v === 'string') return [{ path, value: v }];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...path, i]));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...path, k]));
  return [];
}

/** Every string inside a value (lists and maps, at any depth). */
function stringsIn(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(stringsIn);
  if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(stringsIn);
  return [];
}

export function lastStatus(entries: readonly TimelineEntry[]): string | undefined {
  return entries.findLast((e) => e.status !== undefined)?.status;
}
