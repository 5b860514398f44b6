/**
 * Hand-written incidents: the majors with their postmortems, the ones caused by changes, and the
 * few whose priority was overridden. Times are Berlin wall-clock (or New York for zone 'new-york').
 */
import type { PersonKey } from './demo-people.ts';
import type { Level } from './demo-scenarios.ts';

export interface PinnedIncident {
  key: string;
  title: string;
  service: string;
  cis: string[];
  team: string;
  assignee: PersonKey;
  impact: Level;
  urgency: Level;
  priority_override?: { priority: string; reason: string };
  zone?: 'berlin' | 'new-york';
  major?: boolean;
  problem?: string;
  caused_by_change?: string;
  kb?: string[];
  /** [local time, status or '', note, who]. The first is the report (status new). */
  steps: [string, string, string, PersonKey][];
  resolution?: string;
  body: string;
  tags?: string[];
}

const pm = (s: string): string => s.trim();

export const PINNED: PinnedIncident[] = [
  {
    key: 'bf-checkout',
    title: 'Checkout failing for about a third of customers on Black Friday',
    service: 'SVC-checkout',
    cis: ['CI-checkout-api', 'CI-pg-main'],
    team: 'TEAM-commerce',
    assignee: 'lukas',
    impact: 'high',
    urgency: 'high',
    major: true,
    problem: 'checkout-pool',
    steps: [
      ['2025-11-28T10:42', 'new', 'PagerDuty: checkout error rate 12% (threshold 5%).', 'lena'],
      ['2025-11-28T10:45', 'acknowledged', 'Lena on it; bridge opened in #major-incident.', 'lena'],
      ['2025-11-28T10:52', 'in_progress', 'Declared major. Errors are "could not acquire connection" from checkout-api; pg-main near max_connections.', 'mia'],
      ['2025-11-28T11:20', '', 'Restarted the slowest pods: brief improvement, then worse as HPA scaled out again (24 pods).', 'niklas'],
      ['2025-11-28T12:14', '', 'Emergency change: HPA capped at 12 pods, pool timeout 5 s.', 'lukas'],
      ['2025-11-28T12:40', '', 'Error rate 0.4% and falling. Watching.', 'lena'],
      ['2025-11-28T13:30', 'resolved', 'Stable for 50 minutes at peak traffic. Resolved; problem record opened for the pool sizing.', 'lukas'],
      ['2025-12-01T10:00', 'closed', 'Postmortem reviewed on Monday.', 'mia'],
    ],
    resolution: 'Capped checkout-api autoscaling at 12 pods and raised the connection pool timeout (emergency change), which kept pg-main below its connection limit.',
    body: pm(`
## What happened

From 10:35 on Black Friday, a growing share of "Place order" requests failed with HTTP 503. At the worst
point (11:40) 34% of checkout attempts failed. Customers saw "Something went wrong, please try again";
many did, which added load.

## Postmortem

**Impact.** 2 h 48 min of degraded checkout at the busiest hour of the year. About 6,900 failed checkout
attempts; finance estimates EUR 310,000 of orders lost or delayed (many customers came back later). No
double charges: the payment step is after the order lock.

**Timeline (CET).**
- 10:35 error rate starts to climb as traffic reaches 3.1x normal.
- 10:42 page to Platform on-call; 10:52 major incident declared.
- 11:20 restarting pods makes it worse: new pods open fresh pools.
- 11:55 connection arithmetic done on the bridge: 24 pods x 40 connections > 500.
- 12:14 emergency change: HPA max 12, pool timeout 5 s.
- 13:30 resolved after 50 stable minutes.

**Root cause.** Connection pool size per pod multiplied by the autoscaler maximum exceeded what pg-main
accepts. Slow stock reservations under peak load kept connections busy, so pods scaled out and each new
pod made the shortage worse.

**What went well.** The bridge was up in ten minutes; payments and order release were unaffected; customer
care had a banner text within 20 minutes.

**What went wrong.** The load test in October ran with the HPA maximum at 12, not 24. Nobody owned the sum
of all pools against the database limit.

**Action items.**
- [x] HPA cap and pool timeout ({{chg:hpa-cap}}) - Lukas
- [x] Problem record for connection management - Lukas
- [x] PgBouncer in front of pg-main ({{chg:pgbouncer}}) - Lena, January
- [x] Load tests use production HPA settings - Niklas
- [x] Dashboard panel: total pool capacity vs. max_connections - Felix
`),
    tags: ['peak', 'database'],
  },
  {
    key: 'adyen-webhooks',
    title: 'Card payments shown as failed: Adyen webhooks rejected after key rotation',
    service: 'SVC-payments',
    cis: ['CI-payment-gateway', 'CI-adyen'],
    team: 'TEAM-payments',
    assignee: 'mehmet',
    impact: 'high',
    urgency: 'high',
    major: true,
    caused_by_change: 'adyen-hmac-rotate',
    steps: [
      ['2025-12-19T08:47', 'new', 'Customer care: customers charged but the order page says "payment failed".', 'anna'],
      ['2025-12-19T08:51', 'acknowledged', 'Payments on-call (Mehmet) picked up.', 'mehmet'],
      ['2025-12-19T09:02', 'in_progress', 'HMAC validation failures on 2 of 6 gateway pods since 08:21. Linked to this morning\'s key rotation. Major declared.', 'mehmet'],
      ['2025-12-19T09:34', '', 'Emergency change started: gateway accepting old and new key.', 'sophie'],
      ['2025-12-19T09:55', '', 'All pods accept webhooks; Adyen retrying the queued ones.', 'mehmet'],
      ['2025-12-19T10:40', 'resolved', 'Queued webhooks processed; 412 orders moved from "payment failed" to "paid". Customer care has a list for follow-up.', 'sophie'],
      ['2025-12-22T09:30', 'closed', 'PIR done, closing.', 'sophie'],
    ],
    resolution: 'Deployed a gateway version that accepts the current and the previous HMAC key and restarted all pods; Adyen re-delivered the rejected webhooks.',
    body: pm(`
## What happened

After the yearly rotation of the Adyen webhook HMAC key at 08:02, two gateway pods still held the old key.
Authorisation webhooks that landed on those pods were rejected, so orders stayed in "payment pending" and
after 20 minutes were shown to customers as "payment failed", although the card had been authorised.

## Postmortem

**Impact.** 08:21-09:55 CET. 412 orders affected, 61 customers paid twice because they retried with
another card (refunded the same day). Around 180 contacts to customer care.

**Root cause.** The rotation procedure restarted the deployment with \`kubectl rollout restart\`, but two
pods were stuck terminating on a long-running refund batch and kept serving with the old key. The
gateway validated against one key only, so any pod with the old key rejected every webhook.

**Contributing.** The standard change template had no step to verify each pod after the rotation.

**Action items.**
- [x] Gateway accepts current and previous key during a rotation window - Mehmet
- [x] Template "rotate-service-credentials": verify every instance, not the deployment - Sophie
- [x] Alert on webhook HMAC failures > 1% - Clara
- [x] Customer care macro for "charged but failed" - Anna
`),
    tags: ['psp'],
  },
  {
    key: 'wms-outage',
    title: 'Spandau and Poznań: WMS unavailable, picking stopped',
    service: 'SVC-warehouse',
    cis: ['CI-wms-db', 'CI-wms-app', 'CI-san-dc1'],
    team: 'TEAM-warehouse-systems',
    assignee: 'marie',
    impact: 'high',
    urgency: 'high',
    major: true,
    problem: 'wms-archive',
    steps: [
      ['2026-01-27T06:08', 'new', 'Spandau early shift lead: nobody can log in to the scanners, "Datenbankfehler".', 'moritz'],
      ['2026-01-27T06:12', 'acknowledged', 'Stefan (on call) picked up from home.', 'stefan'],
      ['2026-01-27T06:25', 'in_progress', 'ORA-00257 archiver stuck: archive destination 100% full. Major declared, Felix called in.', 'stefan'],
      ['2026-01-27T06:40', '', 'Poznań also down (same database). Both shift leads informed; staff on manual tasks (replenishment, returns).', 'marie'],
      ['2026-01-27T07:05', '', 'Emergency change: manual RMAN backup and cleanup, LUN growth.', 'felix'],
      ['2026-01-27T07:48', '', 'Archiver running, database open for writes. WMS app servers restarted.', 'felix'],
      ['2026-01-27T08:05', 'resolved', 'Scanners logging in in both warehouses; first waves released. Spandau estimates 2 hours to catch up.', 'marie'],
      ['2026-01-30T10:30', 'closed', 'Postmortem done; follow-ups in the problem record.', 'marie'],
    ],
    resolution: 'Backed up and removed archived redo logs, grew the archive volume online and restarted the WMS application servers.',
    body: pm(`
## What happened

At 05:52 the WMS database stopped accepting writes because the archive log destination was full. All
scanners and WMS screens in both warehouses failed from the start of the early shift.

## Postmortem

**Impact.** 2 hours 13 minutes without the WMS in Spandau and Poznań during the early shift. 140 staff on
the floor could not pick or pack; about 4,800 parcels were dispatched late (carriers' afternoon pickup was
extended for Spandau, not for Poznań). Same-day delivery in Berlin ran one wave instead of two.

**Root cause.** The nightly RMAN job that backs up and deletes archived logs failed on 25 and 26 January
because the password of the backup OS account had expired. The job only wrote to a log file. After the
stock-take on 24 January the redo volume was three times the usual, so the destination filled in two
days instead of the week of headroom we thought we had.

**What went well.** On-call was on the phone within four minutes; shift leads switched people to manual
tasks quickly; the DBA knew exactly what to do once called.

**What went wrong.** No alert on the backup job; disk alert at 90% fired at 03:10 but went to an e-mail
list nobody reads at night.

**Action items** (tracked in the problem record).
- [x] Alert on RMAN failures via PagerDuty
- [x] Backup account without password expiry (managed service account)
- [x] Disk alerts at 70/85% routed to PagerDuty
- [x] Archive destination doubled
`),
    tags: ['database'],
  },
  {
    key: 'edi-dst-us',
    title: 'Purchase orders from Harbor & Pine rejected: "delivery date in the past"',
    service: 'SVC-edi',
    cis: ['CI-edi-gateway'],
    team: 'TEAM-integration',
    assignee: 'priya',
    impact: 'medium',
    urgency: 'medium',
    priority_override: { priority: 'P2', reason: 'Harbor & Pine is our largest US partner and their contract has a penalty for orders not acknowledged within four hours.' },
    zone: 'new-york',
    problem: 'edi-dst',
    steps: [
      ['2026-03-08T08:15', 'new', 'Harbor & Pine EDI team emailed: all POs since midnight got a 997 with errors.', 'marcus'],
      ['2026-03-08T08:31', 'acknowledged', 'Priya paged (Sunday).', 'priya'],
      ['2026-03-08T08:40', 'in_progress', 'All rejected POs have delivery windows between 00:00 and 03:00 today. Clock change night in the US.', 'priya'],
      ['2026-03-08T09:50', 'resolved', 'Re-processed 37 POs with the relaxed date profile; 997s accepted. Problem record to follow.', 'priya'],
      ['2026-03-11T09:00', 'closed', 'Partner confirmed all orders received.', 'marcus'],
    ],
    resolution: 'Re-processed the 37 rejected purchase orders with the relaxed date validation profile.',
    body: 'US clocks went forward at 02:00 today. Every rejected purchase order requested delivery in the first hours of the day. Three partners affected (Harbor & Pine, Lakeshore Outfitters, Fieldstone Home).',
    tags: ['edi', 'dst'],
  },
  {
    key: 'edi-dst-eu',
    title: 'EDI purchase orders rejected again after the European clock change',
    service: 'SVC-edi',
    cis: ['CI-edi-gateway'],
    team: 'TEAM-integration',
    assignee: 'priya',
    impact: 'medium',
    urgency: 'medium',
    problem: 'edi-dst',
    steps: [
      ['2026-03-29T03:20', 'new', 'Alert: EDI inbound rejection rate 18%.', 'jan'],
      ['2026-03-29T03:34', 'acknowledged', 'Jan (on call) picked up; same signature as 8 March.', 'jan'],
      ['2026-03-29T03:40', 'in_progress', 'Applying the workaround from the problem record.', 'jan'],
      ['2026-03-29T04:25', 'resolved', 'Re-processed 12 rejected documents.', 'jan'],
      ['2026-04-01T10:00', 'closed', 'No partner complaints.', 'priya'],
    ],
    resolution: 'Re-processed 12 rejected documents with the relaxed date validation profile (known-error workaround).',
    body: 'European clocks went forward at 02:00 CET (03:00 CEST). EU partners sending EDIFACT ORDERS were affected this time. Workaround from {{prb:edi-dst}} applied.',
    tags: ['edi', 'dst'],
  },
  {
    key: 'keycloak-crashloop',
    title: 'Customers cannot log in: Keycloak pods crash-looping after upgrade',
    service: 'SVC-identity',
    cis: ['CI-keycloak'],
    team: 'TEAM-identity',
    assignee: 'emilia',
    impact: 'high',
    urgency: 'high',
    major: true,
    caused_by_change: 'keycloak-25',
    steps: [
      ['2026-04-14T05:41', 'new', 'Synthetic login check failing; Keycloak pods in CrashLoopBackOff.', 'paul'],
      ['2026-04-14T05:43', 'acknowledged', 'Emilia (change implementer) on it.', 'emilia'],
      ['2026-04-14T05:50', 'in_progress', 'NoSuchMethodError in the address-check SPI on 25.0.2. Deciding: fix forward or roll back. Major declared.', 'emilia'],
      ['2026-04-14T06:05', '', 'Rolling back per the change\'s plan (RDS snapshot restore).', 'paul'],
      ['2026-04-14T06:48', 'resolved', 'Keycloak 24.0.5 running on the restored database; logins working.', 'emilia'],
      ['2026-04-14T07:30', 'in_progress', 'Reopened: customers who registered between 05:02 and 05:41 cannot log in (their accounts were lost with the snapshot restore).', 'anna'],
      ['2026-04-14T09:15', 'resolved', '23 registrations recreated from the Keycloak event log; the customers received a password reset mail.', 'paul'],
      ['2026-04-17T10:00', 'closed', 'Postmortem reviewed.', 'emilia'],
    ],
    resolution: 'Rolled the upgrade back to Keycloak 24.0.5 with the pre-change database snapshot, then recreated the 23 accounts registered during the window from the event log.',
    body: pm(`
## What happened

The Keycloak 25 upgrade started at 05:02. Pods ran until the last 24.x pod was replaced, then every pod
crash-looped on start: our custom address-check SPI called a method removed in 25. Customers could not
log in, register or check out as a signed-in customer from 05:38.

## Postmortem

**Impact.** No logins from 05:38 to 06:48 (70 minutes, early morning: about 1,900 failed logins). Guest
checkout kept working. After the rollback, 23 customers who registered during the window had lost their
accounts (restored by 09:15; this is why the incident was reopened).

**Root cause.** Staging ran an older build of the SPI that happened to avoid the removed method. The
production image was built from the release branch with a newer SPI. The test did not test what we
shipped.

**Action items.**
- [x] Staging and production deploy the same image digest - Paul
- [x] SPI compiled against the target Keycloak version in CI - Paul
- [x] Rollback plan: export realm events before restoring a snapshot - Emilia
- [x] Second attempt ({{chg:keycloak-25-retry}}, done 5 May)
`),
    tags: ['upgrade'],
  },
  {
    key: 'ingress-413',
    title: 'Large B2B orders fail at checkout with "Request Entity Too Large"',
    service: 'SVC-checkout',
    cis: ['CI-nginx-ingress', 'CI-checkout-api'],
    team: 'TEAM-platform',
    assignee: 'aylin',
    impact: 'medium',
    urgency: 'high',
    caused_by_change: 'ingress-111',
    kb: ['ingress-body-size'],
    steps: [
      ['2026-05-12T10:18', 'new', 'B2B account manager: a customer with 320 order lines gets an error on "Place order".', 'leonie'],
      ['2026-05-12T10:24', 'acknowledged', 'Commerce triaged, handed to Platform: 413 from the ingress.', 'niklas'],
      ['2026-05-12T10:30', 'in_progress', 'The 1.11 chart ignores our old `proxy-body-size` key; default 1m applies again.', 'aylin'],
      ['2026-05-12T10:52', 'resolved', 'Override restored under the new key; the customer placed the order.', 'aylin'],
      ['2026-05-15T09:00', 'closed', 'No recurrence.', 'aylin'],
    ],
    resolution: 'Restored the proxy body size override (8m) under the chart\'s new configuration key and synced the ingress controller.',
    body: 'Orders with more than roughly 250 lines exceed 1 MiB of JSON. Since this morning\'s ingress upgrade, those requests are rejected with 413 before they reach checkout-api. Consumer orders are not affected.',
  },
  {
    key: 'tracking-lag',
    title: 'Tracking page and parcel notifications delayed by up to six hours',
    service: 'SVC-shipment-tracking',
    cis: ['CI-kafka-prod', 'CI-tracking-api'],
    team: 'TEAM-platform',
    assignee: 'aylin',
    impact: 'high',
    urgency: 'medium',
    major: true,
    problem: 'kafka-rebalance',
    steps: [
      ['2026-06-09T09:10', 'new', 'Alert: consumer lag on shipment.events above 15 minutes and growing.', 'aylin'],
      ['2026-06-09T09:16', 'acknowledged', 'Aylin picked up.', 'aylin'],
      ['2026-06-09T09:30', 'in_progress', 'Consumer group rebalancing continuously since the MSK patch at 03:00; lag at 5 h 40 min.', 'aylin'],
      ['2026-06-09T10:15', '', 'Major declared: customer care has 600 tickets about missing tracking updates. Banner on the tracking page.', 'mia'],
      ['2026-06-09T13:36', '', 'Emergency change: scale consumers down to 12 and back up in steps.', 'aylin'],
      ['2026-06-09T16:45', 'resolved', 'Lag back under one minute. Notification backlog sent (deduplicated, only the latest status per parcel).', 'aylin'],
      ['2026-06-12T11:00', 'closed', 'PIR held.', 'mia'],
    ],
    resolution: 'Stabilised the consumer group by scaling the tracking consumers down and back up in steps; the backlog drained and notifications were sent deduplicated.',
    body: pm(`
## What happened

Amazon patched our MSK brokers between 03:00 and 04:10. Each broker restart triggered a rebalance of the
tracking consumer group; with 48 consumers using the eager protocol the group never settled. Tracking
events piled up: customers saw no updates and got "on its way" mails hours after delivery.

## Postmortem

**Impact.** 03:05-16:45. Tracking pages up to 6 h behind; ~38,000 notification mails late; ~900 customer
care contacts. No effect on deliveries themselves.

**Root cause.** Eager rebalancing with many consumers and slow offset commits; see {{prb:kafka-rebalance}}.

**What went wrong.** The lag alert threshold (15 min) was reached at 03:20, but the alert was routed to
the Integration team's business-hours channel, not PagerDuty. Nobody looked until 09:10.

**Action items.**
- [x] Lag alerts for shipment topics page Integration on-call
- [x] Cooperative rebalancing and static membership (fix change)
- [x] Tracking page shows "updates delayed" automatically when lag > 30 min
`),
  },
  {
    key: 'dns-outage',
    title: 'Internal name resolution down: WMS, EDI and VPN unreachable',
    service: 'SVC-platform',
    cis: ['CI-dns-internal'],
    team: 'TEAM-network',
    assignee: 'david',
    impact: 'high',
    urgency: 'high',
    major: true,
    caused_by_change: 'dns-forwarders',
    steps: [
      ['2026-08-21T14:09', 'new', 'Spandau shift lead: scanners "Server nicht gefunden". Service desk getting calls from everywhere.', 'yusuf'],
      ['2026-08-21T14:11', 'acknowledged', 'Oliver: this matches the DNS change I just made.', 'oliver'],
      ['2026-08-21T14:15', 'in_progress', 'Both resolvers refuse to load the new config; they are serving SERVFAIL. Major declared.', 'david'],
      ['2026-08-21T14:55', '', 'Emergency change: restore previous named.conf on ns1, then ns2.', 'oliver'],
      ['2026-08-21T15:18', 'resolved', 'Resolution working from all sites; WMS and VPN confirmed by users.', 'david'],
      ['2026-08-24T09:00', 'closed', 'Postmortem done.', 'david'],
    ],
    resolution: 'Reverted the forwarder consolidation and reloaded both resolvers with the previous configuration.',
    body: pm(`
## What happened

A change consolidating the forwarder configuration was deployed to both internal resolvers at the same
time. The new include file had a syntax error; named kept running with an empty view and answered
SERVFAIL for every internal name. Everything that finds DC1 systems by name failed: WMS scanners, EDI,
the VPN portal and Active Directory logins in the warehouses.

## Postmortem

**Impact.** 14:03-15:18 (75 minutes). Both warehouses stopped picking for about an hour in the late
shift; EDI messages queued and were delivered afterwards; VPN users were disconnected.

**Why it took 40 minutes to roll back.** The rollback plan said "restore from git"; the Ansible run to do so
itself needed DNS to reach the git server. We restored by hand from the previous file on each server.

**Root cause.** Configuration check ran against the old path; both resolvers changed together; risk
rated low.

**Action items.**
- [x] named-checkconf in CI against the rendered configuration - Oliver
- [x] Resolvers changed one at a time, with a resolution test in between - David
- [x] DNS changes are at least medium risk (CAB guidance) - Mia
- [x] Break-glass copy of the last good config on each resolver - Oliver
`),
    tags: ['dns'],
  },
  {
    key: 'kiosk-signin',
    title: 'Warehouse kiosk PCs cannot sign in to the WMS web client',
    service: 'SVC-warehouse',
    cis: ['CI-entra-id', 'CI-wms-app'],
    team: 'TEAM-identity',
    assignee: 'paul',
    impact: 'medium',
    urgency: 'high',
    caused_by_change: 'entra-ca',
    steps: [
      ['2026-09-16T06:04', 'new', 'Spandau shift lead: the kiosk PCs at the goods-in desks say "You can\'t get there from here".', 'moritz'],
      ['2026-09-16T06:10', 'acknowledged', 'Service desk, escalated to Identity.', 'moritz'],
      ['2026-09-16T06:32', 'in_progress', 'Blocked by the new conditional access policy CA-014: kiosk devices are not Intune-compliant.', 'paul'],
      ['2026-09-16T06:45', 'resolved', 'Kiosk device group added to the policy exclusions; sign-in works.', 'paul'],
      ['2026-09-19T10:00', 'closed', 'Kiosk enrolment in Intune planned for Q1.', 'emilia'],
    ],
    resolution: 'Excluded the kiosk device group from conditional access policy CA-014 until the kiosks are enrolled in Intune.',
    body: 'Goods-in in Spandau worked on paper for 40 minutes; the delivery slots from 06:00 were booked in afterwards.',
  },
  {
    key: 'scanner-battery',
    title: 'Scanner batteries empty before the end of the shift (Spandau)',
    service: 'SVC-warehouse',
    cis: ['CI-scanners-spandau'],
    team: 'TEAM-warehouse-systems',
    assignee: 'stefan',
    impact: 'medium',
    urgency: 'medium',
    caused_by_change: 'scanner-fw',
    steps: [
      ['2026-09-20T09:40', 'new', 'Shift lead: the charging cradles are full at 10:00, scanners die after four to five hours.', 'leonie'],
      ['2026-09-20T09:48', 'acknowledged', 'Stefan picked up; last night\'s LifeGuard update is the obvious suspect.', 'stefan'],
      ['2026-09-20T10:05', 'in_progress', 'Battery stats show a wake lock from the Wi-Fi driver. Rolling back the update per the change.', 'stefan'],
      ['2026-09-20T11:30', 'resolved', 'Previous LifeGuard package back on all 180 devices; spares handed out until batteries recover.', 'stefan'],
      ['2026-09-23T09:00', 'closed', 'Battery life normal again.', 'marie'],
    ],
    resolution: 'Rolled back the LifeGuard update on all Spandau scanners and issued spare batteries for the day.',
    body: 'Started after last night\'s scanner update. The pick rate dropped by about 15% because people queued at the chargers.',
  },
  {
    key: 'search-synonyms',
    title: 'Search for "Gartenstuhl", "Regal" and other common terms returns no results',
    service: 'SVC-storefront',
    cis: ['CI-opensearch'],
    team: 'TEAM-commerce',
    assignee: 'hannah',
    impact: 'low',
    urgency: 'medium',
    caused_by_change: 'opensearch-template',
    steps: [
      ['2026-09-30T08:20', 'new', 'Category management: searching "Gartenstuhl" finds nothing, "Gartenstühle" works.', 'leonie'],
      ['2026-09-30T08:55', 'acknowledged', 'Hannah picked up.', 'hannah'],
      ['2026-09-30T09:20', 'in_progress', 'The new template references an empty synonym set; the stemming for German plurals relied on it.', 'hannah'],
      ['2026-09-30T11:40', 'resolved', 'Template fixed, reindex finished at 11:35.', 'hannah'],
      ['2026-10-03T11:40', 'closed', 'Closed automatically after 72 hours.', 'hannah'],
    ],
    resolution: 'Attached the German synonym set to the template and reindexed.',
    body: 'Searches for singular forms of common German products return nothing since the nightly reindex with the new template. Conversion from search is down about 8% this morning.',
  },
  {
    key: 'print-patch',
    title: 'Label printers offline in Spandau after the print server was patched',
    service: 'SVC-warehouse',
    cis: ['CI-print-server-spandau', 'CI-label-printers-spandau'],
    team: 'TEAM-warehouse-systems',
    assignee: 'kasia',
    impact: 'medium',
    urgency: 'high',
    caused_by_change: 'std-print-patch',
    kb: ['label-printer'],
    steps: [
      ['2026-06-21T06:02', 'new', 'Packing lead: none of the label printers prints.', 'yusuf'],
      ['2026-06-21T06:07', 'acknowledged', 'Kasia (on call) picked up.', 'kasia'],
      ['2026-06-21T06:15', 'in_progress', 'After last night\'s patches, the print queues point at a "Zebra (new driver)" that Windows Update installed.', 'kasia'],
      ['2026-06-21T06:50', 'resolved', 'Queues switched back to ZDesigner 10.6; driver updates through Windows Update blocked by policy.', 'kasia'],
      ['2026-06-24T08:00', 'closed', 'No recurrence.', 'kasia'],
    ],
    resolution: 'Pointed the queues back at the ZDesigner 10.6 driver and blocked driver delivery through Windows Update on the print server.',
    body: 'Windows Update installed a generic Zebra driver during the monthly patch run and re-bound the queues to it. Labels came out blank or not at all.',
  },
  {
    key: 'grafana-empty',
    title: 'Grafana: Kubernetes dashboards empty after the EKS upgrade',
    service: 'SVC-platform',
    cis: ['CI-grafana', 'CI-prometheus'],
    team: 'TEAM-platform',
    assignee: 'tobias',
    impact: 'low',
    urgency: 'low',
    caused_by_change: 'k8s-130',
    steps: [
      ['2026-02-22T10:15', 'new', 'Weekend on-call noticed the workload dashboards show "No data".', 'tobias'],
      ['2026-02-22T11:20', 'acknowledged', 'Looked at it; no customer impact, alerts use other metrics.', 'tobias'],
      ['2026-02-23T09:30', 'in_progress', 'kube-state-metrics 2.9 does not expose the renamed metrics on 1.30. Chart bump needed.', 'tobias'],
      ['2026-02-23T14:00', 'resolved', 'kube-state-metrics 2.13 deployed; dashboards filled.', 'tobias'],
      ['2026-02-26T14:00', 'closed', 'Closed after three days.', 'tobias'],
    ],
    resolution: 'Upgraded kube-state-metrics to a version that supports Kubernetes 1.30.',
    body: 'No customer impact: alerting rules use cAdvisor metrics. The workload and capacity dashboards were empty from the upgrade until Monday afternoon.',
  },
  {
    key: 'poznan-labels-slow',
    title: 'Poznań: label printing takes 20-30 seconds per parcel after the WMS upgrade',
    service: 'SVC-warehouse',
    cis: ['CI-wms-app', 'CI-scanners-poznan'],
    team: 'TEAM-warehouse-systems',
    assignee: 'kasia',
    impact: 'medium',
    urgency: 'high',
    caused_by_change: 'wms-42-poznan',
    steps: [
      ['2026-06-14T06:20', 'new', 'Poznań shift lead: packing is crawling, every label takes half a minute.', 'kasia'],
      ['2026-06-14T06:22', 'acknowledged', 'Kasia was still on the change bridge; picked it up.', 'kasia'],
      ['2026-06-14T06:35', 'in_progress', 'WMS 4.2 renders the ZPL server-side per label with a cold template cache. Vendor on the phone.', 'kasia'],
      ['2026-06-14T07:10', 'on_hold', 'Rollback would cost the shift; packing at reduced rate with all stations staffed. Waiting for the vendor\'s patch.', 'marie'],
      ['2026-06-15T09:30', 'in_progress', 'Vendor patch 4.2.1 received; testing in acceptance.', 'kasia'],
      ['2026-06-15T13:00', 'resolved', '4.2.1 deployed in Poznań; labels in under two seconds.', 'kasia'],
      ['2026-06-18T13:00', 'closed', 'Confirmed by the site manager.', 'marie'],
    ],
    resolution: 'Deployed vendor patch 4.2.1, which caches rendered label templates.',
    body: 'Poznań went to WMS 4.2 overnight. Picking is fine; packing is the bottleneck because every carrier label takes 20-30 seconds to print. Sunday volume is low, so the site kept going at reduced speed.',
  },
  {
    key: 'opensearch-red',
    title: 'Storefront search failing and category pages slow (OpenSearch cluster red)',
    service: 'SVC-storefront',
    cis: ['CI-opensearch', 'CI-storefront-web'],
    team: 'TEAM-commerce',
    assignee: 'niklas',
    impact: 'high',
    urgency: 'medium',
    major: true,
    problem: 'opensearch-heap',
    steps: [
      ['2026-10-12T09:05', 'new', 'Alert: search error rate 22%; OpenSearch cluster status red.', 'niklas'],
      ['2026-10-12T09:09', 'acknowledged', 'Niklas on it.', 'niklas'],
      ['2026-10-12T09:20', 'in_progress', 'Two data nodes left the cluster (circuit breaker, heap). The late-running reindex (started 01:00, restarted 06:30) is still going.', 'niklas'],
      ['2026-10-12T09:40', '', 'Major declared: search is the entry point for 60% of sessions. Reindex stopped.', 'lukas'],
      ['2026-10-12T10:44', '', 'Emergency change: two extra data nodes.', 'lukas'],
      ['2026-10-12T11:50', 'resolved', 'Cluster green, search errors under 0.1%.', 'niklas'],
      ['2026-10-15T12:00', 'closed', 'Postmortem reviewed.', 'lukas'],
    ],
    resolution: 'Stopped the reindex, let the data nodes rejoin and added two data nodes (emergency change).',
    body: pm(`
## What happened

The nightly reindex failed at 01:40 and was restarted by its retry policy at 06:30, so it ran into the
Monday morning traffic. Two data nodes tripped their parent circuit breaker, left the cluster, and
primary shards for the live index were unassigned: search and the category pages (which use search for
filters) failed or were slow.

## Postmortem

**Impact.** 08:50-11:50. Search failing for 10-25% of requests; category pages up to 6 s. Orders that
morning were 14% below the Monday forecast.

**Root cause.** The catalogue almost doubled with the autumn range; bulk size and node heap had not been
revisited. See {{prb:opensearch-heap}}.

**Action items.**
- [x] Reindex retries only before 05:00 - Niklas
- [x] Bulk size 500 until the resize (workaround) - Niklas
- [ ] Resize data nodes ({{chg:opensearch-resize}}, planned for 3 December) - Niklas
- [x] Category pages fall back to database filters when search fails - Hannah
`),
  },
  {
    key: 'cfo-erp',
    title: 'Finance controller cannot post journals in Dynamics during month-end close',
    service: 'SVC-erp',
    cis: ['CI-dynamics-365'],
    team: 'TEAM-data',
    assignee: 'julia',
    impact: 'low',
    urgency: 'high',
    priority_override: { priority: 'P2', reason: 'Month-end close: the journals must be posted before the 12:00 reporting deadline to the bank, agreed with the service desk lead.' },
    steps: [
      ['2026-07-02T09:12', 'new', 'Call from the finance controller: "You do not have access to post" in the general journal.', 'anna'],
      ['2026-07-02T09:15', 'acknowledged', 'Priority raised to P2 (month-end). Julia picked up.', 'julia'],
      ['2026-07-02T09:25', 'in_progress', 'The quarterly role review removed "Accounting manager" from her account by mistake.', 'julia'],
      ['2026-07-02T09:40', 'resolved', 'Role restored; journals posted at 09:55.', 'julia'],
      ['2026-07-03T09:00', 'closed', 'Confirmed by the controller.', 'julia'],
    ],
    resolution: 'Restored the "Accounting manager" security role removed in the quarterly access review.',
    body: 'One user affected, but the quarterly close journals could not be posted and the bank reporting deadline was at noon.',
  },
  {
    key: 'release-night',
    title: 'Order release paused overnight: stale advisory lock',
    service: 'SVC-order-management',
    cis: ['CI-order-service', 'CI-pg-main'],
    team: 'TEAM-commerce',
    assignee: 'niklas',
    impact: 'high',
    urgency: 'medium',
    priority_override: { priority: 'P3', reason: 'Happened at 23:10 with no warehouse shift working until 06:00, so nothing waited on it before morning; agreed with the on-call lead.' },
    steps: [
      ['2026-08-04T23:10', 'new', 'Alert: no order.released events for 10 minutes.', 'aylin'],
      ['2026-08-04T23:18', 'acknowledged', 'Aylin (platform on call) looked; no shift working, downgraded and handed to Commerce for the morning.', 'aylin'],
      ['2026-08-05T07:40', 'in_progress', 'Stale advisory lock from a pod killed by the OOM killer at 23:01.', 'niklas'],
      ['2026-08-05T07:55', 'resolved', 'Lock released, backlog of 1,240 orders released in four runs before the Poznań shift started picking them.', 'niklas'],
      ['2026-08-08T08:00', 'closed', 'Fix (lock with lease timeout) in the backlog.', 'niklas'],
    ],
    resolution: 'Terminated the database session holding the stale advisory lock; the release job caught up on its own.',
    body: 'Orders kept coming in overnight but none were released to the warehouses. Spandau night shift is only staffed in peak season.',
  },
  {
    key: 'paypal-now',
    title: 'PayPal payments timing out for around 8% of customers',
    service: 'SVC-payments',
    cis: ['CI-payment-gateway', 'CI-paypal'],
    team: 'TEAM-payments',
    assignee: 'sophie',
    impact: 'high',
    urgency: 'medium',
    major: true,
    problem: 'paypal-timeouts',
    steps: [
      ['2026-11-26T07:12', 'new', 'Alert: PayPal authorisation error rate 8.1% (threshold 3%).', 'mehmet'],
      ['2026-11-26T07:15', 'acknowledged', 'Mehmet on call, picked up.', 'mehmet'],
      ['2026-11-26T07:24', 'in_progress', 'Same pattern as the earlier episodes but larger and not recovering. Declared major given Black Friday tomorrow; Sophie is incident lead.', 'sophie'],
      ['2026-11-26T07:58', '', 'ECAB approved the emergency change for connection pooling and a shorter timeout with retry.', 'thomas'],
      ['2026-11-26T08:06', '', 'Rollout of gateway 2.27.1 started; canary pod looks good so far.', 'mehmet'],
    ],
    body: pm(`
## What is happening

Since about 07:00 roughly 8% of PayPal payments fail with a timeout on the create-order call. Customers
are asked to try again or pick another payment method; card payments are fine. The pattern matches the
short episodes since October, but this time it is not recovering on its own.

Customer care has the "payment method unavailable" macro. Status updates every 30 minutes in
#major-incident.

Postmortem to follow once resolved.
`),
  },
];

/** Someone pasted raw HTML from an import log: the site's sanitizer must neutralise it. */
PINNED.push({
  key: 'cms-html',
  title: 'Product descriptions show raw HTML after the supplier feed import',
  service: 'SVC-storefront',
  cis: ['CI-product-catalog', 'CI-storefront-web'],
  team: 'TEAM-commerce',
  assignee: 'hannah',
  impact: 'low',
  urgency: 'medium',
  steps: [
    ['2026-07-22T09:35', 'new', 'E-commerce team: about 40 garden furniture products show HTML tags in the description.', 'leonie'],
    ['2026-07-22T10:10', 'acknowledged', 'Hannah picked up.', 'hannah'],
    ['2026-07-22T10:25', 'in_progress', 'The supplier feed now sends HTML-escaped descriptions wrapped in CDATA; our importer escapes them a second time.', 'hannah'],
    ['2026-07-22T15:40', 'resolved', 'Importer fixed to unescape once; the 43 products re-imported.', 'hannah'],
    ['2026-07-25T15:40', 'closed', 'Closed automatically after 72 hours.', 'hannah'],
  ],
  resolution: 'Fixed the double escaping in the supplier feed importer and re-imported the 43 affected products.',
  body: `Descriptions of 43 products from the supplier "Gartenwelt Hansen" show markup instead of formatted text.

Excerpt from the import log the e-commerce team pasted into the ticket (the supplier's feed clearly
contains things that should never reach a page, so the escaping has to stay):

<div class="import-warning">Field description contains markup: <b>Wetterfest</b> &amp; UV-bestaendig
<script>alert(1)</script>
<img src=x onerror=alert(1)>
</div>

Raw line from \`catalog-import\`:

\`\`\`
2026-07-22T03:12:44Z WARN  sku=GH-88213 description="&lt;p&gt;Wetterfest &amp;amp; UV-best&amp;auml;ndig&lt;/p&gt;"
\`\`\`

The storefront escapes descriptions correctly; the text shown is what the importer stored.`,
  tags: ['import'],
});
