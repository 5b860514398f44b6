/**
 * The pure decisions behind `itsm new`: the next free ID, timestamps in the workspace's zone,
 * priority from the matrix, `field=value` arguments read by the kind's schema, and a fallback
 * template built from the schema when the workspace has none for a kind.
 */
import { Temporal } from 'temporal-polyfill';
import { Document, Pair, parse as parseYaml, Scalar, YAMLMap } from 'yaml';
import { boundedIdNumber, formatNumberedId, idShape, isValidId, kindOfId, KIND_INFO, type Kind } from './ids.ts';
import type { PriorityMatrix } from './model.ts';
import { editRecord } from './record-writer.ts';

/**
 * The next numbered ID: one more than the highest in use (INC-0142 -> INC-0143), never a gap
 * filler, with as many digits as the highest one has (a workspace of INC-000142 stays six wide).
 * IDs past the bound (more than MAX_ID_DIGITS digits) are invalid records, not the new high: one
 * such file must not take numbering away from everyone else. Arithmetic is exact (BigInt).
 */
export function nextNumberedId(kind: Kind, existing: Iterable<string>): string {
  const prefix = KIND_INFO[kind].prefix;
  let max = 0n;
  let width = 4;
  for (const id of existing) {
    if (!id.startsWith(prefix)) continue;
    const n = boundedIdNumber(id);
    if (n !== undefined && n >= max) {
      width = n > max ? id.length - prefix.length : Math.max(width, id.length - prefix.length);
      max = n;
    }
  }
  return formatNumberedId(kind, max + 1n, Math.max(4, width));
}

/** "a" or "an" before a word: an incident, a change. */
export function aOrAn(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

/** Lowercase words joined by hyphens, ASCII only: "Payments API (EU)" -> "payments-api-eu". */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The slug ID a title gives (SVC-payments-api), or undefined when nothing usable is left. */
export function slugId(kind: Kind, title: string): string | undefined {
  const slug = slugify(title);
  const id = KIND_INFO[kind].prefix + slug;
  return slug && isValidId(id, kind) ? id : undefined;
}

/** An instant as the schema wants it: seconds and the zone's offset, e.g. 2026-03-04T09:15:00+01:00. */
export function zonedTimestamp(instant: string, timeZone: string): string {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** The calendar date in a zone, `days` later: 2026-03-04 (+180 -> 2026-08-31). */
export function zonedDate(instant: string, timeZone: string, days = 0): string {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toPlainDate().add({ days }).toString();
}

/** Whether a string is an instant Temporal accepts (with Z or an offset). */
export function isInstant(text: string): boolean {
  try {
    Temporal.Instant.from(text);
    return true;
  } catch {
    return false;
  }
}

/** Priority for impact x urgency from the matrix, when both are known. */
export function matrixPriority(matrix: PriorityMatrix | undefined, impact: unknown, urgency: unknown): string | undefined {
  if (!matrix || typeof impact !== 'string' || typeof urgency !== 'string') return undefined;
  const row = (matrix.matrix as unknown as Record<string, Record<string, string> | undefined>)[impact];
  return row?.[urgency];
}

/** Values of the template placeholders: {{id}}, {{title}}, {{now}}, {{today}}, {{today+30d}}. */
export function placeholderValue(token: string, ctx: { id: string; title: string; now: string; timeZone: string }): string | undefined {
  if (token === 'id') return ctx.id;
  if (token === 'title') return ctx.title;
  if (token === 'now') return zonedTimestamp(ctx.now, ctx.timeZone);
  const m = /^today(?:\+(\d+)d)?$/.exec(token);
  if (m) return zonedDate(ctx.now, ctx.timeZone, Number(m[1] ?? 0));
  return undefined;
}

export type JsonSchema = {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  items?: JsonSchema;
  enum?: unknown[];
};

export type SharedDefs = { $defs?: Record<string, JsonSchema> };

/**
 * The kind's fields with the types of the shared definitions they refer to (`tags` is a list,
 * `source` an object), so field=value reads `tags=a,b` as the list it is.
 */
export function withSharedTypes(schema: JsonSchema, common: SharedDefs): JsonSchema {
  const prefix = 'common.schema.json#/$defs/';
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([field, prop]) => {
      const shared = prop.type === undefined && prop.$ref?.startsWith(prefix) ? common.$defs?.[prop.$ref.slice(prefix.length)] : undefined;
      return [field, shared ? { ...prop, type: shared.type, items: prop.items ?? shared.items } : prop];
    }),
  );
  return { ...schema, properties };
}

/** The field that names a record: `title` for most kinds, `name` for services, CIs and teams. */
export function nameField(schema: JsonSchema): 'title' | 'name' {
  return schema.properties?.title ? 'title' : 'name';
}

export type FieldValue = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Reads `field=value` by the field's type in the kind's schema: lists are comma-separated
 * (`cis=CI-web,CI-db`), numbers and booleans are converted, objects are YAML flow text
 * (`pir={due: 2026-03-10}`, parsed by the caller), everything else stays text for the validator.
 */
export function readField(schema: JsonSchema, field: string, raw: string, parseFlow: (text: string) => unknown): FieldValue {
  const prop = schema.properties?.[field];
  if (!prop) {
    const known = Object.keys(schema.properties ?? {}).join(', ');
    return { ok: false, message: `unknown field "${field}". Fields of this kind: ${known}.` };
  }
  const type = Array.isArray(prop.type) ? prop.type[0] : prop.type;
  if (type === 'array') {
    if (prop.items?.type === 'object') return { ok: true, value: parseFlow(raw) };
    const text = raw.trim().replace(/^\[(.*)\]$/s, '$1');
    return {
      ok: true,
      value:
        text === ''
          ? []
          : text
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== ''),
    };
  }
  if (type === 'integer' || type === 'number') {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `${field} must be a number; got "${raw}".` };
  }
  if (type === 'boolean') {
    if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
    return { ok: false, message: `${field} must be true or false; got "${raw}".` };
  }
  if (type === 'object') return { ok: true, value: parseFlow(raw) };
  return { ok: true, value: raw };
}

/**
 * A template built from the kind's schema, for workspaces without content/.templates/<kind>.md:
 * every required field, its description as a comment, the ID, name, first status and start time filled in.
 */
export function templateFromSchema(kind: Kind, schema: JsonSchema): string {
  const doc = new Document(new YAMLMap());
  const name = nameField(schema);
  const quoted = (placeholder: string) => Object.assign(new Scalar(placeholder), { type: Scalar.QUOTE_DOUBLE });
  const comments = [` A new ${KIND_INFO[kind].label}. Required fields are listed; see schemas/${kind}.schema.json for the others.`];
  for (const field of schema.required ?? []) {
    const prop = schema.properties?.[field] ?? {};
    if (prop.description) comments.push(` ${prop.description}`);
    let value: Scalar;
    if (field === 'id') value = quoted('{{id}}');
    else if (field === name) value = quoted('{{title}}');
    else if (prop.enum && field === 'status') value = new Scalar(String(prop.enum[0]));
    // A required instant named *_at is when the record starts (reported_at, opened_at, requested_at).
    else if (field.endsWith('_at') && prop.$ref?.endsWith('/timestamp')) value = quoted('{{now}}');
    else value = new Scalar(null);
    const key = new Scalar(field);
    key.commentBefore = comments.splice(0).join('\n');
    (doc.contents as YAMLMap).items.push(new Pair(key, value));
  }
  return `---\n${doc.toString({ lineWidth: 0, nullStr: '' })}---\n\n`;
}

/** A value, or what is wrong with the user's input (a sentence for `itsm new: ...`). */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** `field=value` arguments read by the kind's schema (see readField). */
export function readAssignments(kind: Kind, schema: JsonSchema, assignments: readonly string[]): Checked<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) return { ok: false, message: `"${a}" is not field=value. Example: itsm new ${kind} impact=high` };
    const field = a.slice(0, eq);
    let flowError: string | undefined;
    const r = readField(schema, field, a.slice(eq + 1), (t) => {
      try {
        return parseYaml(t) as unknown;
      } catch (err) {
        flowError = `${field}: cannot read "${t}" as YAML: ${(err as Error).message}`;
        return undefined;
      }
    });
    if (flowError) return { ok: false, message: flowError };
    if (!r.ok) return { ok: false, message: r.message };
    out[field] = r.value;
  }
  return { ok: true, value: out };
}

/** The new record's ID: the one given (checked), the next number, or a slug of the title. */
export function chooseId(kind: Kind, given: unknown, title: string, existing: Iterable<string>): Checked<string> {
  const info = KIND_INFO[kind];
  if (given !== undefined) {
    const id = String(given);
    if (!isValidId(id, kind)) {
      const other = kindOfId(id);
      return {
        ok: false,
        message: `"${id}" is not ${aOrAn(info.label)} ID${other && other !== kind ? ` (it is a ${KIND_INFO[other].label} ID)` : ''}: expected ${idShape(kind)}.`,
      };
    }
    return { ok: true, value: id };
  }
  if (info.numbered) return { ok: true, value: nextNumberedId(kind, existing) };
  if (!title) return { ok: false, message: `${aOrAn(info.label)} ID is a slug of its name: give --title "Payments API" or id=${info.prefix}payments-api.` };
  const id = slugId(kind, title);
  if (!id) return { ok: false, message: `no ID can be made from the title "${title}": give id=${info.prefix}<lowercase-words>.` };
  return { ok: true, value: id };
}

export interface NewRecordInput {
  id: string;
  title: string;
  now: string;
  timeZone: string;
  fields: Record<string, unknown>;
  matrix: PriorityMatrix | undefined;
}

/** Fields whose history the timeline tracks from the first entry on. */
const SEEDED = ['priority', 'team'] as const;

/** Template -> record text: placeholders filled, fields set, priority computed from the matrix. */
export function recordFromTemplate(kind: Kind, schema: JsonSchema, templateText: string, input: NewRecordInput): Checked<string> {
  const where = `content/.templates/${kind}.md`;
  const set: Record<string, unknown> = { id: input.id, ...input.fields };
  if (input.title) set[nameField(schema)] = input.title;
  const edited = editRecord(templateText, {
    fill: (token) => placeholderValue(token, input),
    set: [
      set,
      (get) => {
        if (!schema.properties?.priority || 'priority' in input.fields) return {};
        const p = matrixPriority(input.matrix, get('impact'), get('urgency'));
        return p ? { priority: p } : {};
      },
    ],
    body: (body) => body.replace(/\{\{\s*title\s*\}\}/g, input.title),
    // The first timeline entry says what the record started with, so a later change of priority or
    // team (written by `itsm update` as an entry with the new value) is a change the SLA engine can see.
    seedFirst: { key: 'timeline', fields: (get) => Object.fromEntries(SEEDED.filter((f) => schema.properties?.[f]).map((f) => [f, get(f)])) },
  });
  if (edited.ok) return { ok: true, value: edited.text };
  if (edited.problem === 'no-front-matter') return { ok: false, message: `${where} must start with front matter between two \`---\` lines.` };
  if (edited.problem === 'yaml') return { ok: false, message: `${where}: ${edited.message}` };
  return {
    ok: false,
    message: `${where} uses unknown placeholders: ${edited.tokens.map((t) => `{{${t}}}`).join(', ')}. Known: {{id}}, {{title}}, {{now}}, {{today}}, {{today+30d}}.`,
  };
}
