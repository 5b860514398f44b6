/**
 * One test per policy-file rule that no other test produced: each changes one thing in the minimal
 * valid workspace's policies and pins everything the validator then reports.
 */
import { describe, expect, it } from 'vitest';
import { POLICIES } from '../../helpers/fixtures.ts';
import { produced } from './produce.ts';

const CALENDARS = 'content/policies/calendars.yaml';
const SLA = 'content/policies/sla.yaml';
const CHANGE_POLICY = 'content/policies/change-policy.yaml';

const calendars = (edit: (text: string) => string) => ({ [CALENDARS]: edit(POLICIES[CALENDARS]) });

describe('calendars', () => {
  it('calendar/duplicate-id: two calendars with one id', async () => {
    expect(await produced(calendars((t) => t.replace('  - id: always', '  - id: office')))).toEqual([`calendar/duplicate-id ${CALENDARS}`]);
  });

  it('calendar/interval: an interval that ends before it starts', async () => {
    expect(await produced(calendars((t) => t.replace('mon: ["09:00-12:00", "13:00-17:00"]', 'mon: ["12:00-09:00", "13:00-17:00"]')))).toEqual([
      `calendar/interval ${CALENDARS}`,
    ]);
  });

  it('calendar/overlap: intervals of a day that overlap', async () => {
    expect(await produced(calendars((t) => t.replace('mon: ["09:00-12:00", "13:00-17:00"]', 'mon: ["09:00-13:30", "13:00-17:00"]')))).toEqual([
      `calendar/overlap ${CALENDARS}`,
    ]);
  });

  it('calendar/time-zone: a calendar or a maintenance window in a zone nobody knows', async () => {
    expect(await produced(calendars((t) => t.replace('time_zone: UTC', 'time_zone: Mars/Olympus_Mons')))).toEqual([`calendar/time-zone ${CALENDARS}`]);
    const window =
      POLICIES[CHANGE_POLICY] + 'maintenance_windows:\n  - { id: sunday-night, days: [sun], start: "22:00", duration: 4h, time_zone: Mars/Olympus_Mons }\n';
    expect(await produced({ [CHANGE_POLICY]: window })).toEqual([`calendar/time-zone ${CHANGE_POLICY}`]);
  });
});

describe('SLA and change policies', () => {
  it('sla/unknown-calendar: an SLA policy counting on a calendar that is not defined', async () => {
    expect(await produced({ [SLA]: POLICIES[SLA].replace('calendar: service', 'calendar: weekends') })).toEqual([`sla/unknown-calendar ${SLA}`]);
  });

  it('sla/unknown-status: a condition on a status the kind does not have never holds', async () => {
    const policy = POLICIES[SLA].replace('pause_statuses: [on_hold]', 'pause_statuses: [on_hold]\n    pause_when: [{ status: [waiting_customer] }]');
    expect(await produced({ [SLA]: policy })).toEqual([`sla/unknown-status ${SLA}`]);
  });

  it('sla/teams-need-team-scope: teams on a policy that measures whole records', async () => {
    const policy = POLICIES[SLA].replace('applies_to: { kind: incident }', 'applies_to: { kind: incident, teams: [TEAM-ops] }');
    expect(await produced({ [SLA]: policy })).toEqual([`sla/teams-need-team-scope ${SLA}`]);
    // As an OLA the teams must exist, and so must a team a condition names.
    const ola = policy.replace('calendar: service', 'calendar: service\n    scope: team\n    pause_when: [{ field: team, equals: TEAM-vendor }]');
    expect(await produced({ [SLA]: ola.replace('teams: [TEAM-ops]', 'teams: [TEAM-opps]') })).toEqual([`ref/unknown-id ${SLA}`, `ref/unknown-id ${SLA}`]);
  });

  it('change-policy/freeze-window: a freeze that ends before it starts', async () => {
    const freeze = POLICIES[CHANGE_POLICY] + 'freezes:\n  - { name: Year end, start: 2026-12-31T00:00:00+01:00, end: 2026-12-20T00:00:00+01:00 }\n';
    expect(await produced({ [CHANGE_POLICY]: freeze })).toEqual([`change-policy/freeze-window ${CHANGE_POLICY}`]);
  });

  it('yaml/syntax: a policy file that is not YAML', async () => {
    expect(await produced({ [SLA]: 'policies: [\n  - id: incidents\n' })).toEqual([`yaml/syntax ${SLA}`]);
  });
});
