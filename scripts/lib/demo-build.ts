/**
 * Builds the demo's seeded volume against the committed hand-written records: what the generator
 * would write, file by file, without writing anything (so a test can compare it with content/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { pathOf, readContent, readManifest, render, renderManifest, type Out } from './demo-content.ts';
import { checkDemo } from './demo-support.ts';
import { generateVolume, orgOf, type Org, type VolumeOptions } from './demo-volume.ts';

/** The volume of the committed demo. Changing one of these changes the generated records. */
export const DEFAULTS = { seed: 20261126, incidents: 130, requests: 40 };

/** The generator's list of the files it owns, next to the generator (not in content/, which is the demo). */
export const manifestPath = (root: string): string => join(root, 'scripts', 'demo-volume.txt');

export interface Build {
  /** Rendered files by path relative to content/. */
  files: Map<string, string>;
  /** The manifest's new text. */
  manifest: string;
  /** The files the previous run wrote, to be replaced. */
  previous: string[];
}

export function buildDemo(root: string, volume: Omit<VolumeOptions, 'taken'> = DEFAULTS): Build {
  const content = join(root, 'content');
  const previous = readManifest(manifestPath(root));
  const owned = new Set(previous);
  const handWritten = [...readContent(content)].filter(([path]) => !owned.has(path)).map(([, r]) => r);
  const matrix = (load(readFileSync(join(content, 'policies', 'priority-matrix.yaml'), 'utf8')) as { matrix: Org['matrix'] }).matrix;
  const records: Out[] = generateVolume(orgOf(handWritten, matrix), { ...volume, taken: takenNumbers(handWritten) });
  checkDemo([...handWritten, ...records]);
  const files = new Map(records.map((r) => [pathOf(r), render(r)]));
  return { files, manifest: renderManifest([...files.keys()]), previous };
}

/** Numbers of hand-written incidents and requests, which the volume leaves to them. */
function takenNumbers(records: Out[]): Map<string, Set<number>> {
  const taken = new Map<string, Set<number>>();
  for (const r of records) {
    const m = /^(INC|REQ)-(\d+)$/.exec(r.id);
    if (!m) continue;
    const set = taken.get(m[1]!) ?? new Set<number>();
    set.add(Number(m[2]));
    taken.set(m[1]!, set);
  }
  return taken;
}
