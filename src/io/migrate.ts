/** `itsm migrate` behind the command: reads the workspace's records, plans the renames (core/migrate.ts), writes the files. */
import { planMigration, renamesBetween, type FieldRename, type MigrationPlan, type RecordText } from '../core/migrate.ts';
import { RENAMES } from '../core/renames.ts';
import { listWorkspaceFiles, roleOf } from './layout.ts';
import { applyFileChanges } from './file-transaction.ts';
import { readTextNoFollow } from './safe-fs.ts';
import { packageVersion } from './version.ts';

/** The record files of a workspace with their text (symlinks and unreadable files are left to `itsm validate`). */
export function readRecordTexts(root: string): RecordText[] {
  const out: RecordText[] = [];
  for (const rel of listWorkspaceFiles(root)) {
    const role = roleOf(rel);
    if (role.role !== 'record') continue;
    const text = readTextNoFollow(root, rel);
    if (typeof text === 'string') out.push({ file: rel, kind: role.kind, text });
  }
  return out;
}

export interface MigrateOptions {
  root: string;
  /** Only renames made after this release (default: every rename in the table). */
  from?: string;
  /** Plan only, write nothing. */
  dryRun?: boolean;
  /** The renames table (default: the package's). */
  table?: readonly FieldRename[];
}

export function migrateWorkspace(o: MigrateOptions): MigrationPlan & { renames: FieldRename[] } {
  const renames = renamesBetween(o.table ?? RENAMES, o.from, packageVersion());
  const records = readRecordTexts(o.root);
  const plan = planMigration(records, renames);
  // All or nothing, as `itsm renumber` does: a failed write leaves no half-migrated workspace.
  const previous = new Map(records.map((r) => [r.file, r.text]));
  if (!o.dryRun)
    applyFileChanges(
      o.root,
      [...plan.rewritten].map(([file, text]) => ({ file, text, previous: previous.get(file) })),
      [],
    );
  return { ...plan, renames };
}
