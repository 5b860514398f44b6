/**
 * Splits a record file into YAML front matter and Markdown body, safely: a first line other than
 * `---` is refused (no `---js` front matter, nothing is ever run), and js-yaml 5 parses (CORE
 * schema: timestamps stay strings, duplicate keys throw, aliases bounded). The split is our own,
 * cut exactly where gray-matter 4 cut (it was used before; loading and calling it cost a fifth
 * of a cold `itsm validate`).
 */
import { YAMLException } from 'js-yaml';
import type { PendingDiagnostic } from './diagnostic.ts';
import { clip } from './excerpt.ts';
import { AliasCycleError, loadYaml, positionOf } from './yaml-load.ts';

export { YAML_LIMITS } from './yaml-load.ts';
export const MAX_FILE_BYTES = 1024 * 1024;

export interface ParsedFile {
  /** The front matter as plain data, or undefined when it could not be parsed. */
  data: Record<string, unknown> | undefined;
  body: string;
  /** The YAML text of the front matter (starts after the opening `---`, ends before the line break of the closing one). */
  yaml: string;
  /** 1-based line of the body's first line. */
  bodyLine: number;
  diagnostics: PendingDiagnostic[];
}

function fail(file: string, rule: string, message: string, hint: string, line = 0, column = 0): ParsedFile {
  return { data: undefined, body: '', yaml: '', bodyLine: 1, diagnostics: [{ file, rule, severity: 'error', message, hint, line, column }] };
}

/** One decoder for every file: a fatal decoder keeps no state between whole (non-streamed) decodes. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8 text, or says why the file is not a text record. */
export function decodeRecordBytes(bytes: Uint8Array, file: string): { text: string } | { problem: ParsedFile } {
  if (bytes.length === 0) {
    return { problem: fail(file, 'file/empty', 'The file is empty.', 'Start it with front matter between two `---` lines, or delete the file.') };
  }
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      problem: fail(
        file,
        'file/too-large',
        `The file is ${(bytes.length / 1048576).toFixed(1)} MiB; records are limited to 1 MiB.`,
        'Move attachments and logs out of the record and link to them instead.',
      ),
    };
  }
  if (bytes.indexOf(0) !== -1) {
    return {
      problem: fail(
        file,
        'file/binary',
        'The file is binary, not a Markdown record.',
        'Keep only Markdown records under content/; put attachments elsewhere and link to them.',
      ),
    };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { problem: fail(file, 'file/encoding', 'The file is not valid UTF-8 text.', 'Save the file as UTF-8.') };
  }
  return { text };
}

/** Parses one record file's text. Never throws on user content. */
export function parseFrontMatter(input: string, file: string): ParsedFile {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const firstLineEnd = text.indexOf('\n');
  const firstLine = (firstLineEnd === -1 ? text : text.slice(0, firstLineEnd)).replace(/\r$/, '');
  if (firstLine !== '---') {
    if (/^---\s*\S/.test(firstLine)) {
      return fail(
        file,
        'front-matter/language',
        `Front matter must be YAML; \`${clip(firstLine, 40)}\` asks for another language, which is never run.`,
        'Make the first line exactly `---`.',
        1,
        1,
      );
    }
    return fail(
      file,
      'front-matter/missing',
      'The file does not start with front matter.',
      'Make the first line `---`, then the fields as YAML, then another `---` line, then the Markdown body.',
      1,
      1,
    );
  }
  const close = /\r?\n---[ \t]*(\r?\n|$)/.exec(text.slice(3));
  if (!close) {
    return fail(file, 'front-matter/unclosed', 'The front matter is never closed.', 'Add a line `---` after the last field, before the Markdown body.', 1, 1);
  }
  let parsed: { data: unknown; content: string; matter: string };
  try {
    parsed = split(text);
  } catch (err) {
    if (err instanceof YAMLException) return yamlError(err, file);
    if (err instanceof AliasCycleError) return aliasCycle(err, text, file);
    const message = err instanceof Error ? err.message : String(err);
    return fail(file, 'front-matter/yaml', `The front matter could not be read: ${clip(message, 120)}.`, 'Check the YAML between the `---` lines.', 1, 1);
  }
  const yaml = parsed.matter;
  const bodyLine = 1 + countLines(text.slice(0, 3 + close.index + close[0].length));
  const data = parsed.data;
  if (data === null || data === undefined || (typeof data === 'object' && Object.keys(data).length === 0 && yaml.trim() === '')) {
    return {
      data: undefined,
      body: parsed.content,
      yaml,
      bodyLine,
      diagnostics: [
        {
          file,
          rule: 'front-matter/empty',
          severity: 'error',
          message: 'The front matter is empty.',
          hint: "Write the record's fields between the `---` lines (see schemas/ or run `itsm new`).",
          line: 1,
          column: 1,
        },
      ],
    };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      data: undefined,
      body: parsed.content,
      yaml,
      bodyLine,
      diagnostics: [
        {
          file,
          rule: 'front-matter/not-a-mapping',
          severity: 'error',
          message: 'The front matter must be a set of `key: value` fields.',
          hint: 'Write one `field: value` per line between the `---` lines.',
          line: 2,
          column: 1,
        },
      ],
    };
  }
  return { data: data as Record<string, unknown>, body: parsed.content, yaml, bodyLine, diagnostics: [] };
}

/**
 * The front matter and body of a text whose first line is `---` and that has a closing line, cut as
 * gray-matter 4 cut them: the front matter runs to the first `\n---` (whatever follows it on that
 * line); the body starts after that, less one line break. Front matter of only comment lines and
 * blanks, or YAML that is null, is data `{}`.
 */
function split(text: string): { data: unknown; content: string; matter: string } {
  const close = text.indexOf('\n---', 3);
  const yaml = text.slice(3, close);
  let content = text.slice(close + 4);
  if (content[0] === '\r') content = content.slice(1);
  if (content[0] === '\n') content = content.slice(1);
  const data = commentsOnly(yaml) ? {} : loadYaml(yaml);
  return { data: data ?? {}, content, matter: yaml };
}

/** True when nothing but blanks and `#` comment lines is left once those are removed, as gray-matter tested. */
function commentsOnly(yaml: string): boolean {
  // A first visible character other than `#` survives the removal: most files stop here.
  const first = /\S/.exec(yaml);
  if (!first) return true;
  if (first[0] !== '#') return false;
  return yaml.replace(/^\s*#[^\n]+/gm, '').trim() === '';
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

const YAML_HINTS: Array<[RegExp, string]> = [
  [/duplicated mapping key/, 'Each field may appear once: remove or rename the repeated key.'],
  [/alias/i, 'Write the values out instead of using `*aliases`.'],
  [/depth/i, 'Flatten the structure: front matter this deep is not a record.'],
  [/bad indentation|indentation/, 'Indent nested fields consistently with spaces, and put values that contain `: ` in quotes.'],
  [/tab/i, 'Use spaces, not tabs, for indentation.'],
  [/unknown tag/, 'Remove the `!tag`: only plain YAML values are accepted.'],
];

function aliasCycle(err: AliasCycleError, text: string, file: string): ParsedFile {
  // gray-matter handed the parser the text after the opening `---` (3 characters).
  const { line, column } = positionOf(text, 3 + err.offset);
  return fail(
    file,
    'front-matter/alias-cycle',
    `The front matter is not a plain value: the alias \`*${err.alias.slice(0, 40)}\` refers to itself (it sits inside the node its anchor names).`,
    'Write the values out instead of using `&anchors` and `*aliases`.',
    line + 1,
    column + 1,
  );
}

function yamlError(err: YAMLException, file: string): ParsedFile {
  // gray-matter hands js-yaml the text after the opening `---`, which starts with that line's
  // line break, so js-yaml's 0-based line is the file's 1-based line minus one.
  const line = err.mark ? err.mark.line + 1 : 1;
  const column = err.mark ? err.mark.column + 1 : 1;
  const reason = clip(err.reason || err.message, 120);
  const hint =
    YAML_HINTS.find(([re]) => re.test(reason))?.[1] ??
    'Check the YAML syntax at this position: quote values that contain `: ` or start with a special character.';
  return fail(file, 'front-matter/yaml', `The front matter is not valid YAML: ${reason}.`, hint, line, column);
}
