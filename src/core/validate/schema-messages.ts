/** Turns ajv errors into diagnostics a new user understands: what, expected, found, how to fix. */
import type { ErrorObject } from 'ajv';
import type { PendingDiagnostic } from '../diagnostic.ts';
import { firstUnsafe, LINE_PATTERN, TEXT_PATTERN } from '../printable.ts';
import { clip, excerpt } from '../excerpt.ts';

interface SchemaNode {
  description?: string;
  examples?: unknown[];
  enum?: unknown[];
  pattern?: string;
  properties?: Record<string, SchemaNode>;
  type?: string | string[];
}

const DURATION_PATTERN = '^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?$';

/** Values are quoted short and escaped: a message must not carry a whole secret or a terminal escape. */
const show = (value: unknown): string => excerpt(value, 60);

function fieldName(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => clip(p.replace(/~1/g, '/').replace(/~0/g, '~'), 40));
  if (parts.length === 0) return 'the front matter';
  return '`' + parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : (i ? '.' : '') + p)).join('') + '`';
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestScore) [best, bestScore] = [c, d];
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function describe(schema: SchemaNode | undefined): string {
  if (!schema) return '';
  const example = schema.examples?.[0];
  return [schema.description, example !== undefined ? `Example: ${show(example)}.` : ''].filter(Boolean).join(' ');
}

/** "`title` contains a control character U+001B at position 7: remove it." (never the character itself). */
function unsafeMessage(where: string, bad: NonNullable<ReturnType<typeof firstUnsafe>>): string {
  const what = bad.kind === 'line break' || bad.kind === 'tab' ? `a ${bad.kind} (${bad.codePoint})` : `a ${bad.kind} ${bad.codePoint}`;
  return `${where} contains ${what} at position ${bad.position}: remove it.`;
}

function unsafeHint(kind: NonNullable<ReturnType<typeof firstUnsafe>>['kind']): string {
  if (kind === 'line break' || kind === 'tab') return 'This field is one line: write it on one line (a longer text belongs in the body).';
  if (kind === 'bidirectional override')
    return 'Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) make text display in a different order from what it says; write the text without them.';
  return 'Control characters (escape sequences, DEL, U+0080-U+009F) can rewrite a terminal or break a feed; they are never part of text. Delete it (an editor that shows invisible characters helps).';
}

/** Keeps the most useful error per place: a pattern and a format error on one value say the same thing. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  // Branch errors of a failed oneOf/anyOf are noise when the value simply has the wrong shape.
  const branchy = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of errors) {
    if (branchy.has(e.instancePath) && e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.schemaPath.includes('/oneOf/')) continue;
    const p = e.params as Record<string, unknown>;
    const key = `${e.instancePath}|${String(p.missingProperty ?? p.additionalProperty ?? '')}|${e.keyword === 'format' || e.keyword === 'pattern' ? 'shape' : e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

export function schemaDiagnostics(file: string, errors: readonly ErrorObject[], kindLabel: string): PendingDiagnostic[] {
  return dedupe([...errors]).map((e) => {
    const parent = e.parentSchema as SchemaNode | undefined;
    const p = e.params as Record<string, unknown>;
    const where = fieldName(e.instancePath);
    const d = (message: string, hint: string, pointer = e.instancePath): PendingDiagnostic => ({
      file,
      rule: `schema/${e.keyword}`,
      severity: 'error',
      message,
      hint,
      pointer,
    });
    switch (e.keyword) {
      case 'required': {
        const field = String(p.missingProperty);
        const inner = parent?.properties?.[field];
        return d(`${e.instancePath ? where + ' is missing' : 'Missing'} required field \`${field}\`.`, `Add \`${field}:\`. ${describe(inner)}`.trim());
      }
      case 'additionalProperties': {
        const field = String(p.additionalProperty);
        const allowed = Object.keys(parent?.properties ?? {});
        const guess = closest(field, allowed);
        return d(
          `Unknown field \`${clip(field, 40)}\`${e.instancePath ? ` in ${where}` : ''} for a ${kindLabel}.`,
          guess ? `Did you mean \`${guess}\`? Fix the spelling or remove the field.` : `Remove it, or use one of the known fields: ${allowed.join(', ')}.`,
          `${e.instancePath}/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        );
      }
      case 'enum': {
        const allowed = (p.allowedValues as unknown[]).map(String);
        const guess = typeof e.data === 'string' ? closest(e.data, allowed) : undefined;
        return d(
          `${where} is ${show(e.data)}, which is not one of the allowed values.`,
          `${guess ? `Did you mean "${guess}"? ` : ''}Allowed: ${allowed.join(', ')}.`,
        );
      }
      case 'const':
        return d(`${where} is ${show(e.data)}; expected ${show(p.allowedValue)}.`, describe(parent));
      case 'type': {
        const expected = String(p.type)
          .replace('array', 'a list')
          .replace('object', 'a set of fields')
          .replace('string', 'text')
          .replace('integer', 'a whole number')
          .replace('number', 'a number')
          .replace('boolean', 'true or false');
        // A whole file that is one value (a token, a key file) is not quoted: it is no record, and may be a secret.
        const found = Array.isArray(e.data)
          ? 'a list'
          : e.data === null
            ? 'nothing (null)'
            : typeof e.data === 'object'
              ? 'a set of fields'
              : e.instancePath === ''
                ? `a single ${typeof e.data === 'string' ? 'text' : typeof e.data} value`
                : `${typeof e.data} ${show(e.data)}`;
        return d(`${where} should be ${expected}, but is ${found}.`, describe(parent) || `Write ${where} as ${expected}.`);
      }
      case 'pattern':
      case 'format': {
        if ((parent?.pattern === LINE_PATTERN || parent?.pattern === TEXT_PATTERN) && typeof e.data === 'string') {
          const bad = firstUnsafe(e.data, parent.pattern === TEXT_PATTERN);
          if (bad) return d(unsafeMessage(where, bad), unsafeHint(bad.kind));
        }
        if (parent?.pattern === DURATION_PATTERN && typeof e.data === 'string' && /\d\s*d/i.test(e.data)) {
          return d(
            `${where} is ${show(e.data)}: durations in days are not accepted.`,
            'A business day is ambiguous (8h? 24h?): write the hours and minutes instead, e.g. 8h or 1h30m.',
          );
        }
        if (typeof e.data === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(e.data)) {
          return d(
            `${where} is ${show(e.data)}, a time without a UTC offset, which is ambiguous.`,
            `Add the offset, e.g. ${e.data.replace(' ', 'T')}${e.data.length === 16 ? ':00' : ''}+01:00 (or Z for UTC).`,
          );
        }
        return d(
          `${where} is ${show(e.data)}, which is not in the expected form.`,
          describe(parent) || `Expected ${e.keyword === 'format' ? `a valid ${String(p.format)}` : `text matching ${String(p.pattern)}`}.`,
        );
      }
      case 'minLength':
        return d(`${where} is empty.`, describe(parent) || 'Write a value or remove the field.');
      case 'minItems':
        return d(`${where} needs at least ${String(p.limit)} item(s).`, describe(parent));
      case 'uniqueItems':
        return d(`${where} lists the same value twice (items ${Number(p.j) + 1} and ${Number(p.i) + 1}).`, 'Remove the repeated item.');
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        return d(`${where} is ${show(e.data)}; it must be ${e.message ?? 'in range'}.`, describe(parent));
      case 'propertyNames':
        return d(`${where} has a key that is not allowed: ${show(p.propertyName)}.`, describe(parent));
      case 'oneOf':
      case 'anyOf':
        return d(`${where} is ${show(e.data)}, which matches none of the accepted forms.`, describe(parent) || 'See the schema for the accepted forms.');
      default:
        return d(`${where} ${e.message ?? 'is invalid'}.`, describe(parent) || 'See the schema in schemas/ for the expected form.');
    }
  });
}
