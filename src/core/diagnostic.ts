/** Problems are data: every check returns diagnostics, one reporter prints them. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Path relative to the workspace root, with forward slashes. */
  file: string;
  /** 1-based; 0 when the problem is about the file as a whole. */
  line: number;
  /** 1-based; 0 when the problem is about the file as a whole. */
  column: number;
  /** Stable rule id, e.g. `schema/required`, `ref/unknown-id`. */
  rule: string;
  severity: Severity;
  /** What is wrong, in words a new user understands. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /**
   * JSON pointer into the front matter (or policy file) the problem is about.
   * The loader turns it into line and column, and only for files that have a diagnostic.
   */
  pointer?: string;
}

/** A diagnostic before its position is known: the pointer says where. */
export type PendingDiagnostic = Omit<Diagnostic, 'line' | 'column'> & { line?: number; column?: number };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line ||
        a.column - b.column ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}
