/** `itsm new <kind>`: writes a new, valid record from the workspace's template for that kind. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from '../core/diagnostic.ts';
import { idShape, isValidId, kindOfId, KIND_INFO, KINDS, type Kind } from '../core/ids.ts';
import { aOrAn, isInstant, matrixPriority, nameField, nextNumberedId, placeholderValue, readField, slugId, splitTemplate, templateFromSchema } from '../core/new-record.ts';
import { readSchemas } from '../io/schemas.ts';
import { analyzePolicies, loadWorkspaceFromFiles } from '../io/workspace.ts';
import { listWorkspaceFiles } from '../io/layout.ts';
import { readTextNoFollow, writeFileInside } from '../io/safe-fs.ts';
import { editableDocument, fillPlaceholders, setTopLevel, topLevelKeyByLine } from '../io/yaml-edit.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { formatDiagnostics, summarize } from './reporter.ts';

const HELP = `Usage: itsm new <kind> [--title TEXT] [field=value ...] [--root DIR] [--no-edit]

Creates content/<kind folder>/<ID>.md from the template content/.templates/<kind>.md
(a team can change its templates; hints are YAML comments). It picks the next free ID
(INC-0143 after INC-0142; for services, CIs, releases and teams a slug of --title, or id=...),
stamps times in the workspace's time zone (itsm.yaml time_zone), computes an incident's
priority from impact x urgency (content/policies/priority-matrix.yaml), checks the record,
and writes it. It never overwrites a file.

Kinds: ${KINDS.join(', ')}

Fields: any field of the kind's schema, as field=value:
  lists are comma-separated (cis=CI-web,CI-db), true/false for yes/no fields.

Then it prints the new file's path, and opens $EDITOR when run in a terminal.
Fields the template leaves empty are listed: fill them in, then run \`itsm validate\`.

Examples:
  itsm new incident --title "Checkout returns 500" service=SVC-shop impact=high urgency=high
  itsm new service --title "Payments API" owner=TEAM-payments tier=1
  itsm new change --title "Upgrade PostgreSQL" type=normal risk=high \\
      planned_start=2026-03-07T22:00:00+01:00 planned_end=2026-03-08T02:00:00+01:00

Environment: ITSM_NOW=2026-03-04T08:15:00Z sets "now" (for scripts and tests).
Exit codes: 0 written, 2 bad kind, field or value (nothing written).
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('new', args, {
    root: { type: 'string' },
    title: { type: 'string', short: 't' },
    'no-edit': { type: 'boolean' },
  }, HELP, io);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const [kindArg, ...assignments] = positionals;
  if (!kindArg) throw usageError(`itsm new: which kind? One of ${KINDS.join(', ')}.\nExample: itsm new incident --title "Checkout returns 500"`);
  const kind = KINDS.find((k) => k === kindArg);
  if (!kind) throw usageError(`itsm new: unknown kind "${kindArg}". Kinds: ${KINDS.join(', ')}.`);
  const root = rootDir(io, values.root);
  if (!existsSync(join(root, 'content'))) throw usageError(`itsm new: ${root} has no content/ folder. Run it in a workspace, or pass --root DIR.`);

  const schema = readSchemas().documents[kind] as Parameters<typeof readField>[0];
  const fields = readAssignments(kind, schema, assignments);
  const now = io.env.ITSM_NOW ?? new Date().toISOString();
  if (!isInstant(now)) throw usageError(`itsm new: ITSM_NOW must be an instant like 2026-03-04T08:15:00Z; got "${now}".`);

  const files = readWorkspace(root);
  const textOf = (rel: string) => files.get(rel);
  const { settings, policies } = analyzePolicies(textOf);
  const folder = `content/${KIND_INFO[kind].folder}/`;
  const existing = [...files.keys()].filter((f) => f.startsWith(folder) && f.endsWith('.md')).map((f) => f.slice(folder.length, -3));

  const title = values.title ?? (typeof fields[nameField(schema)] === 'string' ? String(fields[nameField(schema)]) : '');
  const id = chooseId(kind, fields.id, title, existing);
  const file = `${folder}${id}.md`;
  if (existsSync(join(root, file))) throw usageError(`itsm new: ${file} already exists; \`itsm new\` never overwrites a record. Pick another ID with id=...`);

  const text = render(kind, schema, root, { id, title, now, timeZone: settings.time_zone, fields, matrix: policies.priorityMatrix });
  const mine = checkNewRecord(files, file, text);
  const given = new Set(['id', ...(title ? [nameField(schema)] : []), ...Object.keys(fields)]);
  const blocking = mine.filter((d) => d.severity === 'error' && (d.key === undefined || given.has(d.key)));
  if (blocking.length) {
    io.stderr(`itsm new: the values given do not make a valid ${KIND_INFO[kind].label}; nothing was written.\n\n`);
    io.stderr(formatDiagnostics(blocking, 'pretty', summarize(1, blocking)));
    return EXIT.usage;
  }
  const path = join(root, file);
  try {
    writeFileInside(root, file, text);
  } catch (err) {
    throw new ExitError(EXIT.usage, `itsm new: cannot write ${file}: ${(err as Error).message}`);
  }
  io.stdout(relative(io.cwd, path) + '\n');
  const todo = mine.filter((d) => !blocking.includes(d));
  if (todo.length) {
    const keys = [...new Set(todo.map((d) => d.key ?? '?'))];
    io.stderr(`Still to fill in: ${keys.join(', ')} (\`itsm validate\` reports them until then).\n`);
  }
  const editor = io.env.VISUAL || io.env.EDITOR;
  if (io.isTTY && editor && !values['no-edit']) spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', path], { stdio: 'inherit' });
  return EXIT.ok;
}

function readAssignments(kind: Kind, schema: Parameters<typeof readField>[0], assignments: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw usageError(`itsm new: "${a}" is not field=value. Example: itsm new ${kind} impact=high`);
    const field = a.slice(0, eq);
    const r = readField(schema, field, a.slice(eq + 1), (t) => {
      try {
        return parseYaml(t);
      } catch (err) {
        throw usageError(`itsm new: ${field}: cannot read "${t}" as YAML: ${(err as Error).message}`);
      }
    });
    if (!r.ok) throw usageError(`itsm new: ${r.message}`);
    out[field] = r.value;
  }
  return out;
}

function chooseId(kind: Kind, given: unknown, title: string, existing: string[]): string {
  const info = KIND_INFO[kind];
  if (given !== undefined) {
    const id = String(given);
    if (!isValidId(id, kind)) {
      const other = kindOfId(id);
      throw usageError(`itsm new: "${id}" is not ${aOrAn(info.label)} ID${other && other !== kind ? ` (it is a ${KIND_INFO[other].label} ID)` : ''}: expected ${idShape(kind)}.`);
    }
    return id;
  }
  if (info.numbered) return nextNumberedId(kind, existing);
  if (!title) throw usageError(`itsm new: ${aOrAn(info.label)} ID is a slug of its name: give --title "Payments API" or id=${info.prefix}payments-api.`);
  const id = slugId(kind, title);
  if (!id) throw usageError(`itsm new: no ID can be made from the title "${title}": give id=${info.prefix}<lowercase-words>.`);
  return id;
}

interface RenderInput {
  id: string;
  title: string;
  now: string;
  timeZone: string;
  fields: Record<string, unknown>;
  matrix: Parameters<typeof matrixPriority>[0];
}

/** Template -> record text: placeholders filled, fields set, priority computed. */
function render(kind: Kind, schema: Parameters<typeof readField>[0], root: string, input: RenderInput): string {
  const found = readTextNoFollow(root, `content/.templates/${kind}.md`);
  if (typeof found === 'object') throw usageError(`itsm new: ${found.symlink} is a symlink; itsm does not follow links in a workspace. Replace it with the file itself.`);
  const templateText = found ?? templateFromSchema(kind, schema);
  const parts = splitTemplate(templateText);
  if (!parts) throw usageError(`itsm new: content/.templates/${kind}.md must start with front matter between two \`---\` lines.`);
  const doc = editableDocument(parts.yaml);
  if (doc.errors.length) throw usageError(`itsm new: content/.templates/${kind}.md: ${doc.errors[0]!.message}`);
  const fill = (token: string) => placeholderValue(token, input);
  const unknown = fillPlaceholders(doc, fill);
  if (unknown.size) throw usageError(`itsm new: content/.templates/${kind}.md uses unknown placeholders: ${[...unknown].map((t) => `{{${t}}}`).join(', ')}. Known: {{id}}, {{title}}, {{now}}, {{today}}, {{today+30d}}.`);
  const set: Record<string, unknown> = { id: input.id, ...input.fields };
  if (input.title) set[nameField(schema)] = input.title;
  setTopLevel(doc, set);
  if (schema.properties?.priority && !('priority' in input.fields)) {
    const p = matrixPriority(input.matrix, doc.get('impact'), doc.get('urgency'));
    if (p) setTopLevel(doc, { priority: p });
  }
  const body = parts.body.replace(/\{\{\s*title\s*\}\}/g, input.title);
  return `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}---\n${body}`;
}

type Placed = Diagnostic & { key?: string };

/** Validates the whole workspace with the new file in it; returns the new file's diagnostics with their top-level key. */
function checkNewRecord(files: Map<string, string>, file: string, text: string): Placed[] {
  const all = new Map(files);
  all.set(file, text);
  const { diagnostics } = loadWorkspaceFromFiles(all);
  const yaml = splitTemplate(text)!.yaml;
  const keyAt = topLevelKeyByLine(yaml);
  return diagnostics.filter((d) => d.file === file).map((d) => ({ ...d, key: d.line > 1 ? keyAt(d.line - 1) : undefined }));
}

function readWorkspace(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of listWorkspaceFiles(root)) files.set(rel, readFileSync(join(root, rel), 'utf8'));
  return files;
}
