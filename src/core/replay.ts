/**
 * A workspace's story as git history: the commits that replay each record's timeline, planned from
 * the records as they are now. The demo runs in a repository written from this plan
 * (src/io/demo-repo.ts), so `itsm history`, `as-of`, `evidence` and the site show the events the
 * records describe, not the commits that wrote the demo.
 *
 * - One setup commit holds what has no timeline (teams, services, CIs, policies, articles, settings).
 * - A record with a timeline is created at its first event and edited at each later instant of its
 *   timeline, into its state at that instant: the timeline so far, the status it had, the milestones
 *   and outcomes it had reached (`resolved_at`, `resolution`...: the kind definition's `milestones`,
 *   `happened` and `outcomes`), and references only to records that existed (a record created later
 *   adds the reference to the records that name it, in its own commit).
 * - Each commit is authored by the person who did it (the timeline entry's `by`, from the team files)
 *   and lands through a numbered pull request; a pull request that needs change approval carries the
 *   approval decision the approval engine makes for it, with reviews from people who may approve.
 * - The last version of every file is its current text, byte for byte.
 *
 * Pure: text and records in, a plan out. Instants are parsed, never read from a clock.
 */
import { decideApprovals } from './approvals/decide.ts';
import { decisionInputs, type DecisionInputs } from './approvals/inputs.ts';
import type { ApprovalResult, Review } from './approvals/types.ts';
import { REGISTRY } from './kinds/index.ts';
import { recordsOf, type AnyRecord, type Change, type Workspace } from './model.ts';
import { loginKey, peopleFrom, type People } from './people.ts';
import { editRecord } from './record-writer.ts';

/** Who made a commit: a person of the team files, with a forge-style no-reply email. */
export interface Author {
  login: string;
  name: string;
  email: string;
}

export interface ReplayCommit {
  /** Subject, blank line, body. */
  message: string;
  author: Author;
  /** Author and committer date: an ISO 8601 instant with the event's own offset. */
  at: string;
  /** What the commit writes: workspace-relative path -> the file's whole text. */
  files: Map<string, string>;
}

export interface ReplayPull extends ReplayCommit {
  number: number;
  branch: string;
  /** The merge commit's message: "Merge pull request #N from <org>/<branch>", then the title. */
  mergeMessage: string;
  /**
   * For a pull request that needed change approval: the decision, approved by the reviews in it. Its
   * head SHA is PLACEHOLDER_SHA: the writer puts the real one in once the commit exists.
   */
  approval?: ApprovalResult;
}

export interface ReplayPlan {
  setup: ReplayCommit;
  /** In time order; numbered from 1. */
  pulls: ReplayPull[];
}

export interface ReplayInput {
  /** Every file of the workspace as it is now: path relative to the workspace -> text. */
  files: ReadonlyMap<string, string>;
  /** The same workspace, loaded (it must be valid). */
  workspace: Workspace;
  /** The forge owner pull requests come from: "Merge pull request #7 from <org>/inc-0001-resolved". */
  org: string;
}

/** Stands for a commit that does not exist yet. */
export const PLACEHOLDER_SHA = '0'.repeat(40);

const DAY_MS = 86_400_000;

/** The author when the team files list nobody at all. */
const NOBODY: Author = { login: 'itsm', name: 'itsm', email: 'itsm@users.noreply.github.com' };

interface TimelineEntry {
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
interface Step {
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

/** Plans the history. Records that did not validate are not in `workspace`: their files go into the setup as written. */
export function planReplay(input: ReplayInput): ReplayPlan {
  const { workspace, files } = input;
  const people = peopleFrom(recordsOf(workspace, 'team').map((r) => r.data));
  const known = teamLogins(workspace);
  const textOf = (r: AnyRecord) => {
    const text = files.get(r.file);
    if (text === undefined) throw new Error(`planReplay: no text for ${r.file}`);
    return text;
  };

  const all = workspace.records.map((r) => ({ record: r, steps: stepsOf(r) }));
  const steps = all.flatMap((r) => r.steps).sort((a, b) => a.epoch - b.epoch || cmp(a.record.file, b.record.file));
  const replayed = all.filter((r) => r.steps[0]?.creates).map((r) => r.record);
  // IDs of records not created yet: references to them wait. (Any other ID, even one no record has, stays as written.)
  const upcoming = new Set(replayed.map((r) => r.id));
  const exists = (id: string) => !upcoming.has(id);
  const replayedFiles = new Set(replayed.map((r) => r.file));

  const first = steps[0];
  const setupEpoch = (first?.epoch ?? 0) - DAY_MS;
  const setupAt = withOffset(setupEpoch, first ? offsetOf(first.at) : '+00:00');
  const currentStep = new Map<string, Step>();
  // A record without a timeline is there from the start, before its milestones (a release not yet released).
  for (const { record, steps: own } of all) if (own.length && !own[0]!.creates) currentStep.set(record.id, initialStep(record, setupEpoch, setupAt));
  const setupAuthor = authorFor([...roleHolders(workspace, 'policy-owner'), ...allMembers(workspace)], people, known) ?? NOBODY;
  const setupFiles = new Map<string, string>();
  for (const [path, text] of [...files].sort(([a], [b]) => cmp(a, b))) if (!replayedFiles.has(path)) setupFiles.set(path, text);
  for (const r of workspace.records) if (exists(r.id)) setupFiles.set(r.file, render(r, currentStep.get(r.id), exists, textOf(r)));
  const setup: ReplayCommit = {
    message: `Set up the ${workspace.settings.name ?? 'ITSM'} workspace\n\nTeams, services, configuration items, policies and knowledge articles.\n`,
    author: setupAuthor,
    at: setupAt,
    files: setupFiles,
  };

  const current = new Map(setupFiles);
  const dependents = dependentsOf(workspace);
  const inputs = decisionInputs(workspace);
  const membersOf = (id: string) =>
    teams(workspace)
      .find((t) => t.id === id)
      ?.members.map((m) => m.login) ?? [];
  const pulls: ReplayPull[] = [];
  for (const step of steps) {
    const { record } = step;
    upcoming.delete(record.id);
    const before = currentStep.get(record.id);
    currentStep.set(record.id, step);
    const changed = new Map<string, string>();
    const write = (r: AnyRecord, s: Step | undefined) => {
      const text = render(r, s, exists, textOf(r));
      if (current.get(r.file) !== text) changed.set(r.file, text);
    };
    write(record, step);
    // A record created now: the records that name it gain the reference in the same pull request.
    if (step.creates) for (const d of dependents.get(record.id) ?? []) if (exists(d.id) && d !== record) write(d, currentStep.get(d.id));
    if (changed.size === 0) continue;
    for (const [path, text] of changed) current.set(path, text);

    const number = pulls.length + 1;
    const title = titleOf(step);
    const what = step.creates ? 'new' : (lastStatus(step.made) ?? 'note');
    let author = authorFor(candidatesFor(step, membersOf), people, known) ?? setupAuthor;
    let approval: ApprovalResult | undefined;
    if (record.kind === 'change') {
      const decide = (a: Author) => approve(inputs, people, number, a, record.file, record.id, before && stateData(before), stateData(step), step, known);
      approval = decide(author);
      // The person the timeline names for an approval gave it: the change's requester wrote the PR.
      const requester = authorFor([record.data.requested_by ?? ''], people, known);
      if (approval && approval.decision !== 'not-required' && requester && requester.login !== author.login) {
        const second = decide(requester);
        if (second?.decision === 'approved') [author, approval] = [requester, second];
      }
      if (approval?.decision !== 'approved') approval = undefined;
    }
    const branch = `${record.id.toLowerCase()}-${what.replace(/_/g, '-')}`;
    pulls.push({
      number,
      branch,
      message: `${title}\n\n${
        step.made
          .map((e) => e.note ?? '')
          .filter(Boolean)
          .join('\n\n') || title
      }\n`,
      author,
      at: step.at,
      files: changed,
      mergeMessage: `Merge pull request #${number} from ${input.org}/${branch}\n\n${title}\n`,
      ...(approval ? { approval } : {}),
    });
  }
  return { setup, pulls };
}

/** The record's timeline, as written (empty when it has none). */
function timelineOf(r: AnyRecord): TimelineEntry[] {
  const t = (r.data as { timeline?: TimelineEntry[] }).timeline;
  return Array.isArray(t) ? t : [];
}

/** What happened to a record: its timeline, or for a record without one, its milestones that are instants. */
function eventsOf(record: AnyRecord): { events: TimelineEntry[]; written: boolean } {
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
function stepsOf(record: AnyRecord): Step[] {
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
function initialStep(record: AnyRecord, epoch: number, at: string): Step {
  const { events, written } = eventsOf(record);
  return { record, creates: true, last: false, epoch, at, events, written, entries: 0, made: [] };
}

/** The record's front matter as it stood at the step (undefined: as it is now, references aside). */
function stateData(step: Step): Record<string, unknown> {
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
function stateEdit(step: Step): { set: Record<string, unknown>; remove: string[]; entries: number } {
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
function render(record: AnyRecord, step: Step | undefined, exists: (id: string) => boolean, text: string): string {
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
  const state = step ? stateEdit(step) : { set: {}, remove: [], entries: timelineOf(record).length };
  if (!missing && (!step || step.last)) return text;
  const n = state.entries;
  if (step?.written) keepItems.timeline = (_, i) => i < n;
  const edited = editRecord(text, { set: [state.set], remove: [...state.remove, ...remove], keepItems });
  if (!edited.ok) throw new Error(`planReplay: cannot edit ${record.file} (${edited.problem})`);
  return edited.text;
}

/** For each record ID, the records whose references name it. */
function dependentsOf(ws: Workspace): Map<string, AnyRecord[]> {
  const out = new Map<string, AnyRecord[]>();
  for (const r of ws.records) {
    const data = r.data as unknown as Record<string, unknown>;
    for (const rel of REGISTRY.relationsFrom(r.kind)) {
      const v = data[rel.field];
      for (const id of Array.isArray(v) ? v : typeof v === 'string' ? [v] : []) {
        const list = out.get(String(id)) ?? [];
        if (!list.includes(r)) list.push(r);
        out.set(String(id), list);
      }
    }
  }
  return out;
}

function lastStatus(entries: readonly TimelineEntry[]): string | undefined {
  return entries.findLast((e) => e.status !== undefined)?.status;
}

function titleOf(step: Step): string {
  const { record } = step;
  const title = String((record.data as { title?: unknown }).title ?? '');
  if (step.creates) return `${record.id}: ${title}`;
  const status = lastStatus(step.made);
  return status ? `${record.id}: ${status.replace(/_/g, ' ')}` : `${record.id}: note`;
}

/** Who did it, best first: whoever wrote the entries of the instant, then who works on the record. */
function candidatesFor(step: Step, teamOf: (id: string) => string[]): string[] {
  const data = step.record.data as unknown as Record<string, unknown>;
  const by = step.made.map((e) => e.by).filter((b): b is string => typeof b === 'string');
  const others = [data.assignee, data.requested_by].filter((x): x is string => typeof x === 'string');
  return [...by.reverse(), ...others, ...teamOf(String(data.team ?? data.owner ?? ''))];
}

function teamLogins(ws: Workspace): Set<string> {
  return new Set(allMembers(ws).map(loginKey));
}

function teams(ws: Workspace): Array<{ id: string; roles?: string[]; members: Array<{ login: string; name: string }> }> {
  return ws.records.filter((r) => r.kind === 'team').map((r) => r.data as never);
}

function allMembers(ws: Workspace): string[] {
  return teams(ws).flatMap((t) => t.members.map((m) => m.login));
}

function roleHolders(ws: Workspace, role: string): string[] {
  return teams(ws)
    .filter((t) => t.roles?.includes(role))
    .flatMap((t) => t.members.map((m) => m.login));
}

/** The first candidate the team files know, as a commit author (their primary login). */
function authorFor(logins: readonly string[], people: People, known: ReadonlySet<string>): Author | undefined {
  const login = logins.find((l) => known.has(loginKey(l)));
  if (login === undefined) return undefined;
  const person = people.personOf(login);
  const primary = person.logins[0] ?? login;
  return { login: primary, name: person.name, email: `${primary}@users.noreply.github.com` };
}

/**
 * The approval decision for a pull request that edits one change record, made by the approval
 * engine with the policy, teams and CMDB as they are. When approval is required, the seats are
 * filled by people who may fill them, the person the timeline names first; the author never counts.
 */
function approve(
  inputs: DecisionInputs,
  people: People,
  number: number,
  author: Author,
  file: string,
  id: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  step: Step,
  known: ReadonlySet<string>,
): ApprovalResult | undefined {
  const decide = (reviews: Review[]) =>
    decideApprovals({
      ...inputs,
      pr: { number, author: author.login, headSha: PLACEHOLDER_SHA, baseSha: PLACEHOLDER_SHA, reviews, files: [file] },
      changes: [{ id, file, ...(before ? { before: before as unknown as Change } : {}), after: after as unknown as Change }],
      changedPaths: [file],
      repoPaths: [file],
      governedEdits: [],
      now: step.at,
      schedule: [],
    });
  const first = decide([]);
  const subject = first.subjects.find((s) => s.subject === id);
  if (!subject || subject.decision !== 'pending') return subject ? first : undefined;
  const named = step.made.map((e) => e.by).filter((b): b is string => typeof b === 'string' && known.has(loginKey(b)));
  const chosen: string[] = [];
  const members = new Map(inputs.teams.map((t) => [t.id, t.members.map((m) => m.login)]));
  for (const req of subject.required) {
    const pool = [...named, ...req.teams.flatMap((t) => [...(members.get(t) ?? [])].sort())];
    let missing = req.missing;
    for (const login of pool) {
      if (missing === 0) break;
      if (!req.teams.some((t) => members.get(t)?.some((m) => people.samePerson(m, login)))) continue;
      if (people.samePerson(login, author.login) || chosen.some((c) => people.samePerson(c, login))) continue;
      chosen.push(people.personOf(login).logins[0] ?? login);
      missing--;
    }
  }
  return decide(chosen.map((login, i) => ({ id: i + 1, login, state: 'APPROVED', commitId: PLACEHOLDER_SHA, submittedAt: step.at })));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The offset an ISO instant was written with ("+01:00"; "Z" is "+00:00"). */
export function offsetOf(iso: string): string {
  const m = /([+-]\d{2}):?(\d{2})$/.exec(iso);
  return m ? `${m[1]}:${m[2]}` : '+00:00';
}

/** An epoch written as an ISO instant at the given offset. */
export function withOffset(epoch: number, offset: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return `${new Date(epoch + minutes * 60_000).toISOString().slice(0, 19)}${minutes === 0 && !m ? 'Z' : offset}`;
}
