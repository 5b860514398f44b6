/**
 * Every reference field of every kind, declared once with its inverse in the kind's definition, so
 * "related records both ways" is computed (site, impact analysis) and reference integrity is checked
 * from one table.
 */
import { REGISTRY, type Kind } from './kinds/index.ts';
import type { KindRegistry, RelationField as AnyRelationField } from './kinds/registry.ts';

/** A reference field between two registered kinds. */
export type RelationField<K extends string = Kind> = AnyRelationField<K>;

export const RELATIONS: readonly RelationField[] = REGISTRY.relations;

/** The reference fields a kind declares; `registry` for kinds beyond the built-in ones (tests). */
export function relationsFrom<K extends string = Kind>(kind: string, registry?: KindRegistry<K>): readonly RelationField<K>[] {
  return (registry ?? (REGISTRY as unknown as KindRegistry<K>)).relationsFrom(kind);
}

/** One outgoing reference found in a record. */
export interface Reference<K extends string = Kind> {
  relation: RelationField<K>;
  target: string;
  /** JSON pointer of the value in the front matter, e.g. /cis/2. */
  pointer: string;
}

/** The references a record's front matter makes, in field order. */
export function referencesOf<K extends string = Kind>(kind: string, data: Record<string, unknown>, registry?: KindRegistry<K>): Reference<K>[] {
  const out: Reference<K>[] = [];
  for (const relation of relationsFrom(kind, registry)) {
    // A plain field (most are) is read directly: this runs for every record of the workspace.
    if (!relation.field.includes('.')) {
      const value = data[relation.field];
      if (typeof value === 'string') out.push({ relation, target: value, pointer: `/${relation.field}` });
      else if (Array.isArray(value)) value.forEach((v, i) => typeof v === 'string' && out.push({ relation, target: v, pointer: `/${relation.field}/${i}` }));
      continue;
    }
    for (const { value, pointer } of valuesAt(data, relation.field)) {
      if (typeof value === 'string') out.push({ relation, target: value, pointer });
      else if (Array.isArray(value)) value.forEach((v, i) => typeof v === 'string' && out.push({ relation, target: v, pointer: `${pointer}/${i}` }));
    }
  }
  return out;
}

/** The top-level front-matter field a relation's field lives in (`pir` for `pir.actions.problem`). */
export function topField(field: string): string {
  const dot = field.indexOf('.');
  return dot < 0 ? field : field.slice(0, dot);
}

/**
 * The values a field names, with their JSON pointers: a plain field, or a dotted path that walks
 * into objects and through every item of a list (`pir.actions.problem`: each action's problem).
 */
export function valuesAt(data: Record<string, unknown>, field: string): Array<{ value: unknown; pointer: string }> {
  if (!field.includes('.')) return data[field] === undefined ? [] : [{ value: data[field], pointer: `/${field}` }];
  // Most records have no value at the path's first step (no `pir`): nothing to walk.
  if (data[topField(field)] === undefined) return [];
  let level: Array<{ value: unknown; pointer: string }> = [{ value: data, pointer: '' }];
  for (const key of field.split('.')) {
    const next: typeof level = [];
    const step = (holder: unknown, pointer: string) => {
      const value = holder !== null && typeof holder === 'object' && !Array.isArray(holder) ? (holder as Record<string, unknown>)[key] : undefined;
      if (value !== undefined) next.push({ value, pointer: `${pointer}/${key}` });
    };
    for (const { value, pointer } of level) {
      if (Array.isArray(value)) value.forEach((item, i) => step(item, `${pointer}/${i}`));
      else step(value, pointer);
    }
    level = next;
  }
  return level;
}

export interface Link {
  /** The other record's ID. */
  id: string;
  /** Label from the record's own side. */
  label: string;
  direction: 'out' | 'in';
}

/** All related records of every record, both ways, computed from the relation table. */
export function linkIndex(records: ReadonlyArray<{ kind: string; id: string; data: object }>, registry?: KindRegistry): Map<string, Link[]> {
  const links = new Map<string, Link[]>();
  const add = (id: string, link: Link) => {
    const list = links.get(id);
    if (list) list.push(link);
    else links.set(id, [link]);
  };
  const known = new Set(records.map((rec) => rec.id));
  for (const rec of records) {
    for (const ref of referencesOf(rec.kind, rec.data as Record<string, unknown>, registry)) {
      if (!known.has(ref.target)) continue;
      add(rec.id, { id: ref.target, label: ref.relation.label, direction: 'out' });
      add(ref.target, { id: rec.id, label: ref.relation.inverse, direction: 'in' });
    }
  }
  return links;
}
