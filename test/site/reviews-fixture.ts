/**
 * Major incidents for the review tests, added to the site fixture (judged at FIXTURE_NOW,
 * 2026-11-20 10:00 in Berlin): one whose review is due tomorrow, one whose review is overdue, and one
 * closed with its review held, with an action done, one overdue and one still ahead.
 */
import { record } from '../helpers/workspace.ts';

const major = (id: string, title: string, resolved: string, extra = '') =>
  record(
    `id: ${id}\ntitle: ${title}\nstatus: ${extra.includes('closed_at') ? 'closed' : 'resolved'}\nservice: SVC-payments\nimpact: high\nurgency: high\npriority: P1\nreported_at: ${resolved.replace(/T\d\d/, 'T08')}\nacknowledged_at: ${resolved.replace(/T\d\d/, 'T09')}\nresolved_at: ${resolved}\nresolution: Restored.\nclose_code: solved-permanently\nteam: TEAM-payments\nmajor: true\n${extra}`,
    `## Postmortem\n\nSee INC-0001 and KB-0001; \`INC-0001\` in code stays code, INC-0999 does not exist.\n`,
  );

export const REVIEW_FILES: Record<string, string> = {
  'content/incidents/INC-0004.md': major('INC-0004', 'Refunds stuck in the queue', '2026-11-16T12:00:00+01:00'),
  'content/incidents/INC-0005.md': major('INC-0005', 'Invoices sent twice', '2026-11-10T12:00:00+01:00'),
  'content/incidents/INC-0006.md': major(
    'INC-0006',
    'Card terminals offline in the shops',
    '2026-11-02T12:00:00+01:00',
    `closed_at: 2026-11-06T12:00:00+01:00
pir:
  held_at: 2026-11-05
  attendees: [carol, alice]
  summary: An expired certificate on the terminal gateway took every card terminal offline.
  contributing_factors:
    - Nobody watched the expiry date of the gateway certificate.
    - The renewal runbook was out of date.
  actions:
    - { title: Alert 30 days before a certificate expires, owner: alice, due: 2026-11-10, done: true }
    - { title: Rewrite the renewal runbook, owner: carol, due: 2026-11-18, done: false, problem: PRB-0001 }
    - { title: Automate the renewal, owner: bob, due: 2026-12-01, done: false, change: CHG-0002 }
`,
  ),
};
