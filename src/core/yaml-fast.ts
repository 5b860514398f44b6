/**
 * A fast path for the YAML that front matter is nearly always written in: block mappings and
 * sequences indented with spaces, one-line plain and quoted scalars, one-line flow collections
 * (`[a, b]`, `{ at: ..., status: new }`) and comments. It gives exactly what js-yaml's `load` gives
 * for that shape, typing plain scalars with js-yaml's own core-schema resolvers, and answers
 * NOT_SIMPLE for everything else: block scalars (`|`, `>`), anchors, aliases, tags, multi-line
 * scalars or flows, escapes, tabs, keys that are not plain words, duplicate keys, anything js-yaml
 * would refuse. loadYaml hands those to js-yaml, so errors and their positions still come from it.
 *
 * Why: js-yaml's general parser was most of a cold `itsm validate` (docs/decisions.md, "A fast path
 * for plain front matter"); this reads the common shape several times faster. Never a second
 * meaning: test/core/yaml-fast.test.ts compares both on every demo record and on generated
 * documents full of YAML's traps, and any difference is a failing test.
 */
import { CORE_SCHEMA, NOT_RESOLVED } from 'js-yaml';

export const NOT_SIMPLE: unique symbol = Symbol('not simple YAML');

/** Thrown to leave the fast path: one instance made once, so leaving captures no stack. */
const BAIL = new Error('not simple YAML');

/**
 * Characters the fast path never reads: tabs and carriage returns (indentation and line-break
 * rules it does not implement), the Unicode line and paragraph separators and NEL, a byte order
 * mark, and everything js-yaml refuses as not printable (controls, U+FFFE/U+FFFF, lone surrogates).
 */
const UNREAD = /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/** What can end or trouble a plain scalar inside a flow collection. */
const FLOW_SPECIAL = new Uint8Array(65536);
for (const c of ',[]{}:#') FLOW_SPECIAL[c.charCodeAt(0)] = 1;

/** Deeper nesting goes to js-yaml (which stops at 32 levels). */
const MAX_DEPTH = 16;

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** One line with something on it: its indentation and where its content starts and ends. */
interface Line {
  indent: number;
  start: number;
  end: number;
}

/** The core schema's implicit tags that may match a scalar starting with a given character, in js-yaml's order. */
const TAGS_BY_FIRST_CHAR = new Map<string, typeof CORE_SCHEMA.implicitScalarTags>();
for (const tag of CORE_SCHEMA.implicitScalarTags) {
  // A tag for any first character would have to be tried on every scalar: then this table cannot work.
  if (!tag.implicitFirstChars) throw new Error(`js-yaml's core tag ${tag.tagName} matches any first character`);
  for (const c of tag.implicitFirstChars)
    TAGS_BY_FIRST_CHAR.set(
      c,
      CORE_SCHEMA.implicitScalarTags.filter((t) => t.implicitFirstChars!.includes(c)),
    );
}

/** A plain scalar typed as js-yaml types it: null, boolean, integer, float, or the text itself. */
function resolvePlain(source: string): unknown {
  const tags = TAGS_BY_FIRST_CHAR.get(source.charAt(0));
  if (tags === undefined) return source;
  for (const tag of tags) {
    const value = tag.resolve(source, false, tag.tagName);
    if (value !== NOT_RESOLVED) return value;
  }
  return source;
}

/** A character that may be part of a key the fast path reads: ASCII letters, digits, `_` and `-`. */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DASH;
}

/** Parses `text` if it is the simple shape; NOT_SIMPLE otherwise (then js-yaml must). */
export function loadSimpleYaml(text: string): unknown {
  if (UNREAD.test(text)) return NOT_SIMPLE;
  const lines: Line[] = [];
  for (let at = 0; at <= text.length;) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    let start = at;
    while (start < end && text.charCodeAt(start) === SPACE) start++;
    // Blank lines and comment lines carry nothing (no block scalar here could hold them).
    if (start < end && text.charCodeAt(start) !== HASH) {
      // Document markers and directives belong to the general parser.
      const c = text.charCodeAt(at);
      if (start === at && (c === 37 || ((c === DASH || c === 46) && (text.startsWith('---', at) || text.startsWith('...', at))))) return NOT_SIMPLE;
      lines.push({ indent: start - at, start, end });
    }
    at = end + 1;
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return NOT_SIMPLE;
  try {
    return new SimpleParser(text, lines).document();
  } catch (err) {
    if (err === BAIL) return NOT_SIMPLE;
    throw err;
  }
}

class SimpleParser {
  private i = 0;
  /** Where the last flow node read ended (flowNode's second answer, kept here to allocate nothing). */
  private at = 0;
  private readonly text: string;
  private readonly lines: Line[];
  constructor(text: string, lines: Line[]) {
    this.text = text;
    this.lines = lines;
  }

  document(): unknown {
    const first = this.lines[0]!;
    // Front matter is a mapping; anything else is js-yaml's to read and the caller's to refuse.
    if (this.isItem(first) || this.keyColon(first.start, first.end) === -1) throw BAIL;
    const value = this.mapping(0, first.start, 1);
    if (this.i !== this.lines.length) throw BAIL;
    return value;
  }

  /** A block sequence entry: `-` then a space or the end of the line. */
  private isItem(line: Line): boolean {
    return this.text.charCodeAt(line.start) === DASH && (line.start + 1 === line.end || this.text.charCodeAt(line.start + 1) === SPACE);
  }

  /** Where a `key:` starting at `p` has its colon (followed by a space or the line's end), or -1. */
  private keyColon(p: number, end: number): number {
    const t = this.text;
    const first = t.charCodeAt(p);
    if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95)) return -1;
    let q = p + 1;
    while (q < end && isKeyChar(t.charCodeAt(q))) q++;
    // Long keys are js-yaml's (it limits implicit keys to 1024 characters).
    if (q >= end || t.charCodeAt(q) !== COLON || q - p > 256) return -1;
    return q + 1 === end || t.charCodeAt(q + 1) === SPACE ? q : -1;
  }

  private skipSpaces(p: number, end: number): number {
    while (p < end && this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** A key as a property name: a plain word js-yaml reads as itself, new in its mapping, never `__proto__`. */
  private key(object: Record<string, unknown>, from: number, to: number): string {
    const key = this.text.slice(from, to);
    if (key === '__proto__' || Object.hasOwn(object, key) || resolvePlain(key) !== key) throw BAIL;
    return key;
  }

  /** A block mapping whose keys sit at column `indent`; its first key starts at `start` on the current line. */
  private mapping(indent: number, start: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw BAIL;
    const object: Record<string, unknown> = {};
    for (;;) {
      const line = this.lines[this.i]!;
      const colon = this.keyColon(start, line.end);
      if (colon === -1) throw BAIL;
      const key = this.key(object, start, colon);
      const p = this.skipSpaces(colon + 1, line.end);
      this.i++;
      if (p === line.end || this.text.charCodeAt(p) === HASH) object[key] = this.nested(indent, true, depth);
      else {
        object[key] = this.inline(p, line.end, depth);
        this.noContinuation(indent);
      }
      const next = this.lines[this.i];
      if (!next || next.indent < indent) return object;
      if (next.indent > indent || this.isItem(next)) throw BAIL;
      start = next.start;
    }
  }

  /** A block sequence whose `-` sit at column `indent`. */
  private sequence(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw BAIL;
    const list: unknown[] = [];
    for (;;) {
      const line = this.lines[this.i]!;
      const p = this.skipSpaces(line.start + 1, line.end);
      if (p === line.end || this.text.charCodeAt(p) === HASH) {
        this.i++;
        list.push(this.nested(indent, false, depth));
      } else if (this.keyColon(p, line.end) !== -1) {
        // `- key: value`: a mapping whose keys line up with this first one.
        list.push(this.mapping(indent + (p - line.start), p, depth + 1));
      } else {
        this.i++;
        list.push(this.inline(p, line.end, depth));
        this.noContinuation(indent);
      }
      const next = this.lines[this.i];
      if (!next || next.indent < indent) return list;
      if (next.indent > indent) throw BAIL;
      // The same column but no `-`: a sequence written at its key's column ends, the mapping goes on.
      if (!this.isItem(next)) return list;
    }
  }

  /**
   * The value of a `key:` or `-` with nothing after it: a block on the lines below, indented further
   * (or, for a key, a sequence at the key's own column), else null.
   */
  private nested(indent: number, underKey: boolean, depth: number): unknown {
    const next = this.lines[this.i];
    if (!next) return null;
    if (next.indent > indent) return this.isItem(next) ? this.sequence(next.indent, depth + 1) : this.mapping(next.indent, next.start, depth + 1);
    if (underKey && next.indent === indent && this.isItem(next)) return this.sequence(indent, depth + 1);
    return null;
  }

  /** A value on one line may not go on to a line indented further (a multi-line scalar, or an error). */
  private noContinuation(indent: number): void {
    const next = this.lines[this.i];
    if (next && next.indent > indent) throw BAIL;
  }

  /** A scalar or flow collection that starts at `p` and must end on this line (`end`). */
  private inline(p: number, end: number, depth: number): unknown {
    const t = this.text;
    const c = t[p]!;
    if (c === '"' || c === "'" || c === '[' || c === '{') {
      const value = this.flowNode(p, end, depth);
      this.trailing(this.at, end);
      return value;
    }
    if (startsNoPlain(t, p, end)) throw BAIL;
    // The scalar runs to a comment (` #`) or the line's end, trailing spaces dropped.
    let stop = end;
    for (let q = p + 1; q < end; q++) {
      const d = t.charCodeAt(q);
      if (d === HASH && t.charCodeAt(q - 1) === SPACE) {
        stop = q;
        break;
      }
      // `a: b: c` and `a: b:` are errors in YAML, not text.
      if (d === COLON && (q + 1 === end || t.charCodeAt(q + 1) === SPACE)) throw BAIL;
    }
    while (stop > p && t.charCodeAt(stop - 1) === SPACE) stop--;
    return resolvePlain(t.slice(p, stop));
  }

  /** After a quoted scalar or a flow collection: only spaces, then maybe a comment. */
  private trailing(p: number, end: number): void {
    const q = this.skipSpaces(p, end);
    if (q < end && !(q > p && this.text.charCodeAt(q) === HASH)) throw BAIL;
  }

  /** A node inside (or starting) a flow collection: its value; `at` is set to the offset just after it. */
  private flowNode(p: number, end: number, depth: number): unknown {
    const t = this.text;
    if (p >= end) throw BAIL;
    const c = t[p]!;
    if (c === '"') {
      const close = t.indexOf('"', p + 1);
      if (close === -1 || close >= end) throw BAIL;
      const value = t.slice(p + 1, close);
      if (value.includes('\\')) throw BAIL;
      this.at = close + 1;
      return value;
    }
    if (c === "'") {
      let close = t.indexOf("'", p + 1);
      while (close !== -1 && close + 1 < end && t[close + 1] === "'") close = t.indexOf("'", close + 2);
      if (close === -1 || close >= end) throw BAIL;
      this.at = close + 1;
      return t.slice(p + 1, close).replaceAll("''", "'");
    }
    if (c === '[' || c === '{') {
      if (depth + 1 > MAX_DEPTH) throw BAIL;
      return this.flowCollection(p + 1, end, depth + 1, c === '[' ? ']' : '}');
    }
    if (startsNoPlain(t, p, end)) throw BAIL;
    // The scalar ends at `,` `]` `}`; `[` `{`, an implicit key (`: `) or a comment in it are js-yaml's.
    let q = p;
    for (;;) {
      while (q < end && !FLOW_SPECIAL[t.charCodeAt(q)]) q++;
      if (q === end) throw BAIL; // the flow goes on past this line
      const d = t.charCodeAt(q);
      if (d === 44 || d === 93 || d === 125) break; // , ] }
      if (d === 91 || d === 123) throw BAIL; // [ {
      if (d === COLON && (q + 1 === end || ' ,]}'.includes(t[q + 1]!))) throw BAIL;
      if (d === HASH && t.charCodeAt(q - 1) === SPACE) throw BAIL;
      q++;
    }
    let stop = q;
    while (stop > p && t.charCodeAt(stop - 1) === SPACE) stop--;
    if (stop === p) throw BAIL;
    this.at = q;
    return resolvePlain(t.slice(p, stop));
  }

  /**
   * A flow sequence (`close` is `]`) or mapping (`}`) whose entries start at `p`, comma-separated;
   * `at` ends past `close`. One loop for both: they differ only in how an entry is read.
   */
  private flowCollection(p: number, end: number, depth: number, close: string): unknown[] | Record<string, unknown> {
    const t = this.text;
    const list: unknown[] | undefined = close === ']' ? [] : undefined;
    const object: Record<string, unknown> = {};
    p = this.skipSpaces(p, end);
    if (t[p] !== close)
      for (;;) {
        if (list) list.push(this.flowNode(p, end, depth));
        else {
          const colon = this.keyColon(p, end);
          if (colon === -1) throw BAIL;
          object[this.key(object, p, colon)] = this.flowNode(this.skipSpaces(colon + 1, end), end, depth);
        }
        p = this.skipSpaces(this.at, end);
        if (t[p] === close) break;
        if (t[p] !== ',') throw BAIL;
        p = this.skipSpaces(p + 1, end);
        if (t[p] === close) throw BAIL; // a trailing comma: js-yaml's to judge
      }
    this.at = p + 1;
    return list ?? object;
  }
}

/**
 * A plain scalar cannot start with an indicator (YAML 1.2, ns-plain-first); `-`, `?` and `:` may
 * start one only before a non-space, and the fast path leaves `?` and `:` to js-yaml altogether.
 */
function startsNoPlain(t: string, p: number, end: number): boolean {
  const c = t[p]!;
  if ('&*!|>%@`#,[]{}"\'?:'.includes(c)) return true;
  return c === '-' && (p + 1 === end || t.charCodeAt(p + 1) === SPACE);
}
