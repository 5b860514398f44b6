import type { Release } from '../model.ts';
import { defineKind, slugId } from './definition.ts';
import { Findings, type RecordRules } from './rule-kit.ts';

const releaseRules: RecordRules<Release> = (d, ctx) => {
  const f = new Findings(ctx.file);
  f.need(d.status === 'released', d, 'released_at', 'lifecycle/released-at', 'once the release is released', 'Add `released_at` with the time it shipped.');
  return f.list;
};

export const release = defineKind<Release>()({
  kind: 'release',
  prefix: 'REL-',
  folder: 'releases',
  label: 'release',
  plural: 'releases',
  numbered: false,
  schema: 'release',
  idPattern: slugId('REL-'),
  lifecycle: {
    statuses: ['planned', 'in_progress', 'released', 'cancelled'],
    initial: 'planned',
    open: ['planned', 'in_progress'],
    done: ['released'],
    transitions: {
      planned: ['in_progress', 'cancelled'],
      in_progress: ['released', 'planned', 'cancelled'],
      released: [],
      cancelled: ['planned'],
    },
    locked: ['cancelled'],
    retire: 'cancelled',
  },
  milestones: { released: 'released_at' },
  identity: ['title', 'target_date'],
  columns: [
    { key: 'title', label: 'Title', value: { from: 'name' } },
    { key: 'status', label: 'Status', facet: true, value: { from: 'label', field: 'status' } },
    { key: 'target_date', label: 'Target date', value: { from: 'time', field: 'target_date' } },
    { key: 'team', label: 'Team', facet: true, value: { from: 'ref', field: 'team' } },
  ],
  relations: [
    { field: 'changes', to: 'change', many: true, label: 'contains', inverse: 'released in' },
    { field: 'services', to: 'service', many: true, label: 'affects service', inverse: 'releases' },
    { field: 'team', to: 'team', many: false, label: 'shipped by', inverse: 'releases' },
  ],
  rules: releaseRules,
});
