import type { Service } from '../model.ts';
import { Findings, type RecordRules } from './rule-kit.ts';

export const serviceRules: RecordRules<Service> = (d, ctx) => {
  const f = new Findings(ctx.file);
  const calendars = ctx.policies.calendars?.calendars;
  if (d.support_calendar !== undefined && calendars && !calendars.some((c) => c.id === d.support_calendar)) {
    f.add('ref/unknown-calendar', '/support_calendar', `Calendar "${d.support_calendar}" is not defined.`, `Use one of the calendars in content/policies/calendars.yaml: ${calendars.map((c) => c.id).join(', ')}.`);
  }
  const policies = ctx.policies.sla?.policies;
  if (d.sla_policy !== undefined && policies && !policies.some((p) => p.id === d.sla_policy)) {
    f.add('ref/unknown-sla-policy', '/sla_policy', `SLA policy "${d.sla_policy}" is not defined.`, `Use one of the policies in content/policies/sla.yaml: ${policies.map((p) => p.id).join(', ')}.`);
  }
  const seen = new Set<string>();
  (d.offerings ?? []).forEach((o, i) => {
    if (seen.has(o.id)) f.add('service/duplicate-offering', `/offerings/${i}/id`, `Offering "${o.id}" is listed twice.`, 'Give each offering its own id.');
    seen.add(o.id);
  });
  return f.list;
};
