/**
 * The pure decisions behind `itsm new`: the next free ID, timestamps in the workspace's zone,
 * priority from the matrix, `field=value` arguments read by the kind's schema, and a fallback
 * template built from the schema when the workspace has none for a kind.
 */
import { Temporal } from 'temporal-polyfill';
import { boundedIdNumber, formatNumberedId, isValidId, KIND_INFO, type Kind } from './ids.ts';
import type { PriorityMatrix } from './model.ts';

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

type JsonSchema = {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  items?: JsonSchema;
  enum?: unknown[];
};

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
    return { ok: true, value: text === '' ? [] : text.split(',').map((s) => s.trim()).filter((s) => s !== '') };
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
  const lines = [`# A new ${KIND_INFO[kind].label}. Required fields are listed; see schemas/${kind}.schema.json for the others.`];
  const name = nameField(schema);
  for (const field of schema.required ?? []) {
    const prop = schema.properties?.[field] ?? {};
    if (prop.description) lines.push(`# ${prop.description}`);
    if (field === 'id') lines.push('id: "{{id}}"');
    else if (field === name) lines.push(`${field}: "{{title}}"`);
    else if (prop.enum && field === 'status') lines.push(`${field}: ${String(prop.enum[0])}`);
    // A required instant named *_at is when the record starts (reported_at, opened_at, requested_at).
    else if (field.endsWith('_at') && prop.$ref?.endsWith('/timestamp')) lines.push(`${field}: "{{now}}"`);
    else lines.push(`${field}:`);
  }
  return `---\n${lines.join('\n')}\n---\n\n`;
}

/** Splits a template into its front matter YAML and body (both as written). */
export function splitTemplate(text: string): { yaml: string; body: string } | undefined {
  const t = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!t.startsWith('---\n')) return undefined;
  const close = t.indexOf('\n---', 3);
  if (close === -1) return undefined;
  const afterFence = t.indexOf('\n', close + 4);
  return { yaml: t.slice(4, close + 1), body: afterFence === -1 ? '' : t.slice(afterFence + 1) };
}
