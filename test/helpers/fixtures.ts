/**
 * One small valid workspace: every kind once or twice, the four policy files. Tests change one
 * thing at a time from here (`{ ...minimalWorkspace(), 'content/incidents/INC-0001.md': ... }`).
 */
import { record } from './workspace.ts';

export const POLICIES = {
  'content/policies/priority-matrix.yaml': `matrix:
  high: { high: P1, medium: P2, low: P3 }
  medium: { high: P2, medium: P3, low: P4 }
  low: { high: P3, medium: P4, low: P5 }
`,
  'content/policies/calendars.yaml': `calendars:
  - id: office
    name: Office hours
    time_zone: Europe/Berlin
    hours:
      mon: ["09:00-12:00", "13:00-17:00"]
      tue: ["09:00-12:00", "13:00-17:00"]
      wed: ["09:00-12:00", "13:00-17:00"]
      thu: ["09:00-12:00", "13:00-17:00"]
      fri: ["09:00-12:00", "13:00-17:00"]
    holidays:
      - { date: 2026-12-25, name: Christmas Day }
  - id: always
    name: Around the clock
    time_zone: UTC
    hours: 24x7
`,
  'content/policies/sla.yaml': `policies:
  - id: incidents
    name: Incidents
    applies_to: { kind: incident }
    calendar: service
    pause_statuses: [on_hold]
    targets:
      P1: { response: 15m, resolution: 4h }
      P2: { response: 30m, resolution: 8h }
      P3: { response: 1h, resolution: 16h }
      P4: { response: 4h, resolution: 40h }
      P5: { response: 8h, resolution: 80h }
`,
  'content/policies/change-policy.yaml': `rules:
  - type: standard
    require: []
  - type: normal
    risk: [low, medium]
    require: [{ role: service-owner, count: 1 }]
  - type: normal
    risk: [high]
    require: [{ role: cab, count: 2 }]
  - type: emergency
    require: [{ role: ecab, count: 1 }]
    pir_within_days: 5
standard_templates:
  - { id: cert-renewal, name: Renew a TLS certificate }
policy_changes:
  require: [{ role: cab, count: 2 }]
`,
};

export const TEAM = record(`
id: TEAM-ops
name: Operations
status: active
roles: [cab, ecab]
members:
  - { name: Ada Lovelace, login: ada }
  - { name: Grace Hopper, login: grace }
`);

export const SERVICE = record(`
id: SVC-shop
name: Web shop
status: active
owner: TEAM-ops
tier: 1
support_calendar: office
cis: [CI-web, CI-db]
offerings:
  - { id: new-account, name: New shop admin account }
`);

export const CI_WEB = record(`
id: CI-web
name: Web servers
type: application
environment: production
status: active
owner: TEAM-ops
depends_on: [CI-db]
`);

export const CI_DB = record(`
id: CI-db
name: Shop database
type: database
environment: production
status: active
owner: TEAM-ops
`);

export const INCIDENT = record(
  `
id: INC-0001
title: Checkout returns 500 for some users
status: resolved
service: SVC-shop
cis: [CI-web]
impact: medium
urgency: high
priority: P2
reported_at: 2026-03-02T09:10:00+01:00
acknowledged_at: 2026-03-02T09:20:00+01:00
resolved_at: 2026-03-02T11:00:00+01:00
team: TEAM-ops
resolution: Restarted the web tier after a bad config push.
timeline:
  - { at: 2026-03-02T09:10:00+01:00, status: new, note: Reported by the service desk }
  - { at: 2026-03-02T09:20:00+01:00, status: acknowledged, by: ada }
  - { at: 2026-03-02T11:00:00+01:00, status: resolved, note: Web tier restarted }
close_code: solved-permanently
`,
  'Users saw errors at checkout.\n',
);

export const CHANGE = record(`
id: CHG-0001
title: Upgrade the shop database
type: normal
risk: high
status: completed
team: TEAM-ops
services: [SVC-shop]
cis: [CI-db]
planned_start: 2026-03-07T22:00:00+01:00
planned_end: 2026-03-08T02:00:00+01:00
actual_start: 2026-03-07T22:05:00+01:00
actual_end: 2026-03-08T01:10:00+01:00
implementation_plan: Fail over, upgrade the replica, fail back.
test_plan: Run the checkout smoke tests.
rollback_plan: Fail back to the old primary.
outcome: successful
`);

export const REQUEST = record(`
id: REQ-0001
title: Admin account for Lin
service: SVC-shop
offering: new-account
requester: { name: Lin Chen, email: lin.chen@example.org }
requested_at: 2026-03-03T10:00:00+01:00
status: new
`);

export const KB = record(
  `
id: KB-0001
title: How to restart the web tier
category: how-to
status: published
owner: TEAM-ops
services: [SVC-shop]
`,
  'Run the restart playbook.\n',
);

export function minimalWorkspace(): Record<string, string> {
  return {
    'itsm.yaml': 'name: Test Org\ntime_zone: Europe/Berlin\n',
    ...POLICIES,
    'content/teams/TEAM-ops.md': TEAM,
    'content/services/SVC-shop.md': SERVICE,
    'content/cis/CI-web.md': CI_WEB,
    'content/cis/CI-db.md': CI_DB,
    'content/incidents/INC-0001.md': INCIDENT,
    'content/changes/CHG-0001.md': CHANGE,
    'content/requests/REQ-0001.md': REQUEST,
    'content/kb/KB-0001.md': KB,
  };
}

/**
 * A normal, low-risk, approved change to SVC-payments, as the approval tests use it; `extra` sets or
 * (with undefined) removes fields, keeping the order of the fields it replaces.
 */
export function changeFile(id: string, extra: Partial<Record<string, string>> = {}): string {
  const fields: Partial<Record<string, string>> = {
    id,
    title: `Upgrade payments (${id})`,
    type: 'normal',
    risk: 'low',
    status: 'approved',
    services: '[SVC-payments]',
    planned_start: '2026-10-10T22:00:00+02:00',
    planned_end: '2026-10-11T02:00:00+02:00',
    test_plan: 'Run the smoke tests.',
    rollback_plan: 'Redeploy the previous version.',
    ...extra,
  };
  return record(
    Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
  );
}
