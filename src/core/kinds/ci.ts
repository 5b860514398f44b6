import type { ConfigurationItem } from '../model.ts';
import { defineKind, slugId } from './definition.ts';
import { Findings, type RecordRules } from './rule-kit.ts';

const ciRules: RecordRules<ConfigurationItem> = (d, ctx) => {
  const f = new Findings(ctx.file);
  for (const field of ['depends_on', 'runs_on', 'connects_to'] as const) {
    (d[field] ?? []).forEach((id, i) => {
      if (id === d.id) f.add('cmdb/self-relation', `/${field}/${i}`, `The item names itself in \`${field}\`.`, 'Remove it: an item cannot relate to itself.');
    });
  }
  return f.list;
};

export const ci = defineKind<ConfigurationItem>()({
  kind: 'ci',
  prefix: 'CI-',
  folder: 'cis',
  label: 'configuration item',
  plural: 'configuration items',
  numbered: false,
  schema: 'ci',
  idPattern: slugId('CI-'),
  lifecycle: {
    statuses: ['planned', 'active', 'maintenance', 'retired'],
    initial: 'planned',
    // An item is in use or not; there is no work in flight to be open or done.
    open: [],
    done: [],
    transitions: {
      planned: ['active', 'retired'],
      active: ['maintenance', 'retired'],
      maintenance: ['active', 'retired'],
      retired: ['active'],
    },
    locked: [],
    retire: 'retired',
  },
  milestones: {},
  identity: ['name', 'type'],
  columns: [
    { key: 'name', label: 'Name', value: { from: 'name' } },
    { key: 'type', label: 'Type', facet: true, value: { from: 'label', field: 'type' } },
    { key: 'environment', label: 'Environment', facet: true, value: { from: 'label', field: 'environment' } },
    { key: 'status', label: 'Status', facet: true, value: { from: 'label', field: 'status' } },
    { key: 'team', label: 'Owner', facet: true, value: { from: 'ref', field: 'owner' } },
  ],
  relations: [
    { field: 'owner', to: 'team', many: false, label: 'owned by', inverse: 'owns CIs' },
    { field: 'depends_on', to: 'ci', many: true, label: 'depends on', inverse: 'required by', acyclic: true },
    { field: 'runs_on', to: 'ci', many: true, label: 'runs on', inverse: 'hosts', acyclic: true },
    { field: 'connects_to', to: 'ci', many: true, label: 'connects to', inverse: 'connected from' },
  ],
  rules: ciRules,
});
