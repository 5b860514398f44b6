/**
 * The approvals a change needs, from the change policy, the teams and the services of the base commit.
 * Requirements come out as seats: `count` people from the named team(s).
 */
import type { Change, ChangePolicy, Team } from '../model.ts';
import { loginKey, loginsOf } from '../people.ts';
import type { DecisionInputs, ServiceInput } from './inputs.ts';
import { freezesHit } from './windows.ts';
import type { Role } from './types.ts';

type Requirement = { role: Role; count: number };

/** A requirement resolved to the people who may meet it. */
export interface Seats {
  role: Role;
  service?: string;
  teams: string[];
  /** Every login (loginKey) of the members who may fill the seats, other_logins included. */
  members: Set<string>;
  count: number;
  reason: string;
}

export interface Needs {
  seats: Seats[];
  /** Reasons no review can make the change acceptable as it stands (a policy gap, a bad template...). */
  blockers: string[];
}

/** The first rule covering the change's type and risk, as the policy says. */
export function ruleFor(change: Pick<Change, 'type' | 'risk'>, policy: ChangePolicy) {
  return policy.rules.find((r) => r.type === change.type && (!r.risk || r.risk.includes(change.risk)));
}

/** Every login (loginKey) of the active members of the given teams. */
function membersOf(teams: readonly Team[]): Set<string> {
  const out = new Set<string>();
  for (const t of teams) if (t.status === 'active') for (const m of t.members) for (const l of loginsOf(m)) out.add(loginKey(l));
  return out;
}

/**
 * Resolves requirements to seats. service-owner becomes one requirement per affected service, met by
 * that service's owner team: every affected service's owner signs off, so naming an extra service owned
 * by a friendly team cannot stand in for the real owner.
 */
export function seatsFor(
  requirements: readonly Requirement[],
  reason: string,
  affected: readonly string[],
  teams: readonly Team[],
  services: readonly ServiceInput[],
): { seats: Seats[]; blockers: string[] } {
  const seats: Seats[] = [];
  const blockers: string[] = [];
  for (const req of requirements) {
    if (req.role !== 'service-owner') {
      const holders = teams.filter((t) => t.status === 'active' && (t.roles ?? []).includes(req.role as never));
      if (holders.length === 0)
        blockers.push(`No active team holds the ${req.role} role on the base branch, so nobody can give the ${req.role} approval (${reason}).`);
      seats.push({ role: req.role, teams: holders.map((t) => t.id), members: membersOf(holders), count: req.count, reason });
      continue;
    }
    if (affected.length === 0) {
      blockers.push(
        `A service-owner approval is required (${reason}) but the change names no service, and none of its CIs belongs to a service on the base branch: name the affected services.`,
      );
      continue;
    }
    for (const id of affected) {
      const service = services.find((s) => s.id === id);
      const owner = service && teams.find((t) => t.id === service.owner && t.status === 'active');
      if (!service) blockers.push(`${id} does not exist on the base branch, so its owner cannot be known: add the service in an earlier pull request.`);
      else if (!owner)
        blockers.push(`${id}'s owner team ${service.owner} is missing or retired on the base branch, so nobody can approve as its service owner.`);
      seats.push({
        role: 'service-owner',
        service: id,
        teams: owner ? [owner.id] : [],
        members: owner ? membersOf([owner]) : new Set(),
        count: req.count,
        reason,
      });
    }
  }
  return { seats, blockers };
}

const AUTHORISED = new Set(['approved', 'scheduled', 'implementing', 'completed', 'failed', 'rolled_back']);

/**
 * Everything the change needs. When it was already authorised before the PR, what the earlier version
 * needed still applies: lowering the risk of a CAB-approved change needs the CAB again.
 * A non-emergency change planned inside a freeze also needs what an emergency change needs.
 */
export function needsOf(
  before: Change | undefined,
  after: Change,
  policy: ChangePolicy,
  inputs: Pick<DecisionInputs, 'teams' | 'services'>,
  affectedOf: (c: Change) => string[],
): Needs {
  const { teams, services } = inputs;
  const versions = before && AUTHORISED.has(before.status) ? [after, before] : [after];
  const seats: Seats[] = [];
  const blockers: string[] = [];
  const add = (r: { seats: Seats[]; blockers: string[] }) => {
    seats.push(...r.seats);
    blockers.push(...r.blockers);
  };
  for (const [i, v] of versions.entries()) {
    const label = `${v.type} change, risk ${v.risk}${i > 0 ? ', as approved before this pull request' : ''}`;
    const affected = affectedOf(v);
    const rule = ruleFor(v, policy);
    if (!rule) {
      blockers.push(`The change policy has no rule for a ${v.type} change of ${v.risk} risk, so it cannot be approved: the policy owners must add one.`);
      continue;
    }
    if (v.type === 'standard') blockers.push(...templateProblems(v, affected, policy));
    add(seatsFor(rule.require ?? [], label, affected, teams, services));
  }
  const frozen = after.type === 'emergency' ? [] : freezesHit(after, affectedOf(after), policy);
  if (frozen.length > 0) {
    const emergency = ruleFor({ type: 'emergency', risk: after.risk }, policy);
    const extra: Requirement[] = emergency?.require?.length ? emergency.require : [{ role: 'ecab', count: 1 }];
    add(seatsFor(extra, `planned inside the freeze "${frozen.map((f) => f.name).join('", "')}"`, affectedOf(after), teams, services));
  }
  return { seats: mergeSeats(seats), blockers: [...new Set(blockers)] };
}

function templateProblems(change: Change, affected: readonly string[], policy: ChangePolicy): string[] {
  if (!change.template)
    return [
      `A standard change must name a pre-approved template (template: ...) from the change policy; ${change.id} names none. Name one, or make it a normal change.`,
    ];
  const template = (policy.standard_templates ?? []).find((t) => t.id === change.template);
  if (!template)
    return [
      `"${change.template}" is not a standard template in the change policy on the base branch. Use one of: ${(policy.standard_templates ?? []).map((t) => t.id).join(', ') || '(none defined)'}, or make it a normal change.`,
    ];
  const outside = template.services ? affected.filter((s) => !template.services!.includes(s)) : [];
  if (outside.length > 0)
    return [
      `The standard template "${template.id}" may only be used on ${template.services!.join(', ')}; this change affects ${outside.join(', ')}. Make it a normal change.`,
    ];
  return [];
}

/** Same role (and service) asked twice: keep one requirement with the higher count. */
function mergeSeats(seats: readonly Seats[]): Seats[] {
  const byKey = new Map<string, Seats>();
  for (const s of seats) {
    const key = `${s.role}\0${s.service ?? ''}`;
    const prev = byKey.get(key);
    if (!prev) byKey.set(key, s);
    else if (s.count > prev.count) byKey.set(key, { ...s, reason: `${s.reason}; ${prev.reason}` });
    else if (s.reason !== prev.reason && !prev.reason.includes(s.reason)) byKey.set(key, { ...prev, reason: `${prev.reason}; ${s.reason}` });
  }
  return [...byKey.values()];
}
