/**
 * `itsm new` behind the command: reads the workspace and the kind's template, makes the record
 * (core/new-record.ts), checks it with the whole workspace, and writes it without overwriting.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { KIND_INFO, type Kind } from '../core/ids.ts';
import {
  chooseId,
  isInstant,
  nameField,
  readAssignments,
  recordFromTemplate,
  templateFromSchema,
  withSharedTypes,
  type Checked,
  type JsonSchema,
  type SharedDefs,
} from '../core/new-record.ts';
import { splitFrontMatter, topLevelKeyByLine } from '../core/record-writer.ts';
import { listWorkspaceFiles } from './layout.ts';
import { readTextNoFollow, writeFileInside } from './safe-fs.ts';
import { workspaceSchemas } from './schema-overrides.ts';
import { analyzePolicies, getValidators, loadWorkspaceFromFiles } from './workspace.ts';

/** The input cannot make a record, or the file cannot be written: nothing was written. */
export class NewRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NewRecordError';
  }
}

export interface NewRecordOptions {
  root: string;
  kind: Kind;
  title: string | undefined;
  /** `field=value` arguments. */
  assignments: readonly string[];
  /** "Now", an instant (ITSM_NOW or the clock). */
  now: string;
}

/** A diagnostic of the new file, with the top-level key it is about. */
export type Placed = Diagnostic & { key?: string };

export type NewRecordOutcome =
  | { written: true; file: string; path: string; todo: Placed[] }
  /** Values given by the user make the record invalid: these errors, nothing written. */
  | { written: false; blocking: Placed[] };

/** Makes and writes a new record; throws NewRecordError for bad input. */
export function createRecord(o: NewRecordOptions): NewRecordOutcome {
  const { root, kind } = o;
  // The workspace's own fields (schema overrides) are fields like any other here.
  const { documents } = workspaceSchemas(root);
  const schema = documents[kind] as JsonSchema;
  // Read by the types of the shared definitions too: `tags=a,b` is the list the schema says `tags` is.
  const fields = checked(readAssignments(kind, withSharedTypes(schema, documents.common as SharedDefs), o.assignments));
  if (!isInstant(o.now)) throw new NewRecordError(`ITSM_NOW must be an instant like 2026-03-04T08:15:00Z; got "${o.now}".`);

  const files = readWorkspace(root);
  const { settings, policies } = analyzePolicies((rel) => files.get(rel));
  const folder = `content/${KIND_INFO[kind].folder}/`;
  const existing = [...files.keys()].filter((f) => f.startsWith(folder) && f.endsWith('.md')).map((f) => f.slice(folder.length, -3));

  const title = o.title ?? (typeof fields[nameField(schema)] === 'string' ? String(fields[nameField(schema)]) : '');
  const id = checked(chooseId(kind, fields.id, title, existing));
  const file = `${folder}${id}.md`;
  if (existsSync(join(root, file))) throw new NewRecordError(`${file} already exists; \`itsm new\` never overwrites a record. Pick another ID with id=...`);

  const found = readTextNoFollow(root, `content/.templates/${kind}.md`);
  if (typeof found === 'object')
    throw new NewRecordError(`${found.symlink} is a symlink; itsm does not follow links in a workspace. Replace it with the file itself.`);
  const text = checked(
    recordFromTemplate(kind, schema, found ?? templateFromSchema(kind, schema), {
      id,
      title,
      now: o.now,
      timeZone: settings.time_zone,
      fields,
      matrix: policies.priorityMatrix,
    }),
  );

  const mine = checkNewRecord(root, files, file, text);
  const given = new Set(['id', ...(title ? [nameField(schema)] : []), ...Object.keys(fields)]);
  const blocking = mine.filter((d) => d.severity === 'error' && (d.key === undefined || given.has(d.key)));
  if (blocking.length) return { written: false, blocking };
  try {
    writeFileInside(root, file, text);
  } catch (err) {
    throw new NewRecordError(`cannot write ${file}: ${(err as Error).message}`);
  }
  return { written: true, file, path: join(root, file), todo: mine.filter((d) => !blocking.includes(d)) };
}

/** Opens a file in the user's editor (a shell command such as `code -w`), waiting for it to close. */
export function openInEditor(editor: string, path: string): void {
  spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', path], { stdio: 'inherit' });
}

function checked<T>(r: Checked<T>): T {
  if (!r.ok) throw new NewRecordError(r.message);
  return r.value;
}

/** Validates the whole workspace with the new file in it; returns the new file's diagnostics with their top-level key. */
function checkNewRecord(root: string, files: Map<string, string>, file: string, text: string): Placed[] {
  const all = new Map(files);
  all.set(file, text);
  const { diagnostics } = loadWorkspaceFromFiles(all, getValidators(root));
  const keyAt = topLevelKeyByLine(splitFrontMatter(text)!.yaml);
  return diagnostics.filter((d) => d.file === file).map((d) => ({ ...d, key: d.line > 1 ? keyAt(d.line - 1) : undefined }));
}

function readWorkspace(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of listWorkspaceFiles(root)) files.set(rel, readFileSync(join(root, rel), 'utf8'));
  return files;
}
