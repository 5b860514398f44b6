/**
 * Runs the whole validator (the one `itsm validate` runs, on one thread, without the cache) on the
 * minimal valid workspace with a few files changed, and lists what it reports as "rule file", so a
 * rule test shows exactly what one change produces and nothing else.
 */
import { rmSync } from 'node:fs';
import { validateOnDisk } from '../../../src/io/validate-run.ts';
import { minimalWorkspace } from '../../helpers/fixtures.ts';
import { makeWorkspace, record } from '../../helpers/workspace.ts';

export { record };

/** `changes` replaces files of the minimal workspace (null removes one). */
export async function produced(changes: Record<string, string | null>): Promise<string[]> {
  const files: Record<string, string> = minimalWorkspace();
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) delete files[path];
    else files[path] = text;
  }
  const dir = makeWorkspace(files, 'itsm-rules-');
  try {
    const { diagnostics } = await validateOnDisk(dir, { cache: false, workers: 0 });
    return diagnostics.map((d) => `${d.rule} ${d.file}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
