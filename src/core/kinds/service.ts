import type { Service } from '../model.ts';
import { defineKind, IN_USE_OR_RETIRED, slugId } from './definition.ts';
import { Findings, type RecordRules } from './rule-kit.ts';

const serviceRules: RecordRules<Service> = (d, ctx) => {
  const f = new Findings(ctx.file);
  const calendars = ctx.policies.calendars?.calendars;
  if (d.support_calendar !== undefined && calendars && !calendars.some((c) => c.id === d.support_calendar)) {
    f.add(
      'ref/unknown-calendar',
      '/support_calendar',
      `Calendar "${d.support_calendar}" is not defined.`,
      `Use one of the calendars in content/policies/calendars.yaml: ${calendars.map((c) => c.id).join(', ')}.`,
    );
  }
  const policies = ctx.policies.sla?.policies;
  if (d.sla_policy !== undefined && policies && !policies.some((p) => p.id === d.sla_policy)) {
    f.add(
      'ref/unknown-sla-policy',
      '/sla_policy',
      `SLA policy "${d.sla_policy}" is not defined.`,
      `Use one of the policies in content/policies/sla.yaml: ${policies.map((p) => p.id).join(', ')}.`,
    );
  }
  const seen = new Set<string>();
  (d.offerings ?? []).forEach((o, i) => {
    if (seen.has(o.id)) f.add('service/duplicate-offering', `/offerings/${i}/id`, `Offering "${o.id}" is listed twice.`, 'Give each offering its own id.');
    seen.add(o.id);
  });
  return f.list;
};

export const service = defineKind<Service>()({
  kind: 'service',
  prefix: 'SVC-',
  folder: 'services',
  label: 'service',
  plural: 'services',
  numbered: false,
  schema: 'service',
  idPattern: slugId('SVC-'),
  lifecycle: IN_USE_OR_RETIRED,
  milestones: {},
  identity: ['name', 'owner'],
  columns: [
    { key: 'name', label: 'Name', value: { from: 'name' } },
    { key: 'status', label: 'Status', facet: true, value: { from: 'label', field: 'status' } },
    { key: 'tier', label: 'Tier', facet: true, value: { from: 'label', field: 'tier' } },
    { key: 'team', label: 'Owner', facet: true, value: { from: 'ref', field: 'owner' } },
    { key: 'support_calendar', label: 'Support calendar', value: { from: 'text', field: 'support_calendar' } },
  ],
  relations: [
    { field: 'owner', to: 'team', many: false, label: 'owned by', inverse: 'owns services' },
    { field: 'cis', to: 'ci', many: true, label: 'built from', inverse: 'part of services' },
    { field: 'depends_on', to: 'service', many: true, label: 'depends on', inverse: 'needed by services', acyclic: true },
  ],
  rules: serviceRules,
});
