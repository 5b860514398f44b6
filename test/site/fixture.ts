/**
 * A small workspace for the site tests: a service with offerings, CIs that depend on each other, open
 * and resolved incidents (one whose body tries to run script), a known error, a change in the coming
 * days that collides with another, articles and a team. Committed in a real git repo so record pages
 * have history. The demo's policy files are copied in, so SLA and calendars are the real ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVIDENCE_NOTES_REF, serializeEvidenceNote } from '../../src/core/approvals/evidence-note.ts';
import { gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { record, REPO_ROOT } from '../helpers/workspace.ts';

/** The instant the fixture site is built "as of". */
export const FIXTURE_NOW = '2026-11-20T10:00:00+01:00';

export const XSS_BODY = [
  'Checkout failed for some users.',
  '',
  '<script>window.__xss = 1; alert("xss")</script>',
  '',
  '<img src="x" onerror="window.__xss = 2; alert(2)">',
  '',
  '[click me](javascript:window.__xss=3)',
  '',
  '<a href="#" onclick="window.__xss=4">inline handler</a>',
  '',
  '![tracking pixel](https://tracker.example/pixel.png)',
  '',
].join('\n');

function policies(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ['calendars.yaml', 'change-policy.yaml', 'priority-matrix.yaml', 'sla.yaml'])
    out[`content/policies/${f}`] = readFileSync(join(REPO_ROOT, 'content/policies', f), 'utf8');
  return out;
}

export function fixtureFiles(): Record<string, string> {
  return {
    'itsm.yaml': 'name: Fixture Corp\ntime_zone: Europe/Berlin\nrepo_url: https://github.com/fixture/itsm\ndefault_branch: main\n',
    ...policies(),
    'content/teams/TEAM-platform.md': record(
      'id: TEAM-platform\nname: Platform team\nstatus: active\nroles: [cab]\nmembers:\n  - { name: Alice Adams, login: alice }\n  - { name: Bob Brown, login: bob }',
    ),
    'content/teams/TEAM-payments.md': record('id: TEAM-payments\nname: Payments team\nstatus: active\nmembers:\n  - { name: Carol Chen, login: carol }'),
    'content/services/SVC-payments.md': record(
      'id: SVC-payments\nname: Payments\nstatus: active\nowner: TEAM-payments\ntier: 1\nsummary: Card and invoice payments for every shop.\nsupport_calendar: berlin-business\ncis: [CI-payments-api]\nofferings:\n  - { id: refund, name: Manual refund, description: A refund the shop cannot issue itself, fulfillment_target: 8h }',
      'Payments takes card and invoice payments.\n',
    ),
    'content/services/SVC-checkout.md': record(
      'id: SVC-checkout\nname: Checkout\nstatus: active\nowner: TEAM-payments\ntier: 1\ndepends_on: [SVC-payments]\nsupport_calendar: berlin-business\ncis: [CI-web-frontend]',
    ),
    'content/cis/CI-pg-main.md': record(
      'id: CI-pg-main\nname: Primary PostgreSQL cluster\ntype: database\nenvironment: production\nstatus: active\nowner: TEAM-platform',
    ),
    'content/cis/CI-pg-replica.md': record(
      'id: CI-pg-replica\nname: PostgreSQL replica\ntype: database\nenvironment: production\nstatus: active\nowner: TEAM-platform\ndepends_on: [CI-pg-main]',
    ),
    'content/services/SVC-identity.md': record('id: SVC-identity\nname: Identity\nstatus: active\nowner: TEAM-platform\ntier: 1\nsupport_calendar: always-on'),
    'content/cis/CI-payments-api.md': record(
      'id: CI-payments-api\nname: Payments API\ntype: application\nenvironment: production\nstatus: active\nowner: TEAM-payments\ndepends_on: [CI-pg-main]',
    ),
    'content/cis/CI-web-frontend.md': record(
      'id: CI-web-frontend\nname: Web frontend\ntype: application\nenvironment: production\nstatus: active\nowner: TEAM-platform\nconnects_to: [CI-payments-api]',
    ),
    'content/incidents/INC-0001.md': record(
      'id: INC-0001\ntitle: Card payments time out\nstatus: in_progress\nservice: SVC-payments\ncis: [CI-payments-api, CI-pg-main]\nimpact: high\nurgency: high\npriority: P1\nreported_at: 2026-11-19T09:00:00+01:00\nacknowledged_at: 2026-11-19T09:10:00+01:00\nteam: TEAM-payments\nassignee: carol\nmajor: true\nproblem: PRB-0001\ntimeline:\n  - { at: 2026-11-19T09:00:00+01:00, status: new, note: Alerts from the payment gateway }\n  - { at: 2026-11-19T09:10:00+01:00, status: acknowledged, by: carol }\n  - { at: 2026-11-19T09:20:00+01:00, status: in_progress }',
      'Card payments time out after **30 seconds**. Connection pool exhaustion on the database.\n',
    ),
    'content/incidents/INC-0002.md': record(
      'id: INC-0002\ntitle: Checkout shows a blank page\nstatus: resolved\nservice: SVC-checkout\ncis: [CI-web-frontend]\nimpact: medium\nurgency: medium\npriority: P3\nreported_at: 2026-11-18T14:00:00+01:00\nacknowledged_at: 2026-11-18T14:30:00+01:00\nresolved_at: 2026-11-18T16:00:00+01:00\nresolution: Rolled back the frontend bundle.\nclose_code: solved-permanently\nteam: TEAM-platform\ncaused_by_change: CHG-0001',
      XSS_BODY,
    ),
    'content/incidents/INC-0003.md': record(
      'id: INC-0003\ntitle: Invoice PDF has the wrong logo\nstatus: new\nservice: SVC-payments\nimpact: low\nurgency: low\npriority: P5\nreported_at: 2026-11-20T08:00:00+01:00\nteam: TEAM-payments',
      'The zebra logo is shown instead of the new one.\n',
    ),
    'content/problems/PRB-0001.md': record(
      'id: PRB-0001\ntitle: Database connection pool too small for peak load\nstatus: known_error\nopened_at: 2026-11-19T12:00:00+01:00\nteam: TEAM-platform\nservices: [SVC-payments]\nincidents: [INC-0001]\ncis: [CI-pg-main]\nroot_cause: The pool is capped at 20 connections.\nworkaround: Restart the payments API pods to release connections.\nknown_error: true',
      'Investigation notes.\n',
    ),
    'content/changes/CHG-0001.md': record(
      'id: CHG-0001\ntitle: Deploy new frontend bundle\ntype: normal\nrisk: low\nstatus: failed\nteam: TEAM-platform\nservices: [SVC-checkout]\ncis: [CI-web-frontend]\nplanned_start: 2026-11-18T12:00:00+01:00\nplanned_end: 2026-11-18T13:00:00+01:00\nactual_start: 2026-11-18T12:00:00+01:00\nactual_end: 2026-11-18T12:40:00+01:00\noutcome: failed\ntest_plan: Smoke tests.\nrollback_plan: Redeploy the previous bundle.',
    ),
    'content/changes/CHG-0002.md': record(
      'id: CHG-0002\ntitle: Raise the database connection pool to 80\ntype: normal\nrisk: medium\nstatus: scheduled\nteam: TEAM-platform\nservices: [SVC-payments]\ncis: [CI-pg-main]\nplanned_start: 2026-11-24T22:00:00+01:00\nplanned_end: 2026-11-25T00:30:00+01:00\ntest_plan: Load test at peak volume.\nrollback_plan: Restore the old pool size.',
    ),
    'content/changes/CHG-0003.md': record(
      'id: CHG-0003\ntitle: Patch PostgreSQL minor version\ntype: normal\nrisk: medium\nstatus: approved\nteam: TEAM-platform\ncis: [CI-pg-main]\nplanned_start: 2026-11-24T23:00:00+01:00\nplanned_end: 2026-11-25T01:00:00+01:00\ntest_plan: Replication check.\nrollback_plan: Fail over to the replica.',
    ),
    'content/kb/KB-0001.md': record(
      'id: KB-0001\ntitle: How do I restart the payments API?\ncategory: how-to\nstatus: published\nowner: TEAM-payments\nservices: [SVC-payments]\nproblem: PRB-0001\npublished_at: 2026-11-19',
      'Run the rollout restart for the payments deployment.\n',
    ),
    'content/kb/KB-0002.md': record(
      'id: KB-0002\ntitle: Reading checkout error codes\ncategory: troubleshooting\nstatus: published\nowner: TEAM-platform\nservices: [SVC-checkout]\npublished_at: 2026-10-01',
      'Error codes and what they mean.\n',
    ),
  };
}

/** The fixture committed in two steps (so INC-0001 has an edit in its history), as PR merges. */
export function fixtureRepo(): GitRepo {
  const repo = gitRepo('itsm-site-');
  const files = fixtureFiles();
  const first = {
    ...files,
    'content/incidents/INC-0001.md': files['content/incidents/INC-0001.md']!.replace('status: in_progress', 'status: acknowledged').replace(
      /\n {2}- \{ at: 2026-11-19T09:20:00\+01:00, status: in_progress \}/,
      '',
    ),
  };
  repo.commit('Initial records', first);
  repo.branch('inc-0001-progress');
  repo.commit('INC-0001: work started', { 'content/incidents/INC-0001.md': files['content/incidents/INC-0001.md']! });
  repo.checkout('main');
  const merge = repo.mergePullRequest('inc-0001-progress', 12);
  // Approval evidence for CHG-0002, as `itsm approvals` records it in git notes after the merge.
  const note = serializeEvidenceNote({
    version: 1,
    pr: 12,
    head_sha: merge,
    decided_at: '2026-11-19T16:00:00+01:00',
    changes: [
      {
        change: 'CHG-0002',
        decision: 'approved',
        approvers: [{ login: 'carol', at: '2026-11-19T15:55:00+01:00' }],
        required: [{ role: 'service-owner', service: 'SVC-payments', count: 1, approvers: ['carol'] }],
      },
    ],
  });
  repo.git('notes', `--ref=${EVIDENCE_NOTES_REF}`, 'add', '-f', '-m', note, merge);
  return repo;
}
