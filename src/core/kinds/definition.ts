/**
 * What a kind of record is, said once: its ID, folder and names, its lifecycle, the fields that
 * identify it, its catalog columns, the references it makes and its rules. Everything else (ID
 * parsing, transitions, relations, catalogs, the docs' tables) is derived from these definitions.
 */
import type { RecordRules, TimedRules } from './rule-kit.ts';

/** For each status, the statuses a record may move to next. Staying in the same status is always allowed. */
export type TransitionTable = Readonly<Record<string, readonly string[]>>;

export interface Lifecycle {
  /** Every status of the kind, in lifecycle order (the same values as the schema's `status` enum). */
  statuses: readonly string[];
  /** The status a new record starts in. */
  initial: string;
  /** Statuses in which work is still to be done (an open incident, an investigated problem...). */
  open: readonly string[];
  /** Statuses in which the work was done (resolved, fulfilled...), as opposed to abandoned. */
  done: readonly string[];
  transitions: TransitionTable;
  /**
   * Statuses in which a record is closed for good: nothing in it may change unless the same pull
   * request also moves it out of that status (reopens it).
   */
  locked: readonly string[];
  /** The status to set instead of deleting the file. */
  retire: string;
}

/** How a catalog cell reads its value from a record. */
export type ColumnValue =
  /** The record's display name. */
  | { from: 'name' }
  /** An enum-like field, shown with its label (`in_progress` -> "in progress", booleans as yes/no). */
  | { from: 'label'; field: string }
  /** A field shown as written. */
  | { from: 'text'; field: string }
  /** A timestamp, shown in the workspace's time zone. */
  | { from: 'time'; field: string }
  /** One or several referenced IDs, each linked. */
  | { from: 'ref'; field: string }
  /** Each item of a list field. */
  | { from: 'list'; field: string }
  /** The number of items of a list field. */
  | { from: 'count'; field: string }
  /** The worst state of the record's SLA clocks. */
  | { from: 'sla' };

export interface ColumnSpec {
  key: string;
  label: string;
  /** Filterable columns get a select above the table. */
  facet?: boolean;
  value: ColumnValue;
}

/** A reference field the kind declares: a string ID, or a list of IDs, of another kind. */
export interface RelationSpec {
  /**
   * The front-matter field, or a dotted path into a section whose lists are walked item by item:
   * `pir.actions.problem` is the `problem` of every action of the `pir` section.
   */
  field: string;
  to: string;
  many: boolean;
  /** Label from the holder's side, e.g. "affects service". */
  label: string;
  /** Label from the referenced record's side, e.g. "incidents". */
  inverse: string;
  /** Relation whose cycles are refused (a CI cannot depend on itself through others). */
  acyclic?: boolean;
}

/**
 * A field that names a person (validated against the team files). Timeline entries' `by` and
 * `assignee` are person fields of every kind with a timeline, without being listed.
 */
export interface PersonField {
  field: string;
  /** A contact: a person's handle, or an external contact written as {name, email, ...}. */
  contact?: boolean;
  /** The person must be a member of the team this field of the record names (e.g. `team`). */
  memberOf?: string;
}

export interface KindDefinition<K extends string = string, D = never> {
  kind: K;
  /** ID prefix including the dash. */
  prefix: string;
  /** Folder under content/. */
  folder: string;
  /** Human name, singular and plural. */
  label: string;
  plural: string;
  /** Numbered IDs (INC-0142) or slugs (SVC-payments); numbered catalogs list the newest first. */
  numbered: boolean;
  /** The schema file name, without .schema.json; its `id` pattern says the same as `idPattern`. */
  schema: string;
  /** The whole ID, anchored (a test checks it against the schema's pattern). */
  idPattern: RegExp;
  lifecycle: Lifecycle;
  /** For a status, the timestamp field that records when the record reached it. */
  milestones: Readonly<Record<string, string>>;
  /**
   * Timestamp fields `itsm update` also sets when a record reaches a status, besides the milestone
   * (a change's `actual_end` whatever its outcome). Unlike milestones, the timeline is not checked
   * against them: the last arrival wins.
   */
  stamps?: Readonly<Record<string, string>>;
  /**
   * Fields that say how finished work ended (an incident's resolution): `itsm update` clears them
   * when the record is reopened, with the milestones and stamps of the statuses that are not open.
   * The timeline keeps the history.
   */
  reopenClears?: readonly string[];
  /**
   * The other timestamp fields that record something that happened (not a plan), e.g. reported_at.
   * With the milestones and every timeline entry's `at`, none may lie in the future (`time/future`).
   */
  happened?: readonly string[];
  /**
   * Fields that say which record a file is: two versions of one ID that differ in all of them (and
   * share at least two) are two different records; a new ID that agrees on all of them is an old
   * record renumbered. The first field is the record's display name.
   */
  identity: readonly [string, ...string[]];
  /** The catalog table's columns, after the ID. */
  columns: readonly ColumnSpec[];
  relations: readonly RelationSpec[];
  /** The fields that name people (assignee, caller...). */
  people?: readonly PersonField[];
  /**
   * How a record of the kind ends: the statuses in which `close_code` is required (one of the
   * workspace's close codes), and whether it has a `category` from the workspace's list.
   */
  closing?: { closeCodeIn: readonly string[]; category: boolean };
  rules: RecordRules<D>;
  /**
   * Fields (dotted paths) that may still change once the record is locked, because they follow up
   * on it rather than describe it: a closed incident's review actions get done weeks later.
   */
  followUp?: readonly string[];
  /**
   * Rules that depend on the instant of judging and the workspace settings (a review due some days
   * after resolution). They run at every validation given --now, on the record's summary, which
   * carries `fields` besides the references: never cached with the record, as `rules` are.
   */
  timed?: { fields: readonly string[]; rules: TimedRules<D> };
}

/**
 * Any kind's definition, its data type forgotten: its rules take `never`, so whoever calls them says
 * by a cast that the data passed its kind's schema.
 */
export type AnyKindDefinition = KindDefinition<string, never>;

/** Declares a kind, keeping its name as a literal type and checking its rules against its data type. */
export function defineKind<D>() {
  return <K extends string>(def: KindDefinition<K, D>): KindDefinition<K, D> => def;
}

/**
 * Numbered IDs have 4 to 9 digits (schemas/common.schema.json says the same). The bound keeps one
 * hostile record (INC-9007199254740993) from becoming everyone's "highest ID"; numbers are BigInt
 * anyway, so nothing is ever rounded.
 */
export const MAX_ID_DIGITS = 9;

/** The ID pattern of slug kinds: SVC-payments-api. */
export function slugId(prefix: string): RegExp {
  return new RegExp(`^${prefix}[a-z0-9]+(-[a-z0-9]+)*$`);
}

/** The ID pattern of numbered kinds: INC-0042. */
export function numberedId(prefix: string): RegExp {
  return new RegExp(`^${prefix}\\d{4,${MAX_ID_DIGITS}}$`);
}

/**
 * The lifecycle of kinds that are in use or retired (services, teams): there is no work in flight, so
 * no status is open or done, and a retired one can come back.
 */
export const IN_USE_OR_RETIRED: Lifecycle = {
  statuses: ['active', 'retired'],
  initial: 'active',
  open: [],
  done: [],
  transitions: { active: ['retired'], retired: ['active'] },
  locked: [],
  retire: 'retired',
};
