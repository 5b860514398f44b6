/**
 * Recurring incident scenarios. The generator draws most incidents from these, fills the
 * {placeholders} and varies the wording, so the history reads like a real service desk's.
 */
import type { Incident } from '../../src/core/model.ts';

export type Level = Incident['impact'];

/** One coherent story: what users saw, what was found, how it was fixed. */
export interface Story {
  titles: string[];
  description: string;
  /** Work notes in the order they happen. */
  work: string[];
  resolution: string;
  hold?: string[];
  /** This story is not caused by the scenario's problem. */
  noProblem?: boolean;
}

export interface Scenario {
  key: string;
  service: string;
  cis: string[];
  team: string;
  /** Who usually works it: forge logins of people in the hand-written teams. */
  assignees: string[];
  /** [impact, urgency] choices; the first is the most common. */
  levels: [Level, Level][];
  /** How it was reported: the first timeline note. */
  reported: string[];
  /**
   * Either one story told with interchangeable wording (titles, description, work notes in order,
   * resolutions), or several distinct stories whose parts belong together.
   */
  titles?: string[];
  description?: string[];
  work?: string[];
  resolutions?: string[];
  stories?: Story[];
  hold?: string[];
  weight: number;
  /** Zone the reporter lives in: their timestamps carry its offset. */
  zone?: 'berlin' | 'new-york';
  /** Only between these dates (YYYY-MM-DD), e.g. before a problem's fix. */
  from?: string;
  until?: string;
  /** ID of the hand-written problem these incidents are attached to, from `problemFrom` on. */
  problem?: string;
  problemFrom?: string;
  /** IDs of hand-written knowledge articles about it. */
  kb?: string[];
  tags?: string[];
  /** Mostly reported out of office hours (monitoring at night). */
  night?: boolean;
}

export const SCENARIOS: Scenario[] = [
  {
    key: 'scanner-roaming',
    service: 'SVC-warehouse',
    cis: ['CI-scanners-spandau', 'CI-wifi-spandau'],
    team: 'TEAM-warehouse-systems',
    assignees: ['swolf-wms', 'knowak', 'marie-schwarz'],
    levels: [
      ['medium', 'medium'],
      ['medium', 'high'],
      ['low', 'medium'],
    ],
    titles: [
      'Scanners in aisles {aisle} keep dropping off Wi-Fi',
      'Pickers in Spandau zone {zone} lose connection mid-pick',
      'Handhelds show "Server nicht erreichbar" in the high racks',
      'Spandau: scanners disconnect when moving between aisles {aisle}',
    ],
    reported: [
      'Shift lead {shiftlead} called: {count} pickers in aisles {aisle} get "Server nicht erreichbar" every few minutes.',
      'Reported by the Spandau early shift lead via the warehouse hotline.',
      'Teams message from the Spandau shift office: scanners in zone {zone} keep reconnecting, picks have to be re-scanned.',
    ],
    description: [
      'Pickers working the high racks in aisles {aisle} lose their Wi-Fi connection for 20-60 seconds at a time. The Lagerwerk client shows "Server nicht erreichbar" and the pick has to be scanned again. The shift lead estimates the zone is running at about {pct}% of normal pick rate.',
      'Several TC52 scanners in zone {zone} disconnect when the pickers move between aisles. Scanners on the ground floor and in the packing area are fine. Affected devices include {asset} and {asset2}.',
    ],
    work: [
      'Aruba Central shows the clients sticking to AP-SPD-{ap} at -78 dBm instead of roaming to the next access point.',
      'Checked the affected devices: all on 5 GHz, roaming aggressiveness at the StageNow default. Same pattern as the known error.',
      'Applied the known-error workaround on the affected devices (rejoin NW-SCAN, force 5 GHz band lock) with the shift lead.',
    ],
    hold: [
      'Waiting for the night shift to confirm whether the drops continue with the workaround applied.',
      'On hold until the shift lead can hand over three devices for log collection.',
    ],
    resolutions: [
      'Workaround from the known error applied to the {count} affected scanners; pick rate back to normal according to the shift lead.',
      'Re-staged the affected devices with the band-lock profile. No further drops during the rest of the shift.',
    ],
    weight: 5,
    problem: 'PRB-0003',
    problemFrom: '2026-02-10',
    kb: ['KB-0016'],
    tags: ['wifi', 'scanners'],
  },
  {
    key: 'label-printer-stall',
    service: 'SVC-warehouse',
    cis: ['CI-label-printers-spandau', 'CI-print-server-spandau'],
    team: 'TEAM-warehouse-systems',
    assignees: ['swolf-wms', 'knowak'],
    levels: [
      ['medium', 'high'],
      ['low', 'high'],
      ['medium', 'medium'],
    ],
    titles: [
      'Label printers at packing stations {station} stopped printing',
      'Shipping labels not printing in Spandau (queue stuck)',
      'Packing line {line}: no carrier labels coming out',
    ],
    reported: [
      'Packing team lead called the hotline: stations {station} have had no labels for 15 minutes, parcels are piling up.',
      'Alert "print queue depth > 200" on PRT-SPD-01.',
    ],
    description: [
      'Label print jobs for packing stations {station} stay in the queue on PRT-SPD-01 and never reach the printers. The printers themselves show "Ready". Packers are putting parcels aside; around {count} parcels were waiting when the call came in.',
      'Carrier labels stopped printing on packing line {line}. The WMS shows the jobs as sent. The Windows print queue shows them as "Printing" with 0 bytes transferred.',
    ],
    work: [
      'Spooler on PRT-SPD-01 is running but the ZDesigner port monitor is hung; same symptom as the known error.',
      'Restarted the print spooler, the stuck jobs errored out. Re-sending the batch from the WMS (Versand > Etiketten > erneut drucken).',
    ],
    resolutions: [
      'Restarted the spooler and re-sent the affected batch from the WMS, as described in the known error. Labels printing again; backlog cleared within 25 minutes.',
      'Cleared the stuck jobs, restarted the spooler and reprinted {count} labels. Packing line back to normal.',
    ],
    weight: 4,
    problem: 'PRB-0005',
    problemFrom: '2026-03-02',
    kb: ['KB-0017'],
    tags: ['printing'],
  },
  {
    key: 'wms-slow-waves',
    service: 'SVC-warehouse',
    cis: ['CI-wms-app', 'CI-wms-db'],
    team: 'TEAM-warehouse-systems',
    assignees: ['marie-schwarz', 'swolf-wms', 'knowak'],
    levels: [
      ['medium', 'medium'],
      ['high', 'medium'],
      ['medium', 'high'],
    ],
    reported: [
      'Poznań shift lead: releasing the 14:00 wave has been running for {minutes} minutes.',
      'Alert from the WMS health check: p95 response time above 4 s for 10 minutes.',
    ],
    stories: [
      {
        titles: ['Wave release in the WMS takes {minutes} minutes instead of 2', 'WMS pick list generation timing out for large waves'],
        description:
          'Releasing a pick wave in Lagerwerk takes {minutes} minutes instead of the usual one to two. Pickers are waiting for work. The slowdown started around the time the afternoon wave was released.',
        work: [
          'AWR report shows the pick-wave query doing a full scan on PICK_TASK: the optimizer statistics are from last week.',
          'Gathered fresh statistics on PICK_TASK and ORDER_LINE; execution plan switched back to the index range scan.',
        ],
        resolution: 'Gathered statistics on the pick tables; wave release back to under two minutes.',
      },
      {
        titles: ['Lagerwerk WMS very slow for all users in Poznań', 'WMS screens take 5-10 seconds in both warehouses'],
        description: 'All WMS screens are slow, worst for wave planning. The application servers are at normal CPU; the database shows high I/O wait.',
        work: [
          'Checked for blocking sessions: a long-running export job from finance holds a lock on ORDER_LINE.',
          'Killed the export session after checking with the job owner.',
        ],
        resolution: 'Killed the blocking export session and rescheduled the export to 22:30. WMS response times back to normal.',
      },
    ],
    weight: 4,
    tags: ['performance'],
  },
  {
    key: 'dhl-rate-limit',
    service: 'SVC-shipment-tracking',
    cis: ['CI-tracking-api', 'CI-carrier-dhl'],
    team: 'TEAM-integration',
    assignees: ['jvogel', 'priya-raman'],
    levels: [
      ['medium', 'high'],
      ['medium', 'medium'],
    ],
    titles: [
      'DHL labels failing with "429 Too Many Requests" at shift start',
      'Carrier label booking errors for DHL parcels',
      'Spandau: DHL labels not generated for the first wave',
    ],
    reported: ['Alert: DHL booking error rate above 20% for 5 minutes.', 'Spandau packing lead reports that DHL parcels show "Label fehlt" in the WMS.'],
    description: [
      'Between {time} and {time2} about {pct}% of DHL shipment bookings failed with HTTP 429. Parcels without a label cannot leave the packing station, so the first wave of the {shift} shift was delayed.',
      'Label booking against the DHL Parcel DE API is being rate-limited. UPS and DPD bookings are fine.',
    ],
    work: [
      'Confirmed 429 responses in the tracking-api logs, all within the first ten minutes of the shift. Burst of about 1,100 bookings in two minutes.',
      'Enabled the staggered booking workaround (BOOKING_MAX_RPS=25) and replayed the failed bookings from the dead-letter topic.',
    ],
    resolutions: [
      'Replayed the failed bookings at a limited rate; all labels printed by {time2}.',
      'Applied the known-error workaround (rate cap) and re-queued {count} failed bookings.',
    ],
    weight: 4,
    problem: 'PRB-0007',
    problemFrom: '2026-05-04',
    kb: ['KB-0019'],
    tags: ['carriers', 'dhl'],
  },
  {
    key: 'tracking-webhook-delay',
    service: 'SVC-shipment-tracking',
    cis: ['CI-tracking-api', 'CI-carrier-ups'],
    team: 'TEAM-integration',
    assignees: ['jvogel', 'priya-raman'],
    levels: [
      ['low', 'medium'],
      ['medium', 'low'],
      ['low', 'low'],
    ],
    titles: [
      'UPS tracking events not updating since this morning',
      'Tracking page shows "Label created" for parcels already delivered',
      'Customers report stale tracking status for UPS parcels',
    ],
    reported: [
      'Customer care (New York) forwarded {count} tickets from customers whose tracking page has not moved for two days.',
      'Zendesk macro "tracking stale" used {count} times today; customer care asked us to check.',
    ],
    description: [
      'Tracking status for UPS parcels has not been updated since about {time}. The parcels are moving in UPS\'s own tracking. Customers see "Label created" and write to customer care.',
      'Webhook deliveries from UPS stopped arriving. Our webhook endpoint is reachable and returns 200 for test calls.',
    ],
    work: [
      'UPS developer portal shows our webhook subscription as "suspended" after repeated timeouts last night.',
      'Re-activated the subscription and started a backfill from the UPS tracking API for parcels shipped since Monday.',
    ],
    hold: ['Waiting for UPS developer support (case {case}) to re-enable the subscription on their side.'],
    resolutions: [
      'Subscription re-enabled by UPS; backfill of {count} parcels completed. Tracking pages current again.',
      'Backfilled the missing events through the polling API and re-registered the webhook.',
    ],
    weight: 3,
    zone: 'new-york',
    tags: ['carriers', 'ups'],
  },
  {
    key: 'edi-dst',
    service: 'SVC-edi',
    cis: ['CI-edi-gateway'],
    team: 'TEAM-integration',
    assignees: ['priya-raman'],
    levels: [
      ['medium', 'high'],
      ['medium', 'medium'],
    ],
    titles: ['Purchase orders from {partner} rejected with "delivery date in the past"', 'EDI 850s failing validation after the clock change'],
    reported: [
      '{partner} EDI contact emailed the New York office: their POs since midnight were acknowledged with 997 errors.',
      'Alert: EDI inbound rejection rate above 10%.',
    ],
    description: [
      'Purchase orders (X12 850) from {partner} and at least two other partners are rejected by the mapping with "requested delivery date is in the past". All rejected orders have delivery windows starting between 00:00 and 03:00 local time on the day of the clock change.',
    ],
    work: [
      'The mapping converts the DTM segment to local time without an offset, then compares it with the server time in UTC. On the day of the clock change the comparison is off by an hour.',
      'Manually re-processed the rejected documents with validation relaxed for the DTM check.',
    ],
    resolutions: ['Re-processed the {count} rejected orders after relaxing the date check for the day; partners notified.'],
    weight: 0,
    zone: 'new-york',
    problem: 'PRB-0006',
    tags: ['edi', 'dst'],
  },
  {
    key: 'edi-partner-cert',
    service: 'SVC-edi',
    cis: ['CI-edi-gateway'],
    team: 'TEAM-integration',
    assignees: ['priya-raman', 'jvogel'],
    levels: [
      ['low', 'high'],
      ['low', 'medium'],
      ['medium', 'medium'],
    ],
    titles: ['AS2 messages to {partner} failing (certificate)', 'No ASNs delivered to {partner} since {time}', '{partner} not receiving invoices over AS2'],
    reported: [
      '{partner} called the New York office: no advance shipping notices received today.',
      'EDI monitor: {count} outbound messages to {partner} in retry state.',
    ],
    description: [
      'Outbound AS2 messages to {partner} fail with "certificate expired" on their side. They rotated their AS2 certificate without telling us; we are still encrypting with the old one.',
      'Outbound 856s to {partner} are stuck in retry. The partner\'s endpoint returns an MDN with "decryption failed".',
    ],
    work: ['Asked {partner} for their new public certificate; imported it into the partner profile and triggered a resend.'],
    hold: ["Waiting for {partner}'s EDI team to send the new certificate."],
    resolutions: ["Imported the partner's new AS2 certificate and resent {count} messages; MDNs received."],
    weight: 3,
    zone: 'new-york',
    kb: ['KB-0008'],
    tags: ['edi'],
  },
  {
    key: 'vpn-macos',
    service: 'SVC-remote-access',
    cis: ['CI-vpn-gateway', 'CI-laptop-fleet'],
    team: 'TEAM-network',
    assignees: ['okrause', 'dmeyer-net'],
    levels: [
      ['low', 'medium'],
      ['low', 'low'],
      ['medium', 'medium'],
    ],
    titles: ['VPN disconnects every 15 minutes on MacBook', 'GlobalProtect keeps reconnecting (macOS)', 'Marketing team: VPN drops during video calls'],
    reported: [
      'Call to the service desk from {user} (marketing): VPN drops roughly every 15 minutes since the macOS update.',
      'Ticket from {user}: GlobalProtect "reconnecting" loop on a MacBook Air.',
    ],
    description: [
      'GlobalProtect on macOS 15 disconnects every 10-20 minutes and reconnects after about 30 seconds. Windows users are not affected. The user loses their SharePoint upload and Teams call each time.',
    ],
    work: ['Matches the known error for macOS 15. Applied the workaround (GlobalProtect 6.2.4 from the Company Portal, network extension re-approved).'],
    resolutions: [
      'Workaround applied: GlobalProtect 6.2.4 installed; user confirmed a stable connection for the afternoon.',
      'Installed the fixed client version from the Company Portal; no drops since.',
    ],
    weight: 4,
    problem: 'PRB-0011',
    problemFrom: '2026-09-28',
    from: '2026-09-20',
    kb: ['KB-0024'],
    tags: ['vpn', 'macos'],
  },
  {
    key: 'vpn-general',
    service: 'SVC-remote-access',
    cis: ['CI-vpn-gateway'],
    team: 'TEAM-network',
    assignees: ['okrause', 'dmeyer-net'],
    levels: [
      ['low', 'medium'],
      ['low', 'low'],
    ],
    reported: ['Call to the service desk from {user}.', 'Ticket from {user} via the service portal.'],
    stories: [
      {
        titles: [
          'Cannot connect to VPN from hotel network',
          'VPN: "gateway not reachable" from a customer site',
          '{user}: cannot connect to VPN from hotel network',
          '{user}: VPN "gateway not reachable" from a customer site',
        ],
        description:
          'The user cannot establish a VPN connection. Other users are connected normally, so the gateway is up. The user is on a guest network that blocks UDP 4501.',
        work: ['Switched the client to SSL fallback; connection established.'],
        resolution: 'Connected using the SSL fallback; explained the guest network restriction to the user.',
      },
      {
        titles: ['VPN login loops back to the sign-in page', '{user}: VPN login loops back to the sign-in page'],
        description: 'After MFA, the GlobalProtect client returns to the sign-in page. The Entra ID sign-in log shows the sign-in succeeded.',
        work: ['Cleared the GlobalProtect cookie cache and the saved portal; the loop stopped.'],
        resolution: 'Cleared the cached portal configuration on the client; login works.',
      },
      {
        titles: ['Vendor cannot reach the WMS over the vendor VPN', '{user}: vendor cannot reach the WMS over the vendor VPN'],
        description: 'The Lagerwerk support engineer can sign in to the vendor portal but has no route to the WMS application servers.',
        work: ["The vendor's access had expired last Friday; the request covered 60 days only."],
        resolution: 'Extended the vendor access under the existing vendor VPN request until the end of the support contract month.',
      },
    ],
    weight: 3,
    kb: ['KB-0005'],
  },
  {
    key: 'keycloak-logout',
    service: 'SVC-identity',
    cis: ['CI-keycloak'],
    team: 'TEAM-identity',
    assignees: ['pneumann', 'erichter'],
    levels: [
      ['medium', 'medium'],
      ['medium', 'high'],
    ],
    titles: [
      'Customers logged out during checkout',
      'Spike in "session expired" errors on the shop',
      'Customers asked to sign in again after a Keycloak restart',
    ],
    reported: [
      'Alert: customer session invalidations above baseline x10.',
      'Customer care reports several customers who were logged out with items in their basket.',
    ],
    description: [
      'For about {minutes} minutes customers were signed out and had to sign in again; some were in checkout and had to restart the payment step. The time matches a rolling restart of the Keycloak pods.',
    ],
    work: [
      'Rolling restart at {time} (node replacement by Karpenter). Sessions on the terminated pod were lost because the sessions cache keeps only one owner.',
      'Paused Karpenter consolidation for the memory node group until the fix is deployed.',
    ],
    resolutions: [
      'Sessions stable once the restart completed; workaround (drain Keycloak pods one at a time with a 5-minute gap) in place.',
      'No further invalidations after the rollout finished. Linked to the known error.',
    ],
    weight: 3,
    problem: 'PRB-0009',
    from: '2026-06-01',
    problemFrom: '2026-07-15',
    kb: ['KB-0022'],
    night: true,
  },
  {
    key: 'password-reset-mail',
    service: 'SVC-identity',
    cis: ['CI-keycloak', 'CI-smtp-relay'],
    team: 'TEAM-identity',
    assignees: ['pneumann'],
    levels: [
      ['low', 'medium'],
      ['medium', 'medium'],
      ['low', 'low'],
    ],
    reported: ['Customer care: {count} customers say the mail never arrives.', 'Alert: SES bounce rate 4.3% (threshold 4%).'],
    stories: [
      {
        titles: ['Password reset emails not arriving for {domain} addresses', 'Password reset mails to {domain} delayed by up to an hour'],
        description:
          'Password reset emails to {domain} addresses are not delivered or arrive very late. SES shows them as "delivered" for some and "deferred" for others.',
        work: ['{domain} is greylisting our SES IPs after a spike in volume. Requested delisting via their postmaster form.'],
        resolution: 'Delivery to {domain} working again after delisting; resent pending reset mails.',
        hold: ['Waiting for the {domain} postmaster to process the delisting request.'],
      },
      {
        titles: ['Customers do not receive the registration confirmation'],
        description: 'Customers registering today do not get the confirmation mail. Sending to our own test mailboxes works for English but not for German.',
        work: ['A bad template variable in the German confirmation mail made SES reject the message; fixed the template.'],
        resolution: 'Template fixed and redeployed; resent {count} confirmation mails.',
      },
    ],
    weight: 3,
  },
  {
    key: 'checkout-voucher',
    service: 'SVC-checkout',
    cis: ['CI-checkout-api', 'CI-cart-service'],
    team: 'TEAM-commerce',
    assignees: ['nschulz', 'lukas-braun'],
    levels: [
      ['low', 'medium'],
      ['medium', 'medium'],
      ['low', 'low'],
    ],
    reported: ['Customer care: several customers complain at checkout, tickets linked in Zendesk.', 'Ticket from the e-commerce team.'],
    stories: [
      {
        titles: ['Voucher code {voucher} rejected at checkout', 'Campaign code {voucher} "not valid"'],
        description: 'Customers entering {voucher} at checkout get "This code is not valid". The campaign started at {time} according to marketing.',
        work: ['The campaign was configured with the end date in the start field. Corrected with marketing.'],
        resolution: 'Campaign dates corrected; customer care refunded the difference for {count} orders.',
      },
      {
        titles: ['Free shipping threshold not applied in Austria'],
        description: 'Orders shipping to Austria above EUR 49 still get a shipping fee. Germany is fine.',
        work: ['The rule uses the country of the billing address, not the delivery address. Hotfix prepared.'],
        resolution: 'Rule fixed to use the delivery country; affected customers got a goodwill voucher.',
      },
      {
        titles: ['Gift cards cannot be combined with PayPal'],
        description: 'Customers paying the rest of a gift card order with PayPal get "Payment method not available".',
        work: ['The payment method filter treats a partly paid basket as zero-value and hides PayPal.'],
        resolution: 'Filter fixed in checkout-api {latency}; PayPal offered again for partly paid baskets.',
      },
    ],
    weight: 4,
  },
  {
    key: 'checkout-slow',
    service: 'SVC-checkout',
    cis: ['CI-checkout-api', 'CI-pg-main'],
    team: 'TEAM-commerce',
    assignees: ['nschulz', 'lukas-braun', 'hkrueger'],
    levels: [
      ['high', 'medium'],
      ['medium', 'high'],
      ['medium', 'medium'],
    ],
    reported: ['Alert: checkout p95 latency above 3 s for 10 minutes.', 'Synthetic check "checkout-happy-path" failing from Virginia.'],
    stories: [
      {
        titles: ['Checkout slow: "Place order" takes over 10 seconds', 'Order confirmation page times out for some customers'],
        description:
          'Placing an order takes between 8 and 15 seconds; a few per cent of customers see a timeout but are charged. The synthetic checks fail intermittently.',
        work: ['pg-main shows lock waits on the `stock_reservation` table; a catalogue bulk import is running in the middle of the day.'],
        resolution: 'Paused the catalogue bulk import and rescheduled it to the night. Latency back to normal within five minutes.',
      },
      {
        titles: ['Elevated checkout latency (p95 {latency} ms)'],
        description: 'p95 latency of POST /checkout/place is {latency} ms (normal: 900 ms). Error rate is only slightly elevated.',
        work: ['Connection pool at 38/40 on most pods. Scaled checkout-api from 6 to 10 pods.'],
        resolution: 'Scaled out checkout-api; latency normal. Customers who were charged twice refunded by payments.',
      },
    ],
    weight: 3,
    problem: 'PRB-0001',
    until: '2026-01-20',
    tags: ['performance'],
  },
  {
    key: 'payment-refunds',
    service: 'SVC-payments',
    cis: ['CI-payment-gateway', 'CI-adyen'],
    team: 'TEAM-payments',
    assignees: ['mkaya', 'czimmermann'],
    levels: [
      ['low', 'medium'],
      ['medium', 'low'],
      ['low', 'low'],
    ],
    reported: ['Customer care: customers ask about refunds that do not show up.', 'Finance noticed discrepancies in the daily refund settlement report.'],
    stories: [
      {
        titles: ['Refunds stuck in "pending" for card payments', 'Refund webhook from Adyen not processed'],
        description:
          'Refunds for card payments stay "pending" in the back office. Adyen shows them as refunded, so the money has gone back to the customer, but our status was never updated.',
        work: ['The REFUND webhooks were rejected by our endpoint during a deployment window and Adyen stopped retrying after 3 attempts.'],
        resolution: 'Replayed the webhooks from the Adyen customer area; {count} refunds updated.',
      },
      {
        titles: ['Partial refunds failing for orders with vouchers'],
        description: 'Partial refunds on orders paid partly with a voucher fail with "amount exceeds captured amount".',
        work: ['The refund amount is calculated against the order total, not the captured card amount.'],
        resolution: 'Fixed the refund calculation; finance re-issued the failed partial refunds manually.',
      },
    ],
    weight: 3,
    tags: ['refunds'],
  },
  {
    key: 'paypal-timeout',
    service: 'SVC-payments',
    cis: ['CI-payment-gateway', 'CI-paypal'],
    team: 'TEAM-payments',
    assignees: ['mkaya', 'sophiewagner', 'czimmermann'],
    levels: [
      ['medium', 'high'],
      ['medium', 'medium'],
    ],
    titles: ['PayPal payments intermittently timing out', 'Customers redirected back from PayPal with an error', 'PayPal capture timeouts (5xx) at checkout'],
    reported: ['Alert: PayPal authorisation error rate above 3%.', 'Customer care: customers say PayPal "did not work" on the first attempt.'],
    description: ['Around {pct}% of PayPal authorisations time out after 10 s. Most customers retry successfully; some give up. Card payments are unaffected.'],
    work: [
      'Timeouts are on the create-order call only; PayPal status page shows nothing. Opened a merchant support case.',
      'Connection reuse to api-m.paypal.com is low: the HTTP client opens a new TLS connection for most requests.',
    ],
    hold: ['Waiting for PayPal merchant technical support (case {case}).'],
    resolutions: [
      'Error rate back under 0.5%; PayPal acknowledged a degradation in their EU edge.',
      'Timeouts stopped after PayPal rerouted our traffic; keeping the case open for the report.',
    ],
    weight: 2,
    from: '2026-10-01',
    problem: 'PRB-0015',
    problemFrom: '2026-11-20',
  },
  {
    key: 'storefront-images',
    service: 'SVC-storefront',
    cis: ['CI-storefront-web', 'CI-s3-assets', 'CI-cloudflare-edge'],
    team: 'TEAM-commerce',
    assignees: ['hkrueger', 'lukas-braun'],
    levels: [
      ['low', 'medium'],
      ['medium', 'low'],
      ['low', 'low'],
    ],
    reported: ['E-commerce team: product pictures missing on several pages.', 'Customer email forwarded by customer care: "no pictures on your site".'],
    stories: [
      {
        titles: ['Product images missing on category pages', 'Product page shows placeholder image on mobile'],
        description: 'Product images for {count} products do not load. The image URLs return 404 from Cloudflare image resizing.',
        work: [
          'The upload job wrote the images with upper-case file extensions (.JPG); the resizer URL uses lower case.',
          'Renamed the objects and purged the Cloudflare cache for /img/products/*.',
        ],
        resolution: 'Renamed the objects and purged the cache; images showing.',
      },
      {
        titles: ['Broken images for the new {brand} collection'],
        description: 'Newly uploaded images for the {brand} collection are missing; older images load fine.',
        work: ['The supplier delivered the images as HEIC; the import skipped them silently.'],
        resolution: 'Converted and re-imported the images; pages fine. Import now reports skipped files.',
      },
    ],
    weight: 3,
  },
  {
    key: 'search-relevance',
    service: 'SVC-storefront',
    cis: ['CI-opensearch', 'CI-product-catalog'],
    team: 'TEAM-commerce',
    assignees: ['hkrueger', 'nschulz'],
    levels: [
      ['low', 'low'],
      ['low', 'medium'],
      ['medium', 'low'],
    ],
    reported: ['Ticket from the category management team.', 'Customer care forwarded customer feedback about the search results.'],
    stories: [
      {
        titles: ['Search for "{term}" returns no results'],
        description: 'Searching the shop for "{term}" returns no results. Searching for the exact product names works.',
        work: ['The German synonym list lost its entries in a manual edit of the index settings.'],
        resolution: 'Restored the synonym list and reindexed.',
      },
      {
        titles: ['Out-of-stock products ranked first in search', 'Search suggestions show discontinued products'],
        description: 'Products that are out of stock in both warehouses appear at the top of search results and in the suggestions.',
        work: ['The nightly reindex ran before the stock sync, so stock flags were a day old.'],
        resolution: 'Moved the reindex after the stock sync; results correct after the next run.',
      },
    ],
    weight: 3,
  },
  {
    key: 'opensearch-heap',
    service: 'SVC-storefront',
    cis: ['CI-opensearch'],
    team: 'TEAM-commerce',
    assignees: ['nschulz', 'lukas-braun'],
    levels: [
      ['medium', 'medium'],
      ['medium', 'high'],
    ],
    titles: [
      'Search errors during the nightly reindex',
      'OpenSearch cluster yellow, search slow at night',
      'Shop search returning 503 between 01:00 and 01:30',
    ],
    reported: ['Alert: OpenSearch JVM memory pressure above 85% on two data nodes.', 'Alert: search error rate 4% (threshold 1%).'],
    description: ['During the nightly reindex, search requests fail with 503 for roughly {minutes} minutes. Night traffic is low but the US customers notice.'],
    work: [
      'JVM memory pressure reached 92% on data-2; the reindex bulk size is too large for the current heap.',
      'Applied the known-error workaround: paused the reindex, waited for GC, resumed with bulk size 500.',
    ],
    resolutions: ['Reindex completed with the reduced bulk size; cluster green.'],
    weight: 2,
    from: '2026-10-13',
    problem: 'PRB-0013',
    night: true,
  },
  {
    key: 'order-release-lag',
    service: 'SVC-order-management',
    cis: ['CI-order-service', 'CI-kafka-prod'],
    team: 'TEAM-commerce',
    assignees: ['nschulz', 'lukas-braun', 'hkrueger'],
    levels: [
      ['high', 'medium'],
      ['medium', 'high'],
      ['medium', 'medium'],
    ],
    reported: ['Spandau shift lead: no new orders in the WMS since {time}.', 'Alert: no `order.released` events for 10 minutes.'],
    stories: [
      {
        titles: ['Orders not released to the warehouses for {minutes} minutes', 'Order release job stuck'],
        description:
          'The order release job stopped publishing `order.released` events at {time}. About {count} paid orders are waiting. The warehouses have work for another 30 minutes or so.',
        work: ['The release job holds an advisory lock that a crashed pod never released. Terminated the stale session on pg-main.'],
        resolution: 'Released the stale lock; the backlog of {count} orders went out in the next three runs.',
      },
      {
        titles: ['Spandau has no new pick waves: order release paused'],
        description: 'Orders are accepted but not handed to the warehouses. The release job logs show Kafka producer timeouts.',
        work: ['Kafka producer stuck after a broker leader change; restarted the order-service pods.'],
        resolution: 'Restarted the order-service pods; release running and backlog cleared.',
      },
    ],
    weight: 3,
    tags: ['orders'],
  },
  {
    key: 'order-status-wrong',
    service: 'SVC-order-management',
    cis: ['CI-order-service'],
    team: 'TEAM-commerce',
    assignees: ['nschulz'],
    levels: [
      ['low', 'low'],
      ['low', 'medium'],
    ],
    reported: [
      'Customer care: customers ask why orders delivered last week still say "processing".',
      'Email from a B2B customer forwarded by their account manager.',
    ],
    stories: [
      {
        titles: ['Order status shows "processing" for delivered orders', 'Cancelled orders still shown as open in the customer account'],
        description:
          'For some orders, the status shown to the customer stopped at "processing" although the parcel was delivered. Affects orders split across both warehouses.',
        work: ['Split orders only move to "shipped" when every part has shipped; a cancelled part blocks them.'],
        resolution: 'Fixed the status rollup for split orders and recalculated {count} orders.',
      },
      {
        titles: ['Order confirmation email lists the wrong delivery date'],
        description: 'The confirmation mail shows the delivery date of the cheapest option even when express delivery was chosen.',
        work: ['Template reads the first delivery option instead of the selected one.'],
        resolution: 'Template fixed; affected customers were told the correct date by email.',
      },
    ],
    weight: 3,
  },
  {
    key: 'route-plan-timeout',
    service: 'SVC-route-planning',
    cis: ['CI-route-optimizer'],
    team: 'TEAM-integration',
    assignees: ['jvogel'],
    levels: [
      ['medium', 'high'],
      ['medium', 'medium'],
    ],
    titles: [
      'Route planning for the {wave} wave did not finish',
      'Drivers have no stops in the app for the {wave} wave',
      'Route optimiser timed out ({count} stops)',
    ],
    reported: ['Dispatch: the {wave} routes were not in the driver app at the usual time.', 'Alert: route optimisation job exceeded its 12-minute budget.'],
    description: [
      'The {wave} route optimisation did not finish within its 12-minute budget. {count} stops were in the wave. Dispatch built routes by hand and the vans left about {minutes} minutes late.',
    ],
    work: [
      'The solver hit its time limit without a feasible solution; the wave had many narrow delivery windows.',
      'Re-ran with the relaxed time-window penalty; solution found in 7 minutes.',
    ],
    resolutions: [
      'Routes delivered after a manual re-run with relaxed settings; dispatch reassigned the late stops.',
      'Dispatch planned the wave manually; optimiser settings reviewed for the next wave.',
    ],
    weight: 3,
    from: '2026-07-01',
    problem: 'PRB-0012',
    problemFrom: '2026-10-05',
  },
  {
    key: 'driver-app',
    service: 'SVC-route-planning',
    cis: ['CI-driver-app', 'CI-telematics-ingest'],
    team: 'TEAM-integration',
    assignees: ['jvogel', 'priya-raman'],
    levels: [
      ['low', 'medium'],
      ['low', 'high'],
    ],
    reported: ['Dispatch called the service desk.', 'Message from the dispatch lead in #dispatch.'],
    stories: [
      {
        titles: ['Driver app crashes when capturing the signature'],
        description: 'The driver app closes when the customer signs. Affects drivers on the older Samsung XCover 5 devices; driver {driver} reported it first.',
        work: ['Crash log shows an out-of-memory in the signature canvas on the 3 GB devices.'],
        resolution: 'Rolled back the app to the previous version for XCover 5 devices via Intune.',
      },
      {
        titles: ['Van positions missing on the dispatch map'],
        description: 'Positions from {count} vans stopped arriving at {time}. Dispatch cannot see where the vans are; deliveries continue.',
        work: ['The telematics gateway certificate on those vans had expired.'],
        resolution: 'Renewed the device certificates over the air; positions arriving again.',
      },
    ],
    weight: 2,
  },
  {
    key: 'airflow-nightly',
    service: 'SVC-reporting',
    cis: ['CI-airflow', 'CI-pg-replica', 'CI-snowflake'],
    team: 'TEAM-data',
    assignees: ['bkoch', 'julialange'],
    levels: [
      ['medium', 'medium'],
      ['low', 'medium'],
    ],
    titles: ["Morning dashboards show yesterday's numbers", 'Nightly data pipeline failed (extract from replica)', 'Looker "Daily operations" not refreshed'],
    reported: [
      'Operations director asked why the 07:00 report still shows the day before yesterday.',
      'Airflow: `nightly_core` failed at task `extract_orders`.',
    ],
    description: ['The nightly `nightly_core` DAG failed in `extract_orders`, so every dashboard based on the orders model is a day behind.'],
    work: [
      'Extract cancelled with "canceling statement due to conflict with recovery" on pg-replica.',
      'Re-ran the extract after the morning load peak; dbt run started at {time}.',
    ],
    resolutions: ['Re-ran the DAG; dashboards current by {time2}.', 'Extract re-run succeeded; notified the operations and finance leads.'],
    weight: 4,
    until: '2026-06-30',
    problem: 'PRB-0004',
    problemFrom: '2026-02-16',
    night: true,
  },
  {
    key: 'looker-access',
    service: 'SVC-reporting',
    cis: ['CI-looker'],
    team: 'TEAM-data',
    assignees: ['bkoch'],
    levels: [
      ['low', 'low'],
      ['low', 'medium'],
    ],
    reported: ['Email from the finance team.', 'Carrier account manager asked why the weekly report did not arrive.'],
    stories: [
      {
        titles: ['Looker dashboard "{dashboard}" shows an error for the finance team'],
        description: 'Opening "{dashboard}" shows "The query was cancelled". Other dashboards work.',
        work: ['A dbt model was renamed; the explore still points at the old table.'],
        resolution: 'Updated the LookML to the new model name.',
      },
      {
        titles: ['Carrier performance report not delivered', 'Scheduled Looker report not delivered'],
        description: 'The scheduled delivery to the carrier account managers failed silently this week.',
        work: ["The schedule's owner left the company; the schedule was disabled with the account."],
        resolution: 'Moved the schedule to the team service account and resent the report.',
      },
    ],
    weight: 3,
  },
  {
    key: 'erp-export',
    service: 'SVC-erp',
    cis: ['CI-erp-connector', 'CI-dynamics-365'],
    team: 'TEAM-data',
    assignees: ['julialange', 'bkoch'],
    levels: [
      ['medium', 'medium'],
      ['low', 'high'],
      ['medium', 'low'],
    ],
    reported: ['Finance systems channel: the nightly ERP batch looks incomplete.', 'Alert: ERP connector batch failed 3 times.'],
    hold: ['Waiting for finance to confirm whether the manual bookings from this morning should be skipped.'],
    stories: [
      {
        titles: ['Nightly invoice export to Dynamics failed', 'Invoices for NWPL missing in the ERP'],
        description: 'The 02:00 invoice export failed three times; {count} invoices are not in Dynamics. Finance needs them for the daily cash report.',
        work: ['Dynamics returned 429 (service protection limits) during its own maintenance window.'],
        resolution: 'Re-ran the export at 09:10; {count} invoices posted.',
      },
      {
        titles: ['Price import from ERP did not run'],
        description: "The 03:30 price import did not run, so the shop shows yesterday's prices.",
        work: ['The OAuth client secret for the connector expired last night.'],
        resolution: 'Renewed the client secret (stored in Vault) and re-ran the import.',
      },
    ],
    weight: 3,
    kb: ['KB-0010'],
  },
  {
    key: 'm365-outlook',
    service: 'SVC-workplace',
    cis: ['CI-m365'],
    team: 'TEAM-workplace',
    assignees: ['lbauer', 'ydemir', 'dortiz'],
    levels: [
      ['low', 'low'],
      ['low', 'medium'],
      ['medium', 'low'],
    ],
    reported: ['Call from {user}.', 'Ticket from {user} via the Company Portal.'],
    stories: [
      {
        titles: ['Outlook search finds nothing in the shared mailbox {mailbox}'],
        description:
          'Searching the shared mailbox {mailbox} in new Outlook returns no results, even for messages visible in the folder. Searching in Outlook on the web works.',
        work: ['Same behaviour as the open problem for shared mailbox search; collected the diagnostics for the Microsoft case.'],
        resolution: 'Told the user to search in Outlook on the web until Microsoft fixes it.',
      },
      {
        titles: ['Shared mailbox {mailbox} not showing in Outlook'],
        description: '{user} has full access to {mailbox} but it does not appear in Outlook after two days.',
        work: ['Automapping was off for this permission; re-granted with automapping.'],
        resolution: 'Re-granted the permission with automapping; mailbox appeared after a restart of Outlook.',
        noProblem: true,
      },
    ],
    weight: 4,
    problem: 'PRB-0010',
    problemFrom: '2026-08-01',
    from: '2026-07-15',
  },
  {
    key: 'laptop-issue',
    service: 'SVC-workplace',
    cis: ['CI-laptop-fleet', 'CI-intune'],
    team: 'TEAM-workplace',
    assignees: ['lbauer', 'ydemir', 'dortiz', 'kobrien'],
    levels: [
      ['low', 'medium'],
      ['low', 'low'],
      ['low', 'high'],
    ],
    reported: ['Call from {user}.', 'Walk-in at the Berlin IT desk: {user}.', 'Call to the New York desk from {user}.'],
    stories: [
      {
        titles: ['Laptop stuck at BitLocker recovery screen', '{user}: laptop stuck at BitLocker recovery screen'],
        description: "{user}'s ThinkPad asks for the BitLocker recovery key after a BIOS update.",
        work: ["Looked up the recovery key in Intune and verified the user's identity by call-back."],
        resolution: 'User back in; BitLocker suspended for the next BIOS update.',
      },
      {
        titles: ['Teams crashes when sharing the screen', '{user}: Teams crashes when sharing the screen'],
        description: 'Teams crashes every time {user} shares a screen in a meeting.',
        work: ['Cleared the Teams cache; issue persisted, reinstalled the new Teams client.'],
        resolution: 'Reinstalled Teams; screen sharing works.',
      },
      {
        titles: ['Cannot print to the 3rd floor printer', '{user}: cannot print to the 3rd floor printer'],
        description: 'Printing to FollowMe on the 3rd floor fails with "Error - printing".',
        work: ['The FollowMe queue on the laptop pointed at the old print server name.'],
        resolution: 'Re-added the printer from Company Portal; test page printed.',
      },
      {
        titles: ['Laptop very slow after the latest update', '{user}: laptop very slow after the latest update'],
        description: 'The laptop takes several minutes to start applications since the last patch day.',
        work: ['A Defender full scan had been stuck for two days at 100% disk.'],
        resolution: 'Removed the stuck Defender scan; performance normal.',
      },
      {
        titles: ['OneDrive not syncing ("processing changes")', '{user}: OneDrive not syncing ("processing changes")'],
        description: 'OneDrive has been stuck at "processing changes" for two days.',
        work: ['Reset the OneDrive sync client (onedrive.exe /reset).'],
        resolution: 'OneDrive reset; sync completed overnight.',
      },
    ],
    weight: 6,
    kb: ['KB-0003'],
  },
  {
    key: 'entra-mfa',
    service: 'SVC-workplace',
    cis: ['CI-entra-id'],
    team: 'TEAM-identity',
    assignees: ['pneumann', 'erichter'],
    levels: [
      ['low', 'high'],
      ['low', 'medium'],
    ],
    reported: ['Call from {user}.', 'Call to the New York desk from {user}.'],
    stories: [
      {
        titles: ['New phone: cannot sign in, MFA prompt goes to the old device', '{user}: new phone: cannot sign in, MFA prompt goes to the old device'],
        description: '{user} replaced their phone and cannot approve sign-ins; the Authenticator app on the new phone has no account.',
        work: ['Verified identity by call-back to the manager; issued a Temporary Access Pass.'],
        resolution: 'User registered Authenticator on the new phone with a Temporary Access Pass.',
      },
      {
        titles: ['Locked out after too many MFA attempts', '{user}: locked out after too many MFA attempts'],
        description: '{user} got repeated MFA prompts they did not start and denied them; now the account is locked.',
        work: ['Sign-in logs show attempts from an unfamiliar IP with the correct password: password compromised. Security informed.'],
        resolution: 'Password reset with the user, sessions revoked, account unlocked. Security followed up with the user.',
      },
    ],
    weight: 4,
    kb: ['KB-0007'],
  },
  {
    key: 'zendesk-order360',
    service: 'SVC-customer-care',
    cis: ['CI-zendesk', 'CI-order-service'],
    team: 'TEAM-workplace',
    assignees: ['kobrien', 'lbauer'],
    levels: [
      ['medium', 'medium'],
      ['low', 'medium'],
    ],
    titles: ['Order 360 panel shows "Order not found" for partner orders', 'Order lookup in Zendesk empty for {partner} orders'],
    reported: ['Customer care team lead (New York): agents cannot see {partner} orders in Zendesk.'],
    description: [
      'The Order 360 side panel shows "Order not found" for orders that came in over EDI. Shop orders work. Agents have to ask the integration team for order details.',
    ],
    work: ['EDI orders carry the partner PO number in the reference field the panel searches by; the Northwind order number is in a different field.'],
    resolutions: ['Told the agents to search by the partner PO number for now.'],
    weight: 6,
    from: '2026-11-01',
    zone: 'new-york',
    problem: 'PRB-0014',
    problemFrom: '2026-11-10',
  },
  {
    key: 'zendesk-phone',
    service: 'SVC-customer-care',
    cis: ['CI-zendesk'],
    team: 'TEAM-workplace',
    assignees: ['kobrien'],
    levels: [
      ['medium', 'high'],
      ['low', 'medium'],
    ],
    reported: ['Customer care (New York) team lead called the service desk.'],
    stories: [
      {
        titles: ['Zendesk Talk: incoming calls not ringing for New York agents', 'Agents cannot set themselves "online" in Zendesk Talk'],
        description: 'Incoming calls queue in Zendesk Talk but are not offered to the New York agents. Berlin agents receive calls normally.',
        work: ["The New York group's routing schedule was switched to UTC by a settings import; it thinks the agents are off shift."],
        resolution: 'Corrected the group schedule; calls routing again.',
      },
      {
        titles: ['Call recordings missing since {time}'],
        description: 'Calls since {time} have no recording attached; customer care needs them for complaint handling.',
        work: ['Zendesk status page reports degraded Talk performance in US-East.'],
        resolution: 'Resolved by Zendesk; recordings attached retroactively.',
        hold: ['Waiting for Zendesk support (ticket {case}).'],
      },
    ],
    weight: 2,
    zone: 'new-york',
  },
  {
    key: 'platform-node',
    service: 'SVC-platform',
    cis: ['CI-eks-prod', 'CI-eks-prod-nodes-general'],
    team: 'TEAM-platform',
    assignees: ['lenafischer', 'tbecker-nw', 'aylin-yildiz'],
    levels: [
      ['low', 'medium'],
      ['medium', 'medium'],
      ['low', 'low'],
    ],
    reported: ['Alert from Prometheus, routed to Platform on-call.'],
    stories: [
      {
        titles: ['Pods pending: node group "general" not scaling out'],
        description: 'Karpenter did not launch new nodes; pods for {app} are pending. Existing capacity is still serving traffic.',
        work: ['Karpenter hit the EC2 instance limit for m7i in eu-central-1b; added m6i as fallback type.'],
        resolution: 'Added a fallback instance family; pods scheduled.',
      },
      {
        titles: ['Node NotReady in EKS prod ({node})'],
        description: 'Node {node} went NotReady; its pods were rescheduled, a few with a short interruption.',
        work: ['Kubelet on the node ran out of disk (image garbage collection). Cordoned and replaced.'],
        resolution: 'Replaced the node; no customer impact.',
      },
      {
        titles: ['Argo CD sync failing for {app}'],
        description: 'Argo CD cannot sync {app}: "one or more synchronization tasks are not valid".',
        work: ['A CRD version was removed in the last chart update; pinned the chart.'],
        resolution: 'Pinned the chart version; sync succeeded.',
      },
    ],
    weight: 4,
    night: true,
  },
  {
    key: 'esx-memory',
    service: 'SVC-platform',
    cis: ['CI-esx-04', 'CI-vmware-dc1'],
    team: 'TEAM-platform',
    assignees: ['tbecker-nw', 'jweber'],
    levels: [
      ['low', 'medium'],
      ['low', 'low'],
    ],
    titles: ['esx-04: correctable memory errors on DIMM B3', 'vCenter alarm: host hardware memory status on esx-04'],
    reported: ['vCenter alarm "Host memory status" on esx-04.'],
    description: ['iLO reports correctable ECC errors on DIMM B3 of esx-04, about {count} in the last 24 hours.'],
    work: ['Put esx-04 into maintenance mode; DRS moved the VMs to the other hosts.', 'Opened HPE case {case}; replacement DIMM ordered.'],
    hold: ['Waiting for the HPE engineer visit.'],
    resolutions: [
      'DIMM replaced by HPE; host back in the cluster after a 24-hour burn-in.',
      'Host kept in maintenance; hardware replacement tracked separately.',
    ],
    weight: 1,
    from: '2026-06-01',
  },
  {
    key: 'cert-expiry-internal',
    service: 'SVC-platform',
    cis: ['CI-vault', 'CI-grafana'],
    team: 'TEAM-platform',
    assignees: ['aylin-yildiz', 'jweber'],
    levels: [
      ['low', 'medium'],
      ['low', 'low'],
    ],
    reported: ['Message in #team-platform: the browser warns about the Grafana certificate.', 'Alert: probe_ssl_earliest_cert_expiry < 0 for {host}.'],
    stories: [
      {
        titles: ['Internal certificate for {host} expired', 'Browser certificate warning on {host}'],
        description: 'The certificate for {host} expired this morning. Internal users see a browser warning; service-to-service calls that verify TLS fail.',
        work: ['The cert-manager issuer for Vault PKI lost its token after the Vault upgrade; renewals silently failed.'],
        resolution: "Re-issued the certificate and fixed the issuer's Vault role.",
      },
    ],
    weight: 2,
  },
  {
    key: 'network-sdwan',
    service: 'SVC-warehouse',
    cis: ['CI-sdwan', 'CI-wifi-poznan'],
    team: 'TEAM-network',
    assignees: ['dmeyer-net', 'okrause'],
    levels: [
      ['medium', 'high'],
      ['high', 'medium'],
      ['medium', 'medium'],
    ],
    reported: ['Alert from the SD-WAN controller.', 'Warehouse shift lead: the WMS is very slow, scanners time out.'],
    stories: [
      {
        titles: ['Poznań warehouse on 5G backup, WMS slow', 'Fibre outage at Poznań'],
        description: 'The primary fibre link at Poznań is down; the site failed over to the 5G backup. The WMS works but every screen takes several seconds.',
        work: [
          'Carrier (Orange Polska) confirms a cable cut by construction work; ETA for repair unknown.',
          'Moved the scanner traffic to the QoS class with priority over office traffic.',
        ],
        resolution: 'Fibre repaired; site back on the primary link.',
        hold: ["Waiting for the carrier's repair crew (ticket {case})."],
      },
      {
        titles: ['Packet loss between Spandau and DC1'],
        description: 'SD-WAN reports 4-8% packet loss on the Spandau-DC1 tunnel since {time}. Scanners time out now and then.',
        work: ["Traceroutes point at the carrier's aggregation router; ticket opened."],
        resolution: 'Carrier replaced a faulty line card; packet loss gone.',
      },
    ],
    weight: 2,
  },
  {
    key: 'conveyor',
    service: 'SVC-warehouse',
    cis: ['CI-conveyor-gateway', 'CI-wms-app'],
    team: 'TEAM-warehouse-systems',
    assignees: ['marie-schwarz', 'knowak'],
    levels: [
      ['high', 'medium'],
      ['medium', 'high'],
    ],
    titles: ['Sorter not diverting parcels to the carrier lanes', 'Conveyor gateway lost connection to the WMS'],
    reported: ['Spandau shift lead: sorter sends all parcels to the reject lane.'],
    description: [
      'All parcels go to the reject lane because the sorter gets no destination from the WMS. Staff are sorting by hand at about a third of the normal rate.',
    ],
    work: [
      "The gateway's TwinCAT ADS route to the WMS broker was lost after the gateway rebooted (Windows update).",
      'Re-added the route and restarted the gateway service with the Intralogix engineer on the phone.',
    ],
    resolutions: ['Route restored; sorter diverting normally. Windows updates on the gateway moved to the maintenance window.'],
    weight: 1,
  },
  {
    key: 'tracking-page-typo',
    service: 'SVC-shipment-tracking',
    cis: ['CI-tracking-api'],
    team: 'TEAM-integration',
    assignees: ['jvogel'],
    levels: [['low', 'low']],
    titles: [
      'Typo in the Polish "parcel delivered" email',
      'Tracking page shows the DPD logo for DHL parcels',
      'Delivery notification uses the wrong time zone for US customers',
    ],
    reported: ["Customer care forwarded a customer's screenshot.", 'Email from the marketing team.'],
    description: ['A cosmetic error in a customer notification; no effect on deliveries.'],
    work: ['Fixed the template in the notification repository.'],
    resolutions: ['Template fixed and deployed with the next release.'],
    weight: 2,
  },
];
