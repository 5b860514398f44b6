/**
 * `itsm editor-settings` behind the command: the editor settings of a workspace (core/editor-settings.ts)
 * from its own schemas (the package's, with the workspace's overrides merged in), compared with the
 * files on disk and, unless only checking, written.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { editorFiles, editorSettings } from '../core/editor-settings.ts';
import { REGISTRY } from '../core/kinds/index.ts';
import { installedSchemaPath } from '../core/starter.ts';
import { applyFileChanges, type FileChange } from './file-transaction.ts';
import { isPackageRoot } from './package-root.ts';
import { readTextNoFollow, symlinkOnPath, UnsafePathError } from './safe-fs.ts';
import { workspaceSchemas } from './schema-overrides.ts';

/** Where the YAML extension finds the policy schemas: this repository's own schemas/, or the installed package's. */
function schemaPathFor(root: string): (name: string) => string {
  return isPackageRoot(root) ? (name) => `./schemas/${name}.schema.json` : installedSchemaPath;
}

/** The editor files as they should be in the workspace at `root`, by path, and the problems of its schema overrides (not applied). */
export function expectedEditorFiles(root: string): { files: Record<string, string>; diagnostics: Diagnostic[] } {
  const { documents, diagnostics } = workspaceSchemas(root);
  return { files: editorFiles(editorSettings(REGISTRY, documents, schemaPathFor(root))), diagnostics };
}

export interface EditorSettingsOutcome {
  /** The files that were not current (written, unless only checking). */
  stale: string[];
  diagnostics: Diagnostic[];
}

/** Compares the editor files with the expected ones and, unless `check`, writes the stale ones (all or none). */
export function syncEditorSettings(root: string, check: boolean): EditorSettingsOutcome {
  const { files, diagnostics } = expectedEditorFiles(root);
  const changes: FileChange[] = [];
  for (const [file, text] of Object.entries(files)) {
    const current = readTextNoFollow(root, file);
    if (typeof current === 'object')
      throw new UnsafePathError(`${file} is or passes through a symlink (${current.symlink}); itsm does not follow links in a workspace.`);
    if (current !== text) changes.push({ file, text, previous: current });
  }
  if (!check && changes.length) {
    for (const { file } of changes) {
      const link = symlinkOnPath(root, dirname(file));
      if (link) throw new UnsafePathError(`${file}: ${link} is a symlink; itsm does not follow links in a workspace.`);
      mkdirSync(join(root, dirname(file)), { recursive: true });
    }
    applyFileChanges(root, changes, []);
  }
  return { stale: changes.map((c) => c.file), diagnostics };
}
