/**
 * One valid pull request, policy and team set; each test changes one thing. The policy mirrors the
 * demo's content/policies/change-policy.yaml.
 */
import type { Change, ChangePolicy, Service, Team } from '../../../src/core/model.ts';
import type { ApprovalInput, ChangedChange, Review } from '../../../src/core/approvals/types.ts';

export const HEAD = 'a'.repeat(40);
export const OLD_HEAD = 'b'.repeat(40);
export const BASE = 'c'.repeat(40);
/** Before every change in the fixtures: no post-implementation review is overdue unless a test says so. */
export const NOW = '2026-10-01T12:00:00Z';

export const policy: ChangePolicy = {
  rules: [
    { type: 'standard', require: [] },
    { type: 'normal', risk: ['low', 'medium'], require: [{ role: 'service-owner', count: 1 }] },
    { type: 'normal', risk: ['high'], require: [{ role: 'cab', count: 2 }] },
    { type: 'emergency', require: [{ role: 'ecab', count: 1 }], pir_within_days: 5 },
  ],
  standard_templates: [
    { id: 'tls-certificate-renewal', name: 'Renew a TLS certificate' },
    { id: 'payments-only', name: 'Payments-only template', services: ['SVC-payments'] },
  ],
  policy_changes: { require: [{ role: 'cab', count: 2 }] },
  freezes: [{ name: 'Year-end freeze', start: '2026-12-14T00:00:00+01:00', end: '2027-01-04T08:00:00+01:00' }],
  maintenance_windows: [
    { id: 'db-sunday', name: 'Database Sunday window', time_zone: 'Europe/Berlin', days: ['sun'], start: '04:00', duration: '3h', cis: ['CI-pg-main'] },
  ],
};

function team(id: string, logins: string[], roles: Team['roles'] = []): Team {
  return { id, name: id, status: 'active', roles, members: logins.map((login) => ({ name: login, login })) as Team['members'] };
}

export const teams: Team[] = [
  team('TEAM-cab', ['Carol', 'dave', 'erin'], ['cab']),
  team('TEAM-ecab', ['frank', 'carol'], ['ecab']),
  team('TEAM-payments', ['paula', 'pete']),
  team('TEAM-platform', ['alice', 'tom']),
];

export const services: Service[] = [
  { id: 'SVC-payments', name: 'Payments', status: 'active', owner: 'TEAM-payments', tier: 1, cis: ['CI-pg-main'] },
  { id: 'SVC-portal', name: 'Portal', status: 'active', owner: 'TEAM-platform', tier: 2, cis: ['CI-web'] },
];

/** A normal, low-risk change on payments, planned outside any freeze. */
export function change(overrides: Partial<Change> = {}): Change {
  return {
    id: 'CHG-0001',
    title: 'Upgrade the payments API',
    type: 'normal',
    risk: 'low',
    status: 'approved',
    services: ['SVC-payments'],
    planned_start: '2026-10-10T22:00:00+02:00',
    planned_end: '2026-10-11T02:00:00+02:00',
    test_plan: 'smoke tests',
    rollback_plan: 'redeploy previous',
    ...overrides,
  };
}

let nextId = 1;
/** A review on the head commit unless said otherwise; times increase with each call. */
export function review(login: string, state: string, opts: { commit?: string; at?: string } = {}): Review {
  const id = nextId++;
  return { id, login, state, commitId: opts.commit ?? HEAD, submittedAt: opts.at ?? new Date(Date.UTC(2026, 9, 1, 0, 0, id)).toISOString() };
}

/** A PR by alice that adds `after` (or moves `before` to `after`). */
export function input(
  opts: {
    changes?: ChangedChange[];
    reviews?: Review[];
    author?: string;
    paths?: string[];
    policy?: ChangePolicy | undefined;
    teams?: Team[];
    schedule?: Change[];
    cis?: ApprovalInput['cis'];
    governedEdits?: string[];
    now?: string;
  } = {},
): ApprovalInput {
  const changes = opts.changes ?? [{ id: 'CHG-0001', file: 'content/changes/CHG-0001.md', after: change() }];
  return {
    pr: {
      number: 7,
      author: opts.author ?? 'alice',
      headSha: HEAD,
      baseSha: BASE,
      reviews: opts.reviews ?? [],
      files: opts.paths ?? changes.map((c) => c.file),
    },
    changes,
    changedPaths: opts.paths ?? changes.map((c) => c.file),
    repoPaths: opts.paths ?? changes.map((c) => c.file),
    governedEdits: opts.governedEdits ?? [],
    now: opts.now ?? NOW,
    policy: 'policy' in opts ? opts.policy : policy,
    teams: opts.teams ?? teams,
    services,
    cis: opts.cis ?? [],
    schedule: opts.schedule ?? [],
  };
}

export function added(after: Change): ChangedChange {
  return { id: after.id, file: `content/changes/${after.id}.md`, after };
}

export function modified(before: Change, after: Change): ChangedChange {
  return { id: after.id, file: `content/changes/${after.id}.md`, before, after };
}
