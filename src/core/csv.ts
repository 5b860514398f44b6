/**
 * One writer for CSV cells: RFC 4180 quoting, and neutralised against formula injection the way
 * OWASP recommends, because every CSV we write is meant to be opened in a spreadsheet.
 */

/**
 * A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) or that starts with a
 * tab, CR or LF (which some spreadsheets skip before looking for one).
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * One cell. Numbers we computed are written as they are (`-3` stays a number); text, which may come
 * from a record, is prefixed with `'` and quoted when it could start a formula, so `-3` written by a
 * person stays the text `-3` (see docs/decisions.md). Quotes, commas and line breaks are quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text !== value || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV: CRLF line ends, a line end after the last row. */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
