/** Problem records: the causes behind the recurring incidents. */

import type { Problem } from '../../src/core/model.ts';

export interface ProblemDef {
  key: string;
  title: string;
  status: Problem['status'];
  opened: string; // local Berlin time, YYYY-MM-DDTHH:MM
  resolved?: string;
  team: string;
  services: string[];
  cis: string[];
  root_cause?: string;
  workaround?: string;
  known_error?: boolean;
  /** Key of the change that fixes it. */
  fix_change?: string;
  /** Timeline after opening: [local time, status or '', note, login]. */
  steps: [string, string, string, string][];
  body: string;
  tags?: string[];
}

export const PROBLEMS: ProblemDef[] = [
  {
    key: 'checkout-pool',
    title: 'Checkout API exhausts its database connections under peak load',
    status: 'closed',
    opened: '2025-11-28T16:30',
    resolved: '2026-01-22T10:00',
    team: 'TEAM-commerce',
    services: ['SVC-checkout'],
    cis: ['CI-checkout-api', 'CI-pg-main'],
    root_cause: 'Each checkout-api pod keeps a HikariCP pool of 40 connections and the HPA scales to 24 pods at peak: 960 possible connections against max_connections = 500 on pg-main. Slow stock reservation queries hold connections for seconds under load, so pods queue, time out, retry and make it worse.',
    workaround: 'Cap the checkout-api HPA at 12 pods and raise the pool timeout to 5 s; move bulk catalogue imports out of the day.',
    known_error: true,
    fix_change: 'pgbouncer',
    steps: [
      ['2025-12-02T11:00', 'investigating', 'Connection math done: 24 pods x 40 = 960 > 500. Load test reproduces the failure at 18 pods.', 'niklas'],
      ['2025-12-04T15:20', 'known_error', 'Root cause confirmed, workaround (HPA cap 12, pool timeout 5 s) applied for the Christmas peak.', 'lukas'],
      ['2026-01-22T10:00', 'resolved', 'PgBouncer in transaction mode in front of pg-main since {{chg:pgbouncer}}; load test at 30 pods clean.', 'lena'],
      ['2026-02-23T09:00', 'closed', 'No recurrence in a month including the February sale.', 'lukas'],
    ],
    body: `## Investigation

Three incidents in the Black Friday week show the same pattern: checkout latency climbs, then "could not
acquire connection" errors on checkout-api and \`remaining connection slots are reserved\` in the
pg-main log. It always follows the HPA scaling checkout-api beyond about 16 pods.

## Fix

Put PgBouncer (transaction pooling) between the services and pg-main, and size the pods' pools for it.
See the fix change for the rollout.`,
    tags: ['database', 'peak'],
  },
  {
    key: 'wms-archive',
    title: 'WMS database stops when the archive log destination fills up',
    status: 'closed',
    opened: '2026-01-27T11:00',
    resolved: '2026-02-12T09:30',
    team: 'TEAM-warehouse-systems',
    services: ['SVC-warehouse'],
    cis: ['CI-wms-db', 'CI-san-dc1'],
    root_cause: 'The archive log volume was sized for normal days. After the January stock-take, archive log volume tripled, the RMAN backup that deletes archived logs failed two nights in a row on an expired OS password, and nobody was alerted because the RMAN job only logged to a file.',
    workaround: 'Free space with `DELETE ARCHIVELOG ALL BACKED UP 1 TIMES TO DEVICE TYPE DISK` after a manual backup; the DBA checklist in the knowledge base has the commands.',
    known_error: true,
    fix_change: 'wms-archive-fix',
    steps: [
      ['2026-01-28T10:00', 'investigating', 'RMAN logs show two failed nights (ORA-01017 for the backup OS user).', 'felix'],
      ['2026-01-29T14:00', 'known_error', 'Cause clear, workaround documented.', 'marie'],
      ['2026-02-12T09:30', 'resolved', 'Archive volume doubled, RMAN failures now alert PagerDuty, backup account moved to a non-expiring managed account.', 'felix'],
      ['2026-03-16T09:00', 'closed', 'A month without issues.', 'marie'],
    ],
    body: `Follow-up of the Spandau WMS outage on 27 January ({{inc:wms-outage}}). The postmortem is in the major incident; this record
tracks the fixes:

- [x] Alert on RMAN job failures (PagerDuty, Warehouse Systems)
- [x] Archive destination from 200 GB to 400 GB
- [x] Backup OS account as a managed service account without password expiry
- [x] Disk usage alert at 70% and 85% instead of 90%`,
  },
  {
    key: 'airflow-replica',
    title: 'Nightly data pipeline fails when the replica cancels the extract',
    status: 'resolved',
    opened: '2026-02-16T09:40',
    resolved: '2026-07-08T11:00',
    team: 'TEAM-data',
    services: ['SVC-reporting'],
    cis: ['CI-airflow', 'CI-pg-replica'],
    root_cause: 'pg-replica is a hot standby with hot_standby_feedback off. VACUUM on the primary removes rows the long extract still needs, and the replica cancels the query after max_standby_streaming_delay (30 s). Happens on nights with heavy order updates.',
    workaround: 'Re-run the `extract_orders` task after 07:00, when write load on the primary is low.',
    known_error: true,
    fix_change: 'replica-logical',
    steps: [
      ['2026-02-18T10:00', 'investigating', 'Correlated the failures with autovacuum runs on orders.order_line.', 'ben'],
      ['2026-03-05T09:00', 'known_error', 'Root cause clear. Turning on hot_standby_feedback would bloat the primary; looking at a separate logical replica for analytics.', 'julia'],
      ['2026-07-08T11:00', 'resolved', 'Extract now reads from the logical replication subscriber; no failures since the switch.', 'ben'],
    ],
    body: `The morning dashboards were late about twice a month. Options considered:

1. \`hot_standby_feedback = on\` on pg-replica: rejected, it holds back vacuum on the primary.
2. Raise \`max_standby_streaming_delay\`: rejected, it delays failover readiness.
3. Separate logical replica for analytics: chosen.`,
  },
  {
    key: 'edi-dst',
    title: 'EDI mapping rejects partner orders around daylight saving changes',
    status: 'resolved',
    opened: '2026-03-09T15:00',
    resolved: '2026-04-20T16:00',
    team: 'TEAM-integration',
    services: ['SVC-edi'],
    cis: ['CI-edi-gateway'],
    root_cause: 'The X12 mapping builds the requested delivery date from DTM segments as a local time without offset and compares it with the server clock in UTC. On DST transition days the partner\'s local time and ours differ by a different amount than the mapping assumes, so orders for the early hours look as if they were in the past.',
    workaround: 'Re-process rejected documents with the "relaxed date check" profile on the two DST days a year (US and EU).',
    known_error: true,
    fix_change: 'edi-dst-fix',
    steps: [
      ['2026-03-10T16:00', 'investigating', 'Reproduced with the documents from 8 March in the test environment.', 'priya'],
      ['2026-03-30T15:00', 'known_error', 'Recurred on the EU change. Cause found in the date conversion of the 850 mapping.', 'priya'],
      ['2026-04-20T16:00', 'resolved', 'Mapping now carries the partner\'s time zone from the partner profile and compares instants.', 'priya'],
    ],
    body: `Happened twice in one month: on 8 March (US clocks forward, {{inc:edi-dst-us}}) and 29 March (EU clocks forward, {{inc:edi-dst-eu}}). The fix was
verified by replaying both days' documents and by a test around the November change. The October and
November 2026 changes went through without rejections.`,
    tags: ['dst', 'edi'],
  },
  {
    key: 'scanner-roaming',
    title: 'Scanners drop off Wi-Fi in the high-rack aisles 40-52 (Spandau)',
    status: 'known_error',
    opened: '2026-02-10T09:15',
    team: 'TEAM-network',
    services: ['SVC-warehouse'],
    cis: ['CI-wifi-spandau', 'CI-scanners-spandau'],
    root_cause: 'In the high-rack aisles the TC52 scanners hold on to the access point at the aisle entrance down to -80 dBm instead of roaming, because the Zebra roaming threshold (-75 dBm) and Aruba\'s client match disagree. When the AP finally steers the client away, the 802.11r fast transition fails on the older scanner firmware and the device does a full re-authentication (20-60 s).',
    workaround: 'Apply the StageNow profile "NW-SCAN-5G-LOCK" (band lock to 5 GHz, roaming threshold -68 dBm) to affected scanners; if a scanner still drops, reboot it at the aisle end. See the knowledge base article on scanner Wi-Fi.',
    known_error: true,
    fix_change: 'aruba-roaming',
    steps: [
      ['2026-02-12T10:00', 'investigating', 'Wi-Fi survey in aisles 40-52 with the Aruba engineer; roaming logs collected from five scanners.', 'oliver'],
      ['2026-03-03T14:00', 'known_error', 'Root cause agreed with Aruba and Zebra support. Workaround profile rolled out to the scanners used in the high racks.', 'oliver'],
      ['2026-10-20T11:00', '', 'Zebra firmware 13-49-12 fixes the FT bug; scheduled with the Aruba AOS update after peak ({{chg:aruba-roaming}}).', 'marie'],
    ],
    body: `The high racks (12 m) in aisles 40-52 were added in 2025. Coverage is fine on paper but the racks shadow
the access points at the far end of each aisle.

The proper fix needs both the scanner firmware update and the AOS 10.7 roaming changes, which we do not
want to roll out during peak season. Until then the workaround keeps the pick rate at about 95%.`,
    tags: ['wifi', 'scanners'],
  },
  {
    key: 'label-printer',
    title: 'Label print jobs stall after the print spooler recycles',
    status: 'known_error',
    opened: '2026-03-02T13:00',
    team: 'TEAM-warehouse-systems',
    services: ['SVC-warehouse'],
    cis: ['CI-print-server-spandau', 'CI-label-printers-spandau'],
    root_cause: 'The ZDesigner driver 10.6 port monitor deadlocks when the spooler recycles its worker process while jobs are in flight (about once a week at high volume). Zebra confirmed the bug (case 04831177); fixed in driver 10.8, which needs requalification of every label template.',
    workaround: 'Restart the Print Spooler service on PRT-SPD-01, then re-send the affected batch from the WMS (Versand > Etiketten > erneut drucken). Takes about 5 minutes.',
    known_error: true,
    steps: [
      ['2026-03-04T10:00', 'investigating', 'Spooler dumps sent to Zebra.', 'stefan'],
      ['2026-04-15T11:00', 'known_error', 'Zebra confirmed the deadlock in 10.6. Workaround documented for shift leads.', 'stefan'],
    ],
    body: `Label template requalification for driver 10.8 is planned for January 2027, after peak. Every carrier
template (DHL, UPS, DPD, 14 layouts) has to be re-certified by the carriers' label check.`,
    tags: ['printing'],
  },
  {
    key: 'dhl-rate-limit',
    title: 'DHL label booking rate-limited at shift start',
    status: 'known_error',
    opened: '2026-05-04T08:30',
    team: 'TEAM-integration',
    services: ['SVC-shipment-tracking', 'SVC-warehouse'],
    cis: ['CI-tracking-api', 'CI-carrier-dhl'],
    root_cause: 'At the start of each shift the WMS releases the pre-packed parcels in one batch (about 1,100 bookings in two minutes). Our DHL account allows 30 requests per second and the booking worker has no client-side rate limit, so DHL answers 429 and the worker gives up after three quick retries.',
    workaround: 'Set BOOKING_MAX_RPS=25 on the tracking-api booking worker (feature flag, on by default since June) and replay failed bookings from the `shipment.booking.dlq` topic with the replay job.',
    known_error: true,
    steps: [
      ['2026-05-06T10:00', 'investigating', 'Confirmed the burst pattern in the booking logs.', 'jan'],
      ['2026-06-02T09:00', 'known_error', 'Rate-cap flag deployed and documented as the workaround. Asked DHL for a higher limit.', 'jan'],
      ['2026-09-14T15:00', '', 'DHL declined a higher limit for our volume tier. Proper fix: token-bucket limiter with backoff and a smoothed release in the WMS.', 'priya'],
    ],
    body: `The incidents mostly hit the 06:00 shift start in Spandau. With the rate cap the batch takes 45 seconds
longer but does not fail; on a few mornings the flag was off after a redeploy, which is why it still
recurs. The permanent fix is in the backlog for January.`,
    tags: ['carriers', 'dhl'],
  },
  {
    key: 'keycloak-sessions',
    title: 'Customers are logged out when a Keycloak pod restarts',
    status: 'known_error',
    opened: '2026-07-15T10:00',
    team: 'TEAM-identity',
    services: ['SVC-identity', 'SVC-checkout'],
    cis: ['CI-keycloak'],
    root_cause: 'The Infinispan `sessions` and `clientSessions` caches are distributed with owners = 1, so every session lives on exactly one pod. When Karpenter replaces a node, the pod on it is terminated before the sessions can be rebalanced, and those customers lose their login.',
    workaround: 'Keycloak pods run on the memory node group with consolidation paused; planned restarts drain one pod at a time with a five-minute gap (`kubectl rollout restart` with maxUnavailable 1 and the preStop hook from the runbook).',
    known_error: true,
    fix_change: 'keycloak-owners',
    steps: [
      ['2026-07-17T11:00', 'investigating', 'Reproduced in staging by deleting a pod under load.', 'paul'],
      ['2026-08-05T16:00', 'known_error', 'Cause confirmed; workaround in the runbook. Fix needs persistent user sessions (Keycloak 26) or owners = 2.', 'emilia'],
    ],
    body: `Keycloak 26 stores user sessions in the database by default, which removes the problem. We decided to
go to owners = 2 on 25.x first (cheap, no migration) and plan the 26 upgrade for Q1 2027.`,
  },
  {
    key: 'kafka-rebalance',
    title: 'Tracking consumers fall hours behind after a Kafka rebalance',
    status: 'resolved',
    opened: '2026-06-10T09:00',
    resolved: '2026-07-01T14:00',
    team: 'TEAM-platform',
    services: ['SVC-shipment-tracking'],
    cis: ['CI-kafka-prod', 'CI-tracking-api'],
    root_cause: 'The tracking consumers used the eager range assignor. Every MSK broker patch triggered a full stop-the-world rebalance; with 48 partitions and a slow commit path the group never stabilised while pods were also restarting, and lag grew to hours.',
    workaround: 'Scale the tracking consumers down to 12 pods and back up once the group is stable.',
    known_error: true,
    fix_change: 'kafka-coop',
    steps: [
      ['2026-06-11T10:00', 'investigating', 'Consumer group logs show 37 rebalances in 90 minutes.', 'aylin'],
      ['2026-06-15T12:00', 'known_error', 'Cause clear; workaround in the Kafka runbook.', 'aylin'],
      ['2026-07-01T14:00', 'resolved', 'Cooperative sticky assignor and static membership rolled out; next broker patch caused no lag.', 'aylin'],
    ],
    body: 'Raised from {{inc:tracking-lag}}. The fix also shortened deployments of tracking-api by about four minutes.',
  },
  {
    key: 'opensearch-heap',
    title: 'OpenSearch data nodes run out of heap during the nightly reindex',
    status: 'known_error',
    opened: '2026-10-13T10:00',
    team: 'TEAM-commerce',
    services: ['SVC-storefront'],
    cis: ['CI-opensearch'],
    root_cause: 'The catalogue grew from 180k to 310k products in the autumn range change. The nightly full reindex uses bulk requests of 5,000 documents with nested variant documents, which together with the search load on r6g.large.search nodes (8 GB heap) pushes JVM memory pressure over 90% and trips the parent circuit breaker.',
    workaround: 'Reindex with bulk size 500 (REINDEX_BULK_SIZE) and, if memory pressure passes 85%, pause the reindex job for ten minutes. The search alias keeps pointing at the old index until the new one is complete, so customers only see errors if nodes trip their breakers.',
    known_error: true,
    fix_change: 'opensearch-resize',
    steps: [
      ['2026-10-14T11:00', 'investigating', 'Heap usage graphs attached; memory pressure tracks the bulk size closely.', 'niklas'],
      ['2026-10-16T15:00', 'known_error', 'Workaround applied via the job\'s environment. Resize to r6g.xlarge planned after Black Friday.', 'lukas'],
    ],
    body: 'See {{inc:opensearch-red}} for the customer impact. The resize is planned for the first week of December, before the freeze.',
  },
  {
    key: 'vpn-macos',
    title: 'GlobalProtect on macOS 15 disconnects every 10-20 minutes',
    status: 'known_error',
    opened: '2026-09-28T10:30',
    team: 'TEAM-network',
    services: ['SVC-remote-access'],
    cis: ['CI-vpn-gateway', 'CI-laptop-fleet'],
    root_cause: 'GlobalProtect 6.2.1 uses a macOS network extension that macOS 15.0 restarts when the Wi-Fi interface changes power state. Palo Alto bug GPC-21094, fixed in client 6.2.4.',
    workaround: 'Install GlobalProtect 6.2.4 from the Company Portal ("GlobalProtect (macOS 15)") and re-approve the network extension in System Settings > Privacy & Security.',
    known_error: true,
    steps: [
      ['2026-09-30T09:00', 'investigating', 'Only Macs on 15.0+ affected; Palo Alto TAC case opened.', 'oliver'],
      ['2026-10-09T13:00', 'known_error', 'TAC confirmed GPC-21094; 6.2.4 published in the Company Portal as an opt-in app.', 'oliver'],
    ],
    body: 'The portal will push 6.2.4 to all Macs once PAN-OS 11.1.5 is on the firewalls (it needs the newer portal). Until then users install it themselves when they hit the problem.',
  },
  {
    key: 'outlook-search',
    title: 'New Outlook does not find messages in shared mailboxes',
    status: 'investigating',
    opened: '2026-08-01T14:00',
    team: 'TEAM-workplace',
    services: ['SVC-workplace'],
    cis: ['CI-m365'],
    steps: [
      ['2026-08-03T10:00', 'investigating', 'Microsoft support case 2608030040001234 opened; reproduced with three mailboxes.', 'lisa'],
      ['2026-10-12T11:00', '', 'Microsoft says a fix is "rolling out"; still reproducible on our tenant.', 'lisa'],
    ],
    body: `Users in customer care and purchasing search shared mailboxes all day. Searching in Outlook on the web
works, so we point people there. Classic Outlook also works but is being phased out.`,
  },
  {
    key: 'route-timeouts',
    title: 'Route optimiser misses its time budget on waves with more than 600 stops',
    status: 'investigating',
    opened: '2026-10-05T10:00',
    team: 'TEAM-integration',
    services: ['SVC-route-planning'],
    cis: ['CI-route-optimizer'],
    steps: [
      ['2026-10-07T11:00', 'investigating', 'Benchmarking the last 60 waves: runtime grows sharply above 600 stops with narrow time windows.', 'jan'],
    ],
    body: 'Same-day volume grew 40% since the summer. Looking at splitting waves by district before solving, and at a warm start from the previous day\'s routes.',
  },
  {
    key: 'zendesk-order360',
    title: 'Order 360 in Zendesk cannot find orders that came in over EDI',
    status: 'new',
    opened: '2026-11-10T16:00',
    team: 'TEAM-workplace',
    services: ['SVC-customer-care'],
    cis: ['CI-zendesk', 'CI-order-service'],
    steps: [],
    body: 'Agents in New York are affected the most (partner orders). Needs a change to the lookup in the Order 360 app and probably an index on `orders.partner_reference`.',
  },
  {
    key: 'paypal-timeouts',
    title: 'Intermittent PayPal authorisation timeouts',
    status: 'new',
    opened: '2026-11-20T11:00',
    team: 'TEAM-payments',
    services: ['SVC-payments'],
    cis: ['CI-payment-gateway', 'CI-paypal'],
    steps: [],
    body: 'Several short episodes since October. Before Black Friday we want to know whether this is on PayPal\'s side or our HTTP client (connection reuse looked low in one capture).',
  },
];
