/**
 * Edits of YAML text through the `yaml` package that keep what people wrote: comments, key order,
 * quoting and spacing. Two tools for two jobs:
 * - `setTopLevel` uses the Document API, for filling in a template (`itsm new`);
 * - `replaceScalars` splices new text into the exact source range the parser reports for each
 *   matching scalar, so every other byte of the file stays as it was (`itsm renumber`).
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';

/** Parses YAML for editing; the caller has already checked it with the loader's safe parser. */
export function editableDocument(text: string): Document.Parsed {
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false });
  reattachHintsAfterEmptyValues(doc, text);
  return doc;
}

/**
 * In `service:\n# hint for cis\ncis: []` the parser hangs the hint on the empty value of `service`,
 * so filling in `service` would drag the next field's hint onto its line. Give it back to the next key
 * (or, after the last key, to the document).
 */
function reattachHintsAfterEmptyValues(doc: Document, text: string): void {
  if (!isMap(doc.contents)) return;
  const items = doc.contents.items;
  items.forEach((pair, i) => {
    const value = pair.value;
    const next = items[i + 1];
    if (!isScalar(value) || value.value !== null || !value.comment || !value.range) return;
    const between = text.slice(value.range[0], value.range[2]);
    if (!/\n[ \t]*#/.test(between) || /^[ \t]*#/.test(between)) return;
    if (next && isScalar(next.key)) {
      next.key.commentBefore = next.key.commentBefore ? `${value.comment}\n${next.key.commentBefore}` : value.comment;
      next.key.spaceBefore = false;
      (next as { spaceBefore?: boolean }).spaceBefore = false;
    } else if (!next) {
      // After the last key: it is the closing note of the whole front matter.
      doc.comment = doc.comment ? `${value.comment}\n${doc.comment}` : value.comment;
    } else return;
    value.comment = undefined;
  });
}

/**
 * Sets top-level keys of a mapping document. An existing scalar keeps its node (so its comments
 * stay); other values get a fresh node that inherits the old one's comments. New keys go last.
 */
export function setTopLevel(doc: Document, values: Record<string, unknown>): void {
  if (!isMap(doc.contents)) throw new Error('the template front matter is not a YAML mapping');
  for (const [key, value] of Object.entries(values)) {
    const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) {
      doc.set(key, shortNode(doc, value));
      continue;
    }
    const old = pair.value as Node | null;
    if (isScalar(old) && (value === null || typeof value !== 'object')) {
      old.value = value;
      // A placeholder written as "" or "{{x}}" was quoted only to be valid YAML: let the value choose.
      old.type = Scalar.PLAIN;
      continue;
    }
    const node = shortNode(doc, value);
    if (old && 'comment' in old && old.comment) node.comment = old.comment;
    if (old && 'commentBefore' in old && old.commentBefore) node.commentBefore = old.commentBefore;
    pair.value = node;
  }
}

/** Lists of plain values print on one line (`cis: [CI-a, CI-b]`), like the hand-written records. */
function shortNode(doc: Document, value: unknown): Node {
  const flow = Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');
  return doc.createNode(value, { flow });
}

/** Replaces every `{{token}}` found inside string scalars, through `fill`; returns the tokens seen. */
export function fillPlaceholders(doc: Document, fill: (token: string) => string | undefined): Set<string> {
  const unknown = new Set<string>();
  visit(doc, {
    Scalar(_key, node) {
      const value = node.value;
      if (typeof value !== 'string' || !value.includes('{{')) return;
      node.value = value.replace(/\{\{\s*([a-z0-9_+-]+)\s*\}\}/gi, (whole, token: string) => {
        const v = fill(token);
        if (v === undefined) unknown.add(token);
        return v ?? whole;
      });
      if (!String(node.value).includes('{{')) node.type = Scalar.PLAIN;
    },
  });
  return unknown;
}

/** Where a scalar sits: the path of keys and indexes from the document root. */
export type YamlPath = ReadonlyArray<string | number>;

/** One text edit: replace source[start, end) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Finds string scalars equal to `from` for which `where(path)` holds, and returns the edits that
 * turn them into `to`, touching only the characters of the value itself (quotes, comments and
 * spacing around it stay). Source offsets are relative to `text`. Throws when the YAML does not parse.
 */
export function scalarEdits(text: string, from: string, to: string, where: (path: YamlPath) => boolean): TextEdit[] {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length) throw new Error(doc.errors[0]!.message);
  const edits: TextEdit[] = [];
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key === 'key' || node.value !== from || !node.range) return;
      if (!where(pathOf(ancestors, node))) return;
      const [start, valueEnd] = node.range;
      const source = text.slice(start, valueEnd);
      const at = source.indexOf(from);
      // An escaped or folded spelling of the ID cannot be spliced safely; a plain one always can.
      if (at === -1) throw new Error(`cannot rewrite ${JSON.stringify(source)} in place`);
      edits.push({ start: start + at, end: start + at + from.length, text: to });
    },
  });
  return edits;
}

function pathOf(ancestors: readonly unknown[], node: Node): (string | number)[] {
  const path: (string | number)[] = [];
  let child: unknown = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (isPair(a)) {
      if (isScalar(a.key)) path.unshift(String(a.key.value));
    } else if (isSeq(a)) {
      path.unshift(a.items.indexOf(child));
    }
    child = a;
  }
  return path;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Which top-level key each line of a mapping document belongs to (1-based lines of `text`):
 * lines from a key to the line before the next key, comments above a key included.
 */
export function topLevelKeyByLine(text: string): (line: number) => string | undefined {
  const doc = parseDocument(text);
  const starts: Array<{ line: number; key: string }> = [];
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) starts.push({ line: lineOf(pair.key.range[0]), key: String(pair.key.value) });
    }
  }
  return (line) => {
    let found: string | undefined;
    for (const s of starts) if (s.line <= line) found = s.key;
    return found;
  };
}
