/**
 * Every reference field of every kind, declared once with its inverse, so "related records both
 * ways" is computed (site, impact analysis) and reference integrity is checked from one table.
 */
import type { Kind } from './ids.ts';

export interface RelationField {
  /** The kind holding the reference. */
  from: Kind;
  /** Front-matter field (a string ID, or a list of IDs). */
  field: string;
  to: Kind;
  many: boolean;
  /** Label from the holder's side, e.g. "affects service". */
  label: string;
  /** Label from the referenced record's side, e.g. "incidents". */
  inverse: string;
  /** Relation whose cycles are refused (a CI cannot depend on itself through others). */
  acyclic?: boolean;
}

const r = (from: Kind, field: string, to: Kind, many: boolean, label: string, inverse: string, acyclic?: boolean): RelationField => ({ from, field, to, many, label, inverse, ...(acyclic ? { acyclic } : {}) });

export const RELATIONS: readonly RelationField[] = [
  r('service', 'owner', 'team', false, 'owned by', 'owns services'),
  r('service', 'cis', 'ci', true, 'built from', 'part of services'),
  r('service', 'depends_on', 'service', true, 'depends on', 'needed by services', true),
  r('ci', 'owner', 'team', false, 'owned by', 'owns CIs'),
  r('ci', 'depends_on', 'ci', true, 'depends on', 'required by', true),
  r('ci', 'runs_on', 'ci', true, 'runs on', 'hosts', true),
  r('ci', 'connects_to', 'ci', true, 'connects to', 'connected from'),
  r('incident', 'service', 'service', false, 'affects service', 'incidents'),
  r('incident', 'cis', 'ci', true, 'involves', 'incidents'),
  r('incident', 'team', 'team', false, 'assigned to', 'incidents'),
  r('incident', 'problem', 'problem', false, 'caused by problem', 'incidents'),
  r('incident', 'caused_by_change', 'change', false, 'caused by change', 'caused incidents'),
  r('incident', 'kb', 'kb', true, 'uses article', 'used by incidents'),
  r('problem', 'team', 'team', false, 'investigated by', 'problems'),
  r('problem', 'services', 'service', true, 'affects service', 'problems'),
  r('problem', 'incidents', 'incident', true, 'explains incidents', 'explained by problem'),
  r('problem', 'cis', 'ci', true, 'at fault', 'problems'),
  r('problem', 'fix_change', 'change', false, 'fixed by change', 'fixes problems'),
  r('change', 'team', 'team', false, 'implemented by', 'changes'),
  r('change', 'services', 'service', true, 'affects service', 'changes'),
  r('change', 'cis', 'ci', true, 'changes', 'changes'),
  r('change', 'release', 'release', false, 'ships in', 'changes'),
  r('request', 'service', 'service', false, 'asks service', 'requests'),
  r('request', 'team', 'team', false, 'fulfilled by', 'requests'),
  r('release', 'changes', 'change', true, 'contains', 'released in'),
  r('release', 'services', 'service', true, 'affects service', 'releases'),
  r('release', 'team', 'team', false, 'shipped by', 'releases'),
  r('kb', 'owner', 'team', false, 'owned by', 'owns articles'),
  r('kb', 'services', 'service', true, 'about service', 'articles'),
  r('kb', 'cis', 'ci', true, 'about', 'articles'),
  r('kb', 'problem', 'problem', false, 'documents problem', 'articles'),
];

const BY_KIND = new Map<Kind, RelationField[]>();
for (const rel of RELATIONS) {
  const list = BY_KIND.get(rel.from) ?? [];
  list.push(rel);
  BY_KIND.set(rel.from, list);
}

export function relationsFrom(kind: Kind): readonly RelationField[] {
  return BY_KIND.get(kind) ?? [];
}

/** One outgoing reference found in a record. */
export interface Reference {
  relation: RelationField;
  target: string;
  /** JSON pointer of the value in the front matter, e.g. /cis/2. */
  pointer: string;
}

/** The references a record's front matter makes, in field order. */
export function referencesOf(kind: Kind, data: Record<string, unknown>): Reference[] {
  const out: Reference[] = [];
  for (const relation of relationsFrom(kind)) {
    const value = data[relation.field];
    if (typeof value === 'string') out.push({ relation, target: value, pointer: `/${relation.field}` });
    else if (Array.isArray(value)) value.forEach((v, i) => typeof v === 'string' && out.push({ relation, target: v, pointer: `/${relation.field}/${i}` }));
  }
  return out;
}

export interface Link {
  /** The other record's ID. */
  id: string;
  /** Label from the record's own side. */
  label: string;
  direction: 'out' | 'in';
}

/** All related records of every record, both ways, computed from the relation table. */
export function linkIndex(records: ReadonlyArray<{ kind: Kind; id: string; data: object }>): Map<string, Link[]> {
  const links = new Map<string, Link[]>();
  const add = (id: string, link: Link) => {
    const list = links.get(id);
    if (list) list.push(link);
    else links.set(id, [link]);
  };
  const known = new Set(records.map((rec) => rec.id));
  for (const rec of records) {
    for (const ref of referencesOf(rec.kind, rec.data as Record<string, unknown>)) {
      if (!known.has(ref.target)) continue;
      add(rec.id, { id: ref.target, label: ref.relation.label, direction: 'out' });
      add(ref.target, { id: rec.id, label: ref.relation.inverse, direction: 'in' });
    }
  }
  return links;
}
