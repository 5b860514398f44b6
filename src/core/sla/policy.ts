/**
 * Which SLA policy and calendar apply to a record, and why. The order, from sla.yaml's own rules:
 *   1. the policy the record's service names in `sla_policy`, if it covers the record;
 *   2. the first policy (in file order) whose `applies_to.services` names the record's service;
 *   3. the first general policy (no `services`) for the record's kind.
 * A policy covers a record when the kind matches, `priorities` (if given) includes the record's
 * priority, and it has a target for that priority.
 */
import type { Service, SlaPolicy } from '../model.ts';
import type { SlaKind } from './types.ts';

export interface PolicySubject {
  kind: SlaKind;
  priority: string;
  service: string | undefined;
}

export type PolicyChoice = { policy: SlaPolicy; reason: string } | { policy: null; reason: string };

/** The policy for a record, with the reason in words; policy null when none applies. */
export function selectPolicy(subject: PolicySubject, policies: readonly SlaPolicy[], service: Service | undefined): PolicyChoice {
  const { kind, priority } = subject;
  const notes: string[] = [];
  if (service?.sla_policy) {
    const named = policies.find((p) => p.id === service.sla_policy);
    if (!named) notes.push(`${service.id} names sla_policy ${service.sla_policy}, which sla.yaml does not define`);
    else if (covers(named, subject)) return { policy: named, reason: `${service.id} names policy ${named.id} in sla_policy` };
    else notes.push(`${service.id}'s sla_policy ${named.id} does not cover ${kind} ${priority}`);
  }
  const candidates = policies.filter((p) => covers(p, subject));
  const forService = subject.service ? candidates.find((p) => p.applies_to.services?.includes(subject.service!)) : undefined;
  if (forService)
    return { policy: forService, reason: withNotes(`policy ${forService.id} names ${subject.service} (a policy naming the service wins)`, notes) };
  const general = candidates.find((p) => !p.applies_to.services || p.applies_to.services.length === 0);
  if (general) return { policy: general, reason: withNotes(`first general ${kind} policy with a ${priority} target`, notes) };
  return {
    policy: null,
    reason: withNotes(`no policy in sla.yaml covers ${kind}s of priority ${priority}${subject.service ? ` on ${subject.service}` : ''}`, notes),
  };
}

function covers(policy: SlaPolicy, subject: PolicySubject): boolean {
  const a = policy.applies_to;
  if (a.kind !== subject.kind) return false;
  if (a.priorities && !a.priorities.includes(subject.priority as never)) return false;
  if (a.services && a.services.length > 0 && (!subject.service || !a.services.includes(subject.service))) return false;
  const target = policy.targets[subject.priority];
  return Boolean(target && (target.response || target.resolution));
}

function withNotes(reason: string, notes: string[]): string {
  return notes.length ? `${reason}; ${notes.join('; ')}` : reason;
}

export type CalendarChoice = { calendar: string; reason: string } | { calendar: null; reason: string };

/** The calendar a policy uses for a record: its own, or with `calendar: service` the service's support calendar. */
export function selectCalendar(policy: SlaPolicy, service: Service | undefined, serviceId: string | undefined): CalendarChoice {
  if (policy.calendar !== 'service') return { calendar: policy.calendar, reason: `calendar ${policy.calendar} from the policy` };
  if (service?.support_calendar)
    return { calendar: service.support_calendar, reason: `calendar ${service.support_calendar} is ${service.id}'s support calendar` };
  return {
    calendar: null,
    reason: serviceId
      ? `policy ${policy.id} counts on the service's support calendar, but ${serviceId} ${service ? 'has no support_calendar' : 'is not a known service'}`
      : `policy ${policy.id} counts on the service's support calendar, but the record names no service`,
  };
}
