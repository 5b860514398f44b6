/**
 * A small CMDB for impact and data-quality stories:
 *   SVC-portal depends on SVC-shop, built from CI-web and CI-lb;
 *   CI-lb connects to CI-web (and back), CI-web depends on CI-db, CI-db runs on CI-host;
 *   CI-spare belongs to no service. An open incident on the portal, a scheduled change on the host.
 */
import { minimalWorkspace } from './fixtures.ts';
import { record } from './workspace.ts';

const ci = (id: string, name: string, type: string, extra = '') =>
  record(`id: ${id}\nname: ${name}\ntype: ${type}\nenvironment: production\nstatus: active\nowner: TEAM-ops\n${extra}`);

export function cmdbWorkspace(): Record<string, string> {
  return {
    ...minimalWorkspace(),
    'content/services/SVC-shop.md': record(`id: SVC-shop
name: Web shop
status: active
owner: TEAM-ops
tier: 1
support_calendar: office
cis: [CI-web, CI-lb]
offerings:
  - { id: new-account, name: New shop admin account }`),
    'content/services/SVC-portal.md': record(
      'id: SVC-portal\nname: Partner portal\nstatus: active\nowner: TEAM-ops\ntier: 2\nsupport_calendar: office\ndepends_on: [SVC-shop]',
    ),
    'content/cis/CI-host.md': ci('CI-host', 'Database host', 'server'),
    'content/cis/CI-db.md': ci('CI-db', 'Shop database', 'database', 'runs_on: [CI-host]'),
    'content/cis/CI-web.md': ci('CI-web', 'Web servers', 'application', 'depends_on: [CI-db]\nconnects_to: [CI-lb]'),
    'content/cis/CI-lb.md': ci('CI-lb', 'Load balancer', 'load-balancer', 'connects_to: [CI-web]'),
    'content/cis/CI-spare.md': ci('CI-spare', 'Spare server', 'server'),
    'content/incidents/INC-0002.md': record(`id: INC-0002
title: Partner portal login fails
status: in_progress
service: SVC-portal
impact: high
urgency: high
priority: P1
reported_at: 2026-03-05T10:00:00+01:00
acknowledged_at: 2026-03-05T10:05:00+01:00`),
    'content/changes/CHG-0002.md': record(`id: CHG-0002
title: Patch the database host
type: normal
risk: low
status: scheduled
services: [SVC-shop]
cis: [CI-host]
planned_start: 2026-03-14T22:00:00+01:00
planned_end: 2026-03-14T23:00:00+01:00
implementation_plan: Apply patches, reboot.
test_plan: Check the database answers.
rollback_plan: Boot the previous kernel.`),
  };
}
