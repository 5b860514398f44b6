/**
 * A registry of kind definitions and the questions everything else asks it: which kind a folder or
 * an ID names, whether a status is open, which references a kind makes. Built from a list, so a test
 * can register a kind of its own next to the real ones.
 */
import type { AnyKindDefinition, RelationSpec } from './definition.ts';

/** A relation as the rest of the code sees it: the holder's kind added to the declaration. */
export interface RelationField<K extends string = string> extends RelationSpec {
  /** The kind holding the reference. */
  from: K;
  to: K;
}

export interface KindRegistry<K extends string = string> {
  /** Every kind, in the order the definitions were given (the order of menus and tables). */
  readonly kinds: readonly K[];
  readonly definitions: readonly AnyKindDefinition[];
  /** The definition of a kind; throws for a kind nobody registered (a bug, never user data). */
  get(kind: K): AnyKindDefinition;
  kindOfFolder(folder: string): K | undefined;
  /** The kind an ID's prefix names, whether or not the rest is well formed. */
  kindOfId(id: string): K | undefined;
  /** Every reference field of every kind, in definition order. */
  readonly relations: readonly RelationField<K>[];
  relationsFrom(kind: string): readonly RelationField<K>[];
}

export function buildRegistry<K extends string>(definitions: ReadonlyArray<AnyKindDefinition & { kind: K }>): KindRegistry<K> {
  const byKind = new Map<string, AnyKindDefinition>();
  const byFolder = new Map<string, K>();
  for (const def of definitions) {
    if (byKind.has(def.kind)) throw new Error(`kind ${def.kind} is defined twice`);
    if (byFolder.has(def.folder)) throw new Error(`kinds ${byFolder.get(def.folder)!} and ${def.kind} share the folder ${def.folder}`);
    // Upper-case letters and one dash: then no prefix is the start of another in any case, which
    // the file listing relies on (io/layout.ts roleOf).
    if (!/^[A-Z]+-$/.test(def.prefix)) throw new Error(`kind ${def.kind}: the prefix ${def.prefix} is not upper-case letters and a dash`);
    if (definitions.some((other) => other !== def && other.prefix === def.prefix)) throw new Error(`kind ${def.kind} shares the prefix ${def.prefix}`);
    byKind.set(def.kind, def);
    byFolder.set(def.folder, def.kind);
  }
  // A longer prefix first, so a kind whose prefix extends another's (CI- and CIX-) is found.
  const byPrefix = [...definitions].sort((a, b) => b.prefix.length - a.prefix.length);
  const relations = definitions.flatMap((def) =>
    def.relations.map((r): RelationField<K> => {
      if (!byKind.has(r.to)) throw new Error(`${def.kind}.${r.field} refers to unknown kind ${r.to}`);
      return { from: def.kind, ...r, to: r.to as K };
    }),
  );
  const relationsByKind = new Map<string, RelationField<K>[]>();
  for (const rel of relations) relationsByKind.set(rel.from, [...(relationsByKind.get(rel.from) ?? []), rel]);
  return {
    kinds: definitions.map((d) => d.kind),
    definitions,
    get(kind) {
      const def = byKind.get(kind);
      if (!def) throw new Error(`unknown kind ${kind}`);
      return def;
    },
    kindOfFolder: (folder) => byFolder.get(folder),
    kindOfId: (id) => byPrefix.find((d) => id.startsWith(d.prefix))?.kind,
    relations,
    relationsFrom: (kind) => relationsByKind.get(kind) ?? [],
  };
}
