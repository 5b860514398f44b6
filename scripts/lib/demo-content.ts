/**
 * The demo generator's file side: reading the committed records (the hand-written ones are the
 * source of truth), knowing which files the generator owns, and rendering its own records.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, dump, load } from 'js-yaml';

export type Data = Record<string, unknown>;

/** A record as the generator sees it: its folder under content/, ID, front matter and body. */
export interface Out {
  folder: string;
  id: string;
  data: Data;
  body: string;
}

/** The folders of content/ that hold demo records (content/policies/ is not part of the demo). */
const FOLDERS = ['services', 'cis', 'incidents', 'problems', 'changes', 'requests', 'releases', 'kb', 'teams'];

/** Every record in the demo folders, keyed by its path relative to content/ (e.g. `incidents/INC-0001.md`). */
export function readContent(content: string): Map<string, Out> {
  const out = new Map<string, Out>();
  for (const folder of FOLDERS) {
    const dir = join(content, folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()) {
      const text = readFileSync(join(dir, file), 'utf8');
      const m = /^---\n([\s\S]*?)\n---\n\n?([\s\S]*)$/.exec(text);
      if (!m) throw new Error(`${folder}/${file}: no front matter`);
      const { id, ...data } = load(m[1]!, { schema: CORE_SCHEMA }) as Data;
      out.set(`${folder}/${file}`, { folder, id: String(id), data, body: m[2]! });
    }
  }
  return out;
}

/** The files the generator wrote last time, one path relative to content/ a line. */
export function readManifest(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

export function renderManifest(paths: string[]): string {
  return `${[...paths].sort().join('\n')}\n`;
}

export const pathOf = (o: Out): string => `${o.folder}/${o.id}.md`;

/** A record file exactly as the generator writes it (js-yaml keeps the key order of `data`). */
export function render(o: Out): string {
  const yaml = dump({ id: o.id, ...o.data }, { schema: CORE_SCHEMA, lineWidth: -1, noRefs: true });
  return `---\n${yaml}---\n\n${o.body.trim()}\n`;
}
