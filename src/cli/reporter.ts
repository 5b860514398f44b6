/** The one reporter: prints diagnostics as pretty text, JSON, or GitHub Actions annotations. */
import { countBySeverity, type Diagnostic } from '../core/diagnostic.ts';
import { printable } from '../core/printable.ts';
import { terminalText } from './io.ts';

export type Format = 'pretty' | 'json' | 'github';
export const FORMATS: readonly Format[] = ['pretty', 'json', 'github'];

export interface Summary {
  records: number;
  errors: number;
  warnings: number;
}

export function summarize(records: number, diagnostics: readonly Diagnostic[]): Summary {
  return { records, ...countBySeverity(diagnostics) };
}

/** GitHub workflow commands: data escapes %, CR, LF; properties also escape `:` and `,`. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface PrettyOptions {
  color: boolean;
}

export function pretty(diagnostics: readonly Diagnostic[], summary: Summary, opts: PrettyOptions = { color: false }): string {
  const c = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  let current: string | undefined;
  for (const d of diagnostics) {
    if (d.file !== current) {
      if (current !== undefined) lines.push('');
      lines.push(c('4', printable(d.file)));
      current = d.file;
    }
    const where = `${d.line}:${d.column}`.padEnd(8);
    const sev = d.severity === 'error' ? c('31', 'error  ') : c('33', 'warning');
    // Values from records reach messages: escaped before our own colours go around them.
    lines.push(`  ${where}${sev}  ${printable(d.message, { lines: true })}  ${c('2', printable(d.rule))}`);
    if (d.hint) lines.push(`  ${' '.repeat(8)}         ${c('36', 'fix:')} ${printable(d.hint, { lines: true })}`);
  }
  if (lines.length) lines.push('');
  const status = summary.errors ? c('31', `✖ ${plural(summary.errors, 'error')}`) : c('32', '✔ no errors');
  lines.push(`${status}, ${plural(summary.warnings, 'warning')} in ${plural(summary.records, 'record')}.`);
  return lines.join('\n') + '\n';
}

export function json(diagnostics: readonly Diagnostic[], summary: Summary): string {
  return (
    JSON.stringify(
      {
        summary,
        diagnostics: diagnostics.map(({ file, line, column, rule, severity, message, hint }) => ({
          file,
          line,
          column,
          rule,
          severity,
          message,
          hint: hint ?? null,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

export function github(diagnostics: readonly Diagnostic[], summary: Summary): string {
  const out = diagnostics.map((d) => {
    const props = [`file=${escapeProperty(printable(d.file))}`];
    if (d.line) props.push(`line=${d.line}`);
    if (d.column) props.push(`col=${d.column}`);
    props.push(`title=${escapeProperty(printable(d.rule))}`);
    return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(printable(d.message + (d.hint ? `\nFix: ${d.hint}` : ''), { lines: true }))}`;
  });
  out.push(
    `${summary.errors ? 'Invalid' : 'Valid'}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} in ${plural(summary.records, 'record')}.`,
  );
  return out.join('\n') + '\n';
}

/** Coloured pretty output is marked terminalText: its values are escaped here, so its colour codes pass. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: Format, summary: Summary, opts?: PrettyOptions): string {
  if (format === 'json') return json(diagnostics, summary);
  if (format === 'github') return github(diagnostics, summary);
  const text = pretty(diagnostics, summary, opts);
  return opts?.color ? terminalText(text) : text;
}
