/**
 * `itsm renumber` behind the command: reads the workspace, plans every edit (core/renumber.ts), and
 * applies them all or nothing: the record's new text goes to its new name, its old name is removed last.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_INFO, type Kind } from '../core/ids.ts';
import { planRenumber, type RenumberPlan } from '../core/renumber.ts';
import { applyFileChanges, FileTransactionError, type FileChange } from './file-transaction.ts';
import { listWorkspaceFiles, roleOf } from './layout.ts';

/** The IDs or files do not allow renumbering: nothing was changed. */
export class RenumberInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenumberInputError';
  }
}

export interface PreparedRenumber {
  oldFile: string;
  newFile: string;
  plan: RenumberPlan;
  /** Writes every change, or none; throws FileTransactionError. */
  apply(): void;
}

/** Reads and plans a renumbering of `from` (of `kind`) to `to`; throws RenumberInputError. */
export function prepareRenumber(root: string, kind: Kind, from: string, to: string): PreparedRenumber {
  const folder = `content/${KIND_INFO[kind].folder}`;
  const oldFile = `${folder}/${from}.md`;
  const newFile = `${folder}/${to}.md`;
  if (!existsSync(join(root, oldFile))) throw new RenumberInputError(`there is no ${oldFile}.`);
  if (existsSync(join(root, newFile))) throw new RenumberInputError(`${newFile} already exists; pick a free ID.`);

  const texts = new Map<string, string>();
  for (const rel of listWorkspaceFiles(root)) texts.set(rel, readFileSync(join(root, rel), 'utf8'));
  // The listing holds no symlink: a linked record is not read, so its target is never copied in.
  if (!texts.has(oldFile)) throw new RenumberInputError(`${oldFile} is not a regular file (a symlink?); \`itsm validate\` says why. Nothing was changed.`);
  const plan = planRenumber(texts, kind, from, to, oldFile, roleOf);
  if (plan.unreadable.length) {
    throw new RenumberInputError(
      `cannot read the YAML of ${plan.unreadable.join(', ')}; fix ${plan.unreadable.length === 1 ? 'it' : 'them'} first (\`itsm validate\` says how). Nothing was changed.`,
    );
  }
  const apply = () => {
    const own = plan.changes.find((c) => c.file === oldFile);
    const changes: FileChange[] = plan.changes.filter((c) => c !== own).map((c) => ({ file: c.file, text: c.text, previous: texts.get(c.file) }));
    const ownText = texts.get(oldFile)!;
    changes.push({ file: newFile, text: own?.text ?? ownText, previous: undefined });
    applyFileChanges(root, changes, [{ file: oldFile, previous: ownText }]);
  };
  return { oldFile, newFile, plan, apply };
}

export { FileTransactionError };
