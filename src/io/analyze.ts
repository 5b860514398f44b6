/**
 * The read -> validate steps for file contents already in memory (from disk or from git).
 * Per file: decode, split front matter, schema, kind rules; positions only where there is a diagnostic.
 */
import { YAMLException } from 'js-yaml';
import type { Diagnostic, PendingDiagnostic } from '../core/diagnostic.ts';
import type { Kind } from '../core/ids.ts';
import type { Policies, WorkspaceSettings } from '../core/model.ts';
import { checkRecord, type RecordFacts } from '../core/validate/check-record.ts';
import { schemaDiagnostics } from '../core/validate/schema-messages.ts';
import type { Validators } from '../core/validate/validators.ts';
import { decodeRecordBytes, parseFrontMatter } from '../core/front-matter.ts';
import { clip } from '../core/excerpt.ts';
import { AliasCycleError, loadYaml, positionOf } from '../core/yaml-load.ts';
import { locate } from './positions.ts';

/** Resolves pending diagnostics of one text to positions, parsing that text once more only if needed. */
export function place(pending: readonly PendingDiagnostic[], yamlText: string, fallbackLine: number): Diagnostic[] {
  return pending.map((p) => {
    const { pointer, ...rest } = p;
    if (p.line !== undefined && p.column !== undefined) return { ...rest, line: p.line, column: p.column };
    const pos = locate(yamlText, pointer ?? '', { line: fallbackLine, column: 1 });
    return { ...rest, line: pos.line, column: pos.column };
  });
}

export interface RecordOutcome {
  file: string;
  kind: Kind;
  /** Undefined when the file could not be parsed. */
  facts: RecordFacts | undefined;
  diagnostics: Diagnostic[];
  /** Parsed front matter and body (kept only when the caller wants records). */
  data?: Record<string, unknown>;
  body?: string;
}

/** Everything one record file says about itself. Never throws on user content. */
export function analyzeRecord(file: string, kind: Kind, bytes: Uint8Array, validators: Validators, policies: Policies, keepData: boolean): RecordOutcome {
  const decoded = decodeRecordBytes(bytes, file);
  if ('problem' in decoded) return { file, kind, facts: undefined, diagnostics: place(decoded.problem.diagnostics, '', 1) };
  const parsed = parseFrontMatter(decoded.text, file);
  if (!parsed.data) return { file, kind, facts: undefined, diagnostics: place(parsed.diagnostics, parsed.yaml, 1) };
  const check = checkRecord(kind, file, parsed.data, parsed.body, validators, policies, parsed.bodyLine);
  const outcome: RecordOutcome = { file, kind, facts: check.facts, diagnostics: check.diagnostics.length ? place(check.diagnostics, parsed.yaml, 2) : [] };
  if (keepData) {
    outcome.data = parsed.data;
    outcome.body = parsed.body;
  }
  return outcome;
}

/** Parses and schema-checks a YAML policy or settings file. */
export function analyzeYamlFile(
  file: string,
  text: string,
  schemaName: string,
  validators: Validators,
  label: string,
): { value: unknown; diagnostics: Diagnostic[] } {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = loadYaml(clean);
  } catch (err) {
    if (err instanceof AliasCycleError) {
      const at = positionOf(clean, err.offset);
      return {
        value: undefined,
        diagnostics: [
          {
            file,
            line: at.line + 1,
            column: at.column + 1,
            rule: 'yaml/alias-cycle',
            severity: 'error',
            message: `This file is not a plain value: the alias \`*${err.alias.slice(0, 40)}\` refers to itself (it sits inside the node its anchor names).`,
            hint: 'Write the values out instead of using `&anchors` and `*aliases`.',
          },
        ],
      };
    }
    const mark = err instanceof YAMLException ? err.mark : undefined;
    const reason = clip(err instanceof YAMLException ? err.reason : String(err), 120);
    return {
      value: undefined,
      diagnostics: [
        {
          file,
          line: mark ? mark.line + 1 : 1,
          column: mark ? mark.column + 1 : 1,
          rule: 'yaml/syntax',
          severity: 'error',
          message: `This file is not valid YAML: ${reason}.`,
          hint: 'Check the YAML at this position: indentation with spaces, quotes around values containing `: `.',
        },
      ],
    };
  }
  const validate = validators.get(schemaName);
  if (validate(value)) return { value, diagnostics: [] };
  return { value: undefined, diagnostics: place(schemaDiagnostics(file, validate.errors ?? [], label), clean, 1) };
}

/** Positions for diagnostics computed across files (references, policies), given a way to get a file's text. */
export function placeLater(pending: readonly PendingDiagnostic[], textOf: (file: string) => string | undefined): Diagnostic[] {
  const byFile = new Map<string, PendingDiagnostic[]>();
  for (const p of pending) {
    const list = byFile.get(p.file);
    if (list) list.push(p);
    else byFile.set(p.file, [p]);
  }
  const out: Diagnostic[] = [];
  for (const [file, list] of byFile) {
    const text = textOf(file) ?? '';
    const isRecord = file.endsWith('.md');
    const yamlText = isRecord ? (parseFrontMatter(text, file).yaml ?? '') : text.replace(/^\ufeff/, '');
    out.push(...place(list, yamlText, isRecord ? 2 : 1));
  }
  return out;
}

export type { WorkspaceSettings };
