/**
 * Everything that can be said about one record file on its own: schema errors and the kind's rules.
 * Also extracts the few facts the cross-record checks need, so a cache can keep those instead of the record.
 */
import type { PendingDiagnostic } from '../diagnostic.ts';
import { KIND_INFO, type Kind } from '../ids.ts';
import { KIND_RULES, KIND_SCHEMA } from '../kinds/index.ts';
import type { KindData, Policies } from '../model.ts';
import { referencesOf, relationsFrom } from '../relations.ts';
import { schemaDiagnostics } from './schema-messages.ts';
import type { Validators } from './validators.ts';

/** What the cross-record checks need to know about a record. */
export interface RecordFacts {
  kind: Kind;
  /** The `id` field as written (may be malformed or missing). */
  id: string | undefined;
  /** Outgoing references: target ID, the relation's target kind, pointer. */
  refs: Array<{ target: string; to: Kind; pointer: string; field: string; acyclic: boolean }>;
  /** For services: offering IDs; for requests: the offering asked for. */
  offerings?: string[];
  offering?: string;
  /** Whether the record passed its schema (rules and cross checks only trust valid records). */
  schemaValid: boolean;
  /**
   * The fields whole-workspace checks read (status, owner, relations, ...): enough to run the
   * data-quality rules from a cache without the record itself.
   */
  summary: Record<string, unknown>;
}

const SUMMARY_FIELDS = ['id', 'status', 'owner', 'environment', 'review_by', 'support_calendar'];
const SERVICE_SUMMARY_FIELDS = ['name', 'offerings'];

function summarize(kind: Kind, data: Record<string, unknown>): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  const fields = [...SUMMARY_FIELDS, ...relationsFrom(kind).map((r) => r.field), ...(kind === 'service' ? SERVICE_SUMMARY_FIELDS : [])];
  for (const field of fields) if (data[field] !== undefined) summary[field] = data[field];
  return summary;
}

export interface RecordCheck {
  diagnostics: PendingDiagnostic[];
  facts: RecordFacts;
}

export function checkRecord(kind: Kind, file: string, data: Record<string, unknown>, body: string, validators: Validators, policies: Policies): RecordCheck {
  const validate = validators.get(KIND_SCHEMA[kind]);
  const schemaValid = validate(data) as boolean;
  const diagnostics = schemaValid ? [] : schemaDiagnostics(file, validate.errors ?? [], KIND_INFO[kind].label);
  if (schemaValid) {
    const rules = KIND_RULES[kind] as (d: KindData[Kind], ctx: { file: string; policies: Policies }, body: string) => PendingDiagnostic[];
    diagnostics.push(...rules(data as unknown as KindData[Kind], { file, policies }, body));
  }
  const facts: RecordFacts = {
    kind,
    id: typeof data.id === 'string' ? data.id : undefined,
    refs: referencesOf(kind, data).map((r) => ({ target: r.target, to: r.relation.to, pointer: r.pointer, field: r.relation.field, acyclic: r.relation.acyclic === true })),
    schemaValid,
    summary: summarize(kind, data),
  };
  if (kind === 'service' && Array.isArray(data.offerings)) facts.offerings = data.offerings.map((o) => (o as { id?: unknown }).id).filter((x): x is string => typeof x === 'string');
  if (kind === 'request' && typeof data.offering === 'string') facts.offering = data.offering;
  return { diagnostics, facts };
}
