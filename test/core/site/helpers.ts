/** The site fixture loaded as a workspace in memory, for the page-data tests. */
import { loadWorkspaceFromFiles } from '../../../src/io/workspace.ts';
import type { Workspace } from '../../../src/core/model.ts';
import { fixtureFiles } from '../../site/fixture.ts';

export function fixtureWorkspace(edit: (files: Record<string, string>) => void = () => {}): Workspace {
  const files = fixtureFiles();
  edit(files);
  const loaded = loadWorkspaceFromFiles(new Map(Object.entries(files)));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error('fixture invalid: ' + errors.map((d) => `${d.file} ${d.message}`).join('; '));
  return loaded.workspace;
}
