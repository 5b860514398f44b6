/**
 * Where an imported or taken-in record came from: the `source` field ({system, id, url?}), and
 * how "this one is already here" is decided from it. Pure.
 */
import type { Source } from '../generated/schema-types.ts';
import { tagOf } from './convert.ts';

export type SourceSystem = Source['system'];

const SYSTEMS: readonly SourceSystem[] = ['servicenow', 'jira', 'github-issue'];

/**
 * One comparable key per source item, e.g. "servicenow-inc0010001", "github-issue-42". It is
 * spelled like the tags records carried before the `source` field existed, so both forms compare.
 */
export function sourceKey(system: SourceSystem, id: string): string {
  return `${system}-${tagOf(id)}`;
}

/**
 * The source keys a record's front matter claims: its `source` field, and (read-only
 * compatibility) a tag like `servicenow-inc0010001`, `jira-itsm-101` or `github-issue-42`, which
 * is how records imported or taken in before the field existed were marked. New records never get
 * such a tag; this only keeps a second run from importing those older records again.
 */
export function sourceKeysOf(data: unknown): string[] {
  if (!data || typeof data !== 'object') return [];
  const { source, tags } = data as { source?: unknown; tags?: unknown };
  const keys: string[] = [];
  if (source && typeof source === 'object') {
    const { system, id } = source as { system?: unknown; id?: unknown };
    if (SYSTEMS.includes(system as SourceSystem) && (typeof id === 'string' || typeof id === 'number') && String(id) !== '')
      keys.push(sourceKey(system as SourceSystem, String(id)));
  }
  if (Array.isArray(tags)) {
    for (const tag of tags) if (typeof tag === 'string' && SYSTEMS.some((s) => tag.startsWith(`${s}-`) && tag.length > s.length + 1)) keys.push(tag);
  }
  return keys;
}
