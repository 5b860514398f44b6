/** Which policy and calendar a record gets, and the reason the output gives for it. */
import { describe, expect, it } from 'vitest';
import type { AnyRecord, SlaPolicy } from '../../../src/core/model.ts';
import { computeSla } from '../../../src/core/sla/index.ts';
import { SHOP, incident, policyOn, request, workspaceWith } from './harness.ts';

const NOW = '2026-06-01T00:00:00Z';
const REPORTED = { status: 'new' as const, reported_at: '2026-03-03T09:00:00+01:00' };

function named(id: string, base: SlaPolicy, extra: Partial<SlaPolicy['applies_to']> = {}): SlaPolicy {
  return { ...base, id, applies_to: { ...base.applies_to, ...extra } };
}

const general = named('general', policyOn('office', { response: '1h', resolution: '8h' }));
const forShop = named('shop-critical', policyOn('always', { response: '15m', resolution: '4h' }), { services: ['SVC-shop'] });

function pick(policies: SlaPolicy[], record: AnyRecord, extra: AnyRecord[] = []) {
  const ws = workspaceWith(policies, [record, ...extra]);
  return computeSla(ws, NOW).filter((r) => r.record === record.id);
}

describe('policy selection', () => {
  it('takes the first general policy for the kind, and says so', () => {
    const [response] = pick([general], incident(REPORTED));
    expect(response).toMatchObject({
      policy: 'general',
      calendar: 'office',
      reason: 'first general incident policy with a P2 target; calendar office from the policy',
    });
  });

  it('prefers a policy naming the service, even when it comes later in the file', () => {
    const [response] = pick([general, forShop], incident(REPORTED));
    expect(response).toMatchObject({ policy: 'shop-critical', calendar: 'always', target_seconds: 900 });
    expect(response!.reason).toBe('policy shop-critical names SVC-shop (a policy naming the service wins); calendar always from the policy');
  });

  it("prefers the service's own sla_policy over both", () => {
    const special = named('shop-special', policyOn('office', { resolution: '2h' }));
    const shop: AnyRecord = { ...SHOP, data: { ...(SHOP.data as object), sla_policy: 'shop-special' } } as AnyRecord;
    const results = computeSla({ ...workspaceWith([general, forShop, special], [incident(REPORTED)]), byId: new Map([['SVC-shop', shop]]) }, NOW);
    expect(results.map((r) => [r.metric, r.policy])).toEqual([['resolution', 'shop-special']]);
    expect(results[0]!.reason).toBe('SVC-shop names policy shop-special in sla_policy; calendar office from the policy');
  });

  it('skips a policy whose priorities leave the record out', () => {
    const p1Only = named('p1-only', forShop, { priorities: ['P1'] });
    const [response] = pick([p1Only, general], incident(REPORTED));
    expect(response!.policy).toBe('general');
  });

  it('skips a policy without a target for the priority', () => {
    const noP2: SlaPolicy = { ...forShop, targets: { P1: { response: '15m' } } };
    const [response] = pick([noP2, general], incident(REPORTED));
    expect(response!.policy).toBe('general');
  });

  it('does not apply an incident policy to a request', () => {
    const results = pick([general], request({ status: 'new', requested_at: '2026-03-03T09:00:00+01:00' }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      record: 'REQ-0001',
      state: 'no_policy',
      policy: null,
      calendar: null,
      target_seconds: null,
      reason: 'no policy in sla.yaml covers requests of priority P4 on SVC-shop',
    });
  });

  it('reports a record no policy covers instead of skipping it', () => {
    const onlyP1 = named('p1', general, { priorities: ['P1'] });
    const results = pick([onlyP1], incident({ ...REPORTED, priority: 'P3' }));
    expect(results).toEqual([
      expect.objectContaining({ record: 'INC-0001', state: 'no_policy', reason: 'no policy in sla.yaml covers incidents of priority P3 on SVC-shop' }),
    ]);
  });
});

describe('calendar selection', () => {
  const serviceHours = named('service-hours', policyOn('service', { resolution: '8h' }));

  it("uses the service's support calendar when the policy says calendar: service", () => {
    const [resolution] = pick([serviceHours], incident(REPORTED));
    expect(resolution).toMatchObject({
      calendar: 'office',
      reason: "first general incident policy with a P2 target; calendar office is SVC-shop's support calendar",
    });
  });

  it('explains when the service has no support calendar', () => {
    const bare: AnyRecord = { ...SHOP, id: 'SVC-bare', data: { ...(SHOP.data as object), id: 'SVC-bare', support_calendar: undefined } } as AnyRecord;
    const results = pick([serviceHours], incident({ ...REPORTED, service: 'SVC-bare' }), [bare]);
    expect(results).toEqual([
      expect.objectContaining({
        state: 'no_policy',
        policy: 'service-hours',
        calendar: null,
        reason:
          "first general incident policy with a P2 target; policy service-hours counts on the service's support calendar, but SVC-bare has no support_calendar",
      }),
    ]);
  });

  it('explains a calendar that calendars.yaml does not define', () => {
    const results = pick([named('lost', policyOn('nowhere', { resolution: '8h' }))], incident(REPORTED));
    expect(results[0]).toMatchObject({ state: 'no_policy', calendar: 'nowhere' });
    expect(results[0]!.reason).toContain('calendar nowhere is not defined in calendars.yaml');
  });

  it('explains a calendar whose time zone is unknown', () => {
    const ws = workspaceWith(
      [policyOn('mars', { resolution: '8h' })],
      [incident(REPORTED)],
      [{ id: 'mars', name: 'Mars', time_zone: 'Mars/Base', hours: '24x7' }],
    );
    expect(computeSla(ws, NOW)[0]!.reason).toContain('"Mars/Base" is not a time zone');
  });
});

describe('which records get clocks', () => {
  it('skips records reported after now: they did not exist yet', () => {
    const results = computeSla(workspaceWith([general], [incident({ status: 'new', reported_at: '2026-07-01T09:00:00+02:00' })]), NOW);
    expect(results).toEqual([]);
  });

  it('gives every incident and request a response and a resolution clock, in record order', () => {
    const ws = workspaceWith(
      [general, named('requests', policyOn('office', { response: '2h', resolution: '8h' }, 'request'))],
      [
        incident({ ...REPORTED, id: 'INC-0002' }),
        request({ status: 'new', requested_at: '2026-03-03T09:00:00+01:00' }),
        incident({ ...REPORTED, id: 'INC-0001' }),
      ],
    );
    expect(computeSla(ws, NOW).map((r) => `${r.record} ${r.metric}`)).toEqual([
      'INC-0002 response',
      'INC-0002 resolution',
      'REQ-0001 response',
      'REQ-0001 resolution',
      'INC-0001 response',
      'INC-0001 resolution',
    ]);
  });

  it('accepts now as a Date or an ISO string, and refuses nonsense', () => {
    const ws = workspaceWith([general], [incident(REPORTED)]);
    expect(computeSla(ws, new Date(NOW))).toEqual(computeSla(ws, NOW));
    expect(() => computeSla(ws, 'yesterday')).toThrow(RangeError);
  });
});
