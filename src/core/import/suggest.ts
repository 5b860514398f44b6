/** What the import makes of a value today, for a suggested mapping file (--suggest-map). Pure. */
import { newDraft, type MapContext, type TableMap } from './map.ts';
import { EMPTY_MAPPING, type Section } from './mapping-file.ts';

/** Today's reading of `value` in a mapping section: a match by name, the default state mapping, a slug. */
export function guessMapping(section: Section, value: string, map: TableMap, ctx: MapContext): string | undefined {
  const key = value.trim().toLowerCase();
  switch (section) {
    case 'groups':
      return ctx.lookups.team.get(key);
    case 'users':
      return ctx.lookups.person.get(key);
    case 'cis':
      return ctx.lookups.ci.get(key);
    case 'services':
      return ctx.lookups.service.get(key);
    case 'locations':
      return value.trim();
    case 'categories':
    case 'close_codes':
    case 'states': {
      // Read the value the way the map's own column does, without any mapping file.
      const target = section === 'states' ? 'status' : section === 'categories' ? 'category' : 'close_code';
      const setter = Object.values(map.columns).find((s) => s.target === target);
      if (!setter) return undefined;
      const d = newDraft(map.kind);
      setter(value, d, { ...ctx, mapping: EMPTY_MAPPING }, target);
      return typeof d.data[target] === 'string' ? d.data[target] : undefined;
    }
  }
}
