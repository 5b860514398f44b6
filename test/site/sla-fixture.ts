/**
 * SLA clocks for the record-page and report tests, added to the site fixture (judged at FIXTURE_NOW,
 * Fri 2026-11-20 10:00 in Berlin). SVC-wiki has its own policy on the always-on calendar, so the
 * arithmetic is wall-clock time: a reopen starts a new cycle, on_hold pauses; and an OLA measures
 * each team's part. INC-0101 (P3: response 1h, resolution 4h; OLA resolution 2h):
 * - Thu 09:00 reported with TEAM-platform, acknowledged 09:10, resolved 12:00: the first resolution
 *   cycle used 3h of 4h (due 13:00): met. The platform team's OLA cycle used 3h of 2h (due 11:00): breached.
 * - Fri 08:00 reopened and handed to TEAM-payments, on hold from 09:15: the current cycle used 1h 15m
 *   and is paused since 09:15, 2h 45m left (due 12:45 if it resumed at 10:00); the payments team's
 *   OLA used 1h 15m of 2h, paused too (due 10:45).
 */
import { record } from '../helpers/workspace.ts';

const POLICIES = `  - id: wiki-desk
    name: Wiki, around the clock, a new cycle per reopen
    applies_to:
      kind: incident
      services: [SVC-wiki]
    calendar: always-on
    pause_statuses: [on_hold]
    on_reopen: new_cycle
    targets:
      P3: { response: 1h, resolution: 4h }
  - id: wiki-ola
    name: Wiki resolver teams
    applies_to:
      kind: incident
      services: [SVC-wiki]
    scope: team
    calendar: always-on
    pause_statuses: [on_hold]
    targets:
      P3: { resolution: 2h }
`;

/** The fixture's files with the wiki service, its policies and INC-0101 added. */
export function withSlaFiles(files: Record<string, string>): Record<string, string> {
  const sla = files['content/policies/sla.yaml']!;
  return {
    ...files,
    // Service-specific policies come first in file order, before the general ones.
    'content/policies/sla.yaml': sla.replace('policies:\n', `policies:\n${POLICIES}`),
    'content/services/SVC-wiki.md': record('id: SVC-wiki\nname: Wiki\nstatus: active\nowner: TEAM-platform\ntier: 3\nsupport_calendar: always-on'),
    'content/incidents/INC-0101.md': record(`id: INC-0101
title: Wiki pages load without styles
status: on_hold
service: SVC-wiki
impact: medium
urgency: medium
priority: P3
reported_at: 2026-11-19T09:00:00+01:00
acknowledged_at: 2026-11-19T09:10:00+01:00
team: TEAM-payments
timeline:
  - { at: 2026-11-19T09:00:00+01:00, status: new, team: TEAM-platform }
  - { at: 2026-11-19T09:10:00+01:00, status: acknowledged }
  - { at: 2026-11-19T10:00:00+01:00, status: in_progress }
  - { at: 2026-11-19T12:00:00+01:00, status: resolved, note: Cache purged }
  - { at: 2026-11-20T08:00:00+01:00, status: in_progress, team: TEAM-payments, note: Styles missing again }
  - { at: 2026-11-20T09:15:00+01:00, status: on_hold, note: Waiting for the CDN vendor }`),
  };
}
