/**
 * Everything that can be said about one record file on its own: schema errors and the kind's rules.
 * Also extracts the few facts the cross-record checks need, so a cache can keep those instead of the record.
 */
import type { PendingDiagnostic } from '../diagnostic.ts';
import { KIND_INFO, type Kind } from '../ids.ts';
import { KIND_RULES, KIND_SCHEMA } from '../kinds/index.ts';
import type { KindData, Policies } from '../model.ts';
import { relationsFrom } from '../relations.ts';
import { schemaDiagnostics } from './schema-messages.ts';
import type { Validators } from './validators.ts';

/** What the cross-record checks need to know about a record: small enough to cache for every file. */
export interface RecordFacts {
  kind: Kind;
  /** The `id` field as written (may be malformed or missing). */
  id: string | undefined;
  /** Whether the record passed its schema (rules and cross checks only trust valid records). */
  schemaValid: boolean;
  /**
   * The fields whole-workspace checks read: status, owner, every reference field (references are
   * derived from it with `referencesOf`), a service's offerings, a request's offering...
   */
  summary: Record<string, unknown>;
}

export interface RecordCheck {
  diagnostics: PendingDiagnostic[];
  facts: RecordFacts;
}

const SUMMARY_FIELDS = ['id', 'status', 'owner', 'environment', 'review_by', 'support_calendar'];
const KIND_SUMMARY_FIELDS: Partial<Record<Kind, string[]>> = { service: ['name', 'offerings'], request: ['offering'], team: ['members'] };

function summarize(kind: Kind, data: Record<string, unknown>): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  const fields = [...SUMMARY_FIELDS, ...relationsFrom(kind).map((r) => r.field), ...(KIND_SUMMARY_FIELDS[kind] ?? [])];
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
    schemaValid,
    summary: summarize(kind, data),
  };
  return { diagnostics, facts };
}
