/**
 * A short, escaped excerpt of a user value for a message: diagnostics quote what they found, but a
 * value can be a secret a symlink or a crafted file pulled in, or hold terminal escape sequences.
 * So a message shows at most `max` characters of it, with JSON-style escapes for anything that
 * could act on a terminal or reorder text (controls, line separators, bidirectional overrides).
 */

/** Characters shown as \uXXXX: C0 and C1 controls, DEL, line/paragraph separators, bidi controls, BOM. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Escapes like JSON.stringify does, for the characters above only (the text is not quoted). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/** The first `max` characters (code points, escaped) of `text`, with `...` when it was longer. */
export function clip(text: string, max = 60): string {
  const chars = Array.from(text);
  return chars.length > max ? escapeControls(chars.slice(0, max - 3).join('')) + '...' : escapeControls(text);
}

/** A value as a message quotes it: a string in double quotes, anything else as JSON; short and escaped. */
export function excerpt(value: unknown, max = 60): string {
  if (typeof value === 'string') {
    const chars = Array.from(value);
    if (chars.length + 2 <= max) return `"${escapeControls(value).replace(/"/g, '\\"')}"`;
    return `"${escapeControls(chars.slice(0, max - 5).join('')).replace(/"/g, '\\"')}..."`;
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return clip(text, max);
}
