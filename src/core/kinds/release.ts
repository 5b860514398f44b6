import type { Release } from '../model.ts';
import { Findings, type RecordRules } from './rule-kit.ts';

export const releaseRules: RecordRules<Release> = (d, ctx) => {
  const f = new Findings(ctx.file);
  f.need(d.status === 'released', d, 'released_at', 'lifecycle/released-at', 'once the release is released', 'Add `released_at` with the time it shipped.');
  return f.list;
};
