import type { ConfigurationItem } from '../model.ts';
import { Findings, type RecordRules } from './rule-kit.ts';

export const ciRules: RecordRules<ConfigurationItem> = (d, ctx) => {
  const f = new Findings(ctx.file);
  for (const field of ['depends_on', 'runs_on', 'connects_to'] as const) {
    (d[field] ?? []).forEach((id, i) => {
      if (id === d.id) f.add('cmdb/self-relation', `/${field}/${i}`, `The item names itself in \`${field}\`.`, 'Remove it: an item cannot relate to itself.');
    });
  }
  return f.list;
};
