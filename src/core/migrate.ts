/**
 * Migrations between releases, decided without touching the disk: which renamed fields a workspace
 * still uses, and the records rewritten (only the key's characters change; see record-writer.ts).
 */
import type { Kind } from './ids.ts';
import { applyEdits, frontMatterBounds, keyRenameEdits } from './record-writer.ts';

/** One renamed top-level field of a kind, from the release `since` on. */
export interface FieldRename {
  since: string;
  kind: Kind;
  from: string;
  to: string;
  /** Why, for the people reading `itsm upgrade-check`. */
  why?: string;
}

/** Orders release versions (major.minor.patch; a pre-release sorts before its release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.replace(/^v/, '').split('-', 2);
    return { parts: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if ((x.parts[i] ?? 0) !== (y.parts[i] ?? 0)) return (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/** The renames made after release `from` (all of them without one), up to and including `to`. */
export function renamesBetween(table: readonly FieldRename[], from: string | undefined, to: string): FieldRename[] {
  return table.filter((r) => (from === undefined || compareVersions(r.since, from) > 0) && compareVersions(r.since, to) <= 0);
}

export interface RecordText {
  file: string;
  kind: Kind;
  text: string;
}

export interface MigrationPlan {
  /** Rewritten records: file -> new text. */
  rewritten: Map<string, string>;
  /** What changed, per file and field. */
  changes: Array<{ file: string; from: string; to: string }>;
  /** Records that have both the old and the new name: left alone, for a person to merge. */
  clashes: Array<{ file: string; from: string; to: string }>;
}

/** Applies the renames to the records of their kinds; renames chain in table order (a -> b, then b -> c). */
export function planMigration(records: Iterable<RecordText>, renames: readonly FieldRename[]): MigrationPlan {
  const plan: MigrationPlan = { rewritten: new Map(), changes: [], clashes: [] };
  for (const record of records) {
    let text = record.text;
    for (const r of renames) {
      if (r.kind !== record.kind) continue;
      const bounds = frontMatterBounds(text);
      if (!bounds) break;
      const keys = topLevelKeys(bounds.yaml);
      if (!keys.has(r.from)) continue;
      if (keys.has(r.to)) {
        plan.clashes.push({ file: record.file, from: r.from, to: r.to });
        continue;
      }
      const edits = keyRenameEdits(bounds.yaml, { [r.from]: r.to }).map((e) => ({ ...e, start: e.start + bounds.yamlStart, end: e.end + bounds.yamlStart }));
      text = applyEdits(text, edits);
      plan.changes.push({ file: record.file, from: r.from, to: r.to });
    }
    if (text !== record.text) plan.rewritten.set(record.file, text);
  }
  return plan;
}

/** Top-level keys of front matter, read from the lines that start a key (enough to decide what to rename). */
function topLevelKeys(yaml: string): Set<string> {
  const keys = new Set<string>();
  for (const m of yaml.matchAll(/^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:/gm)) keys.add(m[2]!);
  return keys;
}
