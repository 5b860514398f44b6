/**
 * A quarter of a small shop's service management, in Berlin time: four incidents, four changes,
 * three problems. Every figure in the report tests is worked out from these by hand.
 *
 * SLA: incidents on the service's support calendar; SVC-shop keeps office hours (Mon-Fri 09-12,
 * 13-17 Berlin), SVC-pay is 24x7. Targets P1 15m/4h, P2 30m/8h, P3 1h/16h.
 */
import { indexById, type AnyRecord, type Calendar, type Workspace } from '../../../src/core/model.ts';
import { computeSla } from '../../../src/core/sla/index.ts';
import { ALWAYS, OFFICE, incident } from '../sla/harness.ts';

export const NOW = '2026-04-10T00:00:00Z';
export const ZONE = 'Europe/Berlin';

const service = (id: string, calendar: string): AnyRecord => ({
  kind: 'service',
  id,
  file: `content/services/${id}.md`,
  data: { id, name: id, status: 'active', owner: 'TEAM-ops', tier: 1, support_calendar: calendar },
  body: '',
});

const ci = (id: string, name: string): AnyRecord => ({
  kind: 'ci',
  id,
  file: `content/cis/${id}.md`,
  data: { id, name, type: 'server', environment: 'production', status: 'active' },
  body: '',
});

const change = (id: string, status: 'completed' | 'failed' | 'scheduled', end: string, outcome?: 'successful' | 'failed'): AnyRecord => ({
  kind: 'change',
  id,
  file: `content/changes/${id}.md`,
  data: {
    id,
    title: `Change ${id}`,
    type: 'normal',
    risk: 'low',
    status,
    planned_start: end,
    planned_end: end,
    ...(status === 'scheduled' ? {} : { actual_start: end, actual_end: end }),
    ...(outcome ? { outcome } : {}),
  },
  body: '',
});

const problem = (id: string, status: 'investigating' | 'known_error' | 'resolved', opened: string, resolved?: string): AnyRecord => ({
  kind: 'problem',
  id,
  file: `content/problems/${id}.md`,
  data: {
    id,
    title: `Problem ${id}`,
    status,
    opened_at: opened,
    ...(resolved ? { resolved_at: resolved } : {}),
    ...(status === 'known_error' ? { known_error: true } : {}),
  },
  body: '',
});

export const RECORDS: AnyRecord[] = [
  service('SVC-shop', 'office'),
  service('SVC-pay', 'always'),
  ci('CI-web', 'Web servers'),
  ci('CI-db', 'Database'),
  ci('CI-lb', 'Load balancer'),
  // Sunday 1 Feb 00:30 in Berlin (still 31 Jan in UTC): a February incident. Office hours have not
  // begun when it is acknowledged (+10m) and resolved (+2h): business time 0 for both.
  incident({
    id: 'INC-0001',
    status: 'resolved',
    priority: 'P2',
    cis: ['CI-web', 'CI-db'],
    reported_at: '2026-01-31T23:30:00Z',
    acknowledged_at: '2026-01-31T23:40:00Z',
    resolved_at: '2026-02-01T01:30:00Z',
  }),
  // Tue 10 Feb 10:00, acknowledged 11:30 (1h30m > 1h: response breached), resolved 14:00
  // (10-12 + 13-14 = 3h business, 4h wall). Caused by CHG-0001.
  incident({
    id: 'INC-0002',
    status: 'resolved',
    priority: 'P3',
    cis: ['CI-web'],
    caused_by_change: 'CHG-0001',
    reported_at: '2026-02-10T10:00:00+01:00',
    acknowledged_at: '2026-02-10T11:30:00+01:00',
    resolved_at: '2026-02-10T14:00:00+01:00',
  }),
  // SVC-pay (24x7), P1: acknowledged in 5m, never resolved: resolution breached long ago.
  incident({
    id: 'INC-0003',
    status: 'in_progress',
    priority: 'P1',
    service: 'SVC-pay',
    cis: ['CI-db'],
    reported_at: '2026-03-05T09:00:00+01:00',
    acknowledged_at: '2026-03-05T09:05:00+01:00',
  }),
  // Cancelled after 30 minutes: not in attainment, MTTA or MTTR.
  incident({ id: 'INC-0004', status: 'cancelled', priority: 'P2', service: 'SVC-pay', cis: ['CI-lb'], reported_at: '2026-04-01T09:00:00+02:00' }, [
    ['2026-04-01T09:00:00+02:00', 'new'],
    ['2026-04-01T09:30:00+02:00', 'cancelled'],
  ]),
  change('CHG-0001', 'completed', '2026-02-09T22:00:00+01:00', 'successful'),
  change('CHG-0002', 'failed', '2026-03-01T22:00:00+01:00', 'failed'),
  change('CHG-0003', 'completed', '2026-03-10T22:00:00+01:00', 'successful'),
  change('CHG-0004', 'scheduled', '2026-04-20T22:00:00+02:00'),
  problem('PRB-0001', 'investigating', '2026-01-01T00:00:00Z'),
  problem('PRB-0002', 'known_error', '2026-02-20T00:00:00Z'),
  problem('PRB-0003', 'resolved', '2026-01-10T00:00:00Z', '2026-02-01T12:00:00Z'),
];

export const WORKSPACE: Pick<Workspace, 'records' | 'byId' | 'policies'> = {
  records: RECORDS,
  byId: indexById(RECORDS),
  policies: {
    calendars: { calendars: [OFFICE, ALWAYS] as [Calendar, ...Calendar[]] },
    sla: {
      policies: [
        {
          id: 'incidents',
          name: 'Incidents',
          applies_to: { kind: 'incident' },
          calendar: 'service',
          pause_statuses: ['on_hold'],
          targets: { P1: { response: '15m', resolution: '4h' }, P2: { response: '30m', resolution: '8h' }, P3: { response: '1h', resolution: '16h' } },
        },
      ],
    },
  },
};

export const SLA = computeSla(WORKSPACE, NOW);
