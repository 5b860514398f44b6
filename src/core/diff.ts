/**
 * Field-level differences between two versions of a record: which front-matter fields were added,
 * removed or changed (old -> new), which timeline entries were appended, and whether the body changed.
 * Pure: the callers parse the versions (history from git, or the base branch in `validate --base`).
 */

/** A path into the front matter: keys and array indexes, e.g. ['timeline', 2, 'note']. */
export type FieldPath = ReadonlyArray<string | number>;

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface FieldChange {
  /** Dotted path, e.g. `status`, `timeline.2.note`. */
  field: string;
  /** The same path as a JSON pointer, e.g. `/timeline/2/note`: diagnostics point at it. */
  pointer: string;
  kind: ChangeKind;
  /** The old value; null when the field was added. */
  from: unknown;
  /** The new value; null when the field was removed. */
  to: unknown;
}

export interface RecordDiff {
  /** Every difference, in the order of the new version's fields, then fields only the old one had. */
  changes: FieldChange[];
  /** Timeline entries added after the old ones, when the old timeline is kept intact. */
  timelineAppended: unknown[];
  /** Index of the first old timeline entry that was edited, removed or reordered; null when append-only. */
  timelineRewrittenAt: number | null;
  bodyChanged: boolean;
}

/** What a version of a record is made of, once parsed. `data` is undefined when it could not be parsed. */
export interface RecordVersion {
  data: Record<string, unknown> | undefined;
  body: string;
}

/** Compares two versions. A missing version (null) stands for "the file did not exist". */
export function diffRecord(before: RecordVersion | null, after: RecordVersion | null): RecordDiff {
  const oldData = before?.data ?? {};
  const newData = after?.data ?? {};
  const changes = diffFields(oldData, newData);
  const { appended, rewrittenAt } = compareTimelines(oldData.timeline, newData.timeline);
  return {
    changes,
    timelineAppended: appended,
    timelineRewrittenAt: rewrittenAt,
    bodyChanged: normalizeBody(before?.body ?? '') !== normalizeBody(after?.body ?? ''),
  };
}

/** Differences between two front-matter mappings, with dotted paths. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  diffValue([], before, after, out);
  return out;
}

function diffValue(path: FieldPath, a: unknown, b: unknown, out: FieldChange[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of Object.keys(b)) {
      if (Object.hasOwn(a, key)) diffValue([...path, key], a[key], b[key], out);
      else out.push(change([...path, key], 'added', null, b[key]));
    }
    for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) out.push(change([...path, key], 'removed', a[key], null));
    return;
  }
  // Lists of plain values (cis, tags) read best as a whole: "cis: [CI-db] -> [CI-db, CI-lb]".
  // Lists of mappings (timeline, members) are compared entry by entry.
  if (Array.isArray(a) && Array.isArray(b) && (a.some(isPlainObject) || b.some(isPlainObject))) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) diffValue([...path, i], a[i], b[i], out);
    for (let i = common; i < b.length; i++) out.push(change([...path, i], 'added', null, b[i]));
    for (let i = common; i < a.length; i++) out.push(change([...path, i], 'removed', a[i], null));
    return;
  }
  if (!sameValue(a, b)) out.push(change(path, 'changed', a, b));
}

function change(path: FieldPath, kind: ChangeKind, from: unknown, to: unknown): FieldChange {
  return { field: dottedPath(path), pointer: jsonPointer(path), kind, from: from ?? null, to: to ?? null };
}

function compareTimelines(a: unknown, b: unknown): { appended: unknown[]; rewrittenAt: number | null } {
  const oldEntries = Array.isArray(a) ? a : [];
  const newEntries = Array.isArray(b) ? b : [];
  for (let i = 0; i < oldEntries.length; i++) {
    if (i >= newEntries.length || !sameValue(oldEntries[i], newEntries[i])) return { appended: [], rewrittenAt: i };
  }
  return { appended: newEntries.slice(oldEntries.length), rewrittenAt: null };
}

/** Deep equality of YAML data (mappings, sequences, scalars); key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  return Number.isNaN(a) && Number.isNaN(b);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Line endings and trailing blank lines are not edits anyone meant. */
function normalizeBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
}

export function dottedPath(path: FieldPath): string {
  return path.join('.');
}

/** RFC 6901 pointer for a path. */
export function jsonPointer(path: FieldPath): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
