/**
 * Renumbering as edits: every reference to the old ID (front-matter reference fields of every
 * record, policy files, itsm.yaml) rewritten in place, so only the characters of each ID change and
 * comments, key order, quoting and bodies stay byte for byte. Pure: texts in, new texts out.
 */
import type { Kind } from './ids.ts';
import { relationsFrom } from './relations.ts';
import { applyEdits, frontMatterBounds, scalarEdits, type TextEdit, type YamlPath } from './record-writer.ts';

/** What a workspace file is, as far as renumbering cares (io/layout.ts roleOf gives it). */
export type FileRole = { role: 'record'; kind: Kind } | { role: 'policy' | 'ignored' | 'stray' };

export interface RenumberPlan {
  /** Files whose text changes, with the new text and how many IDs were rewritten. */
  changes: Array<{ file: string; text: string; count: number }>;
  /** Record files whose body mentions the old ID (left alone). */
  bodyMentions: string[];
  /** Files whose YAML cannot be parsed, so references in them could be missed. */
  unreadable: string[];
}

/** Every edit renumbering makes, computed before anything is written. */
export function planRenumber(
  texts: ReadonlyMap<string, string>,
  kind: Kind,
  from: string,
  to: string,
  ownFile: string,
  roleOf: (file: string) => FileRole,
): RenumberPlan {
  const plan: RenumberPlan = { changes: [], bodyMentions: [], unreadable: [] };
  const mention = new RegExp(`(^|[^A-Za-z0-9-])${from.replace(/[-]/g, '\\-')}(?![A-Za-z0-9-])`);
  for (const [file, text] of texts) {
    const role = roleOf(file);
    let edits: TextEdit[];
    try {
      if (role.role === 'record') {
        const split = frontMatterBounds(text);
        if (!split) continue;
        const fields = referenceFields(role.kind, kind);
        const own = file === ownFile;
        const where = (path: YamlPath) => (own && path.length === 1 && path[0] === 'id') || fields.has(fieldPath(path));
        edits = scalarEdits(split.yaml, from, to, where).map((e) => ({ ...e, start: e.start + split.yamlStart, end: e.end + split.yamlStart }));
        if (mention.test(text.slice(split.bodyStart))) plan.bodyMentions.push(file);
      } else if (role.role === 'policy' || file === 'itsm.yaml') {
        // Policy files name services and CIs in many places (windows, templates, SLA scopes): any value equal to the ID is one.
        edits = scalarEdits(text, from, to, () => true);
      } else continue;
    } catch {
      plan.unreadable.push(file);
      continue;
    }
    if (edits.length) plan.changes.push({ file, text: applyEdits(text, edits), count: edits.length });
  }
  return plan;
}

/** A value's place as a relation names it: `['pir', 'actions', 0, 'problem']` is `pir.actions.problem`, `['cis', 2]` is `cis`. */
function fieldPath(path: YamlPath): string {
  return path.filter((p) => typeof p === 'string').join('.');
}

/** The reference fields of records of kind `holder` that point at records of kind `target`. */
function referenceFields(holder: Kind, target: Kind): Set<string> {
  return new Set(
    relationsFrom(holder)
      .filter((r) => r.to === target)
      .map((r) => r.field),
  );
}
