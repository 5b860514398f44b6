/**
 * Text from records, shown on a terminal: control characters and the invisible characters that
 * change how text displays become visible escapes, so a record can never move the cursor, clear
 * the screen, set a hyperlink or the clipboard (OSC 8, OSC 52), or reorder what a line says.
 */

/**
 * What is never written raw: C0 controls, DEL, C1 controls (U+0080-U+009F: U+009B is an 8-bit
 * CSI), the line and paragraph separators, and the bidirectional overrides and isolates.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The same, minus LF and a CR that ends a line (CRLF): for whole messages that span lines. */
const UNSAFE_IN_LINES = /(?!\r\n)[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * `\x1b` for a C0 control, `\u009b` or `\u202e` for the rest. The `\u` form is also a JSON escape,
 * so JSON passed through printable still parses to the same value (JSON.stringify already escapes
 * every C0 control, and never leaves a backslash unpaired before a raw character).
 */
function escape(c: string): string {
  const code = c.charCodeAt(0);
  return SHORT[c] ?? (code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

export interface PrintableOptions {
  /** Keep line breaks (LF and CRLF) as they are: for a whole message or listing; default false. */
  lines?: boolean;
}

/** The text with every unsafe character shown as a visible escape (`\x1b`, `\u202e`, `\n`). */
export function printable(text: string, options: PrintableOptions = {}): string {
  return text.replace(options.lines ? UNSAFE_IN_LINES : UNSAFE, escape);
}

/** What kind of character a text field must not hold, for a message that names it. */
export type UnsafeKind = 'line break' | 'tab' | 'control character' | 'bidirectional override';

/**
 * The patterns of common.schema.json's `line` and `text` definitions (test/schemas checks that they
 * agree): single-line text refuses every unsafe character; multi-line text allows tab, LF and CR.
 */
export const LINE_PATTERN = '^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]*$';
export const TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$';

/** The class of characters each pattern refuses, as a search: `[^...]` becomes `[...]`. */
const refused = (pattern: string) => new RegExp(pattern.slice(1, -2).replace('[^', '['), 'u');
const REFUSED_IN_LINE = refused(LINE_PATTERN);
const REFUSED_IN_TEXT = refused(TEXT_PATTERN);

/** The first character a single-line (or, with `multiLine`, a multi-line) field must not hold; position is 1-based. */
export function firstUnsafe(text: string, multiLine: boolean): { kind: UnsafeKind; codePoint: string; position: number } | undefined {
  const m = (multiLine ? REFUSED_IN_TEXT : REFUSED_IN_LINE).exec(text);
  if (!m) return undefined;
  const c = m[0];
  const code = c.charCodeAt(0);
  const kind: UnsafeKind =
    c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029'
      ? 'line break'
      : c === '\t'
        ? 'tab'
        : code >= 0x202a
          ? 'bidirectional override'
          : 'control character';
  return { kind, codePoint: 'U+' + code.toString(16).toUpperCase().padStart(4, '0'), position: m.index + 1 };
}
