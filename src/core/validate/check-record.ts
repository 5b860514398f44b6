/**
 * Everything that can be said about one record file on its own: schema errors and the kind's rules.
 * Also extracts the few facts the cross-record checks need, so a cache can keep those instead of the record.
 */
import type { PendingDiagnostic } from '../diagnostic.ts';
import type { Kind } from '../ids.ts';
import { REGISTRY } from '../kinds/index.ts';
import type { KindRegistry } from '../kinds/registry.ts';
import type { Policies } from '../model.ts';
import { firstUnsafe } from '../printable.ts';
import { relationsFrom, topField } from '../relations.ts';
import { closingRules } from './closing-rules.ts';
import { latestRecordedTime } from './future-times.ts';
import { personRefs, type PersonRef } from './person-refs.ts';
import { schemaDiagnostics } from './schema-messages.ts';
import type { Validators } from './validators.ts';

/** What the cross-record checks need to know about a record: small enough to cache for every file. */
export interface RecordFacts<K extends string = Kind> {
  kind: K;
  /** The `id` field as written (may be malformed or missing). */
  id: string | undefined;
  /** Whether the record passed its schema (rules and cross checks only trust valid records). */
  schemaValid: boolean;
  /**
   * The fields whole-workspace checks read: status, owner, every reference field (references are
   * derived from it with `referencesOf`), a service's offerings, a request's offering...
   */
  summary: Record<string, unknown>;
  /**
   * The latest time the record says something happened at (milestones, timeline), in ms since the
   * epoch, when one parses: only a record whose latest time is past --now is read again for the
   * list of its times (recordedTimes), so the facts and the cache keep this one number.
   */
  latest?: number;
  /** Every person the record names (assignee, caller, timeline `by`...), checked against the team files. */
  people?: PersonRef[];
}

export interface RecordCheck<K extends string = Kind> {
  diagnostics: PendingDiagnostic[];
  facts: RecordFacts<K>;
}

const SUMMARY_FIELDS = ['id', 'status', 'owner', 'environment', 'review_by', 'support_calendar'];
const KIND_SUMMARY_FIELDS: Partial<Record<string, string[]>> = { service: ['name', 'offerings'], request: ['offering'], team: ['members'] };

/** The summary's fields per registry and kind, worked out once (summarize runs for every record). */
const SUMMARY_BY_KIND = new WeakMap<KindRegistry, Map<string, string[]>>();

function summaryFields(kind: string, registry: KindRegistry): string[] {
  let byKind = SUMMARY_BY_KIND.get(registry);
  if (!byKind) SUMMARY_BY_KIND.set(registry, (byKind = new Map<string, string[]>()));
  let fields = byKind.get(kind);
  if (!fields) {
    fields = [
      ...SUMMARY_FIELDS,
      ...relationsFrom(kind, registry).map((r) => topField(r.field)),
      ...(registry.get(kind).timed?.fields ?? []),
      ...(KIND_SUMMARY_FIELDS[kind] ?? []),
    ];
    byKind.set(kind, fields);
  }
  return fields;
}

function summarize(kind: string, data: Record<string, unknown>, registry: KindRegistry): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  for (const field of summaryFields(kind, registry)) if (data[field] !== undefined) summary[field] = data[field];
  return summary;
}

/** `bodyLine`: the file's line where the body starts, to place a problem in the body. */
export function checkRecord<K extends string = Kind>(
  kind: K,
  file: string,
  data: Record<string, unknown>,
  body: string,
  validators: Validators,
  policies: Policies,
  bodyLine = 1,
  registry: KindRegistry = REGISTRY,
): RecordCheck<K> {
  const def = registry.get(kind);
  const validate = validators.get(def.schema);
  const schemaValid = validate(data);
  const diagnostics = schemaValid ? [] : schemaDiagnostics(file, validate.errors ?? [], def.label);
  // The rules take the kind's data type, which the schema has just vouched for.
  if (schemaValid) diagnostics.push(...def.rules(data as never, { file, policies }, body), ...closingRules(def, data, file, policies));
  const bodyProblem = unsafeInBody(file, body, bodyLine);
  if (bodyProblem) diagnostics.push(bodyProblem);
  const facts: RecordFacts<K> = {
    kind,
    id: typeof data.id === 'string' ? data.id : undefined,
    schemaValid,
    summary: summarize(kind, data, registry),
  };
  if (schemaValid) {
    const latest = latestRecordedTime(def, data);
    if (latest !== undefined) facts.latest = latest;
    const people = personRefs(def, data);
    if (people.length > 0) facts.people = people;
  }
  return { diagnostics, facts };
}

/**
 * The body is multi-line text like a plan or a note: tabs and line breaks, but no other control
 * character or bidirectional override (they would reorder or hide what the page says).
 */
function unsafeInBody(file: string, body: string, bodyLine: number): PendingDiagnostic | undefined {
  const bad = firstUnsafe(body, true);
  if (!bad) return undefined;
  const before = body.slice(0, bad.position - 1).split('\n');
  const line = bodyLine + before.length - 1;
  const column = before.at(-1)!.length + 1;
  return {
    file,
    line,
    column,
    rule: 'text/unsafe-character',
    severity: 'error',
    message: `The body contains a ${bad.kind} ${bad.codePoint} at line ${line}, column ${column}: remove it.`,
    hint:
      bad.kind === 'bidirectional override'
        ? 'Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) make text display in a different order from what it says; write the text without them.'
        : 'Control characters (escape sequences, DEL, U+0080-U+009F) are never part of text; delete it (an editor that shows invisible characters helps).',
    pointer: '',
  };
}
