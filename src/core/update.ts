/**
 * `itsm update` decided: from a record, its kind's definition and schema, and what the user asked
 * (field=value, a new status, a note), the edit to make. A status change fills what the lifecycle
 * needs in the same edit (the milestone, a timeline entry, and on a reopen the clearing of how the
 * work ended); assigning or re-prioritising leaves a dated timeline entry that the SLA engine reads.
 * Pure: text and data in, text out; whether the result is valid is the validator's call.
 */
import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from './diagnostic.ts';
import type { AnyKindDefinition } from './kinds/definition.ts';
import type { PriorityMatrix } from './model.ts';
import { matrixPriority, readField, type JsonSchema } from './new-record.ts';
import type { People, Person } from './people.ts';
import { updateRecord, type RecordUpdate } from './record-writer.ts';

/** What the user asked for. */
export interface UpdateRequest {
  /** The status to move to. */
  status?: string | undefined;
  /** `field=value` arguments; `field=` removes the field. */
  assignments: readonly string[];
  note?: string | undefined;
  /** How the work was resolved: the `resolution` field where the kind has one, else the timeline note. */
  resolution?: string | undefined;
  /** The timeline entry is customer-visible (`visibility: public`). */
  public?: boolean | undefined;
  /** When it happened, as written in the timeline and milestones. */
  at: string;
  /** Who did it: a person's handle. */
  by: string;
}

export interface UpdateInput {
  id: string;
  /** The record file as it is. */
  text: string;
  /** Its front matter, as loaded. */
  data: Record<string, unknown>;
  def: AnyKindDefinition;
  /** The kind's JSON Schema: which fields exist and their types. */
  schema: JsonSchema;
  matrix?: PriorityMatrix | undefined;
  request: UpdateRequest;
}

/** One field before and after (undefined: absent). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type UpdatePlan =
  | {
      ok: true;
      text: string;
      changes: FieldChange[];
      /** The timeline entry appended, if any. */
      entry?: Record<string, unknown>;
      status?: { from: string; to: string };
      /** What happened, in a few words: "resolved", "assigned to lena", "priority P1". */
      summary: string;
    }
  /** The request cannot be made into an edit (unknown field or status, a transition the lifecycle forbids...). */
  | { ok: false; message: string };

/** Fields `itsm update` never sets from field=value, and what to use instead. */
const NOT_ASSIGNABLE: Record<string, string> = {
  id: 'an ID is changed with `itsm renumber`',
  timeline: 'the timeline is appended to by `itsm update` itself (--status, --note, and changes of priority, team or assignee)',
};

/** Fields whose changes the timeline records, with their new value, for the SLA engine and the history. */
const TRACKED = ['priority', 'team', 'assignee'] as const;

/** Plans an update; the result still has to pass validation before it is written. */
export function planUpdate(input: UpdateInput): UpdatePlan {
  const { id, data, def, schema, request } = input;
  const props = schema.properties ?? {};
  const life = def.lifecycle;
  const given: Record<string, unknown> = {};
  const removals = new Set<string>();
  let status = request.status;

  for (const a of request.assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) return fail(`"${a}" is not field=value. Example: itsm update ${id} priority=P1`);
    const field = a.slice(0, eq);
    const raw = a.slice(eq + 1);
    if (field === 'status') {
      if (status !== undefined && status !== raw) return fail(`status=${raw} and --status ${status} disagree: give one.`);
      status = raw;
      continue;
    }
    // Own properties only: `constructor=` or `__proto__=` must not find Object's.
    if (Object.hasOwn(NOT_ASSIGNABLE, field)) return fail(`${field} cannot be set with field=value: ${NOT_ASSIGNABLE[field]}.`);
    if (!Object.hasOwn(props, field))
      return fail(
        `unknown field "${field}" for ${aKind(def)}. Fields: ${Object.keys(props)
          .filter((f) => !Object.hasOwn(NOT_ASSIGNABLE, f) && f !== 'status')
          .join(', ')}.`,
      );
    if (raw === '') {
      removals.add(field);
      delete given[field];
      continue;
    }
    let flowError: string | undefined;
    const flow = (t: string) => {
      try {
        return parseYaml(t) as unknown;
      } catch (err) {
        flowError = `${field}: cannot read "${t}" as YAML: ${(err as Error).message}`;
        return undefined;
      }
    };
    // A field of several shapes (a contact: a handle or {name, email}) has no one type: YAML flow decides.
    const r = props[field]!.type === undefined && /^\s*[[{]/.test(raw) ? { ok: true as const, value: flow(raw) } : readField(schema, field, raw, flow);
    if (flowError) return fail(flowError);
    if (!r.ok) return fail(r.message);
    given[field] = r.value;
    removals.delete(field);
  }

  let note = request.note;
  if (request.resolution !== undefined) {
    if (props.resolution) given.resolution ??= request.resolution;
    else if (props.timeline) note = note === undefined ? request.resolution : `${request.resolution} ${note}`;
    else return fail(`${def.plural} have no resolution field and no timeline: --resolution has nowhere to go.`);
  }

  const from = String(data.status);
  let move: { from: string; to: string } | undefined;
  const set: Record<string, unknown> = { ...given };
  const remove = new Set(removals);
  if (status !== undefined && status !== from) {
    if (!life.statuses.includes(status)) return fail(`unknown status "${status}" for ${aKind(def)}. Statuses: ${life.statuses.join(', ')}.`);
    const allowed = life.transitions[from] ?? [];
    if (!allowed.includes(status)) {
      return fail(
        `${id} cannot go from ${from} to ${status}. ${allowed.length ? `From ${from} it may move to: ${allowed.join(', ')}.` : `${capitalize(from)} is final for ${def.plural}.`}`,
      );
    }
    move = { from, to: status };
    set.status = status;
    for (const field of [def.milestones[status], def.stamps?.[status]]) {
      // A date field (an article's published_at) gets the day of `at`, as its offset reads it.
      if (field && !(field in given) && !removals.has(field)) set[field] = isDateField(props[field]) ? request.at.slice(0, 10) : request.at;
    }
    if (!life.open.includes(from) && life.open.includes(status)) {
      for (const field of reopenClears(def)) if (!(field in given) && field !== def.milestones[status]) remove.add(field);
    }
  }
  recomputePriority(set, data, props, input.matrix);

  const after = (field: string) => (remove.has(field) ? undefined : field in set ? set[field] : data[field]);
  const changes: FieldChange[] = [];
  // The status first, then what it brought with it, then the fields given.
  const order = [...(move ? ['status', def.milestones[move.to], def.stamps?.[move.to]] : []), ...Object.keys(set), ...remove];
  for (const field of new Set(order.filter((f): f is string => f !== undefined && (f in set || remove.has(f))))) {
    if (!same(data[field], after(field))) changes.push({ field, before: data[field], after: after(field) });
  }
  for (const field of remove) if (data[field] === undefined) remove.delete(field);
  for (const field of Object.keys(set)) if (same(data[field], set[field])) delete set[field];

  let entry: Record<string, unknown> | undefined;
  const tracked = TRACKED.filter((f) => changes.some((c) => c.field === f));
  if (move || tracked.length || note !== undefined) {
    if (!props.timeline) {
      if (note !== undefined || request.public) return fail(`${def.plural} have no timeline: --note and --public have nowhere to go.`);
    } else {
      entry = { at: request.at };
      if (move) entry.status = move.to;
      for (const f of tracked) if (after(f) !== undefined) entry[f] = after(f);
      entry.by = request.by;
      if (request.public) entry.visibility = 'public';
      const unset = tracked.filter((f) => after(f) === undefined);
      const text = note ?? (unset.length ? `Removed ${unset.join(' and ')}.` : undefined);
      if (text !== undefined) entry.note = text;
    }
  }
  if (request.public && !entry) return fail('--public marks the timeline entry as customer-visible: give --note or --status too.');
  if (changes.length === 0 && !entry) {
    return fail(`nothing to change in ${id}: ${status !== undefined ? `it is already ${status}` : 'give field=value, --status or --note'}.`);
  }

  const update: RecordUpdate = { set, remove: [...remove], ...(entry ? { append: { key: 'timeline', item: entry } } : {}) };
  const edited = updateRecord(input.text, update);
  if (!edited.ok) return fail(`${id} cannot be edited: ${edited.problem === 'yaml' ? edited.message : 'its front matter is not readable'}.`);
  return { ok: true, text: edited.text, changes, ...(entry ? { entry } : {}), ...(move ? { status: move } : {}), summary: summaryOf(def, move, changes) };
}

/** The fields a reopen clears: milestones and stamps of statuses that are not open, and how the work ended. */
export function reopenClears(def: Pick<AnyKindDefinition, 'lifecycle' | 'milestones' | 'stamps' | 'reopenClears'>): string[] {
  const closing = (map: Readonly<Record<string, string>> | undefined) =>
    Object.entries(map ?? {})
      .filter(([s]) => !def.lifecycle.open.includes(s))
      .map(([, f]) => f);
  return [...new Set([...closing(def.milestones), ...closing(def.stamps), ...(def.reopenClears ?? [])])];
}

/** A changed impact or urgency moves the priority with it (the priority matrix), unless an override reason is kept. */
function recomputePriority(
  set: Record<string, unknown>,
  data: Record<string, unknown>,
  props: Record<string, JsonSchema>,
  matrix: PriorityMatrix | undefined,
): void {
  if (!matrix || !props.priority || 'priority' in set || !('impact' in set || 'urgency' in set)) return;
  if (data.priority_override_reason !== undefined || set.priority_override_reason !== undefined) return;
  const p = matrixPriority(matrix, set.impact ?? data.impact, set.urgency ?? data.urgency);
  if (p !== undefined && p !== data.priority) set.priority = p;
}

/** The few words a commit message and the pretty output use. */
function summaryOf(def: AnyKindDefinition, move: { from: string; to: string } | undefined, changes: readonly FieldChange[]): string {
  if (move) return !def.lifecycle.open.includes(move.from) && def.lifecycle.open.includes(move.to) ? 'reopened' : move.to.replace(/_/g, ' ');
  const changed = (f: string) => changes.find((c) => c.field === f);
  const assignee = changed('assignee');
  if (assignee) return assignee.after === undefined ? 'unassigned' : `assigned to ${String(assignee.after)}`;
  const team = changed('team');
  if (team && team.after !== undefined) return `assigned to ${String(team.after)}`;
  const priority = changed('priority');
  if (priority && priority.after !== undefined) return `priority ${String(priority.after)}`;
  return changes.length ? `updated ${changes.map((c) => c.field).join(', ')}` : 'note added';
}

/**
 * Milestones the rules ask for that the step skipped (an incident resolved straight from new needs
 * `acknowledged_at`): the timestamp fields of the kind that the diagnostics say are required and the
 * user did not give. `itsm update` stamps them with the step's time too.
 */
export function skippedMilestones(
  diagnostics: readonly Diagnostic[],
  def: Pick<AnyKindDefinition, 'milestones' | 'stamps'>,
  given: readonly string[],
): string[] {
  const stamped = new Set([...Object.values(def.milestones), ...Object.values(def.stamps ?? {})]);
  const named = new Set(given.map((a) => a.slice(0, a.indexOf('='))));
  const out = new Set<string>();
  for (const d of diagnostics) {
    const field = /^`([A-Za-z0-9_]+)` is required\b/.exec(d.message)?.[1];
    if (d.severity === 'error' && field && stamped.has(field) && !named.has(field)) out.add(field);
  }
  return [...out];
}

/**
 * The validator's "`resolution` is required" and "Missing required field `service`" (a top-level
 * field; a nested one is not a field=value), told as what to pass: `optionFor` names the command-line way to give a field (`resolution=...`, or
 * `--resolution TEXT` for `itsm resolve`).
 */
export function askForMissing(diagnostics: readonly Diagnostic[], optionFor: (field: string) => string): Diagnostic[] {
  return diagnostics.map((d) => {
    const field = /^`([A-Za-z0-9_]+)` is required\b/.exec(d.message)?.[1] ?? /^Missing required field `([A-Za-z0-9_]+)`/.exec(d.message)?.[1];
    if (!field) return d;
    return { ...d, hint: `Pass ${optionFor(field)}${d.hint ? `; ${d.hint.charAt(0).toLowerCase()}${d.hint.slice(1)}` : '.'}` };
  });
}

function isDateField(prop: JsonSchema | undefined): boolean {
  return prop?.$ref?.endsWith('/$defs/date') === true || (prop as { format?: string } | undefined)?.format === 'date';
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function aKind(def: AnyKindDefinition): string {
  return `${/^[aeiou]/i.test(def.label) ? 'an' : 'a'} ${def.label}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ');
}

function fail(message: string): UpdatePlan {
  return { ok: false, message };
}

/**
 * The person behind git's user.email: the one whose team-file `email` it is, or the login of a GitHub
 * no-reply address (`12345+ada@users.noreply.github.com`).
 */
export function personByEmail(people: People, email: string): Person | undefined {
  const wanted = email.trim();
  if (!wanted) return undefined;
  const found = people.byEmail(wanted);
  if (found) return found;
  const login = /^(?:\d+\+)?([a-z0-9-]+)@users\.noreply\.github\.com$/i.exec(wanted)?.[1];
  return login ? people.known(login) : undefined;
}

/** The status a shortcut moves to, or why there is none. */
export type Step = { ok: true; status: string } | { ok: false; message: string };

/** `itsm resolve`: the kind's first done status (incident resolved, request fulfilled, change completed). */
export function resolveStep(def: AnyKindDefinition): Step {
  const status = def.lifecycle.done[0];
  return status ? { ok: true, status } : { ok: false, message: `${def.plural} are not resolved: their statuses are ${def.lifecycle.statuses.join(', ')}.` };
}

/** `itsm close`: the kind's `closed` status. */
export function closeStep(def: AnyKindDefinition): Step {
  return def.lifecycle.statuses.includes('closed')
    ? { ok: true, status: 'closed' }
    : { ok: false, message: `${def.plural} have no closed status: their statuses are ${def.lifecycle.statuses.join(', ')}. Use itsm update --status.` };
}

/** `itsm reopen`: the first open status the lifecycle allows from the current one (a resolved incident goes back to in_progress). */
export function reopenStep(def: AnyKindDefinition, id: string, from: string): Step {
  if (def.lifecycle.open.includes(from)) return { ok: false, message: `${id} is ${from.replace(/_/g, ' ')}: it is open already.` };
  const to = (def.lifecycle.transitions[from] ?? []).find((s) => def.lifecycle.open.includes(s));
  return to ? { ok: true, status: to } : { ok: false, message: `${id} is ${from.replace(/_/g, ' ')}, which ${def.plural} cannot be reopened from.` };
}
