/** The people a record names, read from its kind's person fields and its timeline. */
import type { AnyKindDefinition } from '../kinds/definition.ts';

export interface PersonRef {
  /** Where the name is written, as a JSON pointer (kept small: every record's facts are cached). */
  pointer: string;
  handle: string;
  /** A contact field: an external contact may be written as {name, email} instead. */
  contact?: true;
  /** The team the person must belong to. */
  team?: string;
}

export function personRefs(def: AnyKindDefinition, data: Record<string, unknown>): PersonRef[] {
  const out: PersonRef[] = [];
  for (const p of def.people ?? []) {
    const value = data[p.field];
    if (typeof value !== 'string') continue; // an external contact object names nobody in the team files
    const team = p.memberOf === undefined ? undefined : data[p.memberOf];
    out.push({
      pointer: `/${p.field}`,
      handle: value,
      ...(p.contact && { contact: true as const }),
      ...(typeof team === 'string' && { team }),
    });
  }
  const timeline = Array.isArray(data.timeline) ? (data.timeline as Array<Record<string, unknown>>) : [];
  timeline.forEach((entry, i) => {
    for (const field of ['by', 'assignee']) {
      const value = entry[field];
      if (typeof value === 'string') out.push({ pointer: `/timeline/${i}/${field}`, handle: value });
    }
  });
  return out;
}

/** The field a pointer names, for messages: "`assignee`", "timeline entry 3's `by`". */
export function personFieldLabel(pointer: string): string {
  const entry = /^\/timeline\/(\d+)\/(\w+)$/.exec(pointer);
  return entry ? `timeline entry ${Number(entry[1]) + 1}'s \`${entry[2]}\`` : `\`${pointer.slice(1)}\``;
}
