/** Knowledge articles, written the way the teams actually write them. */

import type { KnowledgeArticle } from '../../src/core/model.ts';

export interface KbDef {
  key: string;
  title: string;
  category: KnowledgeArticle['category'];
  status: KnowledgeArticle['status'];
  owner: string;
  services?: string[];
  cis?: string[];
  problem?: string;
  published?: string;
  review_by?: string;
  tags?: string[];
  body: string;
}

export const KB: KbDef[] = [
  {
    key: 'scanner-wifi', title: 'Scanner keeps losing Wi-Fi in the high racks (Spandau aisles 40-52)', category: 'known-error', status: 'published', owner: 'TEAM-warehouse-systems',
    services: ['SVC-warehouse'], cis: ['CI-scanners-spandau', 'CI-wifi-spandau'], problem: 'scanner-roaming', published: '2026-03-04', review_by: '2027-01-31', tags: ['scanners', 'wifi'],
    body: `## Symptom

The Lagerwerk client shows **"Server nicht erreichbar"** for 20-60 seconds while the picker is in aisles
40-52, then recovers on its own. Other aisles are fine.

## Workaround (shift lead or IT)

1. On the scanner, open **StageNow** and scan the barcode *NW-SCAN-5G-LOCK* (printed on the IT cage
   door and on the back of this page when printed).
2. Wait for "Profile applied" and the Wi-Fi icon to come back (about 30 seconds).
3. If the scanner still drops in the aisle, reboot it at the aisle end (hold power, **Restart**).

The profile locks the scanner to 5 GHz and makes it roam earlier. It survives reboots but not a factory
reset, so re-apply it to any scanner that comes back from repair.

## Do not

- Do not "forget" the NW-SCAN network: the scanner loses its certificate and needs IT to re-enrol it.
- Do not raise a new incident for a single scanner that is fixed by the profile; note the asset tag in
  the shift log instead.

## Permanent fix

Firmware and access point update after the peak season (see the problem record).`,
  },
  {
    key: 'label-printer', title: 'Labels stop printing at the packing stations: restart the spooler and re-send', category: 'known-error', status: 'published', owner: 'TEAM-warehouse-systems',
    services: ['SVC-warehouse'], cis: ['CI-print-server-spandau', 'CI-label-printers-spandau'], problem: 'label-printer', published: '2026-04-16', review_by: '2026-10-31', tags: ['printing'],
    body: `## Symptom

Printers show **Ready** but nothing comes out. On PRT-SPD-01 the jobs sit in the queue as "Printing" with
0 bytes.

## Fix (takes about five minutes)

1. Connect to PRT-SPD-01 (Remote Desktop, warehouse admin account).
2. In PowerShell as administrator:

   \`\`\`powershell
   Restart-Service -Name Spooler -Force
   Get-PrintJob -PrinterName "ZT411-*" | Where-Object JobStatus -match "Error" | Remove-PrintJob
   \`\`\`
3. In the WMS: **Versand > Etiketten > erneut drucken**, filter by station and the last 30 minutes,
   select all, **Drucken**.
4. Ask the packing lead to confirm labels are coming out at every affected station.

## Why

A bug in the ZDesigner 10.6 port monitor deadlocks when the spooler recycles. Driver 10.8 fixes it; the
rollout needs all carrier templates re-certified, planned for January.`,
  },
  {
    key: 'dhl-429', title: 'DHL labels fail with 429 at shift start', category: 'known-error', status: 'published', owner: 'TEAM-integration',
    services: ['SVC-shipment-tracking'], cis: ['CI-tracking-api', 'CI-carrier-dhl'], problem: 'dhl-rate-limit', published: '2026-06-02', review_by: '2026-12-31', tags: ['carriers', 'dhl'],
    body: `## Check

- Grafana "Carrier bookings": red bars for DHL only, starting within ten minutes of a shift start.
- Logs: \`carrier=dhl status=429\` on the booking worker.

## Workaround

1. Make sure the rate cap is on: \`kubectl -n tracking get deploy booking-worker -o yaml | grep BOOKING_MAX_RPS\`
   should print \`25\`. If it is missing, a redeploy dropped it: set it in the deploy repository (not by
   hand) and sync.
2. Replay the failed bookings:

   \`\`\`
   kubectl -n tracking create job --from=cronjob/dlq-replay dlq-replay-$(date +%H%M) -- --topic shipment.booking.dlq --max-rps 20
   \`\`\`
3. Tell the packing lead that labels for the parked parcels will print within a few minutes.

UPS and DPD are not affected by this; if they fail too, it is something else.`,
  },
  {
    key: 'vpn-macos', title: 'GlobalProtect disconnects every few minutes on macOS 15', category: 'known-error', status: 'published', owner: 'TEAM-network',
    services: ['SVC-remote-access'], cis: ['CI-vpn-gateway', 'CI-laptop-fleet'], problem: 'vpn-macos', published: '2026-10-09', review_by: '2027-01-15', tags: ['vpn', 'macos'],
    body: `Applies to Macs on macOS 15.0 or later with GlobalProtect 6.2.1 (check: GlobalProtect menu > Settings > About).

## Fix for the user

1. Open **Company Portal**, search "GlobalProtect (macOS 15)", click **Install**.
2. When macOS asks, open **System Settings > Privacy & Security** and click **Allow** next to
   "Palo Alto Networks".
3. Reconnect. The version should now be 6.2.4.

If the Allow button does not appear, restart the Mac and try step 2 again. Service desk: do not
reinstall the whole client, the profile and certificate would be removed.`,
  },
  {
    key: 'keycloak-restart', title: 'Restarting Keycloak without logging customers out', category: 'known-error', status: 'published', owner: 'TEAM-identity',
    services: ['SVC-identity'], cis: ['CI-keycloak'], problem: 'keycloak-sessions', published: '2026-08-05', review_by: '2026-11-15', tags: ['keycloak', 'runbook'],
    body: `Until sessions have two owners, each customer session lives on one pod. Restarting pods carelessly logs
people out (in checkout, too).

## Planned restart

\`\`\`
kubectl -n identity annotate deploy keycloak nw/restart-reason="<ticket>"
kubectl -n identity rollout restart deploy keycloak
kubectl -n identity rollout status deploy keycloak --timeout=30m
\`\`\`

The deployment has \`maxUnavailable: 1\`, \`maxSurge: 0\` and a preStop hook that waits 300 s so
Infinispan can hand over sessions. **Do not** delete pods by hand or scale down.

## Node maintenance

Karpenter consolidation is paused for the memory node group (\`karpenter.sh/do-not-disrupt\` on the
Keycloak pods). If you must drain a node with a Keycloak pod, drain it alone and wait five minutes
before the next one.

## After a restart

Watch "Session invalidations" in the Keycloak dashboard: a spike means sessions were lost.`,
  },
  {
    key: 'opensearch-reindex', title: 'Search errors during the nightly reindex: pause and resume with smaller bulks', category: 'known-error', status: 'published', owner: 'TEAM-commerce',
    services: ['SVC-storefront'], cis: ['CI-opensearch'], problem: 'opensearch-heap', published: '2026-10-16', review_by: '2027-03-31',
    body: `## When

JVM memory pressure above 85% on any data node while the \`catalog-reindex\` job runs (alert
"OpenSearchHeapPressure").

## What to do

1. Pause the job: \`kubectl -n catalog scale deploy catalog-reindex --replicas=0\`.
2. Wait until memory pressure is under 70% on all nodes (usually 5-10 minutes).
3. Check the job uses bulk size 500: \`REINDEX_BULK_SIZE\` in the deploy repository.
4. Resume: \`--replicas=1\`. The job continues from its last checkpoint.

The live alias only switches when the new index is complete, so pausing is always safe. If the cluster
goes **red**, call Commerce on-call: that is an incident, not this procedure.`,
  },
  {
    key: 'wms-archive', title: 'WMS database: "archiver stuck" (ORA-00257)', category: 'troubleshooting', status: 'published', owner: 'TEAM-warehouse-systems',
    services: ['SVC-warehouse'], cis: ['CI-wms-db'], problem: 'wms-archive', published: '2026-01-29', review_by: '2027-01-29', tags: ['oracle', 'runbook'],
    body: `Symptoms: every WMS action fails with "Datenbankfehler"; the alert log shows ORA-00257.

## Free space (DBA or on-call with the DBA on the phone)

\`\`\`sql
-- as sysdba on wmsdb01
RUN {
  BACKUP ARCHIVELOG ALL NOT BACKED UP 1 TIMES;
  DELETE NOPROMPT ARCHIVELOG ALL BACKED UP 1 TIMES TO DEVICE TYPE DISK;
}
\`\`\`

Then check \`SELECT * FROM V$RECOVERY_AREA_USAGE;\` is below 50%, and restart the WMS application
servers (they do not reconnect by themselves after a long stall).

## Afterwards

Find out why the nightly RMAN job did not clean up (its log is in /u01/app/oracle/rman/logs) and raise an
incident if it failed. Since February a failure pages Warehouse Systems on-call.`,
  },
  {
    key: 'edi-partner', title: 'A trading partner changed their AS2 certificate', category: 'troubleshooting', status: 'published', owner: 'TEAM-integration',
    services: ['SVC-edi'], cis: ['CI-edi-gateway'], published: '2025-09-12', review_by: '2026-12-12', tags: ['edi', 'as2'],
    body: `Typical signs: outbound messages to one partner stay in retry; the MDN says "decryption failed" or
"unable to verify signature"; inbound messages from them fail signature checks.

1. Ask the partner's EDI contact (listed in the partner profile) for their new public certificate and
   the date they switched.
2. In Lobster: **Partner > <partner> > Security**, import the certificate, set it as the encryption and
   verification certificate. Keep the old one for inbound verification for a week.
3. Resend: **Monitoring > Jobs**, filter the partner and status "retry", **Resend**.
4. Check the MDNs come back signed and "processed".

Ask partners to send certificate changes to edi@northwind-logistics.example at least two weeks ahead; most
of them do, if reminded in the onboarding mail.`,
  },
  {
    key: 'vpn-setup', title: 'Working from home: setting up the VPN', category: 'how-to', status: 'published', owner: 'TEAM-network',
    services: ['SVC-remote-access'], cis: ['CI-vpn-gateway'], published: '2025-06-02', review_by: '2026-06-02', tags: ['vpn'],
    body: `You need the VPN only for internal systems (WMS web client, EDI console, file shares). Microsoft 365,
Zendesk and Looker work without it.

1. GlobalProtect is installed on every company laptop. Click the globe icon in the menu bar or task bar.
2. Portal: **vpn.northwind-logistics.example**. Click **Connect**.
3. Sign in with your company account and approve the Authenticator prompt.

## It does not connect

- On a hotel or guest network: GlobalProtect falls back to SSL automatically, give it a minute.
- "Gateway not reachable": switch to your phone's hotspot to see whether the local network blocks it.
- Sign-in loops back to the start: quit GlobalProtect, start it again, choose **Refresh connection**.

Still stuck? Call the service desk (4400 / +1 212 555 0144).`,
  },
  {
    key: 'erp-rerun', title: 'Re-run the nightly ERP invoice export or price import', category: 'how-to', status: 'published', owner: 'TEAM-data',
    services: ['SVC-erp'], cis: ['CI-erp-connector', 'CI-dynamics-365'], published: '2025-11-03', review_by: '2026-12-15', tags: ['finance', 'runbook'],
    body: `The connector retries three times on its own. When it has given up:

1. Check why in the connector log (Grafana > Explore > \`{app="erp-connector"}\`). Common causes:
   Dynamics service protection limits (429) during Microsoft's maintenance, or an expired client secret.
2. For an expired secret: create a new one in the Entra app registration "erp-connector", store it in
   Vault at \`data/erp/dynamics\`, restart the connector.
3. Re-run: \`kubectl -n erp create job --from=cronjob/invoice-export invoice-export-manual\` (or
   \`price-import\`).
4. Tell finance in #finance-systems how many invoices were posted. The export is idempotent: invoices
   already in Dynamics are skipped.

During month-end close (first three working days) call finance before re-running.`,
  },
  {
    key: 'bitlocker', title: 'Laptop asks for the BitLocker recovery key', category: 'how-to', status: 'published', owner: 'TEAM-workplace',
    services: ['SVC-workplace'], cis: ['CI-laptop-fleet', 'CI-intune'], published: '2025-03-10', review_by: '2027-03-10', tags: ['laptop'],
    body: `Usually after a BIOS update or a docking station firmware update.

**For the service desk:**
1. Verify the caller: call back on the number in their Entra ID profile, or ask their manager.
2. Intune > Devices > the device > **Recovery keys**. Read out the key matching the key ID on the
   user's screen (first 8 characters).
3. After the user is in, have them run **Company Portal > Check status** so the key is rotated.

Never send recovery keys by email or chat. If there is no key in Intune, the device has to be reset;
OneDrive files are safe, local files are not.`,
  },
  {
    key: 'mfa-new-phone', title: 'New phone: move the Microsoft Authenticator', category: 'how-to', status: 'published', owner: 'TEAM-identity',
    services: ['SVC-workplace'], cis: ['CI-entra-id'], published: '2025-08-20', review_by: '2027-02-20',
    body: `**If you still have the old phone:** go to https://mysignins.microsoft.com/security-info on your laptop,
**Add sign-in method > Microsoft Authenticator**, scan the QR code with the new phone, then delete the
old phone from the list.

**If the old phone is gone:** call the service desk. After checking who you are (call-back or your
manager), they issue a Temporary Access Pass valid for one hour. Sign in with it at the same page and add
the new phone.

Warehouse staff with kiosk accounts do not use Authenticator; their shift lead resets their PIN.`,
  },
  {
    key: 'ingress-body-size', title: 'HTTP 413 "Request Entity Too Large" from the ingress', category: 'troubleshooting', status: 'published', owner: 'TEAM-platform',
    services: ['SVC-platform', 'SVC-checkout'], cis: ['CI-nginx-ingress'], published: '2026-05-13', review_by: '2027-05-13',
    body: `NGINX rejects request bodies above the configured limit with 413 before the application sees them.

- Global default (set by us): **8m**, in the controller ConfigMap key \`proxy-body-size\` (chart value
  \`controller.config.proxy-body-size\` since chart 4.11; the old \`controller.proxyBodySize\` is ignored).
- Per ingress: annotation \`nginx.ingress.kubernetes.io/proxy-body-size: "20m"\`.

Check the effective value: \`kubectl -n ingress exec deploy/ingress-nginx-controller -- grep client_max_body_size /etc/nginx/nginx.conf | sort | uniq -c\`.

After any chart upgrade, compare the rendered ConfigMap with the previous one; we learnt this the hard
way with B2B orders in May.`,
  },
  {
    key: 'outlook-search', title: 'Outlook does not find mails in a shared mailbox', category: 'troubleshooting', status: 'published', owner: 'TEAM-workplace',
    services: ['SVC-workplace'], cis: ['CI-m365'], published: '2026-08-04', review_by: '2027-02-04',
    body: `Known issue with the new Outlook for Windows and shared mailboxes that were added by automapping. Microsoft
is working on it (our case is linked to the problem record).

Until then:
- Search in **Outlook on the web** (outlook.office.com): open the shared mailbox with your profile
  picture > **Open another mailbox**. Search works there.
- Or switch the toggle **New Outlook** off to use classic Outlook, where search works.

No need to call the service desk for this one unless the web version does not find the mail either.`,
  },
  {
    key: 'order-release-lock', title: 'Order release stopped: check for a stale lock', category: 'troubleshooting', status: 'published', owner: 'TEAM-commerce',
    services: ['SVC-order-management'], cis: ['CI-order-service', 'CI-pg-main'], published: '2026-08-06', review_by: '2027-02-06',
    body: `If no \`order.released\` events were published for 10 minutes and orders are waiting:

1. Logs of the release job: "waiting for release lock" means another holder exists.
2. Find it on pg-main:

   \`\`\`sql
   SELECT pid, application_name, state, now() - state_change AS idle_for
   FROM pg_locks JOIN pg_stat_activity USING (pid)
   WHERE locktype = 'advisory' AND objid = 4711;
   \`\`\`
3. If the holder's pod no longer exists (check \`application_name\`), terminate it:
   \`SELECT pg_terminate_backend(<pid>);\`
4. The next run (every two minutes) releases the backlog in batches of 400.

If the lock holder is alive and busy, do not kill it: it is a long release, wait.`,
  },
  {
    key: 'new-joiner', title: 'Ordering a laptop and accounts for a new joiner', category: 'how-to', status: 'published', owner: 'TEAM-workplace',
    services: ['SVC-workplace'], cis: ['CI-laptop-fleet', 'CI-entra-id'], published: '2025-05-05', review_by: '2027-05-05',
    body: `Managers: request the laptop **at least five working days** before the start date (offering "Laptop for a
new joiner"). HR creates the account from the contract; you do not need to request it.

Give us: name, start date, office (Berlin, Spandau, Poznań, New York), role, and whether the person needs
a Mac (design and marketing only) or special software.

On day one, the new joiner collects the laptop at the IT desk (Berlin 3rd floor; New York: Daniel or
Kevin) and sets up Authenticator with us. Warehouse staff get a kiosk account and a WMS user instead;
the shift lead requests those.`,
  },
  {
    key: 'change-process', title: 'How to raise a change', category: 'policy', status: 'published', owner: 'TEAM-it-governance',
    services: ['SVC-platform'], published: '2026-01-12', review_by: '2027-01-12',
    body: `A change is a Markdown file in \`content/changes/\`, proposed in a pull request. The pull request is the
review and the approval; nothing else is needed.

1. \`itsm new change\` (or copy a recent change of the same type) and fill in title, type, risk, the CIs and
   the planned window.
2. **Standard changes**: name the template from the change policy. No approval needed, but the steps of the
   template are mandatory.
3. **Normal changes**: implementation, test and rollback plans are required. Low and medium risk need one
   approval from the owning team of an affected service; high risk needs two approvals from the CAB.
4. **Emergency changes**: one approval from the ECAB, a post-implementation review within five days.
5. Merge when the approval check is green, then update the status as you go (implementing, completed...).

Avoid the Sunday 04:00-07:00 database window for anything that is not database work, and nothing but
emergencies during the year-end freeze (14 December to 4 January).`,
  },
  {
    key: 'major-incident', title: 'Running a major incident', category: 'policy', status: 'published', owner: 'TEAM-ecab',
    published: '2025-10-01', review_by: '2026-10-01',
    body: `Declare a major incident when a tier 1 service is down or badly degraded for many customers, or both
warehouses cannot work. Anyone on call may declare it.

1. Post in **#major-incident**: what is broken, since when, who leads. Start the bridge (pinned link).
2. The incident lead coordinates; engineers fix. One person writes the timeline in the incident record.
3. Customer care gets a status every 30 minutes, even if nothing changed.
4. Emergency changes need one ECAB approval in the pull request; someone from the ECAB joins the bridge.
5. After resolution: a postmortem in the incident's body within five working days, blameless, with
   owners and dates for every action.

Mark the record \`major: true\` so it shows up in the major incident report.`,
  },
  {
    key: 'pg-failover', title: 'Patroni switchover on the main PostgreSQL cluster', category: 'how-to', status: 'published', owner: 'TEAM-platform',
    services: ['SVC-platform'], cis: ['CI-pg-main', 'CI-pg-replica'], published: '2025-12-15', review_by: '2026-12-15', tags: ['database', 'runbook'],
    body: `Planned switchovers only in the Sunday database window unless it is an emergency.

\`\`\`
patronictl -c /etc/patroni/patroni.yml list
patronictl -c /etc/patroni/patroni.yml switchover --leader db-host-01 --candidate db-host-02 --force
\`\`\`

Expect 5-10 seconds of write errors. PgBouncer reconnects on its own; order release and checkout retry.

Check afterwards: \`list\` shows the new leader and lag 0; "Checkout golden signals" dashboard normal;
the order release job has run once. Switch back the same way once the old leader is healthy.`,
  },
  {
    key: 'airflow-rerun', title: 'The morning dashboards are late: re-running the nightly pipeline', category: 'how-to', status: 'published', owner: 'TEAM-data',
    services: ['SVC-reporting'], cis: ['CI-airflow', 'CI-snowflake'], published: '2026-02-20', review_by: '2027-02-20',
    body: `1. Airflow UI > DAG \`nightly_core\` > the failed run. Look at the first red task.
2. If it is \`extract_orders\` with "conflict with recovery": clear the task (downstream included).
3. Other extract failures: check the source is reachable before clearing.
4. dbt failures: open the task log, the failing model is named at the end. Fix or skip with the data lead.
5. Post in #data-announcements when the dashboards are current.

The run takes about 2 hours; after 08:00 it competes with analysts' queries, so size TRANSFORM_WH to L
for the re-run and back to M afterwards.`,
  },
  {
    key: 'kafka-lag', title: 'Consumer lag on the event bus: what to check', category: 'troubleshooting', status: 'published', owner: 'TEAM-platform',
    services: ['SVC-platform', 'SVC-shipment-tracking'], cis: ['CI-kafka-prod'], published: '2026-06-16', review_by: '2026-12-16',
    body: `1. Which group? Grafana "Kafka consumers". One group lagging = that application; all groups = brokers.
2. Rebalancing? \`kafka-consumer-groups --describe --group <g> --state\` repeatedly showing
   "PreparingRebalance" means a rebalance loop: scale the consumers down to a quarter, wait for
   "Stable", scale up in steps.
3. Slow consumer? Processing time per record in the app dashboard; a slow database is the usual cause.
4. Brokers: MSK console for under-replicated partitions and CPU; AWS patches brokers in the maintenance
   window on Tuesdays 03:00-05:00 UTC+1.

Lag on \`order.*\` topics above five minutes is at least a P2: warehouses run out of work.`,
  },
  {
    key: 'checkout-health', title: 'Checkout: where to look first', category: 'reference', status: 'published', owner: 'TEAM-commerce',
    services: ['SVC-checkout', 'SVC-payments'], cis: ['CI-checkout-api', 'CI-payment-gateway'], published: '2026-02-02', review_by: '2026-11-30',
    body: `| What | Where |
|---|---|
| Golden signals | Grafana "Checkout golden signals" |
| Payment success per method | Grafana "Payments by method" |
| Synthetic checks | Grafana "Synthetics", checks \`checkout-happy-path\` (FRA, IAD) |
| PSP status | status.adyen.com, www.paypal-status.com |
| Logs | Grafana Explore \`{namespace="checkout"}\` |
| Feature flags | flags.nw.internal, project "checkout" |

Normal: error rate under 0.3%, p95 of "place order" under 1.2 s, card authorisation rate 92-94%.
Black Friday: traffic 5-7x normal from 07:00, peak around 11:00 and 20:30.`,
  },
  {
    key: 'customer-password', title: 'Customer care: helping a customer who cannot sign in', category: 'how-to', status: 'published', owner: 'TEAM-identity',
    services: ['SVC-identity', 'SVC-customer-care'], cis: ['CI-keycloak'], published: '2025-07-14', review_by: '2027-01-14',
    body: `1. Ask for the e-mail address on the account; look it up in Zendesk's Order 360 panel (Customer tab).
2. "Password wrong": send a reset from the panel (**Send password reset**). Never set a password for them.
3. "No reset mail": check the spam folder with them; if the domain is one of the greylisting ones
   (see the list in #customer-care-tools), raise an incident with the domain name.
4. "Account locked": accounts unlock themselves after 15 minutes. Do not escalate before that.
5. Business customers who sign in with their company login: their own IT has to help; we only see
   whether the login reached us.

We never ask customers for their password, not even "to test".`,
  },
  {
    key: 'followme-printing', title: 'Printing in the Berlin office (FollowMe)', category: 'how-to', status: 'published', owner: 'TEAM-workplace',
    services: ['SVC-workplace'], cis: ['CI-laptop-fleet'], published: '2025-02-03', review_by: '2027-02-03',
    body: `Print to **FollowMe** from any application, then hold your badge against the reader of any office printer
and choose the job. Jobs are kept for 24 hours.

- First time: the printer asks you to register your badge with your company login.
- "Error - printing" in the queue: remove and re-add the printer from Company Portal ("FollowMe printer").
- Colour is off by default; choose it in the print dialog.

Label printers in the warehouses are a different system; see the label printer article.`,
  },
  {
    key: 'magento-admin', title: 'Magento admin: reindexing the category tree', category: 'how-to', status: 'retired', owner: 'TEAM-legacy-shop',
    services: ['SVC-legacy-shop'], cis: ['CI-magento-legacy'], published: '2023-04-11', review_by: '2026-01-31',
    body: `**Retired with the Magento shop in January 2026.** Kept for reference only.

System > Index Management, select "Category Products" and "Product Flat Data", **Reindex Data**. On the
production servers, run it after 22:00: it locked the catalogue tables for up to 20 minutes.`,
  },
  {
    key: 'carrier-outage', title: 'A carrier API is down: what the warehouse can do', category: 'how-to', status: 'draft', owner: 'TEAM-integration',
    services: ['SVC-shipment-tracking', 'SVC-warehouse'], cis: ['CI-carrier-dhl', 'CI-carrier-ups', 'CI-carrier-dpd'], review_by: '2027-01-31',
    body: `*Draft, to be reviewed with the Spandau site manager before publishing.*

If one carrier's API is down for more than 15 minutes:

1. Integration on-call switches the affected service level to the fallback carrier in the routing
   table (DHL <-> DPD for Germany and Poland; UPS has no fallback for the US).
2. Parcels already labelled stay with their carrier; only new bookings move.
3. The shift lead moves the packing stations' carrier lanes accordingly.
4. When the carrier is back, switch the routing back at a wave boundary, never mid-wave.`,
  },
];
