/**
 * `itsm renumber OLD NEW`: gives a record a new ID. Renames its file and rewrites every reference
 * to it (front-matter reference fields of every record, policy files, itsm.yaml) in place: only the
 * characters of each ID change, so comments, key order, quoting and bodies stay byte for byte.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { idShape, isValidId, kindOfId, KIND_INFO, type Kind } from '../core/ids.ts';
import { aOrAn } from '../core/new-record.ts';
import { relationsFrom } from '../core/relations.ts';
import { applyFileChanges, FileTransactionError, type FileChange } from '../io/file-transaction.ts';
import { listWorkspaceFiles, roleOf } from '../io/layout.ts';
import { applyEdits, scalarEdits, type TextEdit, type YamlPath } from '../core/record-writer.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';

const HELP = `Usage: itsm renumber OLD NEW [--root DIR] [--dry-run]

Gives record OLD the ID NEW: renames content/<kind>/OLD.md to NEW.md and rewrites every
reference to OLD across the workspace (every record's reference fields such as service, cis,
problem, incidents, caused_by_change; the policy files; itsm.yaml). Only the IDs change:
comments, key order and formatting stay as they are. Mentions of OLD in Markdown bodies are
listed for you to check, not changed.

Use it when two pull requests from the same base both created the same ID: \`itsm validate
--base main\` reports \`base/id-reused\` with the exact command to run.

Examples:
  itsm renumber INC-0142 INC-0143
  itsm renumber SVC-shop SVC-web-shop --dry-run

Options:
  --root DIR    the workspace (default: the current directory)
  --dry-run     show what would change, write nothing

Exit codes: 0 renumbered, 2 bad IDs or unreadable files (nothing written).
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('renumber', args, {
    root: { type: 'string' },
    'dry-run': { type: 'boolean' },
  }, HELP, io);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length !== 2) throw usageError('itsm renumber: give the old and the new ID, e.g. `itsm renumber INC-0142 INC-0143`.');
  const [from, to] = positionals as [string, string];
  const kind = kindOfId(from);
  if (!kind || !isValidId(from, kind)) throw usageError(`itsm renumber: "${from}" is not a record ID (e.g. INC-0142, SVC-payments).`);
  if (!isValidId(to, kind)) throw usageError(`itsm renumber: "${to}" is not ${aOrAn(KIND_INFO[kind].label)} ID; ${from} can only become another ${KIND_INFO[kind].label} ID: ${idShape(kind)}.`);
  if (from === to) throw usageError('itsm renumber: the old and new IDs are the same.');
  const root = rootDir(io, values.root);
  if (!existsSync(join(root, 'content'))) throw usageError(`itsm renumber: ${root} has no content/ folder. Run it in a workspace, or pass --root DIR.`);

  const folder = `content/${KIND_INFO[kind].folder}`;
  const oldFile = `${folder}/${from}.md`;
  const newFile = `${folder}/${to}.md`;
  if (!existsSync(join(root, oldFile))) throw usageError(`itsm renumber: there is no ${oldFile}.`);
  if (existsSync(join(root, newFile))) throw usageError(`itsm renumber: ${newFile} already exists; pick a free ID.`);

  const texts = new Map<string, string>();
  for (const rel of listWorkspaceFiles(root)) texts.set(rel, readFileSync(join(root, rel), 'utf8'));
  // The listing holds no symlink: a linked record is not read, so its target is never copied in.
  if (!texts.has(oldFile)) throw usageError(`itsm renumber: ${oldFile} is not a regular file (a symlink?); \`itsm validate\` says why. Nothing was changed.`);
  const plan = planRenumber(texts, kind, from, to, oldFile);
  if (plan.unreadable.length) {
    throw new ExitError(EXIT.usage, `itsm renumber: cannot read the YAML of ${plan.unreadable.join(', ')}; fix ${plan.unreadable.length === 1 ? 'it' : 'them'} first (\`itsm validate\` says how). Nothing was changed.`);
  }

  const dry = values['dry-run'] ? ' (dry run: nothing written)' : '';
  io.stdout(`${oldFile} -> ${newFile}${dry}\n`);
  for (const c of plan.changes) {
    const shown = c.file === oldFile ? newFile : c.file;
    io.stdout(`  ${shown}: ${c.count} reference${c.count === 1 ? '' : 's'}\n`);
  }
  if (plan.bodyMentions.length) {
    io.stdout(`Mentioned in the text of ${plan.bodyMentions.join(', ')}: not changed, check ${plan.bodyMentions.length === 1 ? 'it' : 'them'} by hand.\n`);
  }
  if (values['dry-run']) return EXIT.ok;
  // The record's own new text goes to its new name; its old name is removed last, all or nothing.
  const own = plan.changes.find((c) => c.file === oldFile);
  const changes: FileChange[] = plan.changes.filter((c) => c !== own).map((c) => ({ file: c.file, text: c.text, previous: texts.get(c.file) }));
  const ownText = texts.get(oldFile)!;
  changes.push({ file: newFile, text: own?.text ?? ownText, previous: undefined });
  try {
    applyFileChanges(root, changes, [{ file: oldFile, previous: ownText }]);
  } catch (err) {
    if (!(err instanceof FileTransactionError)) throw err;
    const state = err.undoFailed.length
      ? `Undoing failed for ${err.undoFailed.join(', ')}: check them with \`git status\` and \`git diff\`.`
      : 'Nothing was changed.';
    throw new ExitError(EXIT.usage, `itsm renumber: ${err.message}. ${state} Make the file writable (is the disk full, or a file or folder in the way?) and run the command again.`);
  }
  return EXIT.ok;
}

export interface RenumberPlan {
  /** Files whose text changes, with the new text and how many IDs were rewritten. */
  changes: Array<{ file: string; text: string; count: number }>;
  /** Record files whose body mentions the old ID (left alone). */
  bodyMentions: string[];
  /** Files whose YAML cannot be parsed, so references in them could be missed. */
  unreadable: string[];
}

/** Every edit renumbering makes, computed before anything is written. */
export function planRenumber(texts: ReadonlyMap<string, string>, kind: Kind, from: string, to: string, ownFile: string): RenumberPlan {
  const plan: RenumberPlan = { changes: [], bodyMentions: [], unreadable: [] };
  const mention = new RegExp(`(^|[^A-Za-z0-9-])${from.replace(/[-]/g, '\\-')}(?![A-Za-z0-9-])`);
  for (const [file, text] of texts) {
    const role = roleOf(file);
    let edits: TextEdit[];
    try {
      if (role.role === 'record') {
        const split = splitRecord(text);
        if (!split) continue;
        const fields = referenceFields(role.kind, kind);
        const own = file === ownFile;
        const where = (path: YamlPath) => (own && path.length === 1 && path[0] === 'id') || (fields.has(String(path[0])) && path.length <= 2);
        edits = scalarEdits(split.yaml, from, to, where).map((e) => ({ ...e, start: e.start + split.yamlStart, end: e.end + split.yamlStart }));
        if (mention.test(text.slice(split.bodyStart))) plan.bodyMentions.push(file);
      } else if (role.role === 'policy' || file === 'itsm.yaml') {
        // Policy files name services and CIs in many places (windows, templates, SLA scopes): any value equal to the ID is one.
        edits = scalarEdits(text, from, to, () => true);
      } else continue;
    } catch {
      plan.unreadable.push(file);
      continue;
    }
    if (edits.length) plan.changes.push({ file, text: applyEdits(text, edits), count: edits.length });
  }
  return plan;
}

/** The reference fields of records of kind `holder` that point at records of kind `target`. */
function referenceFields(holder: Kind, target: Kind): Set<string> {
  return new Set(relationsFrom(holder).filter((r) => r.to === target).map((r) => r.field));
}

/** Offsets of the front matter YAML and the body in a record's text, or undefined when it has none. */
function splitRecord(text: string): { yaml: string; yamlStart: number; bodyStart: number } | undefined {
  const first = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!first) return undefined;
  const yamlStart = first[0].length;
  const close = /(^|\r?\n)---[ \t]*(\r?\n|$)/.exec(text.slice(yamlStart));
  if (!close) return undefined;
  const yamlEnd = yamlStart + close.index + close[1]!.length;
  return { yaml: text.slice(yamlStart, yamlEnd), yamlStart, bodyStart: yamlStart + close.index + close[0].length };
}
