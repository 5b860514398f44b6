/**
 * The one way records are written, on the `yaml` Document API (js-yaml stays the fast reader):
 * - `renderRecord` prints a new record: front matter from data, in the caller's key order, then the body;
 * - `editRecord` sets fields of an existing record or template, keeping comments, key order and quoting
 *   (`itsm new` fills in a template through it, with `fillPlaceholders`);
 * - `scalarEdits` + `applyEdits` splice new text into the exact source range the parser reports for
 *   each matching scalar, so every other byte of the file stays as it was (`itsm renumber`);
 *   `keyRenameEdits` does the same for renamed top-level keys (`itsm migrate`).
 * Pure: text in, text out.
 */
import { Document, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit, type Node, type ToStringOptions, type YAMLSeq } from 'yaml';

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

/**
 * The edits that rename top-level keys of a mapping document (`from` -> `to`), touching only the
 * key's own characters: the value, comments, quoting and key order stay as they were. A key is left
 * alone when the document already has the new name (the caller reports that clash). Throws when
 * the YAML does not parse or a key is written in a way that cannot be spliced.
 */
export function keyRenameEdits(text: string, renames: Readonly<Record<string, string>>): TextEdit[] {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length) throw new Error(doc.errors[0]!.message);
  if (!isMap(doc.contents)) return [];
  const keys = new Set(doc.contents.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
  const edits: TextEdit[] = [];
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const from = String(pair.key.value);
    const to = Object.hasOwn(renames, from) ? renames[from] : undefined;
    if (to === undefined || keys.has(to)) continue;
    const [start, end] = pair.key.range;
    const at = text.slice(start, end).indexOf(from);
    if (at === -1) throw new Error(`cannot rename the key ${JSON.stringify(text.slice(start, end))} in place`);
    edits.push({ start: start + at, end: start + at + from.length, text: to });
  }
  return edits;
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

/** How front matter is printed: no folding, `[a, b]` and `{k: v}` like hand-written records, literal blocks. */
const PRINT: ToStringOptions = { lineWidth: 0, flowCollectionPadding: false, singleQuote: true, blockQuote: 'literal' };

/** Options of `renderRecord`. */
export interface RenderOptions {
  /**
   * From which depth collections print on one line (the top mapping is depth 0): 1 gives
   * `cis: [CI-web]` and `source: {system: jira, id: ITSM-1}`; 2 keeps `source` a block and prints
   * each `timeline` entry on one line.
   */
  flowLevel?: number;
  /** Top-level lists that stay one item a line even at flowLevel 1 (an imported `timeline`), each item on one line. */
  blockLists?: readonly string[];
}

/**
 * A new record's text: `---`, the front matter from `data` (keys in its order, undefined values left
 * out), `---`, a blank line, the body. Strings are quoted only when YAML needs it, with single
 * quotes, and in double quotes when they hold control characters (or line breaks inside `[...]`):
 * the bytes match what the importers wrote before this writer existed.
 */
export function renderRecord(data: Record<string, unknown>, body: string, options: RenderOptions = {}): string {
  const flowLevel = options.flowLevel ?? 1;
  const fast = flowLevel === 1 ? renderSimple(data, new Set(options.blockLists ?? [])) : undefined;
  if (fast !== undefined) return `---\n${fast}---\n\n${body}`;
  return renderThroughDocument(data, body, options);
}

/** renderRecord through the `yaml` Document API: the reference the direct path must match byte for byte. */
export function renderThroughDocument(data: Record<string, unknown>, body: string, options: RenderOptions = {}): string {
  const flowLevel = options.flowLevel ?? 1;
  const blockLists = new Set(options.blockLists ?? []);
  const doc = new Document(data, { keepUndefined: false });
  visit(doc, {
    Collection(_key, node, path) {
      const depth = path.filter((p) => isCollection(p)).length;
      const top = path[2];
      if (depth === 1 && isSeq(node) && isPair(top) && isScalar(top.key) && blockLists.has(String(top.key.value))) return;
      if (depth >= flowLevel) node.flow = true;
    },
  });
  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key' || typeof node.value !== 'string') return;
      const inFlow = path.some((p) => isCollection(p) && p.flow === true);
      node.type = scalarStyle(node.value, inFlow);
    },
  });
  return `---\n${doc.toString(PRINT)}---\n\n${body}`;
}

/**
 * The same bytes as the Document path below for the common shape of a record at flowLevel 1
 * (single-line strings, numbers, booleans; lists and maps of those one level down; block lists of
 * flat maps), written directly: measured, the Document path was most of an import's time.
 * Undefined for anything else (multi-line or unusual text, deeper nesting), which takes the Document path.
 */
function renderSimple(data: Record<string, unknown>, blockLists: ReadonlySet<string>): string | undefined {
  let out = '';
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (!SIMPLE_KEY.test(key)) return undefined;
    if (Array.isArray(value) && blockLists.has(key) && value.length) {
      out += `${key}:\n`;
      for (const item of value) {
        const flow = isPlainObject(item) ? flowMap(item) : undefined;
        if (flow === undefined) return undefined;
        out += `  - ${flow}\n`;
      }
      continue;
    }
    const text = Array.isArray(value) ? flowSeq(value) : isPlainObject(value) ? flowMap(value) : simpleScalar(value, false);
    if (text === undefined) return undefined;
    out += `${key}: ${text}\n`;
  }
  return out;
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function flowSeq(items: readonly unknown[]): string | undefined {
  const parts: string[] = [];
  for (const item of items) {
    const text = simpleScalar(item, true);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  return `[${parts.join(', ')}]`;
}

function flowMap(map: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    if (!SIMPLE_KEY.test(key)) return undefined;
    const text = simpleScalar(value, true);
    if (text === undefined) return undefined;
    parts.push(`${key}: ${text}`);
  }
  return `{${parts.join(', ')}}`;
}

function simpleScalar(value: unknown, inFlow: boolean): string | undefined {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value !== 'string' || value === '' || value.includes('\n') || value.trim() !== value) return undefined;
  const style = scalarStyle(value, inFlow);
  if (style === Scalar.PLAIN) return value;
  if (style === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  return undefined;
}

// Characters printed as they are; anything else (tabs, other controls, a BOM, odd spaces and line
// separators) goes in double quotes, where a reader sees that something unusual is there.
const UNPRINTABLE = /[^\n\x20-\x7e\xa1-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;

function scalarStyle(value: string, inFlow: boolean): Scalar.Type | undefined {
  if (UNPRINTABLE.test(value) || (inFlow && value.includes('\n'))) return Scalar.QUOTE_DOUBLE;
  if (value.includes('\n')) return undefined;
  // `=` is the YAML 1.1 "value" key: older readers take it for something else.
  return value === '=' || needsQuotes(value, inFlow) ? Scalar.QUOTE_SINGLE : Scalar.PLAIN;
}

// Words, names and sentences without YAML's indicators never need quotes, in a block or a flow
// collection; only the probe below knows the rest. Measured: the probe was most of an import's time.
const SAFE_PLAIN = /^[A-Za-z][A-Za-z0-9_ ./()-]*[A-Za-z0-9_.)]$/;
const KEYWORD = /^(true|false|null|yes|no|on|off|y|n)$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const probed = [new Map<string, boolean>(), new Map<string, boolean>()];

/** Whether `yaml` would quote the string in this context (a flow collection is stricter than a block). */
function needsQuotes(value: string, inFlow: boolean): boolean {
  if (SAFE_PLAIN.test(value) && !KEYWORD.test(value) && !value.includes('  ')) return false;
  if (TIMESTAMP.test(value)) return false;
  // A plain scalar can never hold ": " or " #", nor end in ":": no need to ask.
  if (/: | #|:$/.test(value)) return true;
  const cache = probed[inFlow ? 1 : 0]!;
  let quoted = cache.get(value);
  if (quoted === undefined) {
    if (cache.size >= 50_000) cache.clear();
    cache.set(value, (quoted = probeQuotes(value, inFlow)));
  }
  return quoted;
}

function probeQuotes(value: string, inFlow: boolean): boolean {
  const probe = new Document(inFlow ? [value] : value);
  if (inFlow && isSeq(probe.contents)) probe.contents.flow = true;
  const out = probe.toString(PRINT);
  const first = inFlow ? out.charAt(1) : out.charAt(0);
  return first === '"' || first === "'";
}

/** Changes `editRecord` makes, in this order. */
export interface RecordEdit {
  /** Fills `{{token}}` placeholders in string values (a template's); tokens it returns undefined for are reported. */
  fill?: (token: string) => string | undefined;
  /**
   * Top-level fields to set, one step after another; a step given as a function sees the front
   * matter as the steps before it left it (say, a priority computed from the impact just set).
   */
  set?: ReadonlyArray<Record<string, unknown> | ((get: (key: string) => unknown) => Record<string, unknown>)>;
  /** Top-level fields to remove (after `set`). */
  remove?: readonly string[];
  /** Nested values to remove, by path (`['pir', 'actions', 0, 'change']`); list items by index. */
  removeIn?: readonly YamlPath[];
  /**
   * Items to keep of top-level sequences (after `set`), given each item's plain value and index: the
   * items kept keep their nodes, so comments and quoting stay; a sequence left empty is removed.
   */
  keepItems?: Readonly<Record<string, (value: unknown, index: number) => boolean>>;
  /** Rewrites the body (the text after the closing `---`). */
  body?: (body: string) => string;
  /**
   * Fields added to the first item of a top-level list after the `set` steps, where that item is a
   * mapping without them (a new record's first timeline entry gets the priority and team it starts with).
   */
  seedFirst?: { key: string; fields: (get: (key: string) => unknown) => Record<string, unknown> };
}

export type EditResult =
  | { ok: true; text: string }
  | { ok: false; problem: 'no-front-matter' }
  | { ok: false; problem: 'yaml'; message: string }
  | { ok: false; problem: 'unknown-placeholders'; tokens: string[] };

/**
 * Applies field changes to a record's (or a template's) text: comments, key order and quoting of
 * the fields it does not touch stay as they were; new keys go last.
 */
export function editRecord(text: string, edit: RecordEdit): EditResult {
  const parts = splitFrontMatter(text);
  if (!parts) return { ok: false, problem: 'no-front-matter' };
  const doc = editableDocument(parts.yaml);
  if (doc.errors.length) return { ok: false, problem: 'yaml', message: doc.errors[0]!.message };
  if (edit.fill) {
    const unknown = fillPlaceholders(doc, edit.fill);
    if (unknown.size) return { ok: false, problem: 'unknown-placeholders', tokens: [...unknown] };
  }
  for (const step of edit.set ?? []) setTopLevel(doc, typeof step === 'function' ? step((key) => doc.get(key)) : step);
  for (const key of edit.remove ?? []) doc.delete(key);
  // Later list items first, so the indices of the earlier ones still hold.
  for (const path of [...(edit.removeIn ?? [])].sort((a, b) => comparePaths(b, a))) doc.deleteIn(path);
  for (const [key, keep] of Object.entries(edit.keepItems ?? {})) {
    const seq = doc.get(key, true);
    if (!isSeq(seq)) continue;
    seq.items = seq.items.filter((item, i) => keep(isScalar(item) || isCollection(item) ? item.toJSON() : item, i));
    if (seq.items.length === 0) doc.delete(key);
  }
  if (edit.seedFirst)
    seedFirstItem(
      doc,
      edit.seedFirst.key,
      edit.seedFirst.fields((key) => doc.get(key)),
    );
  const body = edit.body ? edit.body(parts.body) : parts.body;
  return { ok: true, text: `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}---\n${body}` };
}

function seedFirstItem(doc: Document, key: string, fields: Record<string, unknown>): void {
  const list = doc.get(key);
  const first = isSeq(list) ? list.items[0] : undefined;
  if (!isMap(first)) return;
  for (const [field, value] of Object.entries(fields)) if (value !== undefined && value !== null && !first.has(field)) first.set(field, value);
}

function comparePaths(a: YamlPath, b: YamlPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/** Splits a record or template into its front matter YAML and body (both as written; a BOM and CRLFs are dropped). */
export function splitFrontMatter(text: string): { yaml: string; body: string } | undefined {
  const t = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!t.startsWith('---\n')) return undefined;
  const close = t.indexOf('\n---', 3);
  if (close === -1) return undefined;
  const afterFence = t.indexOf('\n', close + 4);
  return { yaml: t.slice(4, close + 1), body: afterFence === -1 ? '' : t.slice(afterFence + 1) };
}

/** Offsets of the front matter YAML and the body in a record's text (CRLF kept), or undefined when it has none. */
export function frontMatterBounds(text: string): { yaml: string; yamlStart: number; bodyStart: number } | undefined {
  const first = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!first) return undefined;
  const yamlStart = first[0].length;
  const close = /(^|\r?\n)---[ \t]*(\r?\n|$)/.exec(text.slice(yamlStart));
  if (!close) return undefined;
  const yamlEnd = yamlStart + close.index + close[1]!.length;
  return { yaml: text.slice(yamlStart, yamlEnd), yamlStart, bodyStart: yamlStart + close.index + close[0].length };
}

/** Changes `updateRecord` makes to an existing record's front matter. */
export interface RecordUpdate {
  /** Top-level fields to set (existing ones keep their place and comments; new ones go before `timeline`, else last). */
  set?: Record<string, unknown>;
  /** Top-level fields to remove. */
  remove?: readonly string[];
  /** One item appended to a top-level list (created when absent), in the style of the list's last item. */
  append?: { key: string; item: Record<string, unknown> };
}

/**
 * Updates an existing record so that only what changes changes: every top-level field it does not
 * touch keeps its exact text (spacing inside `{ ... }`, quoting, comments), a list it appends to
 * keeps its items as written, and the body stays byte for byte. The changed fields are printed by
 * the Document API, keeping the comments attached to them.
 */
export function updateRecord(text: string, update: RecordUpdate): EditResult {
  const parts = splitFrontMatter(text);
  if (!parts) return { ok: false, problem: 'no-front-matter' };
  const doc = editableDocument(parts.yaml);
  if (doc.errors.length) return { ok: false, problem: 'yaml', message: doc.errors[0]!.message };
  if (!isMap(doc.contents)) return { ok: false, problem: 'yaml', message: 'the front matter is not a YAML mapping' };
  const old = chunksOf(parts.yaml, doc);
  const set = { ...update.set };
  const removed = new Set(update.remove ?? []);
  const append = update.append;
  // A block list gets a line of its own; a flow list (`[a, b]`) is rewritten whole; a missing or
  // empty one becomes a block list of the one item.
  const appendTo = append ? blockSeq(doc, append.key) : undefined;
  let listText: string | undefined;
  if (append && !appendTo) {
    const current = (doc.toJS() as Record<string, unknown>)[append.key];
    if (Array.isArray(current) && current.length > 0) set[append.key] = [...(current as unknown[]), append.item];
    else listText = `${append.key}:\n${itemLines([append.item], true, '  ')}`;
  }
  setTopLevel(doc, set);
  const rendered = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const fresh = chunksOf(rendered, parseDocument(rendered));
  const added = Object.keys(set).filter((k) => !old.chunks.has(k) && !removed.has(k));
  if (listText !== undefined && !old.chunks.has(append!.key)) {
    fresh.chunks.set(append!.key, listText);
    added.push(append!.key);
  }
  let out = old.header;
  const emitAdded = () => {
    for (const k of added.splice(0)) out += fresh.chunks.get(k)!;
  };
  for (const [key, chunk] of old.chunks) {
    if (key === append?.key && listText !== undefined) {
      out += listText;
      continue;
    }
    if (key === 'timeline') emitAdded();
    if (removed.has(key)) continue;
    if (appendTo && key === append!.key) out += appendLine(parts.yaml, old.starts.get(key)!, chunk, appendTo, append!.item);
    else if (!(key in set)) out += chunk;
    else out += scalarInPlace(chunk, old.starts.get(key)!, doc.get(key, true), set[key]) ?? fresh.chunks.get(key)!;
  }
  emitAdded();
  // A file written with CRLF line ends (and a BOM) keeps them: otherwise every line would change.
  const lf = `---\n${out}---\n${parts.body}`;
  const crlf = /\r\n/.test(text) ? lf.replace(/\n/g, '\r\n') : lf;
  return { ok: true, text: text.startsWith('\uFEFF') ? `\uFEFF${crlf}` : crlf };
}

/**
 * The text of each top-level field: from the comment lines just above its key to where the next
 * field's comments begin. What precedes the first field is the header.
 */
function chunksOf(yaml: string, doc: Document): { header: string; chunks: Map<string, string>; starts: Map<string, number> } {
  const pairs = isMap(doc.contents) ? doc.contents.items : [];
  const starts: number[] = [];
  let floor = 0;
  for (const pair of pairs) {
    const keyStart = (pair.key as Node).range![0];
    let start = yaml.lastIndexOf('\n', keyStart - 1) + 1;
    // Move up over comment and blank lines, never into the previous value (a block scalar may hold `#`).
    while (start > floor) {
      const prevStart = yaml.lastIndexOf('\n', start - 2) + 1;
      if (prevStart < floor || !/^[ \t]*(#.*)?$/.test(yaml.slice(prevStart, start - 1))) break;
      start = prevStart;
    }
    starts.push(start);
    const value = pair.value as Node | null;
    const end = value?.range ? value.range[1] : (pair.key as Node).range![1];
    floor = yaml.indexOf('\n', Math.max(end - 1, keyStart)) + 1 || yaml.length;
  }
  const chunks = new Map<string, string>();
  const startOf = new Map<string, number>();
  pairs.forEach((pair, i) => {
    const key = String((pair.key as Scalar).value);
    chunks.set(key, yaml.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : yaml.length));
    startOf.set(key, starts[i]!);
  });
  return { header: yaml.slice(0, starts[0] ?? yaml.length), chunks, starts: startOf };
}

/**
 * A one-line scalar replaced by another in the field's own text, so the spacing before its comment
 * stays (`status: new   # ...`); undefined when the old or new value does not fit on the line.
 * `node` is the old value's node (setTopLevel changed its value, not its source range).
 */
function scalarInPlace(chunk: string, chunkStart: number, node: unknown, value: unknown): string | undefined {
  if (!isScalar(node) || !node.range || (value !== null && typeof value === 'object')) return undefined;
  if (node.type !== undefined && node.type !== Scalar.PLAIN && node.type !== Scalar.QUOTE_SINGLE && node.type !== Scalar.QUOTE_DOUBLE) return undefined;
  const [start, end] = node.range;
  const source = chunk.slice(start - chunkStart, end - chunkStart);
  if (source.includes('\n')) return undefined;
  const text = new Document(value).toString(PRINT).replace(/\n$/, '');
  if (text.includes('\n')) return undefined;
  return chunk.slice(0, start - chunkStart) + text + chunk.slice(end - chunkStart);
}

/** The top-level key's value when it is a block list with at least one item. */
function blockSeq(doc: Document, key: string): YAMLSeq | undefined {
  const node = doc.get(key, true);
  return isSeq(node) && !node.flow && node.items.length > 0 ? node : undefined;
}

/** A list field's text with `item` added after its last item, indented and styled like it. */
function appendLine(yaml: string, chunkStart: number, chunk: string, seq: YAMLSeq, item: Record<string, unknown>): string {
  const last = seq.items[seq.items.length - 1] as Node;
  const lastStart = last.range![0];
  const lineStart = yaml.lastIndexOf('\n', lastStart - 1) + 1;
  const indent = /^[ \t]*/.exec(yaml.slice(lineStart))![0];
  const afterLast = yaml.indexOf('\n', Math.max(last.range![1] - 1, lastStart)) + 1 || yaml.length;
  const at = afterLast - chunkStart;
  const head = chunk.slice(0, at);
  const flow = isMap(last) && last.flow === true;
  // `{ at: ... }` or `{at: ...}`: the new item is spaced like the last one.
  const padded = flow && /^\{[ \t]/.test(yaml.slice(lastStart, lastStart + 2));
  return `${head}${head.endsWith('\n') ? '' : '\n'}${itemLines([item], flow, indent, padded)}${chunk.slice(at)}`;
}

/** List items as YAML lines (`- {at: ..., status: ...}` when `flow`), each line prefixed with `indent`. */
function itemLines(items: readonly Record<string, unknown>[], flow: boolean, indent: string, padded = false): string {
  const doc = new Document(items);
  if (flow) visit(doc, { Map: (_k, node) => void (node.flow = true) });
  return doc
    .toString({ ...PRINT, flowCollectionPadding: padded })
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => indent + l + '\n')
    .join('');
}
