/** The service catalogue of Northwind Logistics. */

import type { Service } from '../../src/core/model.ts';

export interface Offering {
  id: string;
  name: string;
  description?: string;
  fulfillment_target?: string;
}

export interface ServiceDef {
  id: string;
  name: string;
  status: Service['status'];
  owner: string;
  tier: number;
  summary: string;
  support_calendar: string;
  sla_policy?: string;
  cis: string[];
  depends_on?: string[];
  offerings?: Offering[];
  tags?: string[];
  body: string;
}

export const SERVICES: ServiceDef[] = [
  {
    id: 'SVC-checkout',
    name: 'Web shop checkout',
    status: 'active',
    owner: 'TEAM-commerce',
    tier: 1,
    summary: 'Cart, checkout and order confirmation on northwind-shop.example and the mobile apps.',
    support_calendar: 'always-on',
    sla_policy: 'critical-services',
    cis: ['CI-checkout-api', 'CI-cart-service', 'CI-redis-sessions', 'CI-pg-main', 'CI-lb-public', 'CI-cloudflare-edge'],
    depends_on: ['SVC-payments', 'SVC-identity', 'SVC-order-management', 'SVC-storefront'],
    tags: ['customer-facing', 'revenue'],
    body: `Everything between "Add to basket" and the order confirmation page: the cart, delivery options,
address validation, payment hand-off and the confirmation email.

**Who uses it:** about 40,000 consumers a day, up to 260,000 on Black Friday; B2B customers through the
same flow with invoice payment.

**When it is broken:** customers cannot order. Page the Commerce on-call immediately (PagerDuty service
"checkout"), open a P1 if more than 5% of checkouts fail for five minutes.

**Health:** Grafana dashboard "Checkout golden signals"; synthetic check "checkout-happy-path" every minute
from Frankfurt and Virginia.`,
  },
  {
    id: 'SVC-payments',
    name: 'Payment processing',
    status: 'active',
    owner: 'TEAM-payments',
    tier: 1,
    summary: 'Card, wallet, PayPal and invoice payments, refunds and fraud scoring.',
    support_calendar: 'always-on',
    sla_policy: 'critical-services',
    cis: ['CI-payment-gateway', 'CI-adyen', 'CI-paypal', 'CI-fraud-scoring', 'CI-pg-payments', 'CI-vault'],
    depends_on: ['SVC-identity'],
    tags: ['customer-facing', 'revenue', 'pci'],
    body: `Authorises and captures customer payments and issues refunds. Card and wallet payments go through
Adyen, PayPal directly; invoice payments (B2B only) are scored by the fraud service and booked in the ERP.

The payment gateway is in PCI DSS scope: changes need a second reviewer from Security, and production
access is through Vault-issued short-lived credentials only.

**Escalation:** Payments on-call via PagerDuty; Adyen support is reachable 24x7 on the merchant portal
(account NorthwindLogisticsGmbH, priority support).`,
  },
  {
    id: 'SVC-identity',
    name: 'Customer login & accounts',
    status: 'active',
    owner: 'TEAM-identity',
    tier: 1,
    summary: 'Customer sign-in, registration, password reset and single sign-on for the shop and apps.',
    support_calendar: 'always-on',
    sla_policy: 'critical-services',
    cis: ['CI-keycloak', 'CI-pg-identity', 'CI-smtp-relay', 'CI-lb-public'],
    offerings: [
      { id: 'account-deletion', name: 'Customer account deletion (GDPR)', description: 'Delete a customer account and its personal data on the customer\'s request. Provide the customer number and the ticket from customer care.', fulfillment_target: '40h' },
      { id: 'b2b-sso-onboarding', name: 'Single sign-on for a B2B customer', description: 'Connect a business customer\'s identity provider (SAML or OIDC) to their shop account.', fulfillment_target: '80h' },
    ],
    tags: ['customer-facing'],
    body: `Keycloak realm \`customers\` behind auth.northwind-shop.example. Checkout, the customer account pages and
the mobile apps sign in here; business customers can sign in with their own identity provider.

Workforce sign-in (Microsoft Entra ID) is part of Workplace & collaboration, not this service.`,
  },
  {
    id: 'SVC-storefront',
    name: 'Storefront & product catalogue',
    status: 'active',
    owner: 'TEAM-commerce',
    tier: 2,
    summary: 'Product pages, search, category browsing and stock availability shown to customers.',
    support_calendar: 'always-on',
    cis: ['CI-storefront-web', 'CI-product-catalog', 'CI-opensearch', 'CI-cloudflare-edge', 'CI-s3-assets'],
    depends_on: ['SVC-warehouse'],
    tags: ['customer-facing'],
    body: `The public shop: home page, search, category pages and product detail pages, served through Cloudflare.
Stock levels come from the WMS every five minutes; prices from the ERP nightly.

A slow or broken storefront costs sales but customers with items in the basket can still check out.`,
  },
  {
    id: 'SVC-order-management',
    name: 'Order management',
    status: 'active',
    owner: 'TEAM-commerce',
    tier: 1,
    summary: 'Takes orders from the shop and partners, allocates stock and hands them to the warehouses.',
    support_calendar: 'always-on',
    cis: ['CI-order-service', 'CI-pg-main', 'CI-kafka-prod'],
    depends_on: ['SVC-warehouse'],
    tags: ['revenue'],
    body: `The order service receives every order (shop, apps, EDI partners), reserves stock, splits orders across
warehouses and publishes \`order.released\` events the WMS picks up. Order status shown to customers comes
from here too.

If order release stops, the warehouses run out of work within about 40 minutes in peak season.`,
  },
  {
    id: 'SVC-warehouse',
    name: 'Warehouse management',
    status: 'active',
    owner: 'TEAM-warehouse-systems',
    tier: 1,
    summary: 'Lagerwerk WMS, handheld scanners and label printing in the Spandau and Poznań warehouses.',
    support_calendar: 'always-on',
    cis: ['CI-wms-app', 'CI-wms-db', 'CI-rabbitmq-wms', 'CI-scanners-spandau', 'CI-scanners-poznan', 'CI-label-printers-spandau', 'CI-conveyor-gateway', 'CI-wifi-spandau'],
    depends_on: ['SVC-shipment-tracking'],
    offerings: [
      { id: 'scanner-replacement', name: 'Replace a broken handheld scanner', description: 'Swap a damaged or faulty Zebra handheld for a spare from the depot. Give the asset tag and the shift.', fulfillment_target: '4h' },
      { id: 'wms-user', name: 'WMS user for a new warehouse employee', description: 'Create a Lagerwerk login with the right role (picker, packer, shift lead). Needs the shift lead\'s approval.', fulfillment_target: '8h' },
    ],
    tags: ['operations'],
    body: `Runs the two warehouses: Spandau (Berlin, three shifts, 06:00-22:00 plus a night shift in peak) and
Poznań (two shifts). Picking, packing, label printing and loading all stop when the WMS is down.

The shift lead is the first contact for anything on the floor; they call Warehouse Systems on
+49 30 5550 4471. Scanner hardware faults are service requests, not incidents, unless a whole zone is
affected.`,
  },
  {
    id: 'SVC-shipment-tracking',
    name: 'Shipment tracking & carrier integration',
    status: 'active',
    owner: 'TEAM-integration',
    tier: 2,
    summary: 'Carrier labels and pickups (DHL, UPS, DPD) and the tracking page and notifications for customers.',
    support_calendar: 'always-on',
    cis: ['CI-tracking-api', 'CI-carrier-dhl', 'CI-carrier-ups', 'CI-carrier-dpd', 'CI-kafka-prod', 'CI-smtp-relay'],
    tags: ['customer-facing', 'carriers'],
    body: `Books shipments with the carriers, prints their labels through the WMS, collects tracking events from
carrier webhooks and shows them on track.northwind-shop.example and in the "Your parcel is on its way"
emails.`,
  },
  {
    id: 'SVC-route-planning',
    name: 'Route planning & dispatch',
    status: 'active',
    owner: 'TEAM-integration',
    tier: 2,
    summary: 'Plans the same-day delivery routes for our own Berlin van fleet and feeds the drivers\' app.',
    support_calendar: 'berlin-business',
    cis: ['CI-route-optimizer', 'CI-telematics-ingest', 'CI-driver-app'],
    depends_on: ['SVC-order-management'],
    tags: ['operations'],
    body: `Same-day delivery in Berlin uses 38 of our own vans. Routes are optimised at 10:30 and 14:30 for the
afternoon and evening waves; the drivers get their stops in the driver app. If planning fails,
dispatchers can still build routes by hand in the dispatch console (slower: about 20 minutes per wave).`,
  },
  {
    id: 'SVC-edi',
    name: 'Partner EDI gateway',
    status: 'active',
    owner: 'TEAM-integration',
    tier: 2,
    summary: 'Orders, advance shipping notices and invoices exchanged with retail partners over AS2 and SFTP.',
    support_calendar: 'new-york-extended',
    cis: ['CI-edi-gateway', 'CI-sftp-edi', 'CI-order-service'],
    depends_on: ['SVC-order-management'],
    offerings: [
      { id: 'partner-onboarding', name: 'Onboard a new EDI trading partner', description: 'Set up AS2 or SFTP, agree message formats (X12 850/856/810 or EDIFACT ORDERS/DESADV) and run test messages.', fulfillment_target: '80h' },
    ],
    tags: ['b2b'],
    body: `About 60 retail partners, most of them in the US, send purchase orders (X12 850) and receive advance
shipping notices (856) and invoices (810). The New York office supports the partners during US business
hours, which is why this service runs on the New York extended calendar.`,
  },
  {
    id: 'SVC-erp',
    name: 'Finance ERP',
    status: 'active',
    owner: 'TEAM-data',
    tier: 2,
    summary: 'Microsoft Dynamics 365 Finance: invoicing, accounts payable and the nightly price export.',
    support_calendar: 'berlin-business',
    cis: ['CI-dynamics-365', 'CI-erp-connector'],
    offerings: [
      { id: 'erp-role', name: 'ERP role change', description: 'Add or remove a Dynamics 365 security role. Needs approval by the finance controller.', fulfillment_target: '16h' },
    ],
    tags: ['finance'],
    body: `Finance's system of record. The ERP connector exports invoices from the order service every night at
02:00 and imports prices at 03:30. Month-end close happens on the first three working days of a month:
avoid changes then.`,
  },
  {
    id: 'SVC-reporting',
    name: 'Reporting & analytics',
    status: 'active',
    owner: 'TEAM-data',
    tier: 3,
    summary: 'Snowflake, Airflow and Looker dashboards for operations, finance and carrier management.',
    support_calendar: 'berlin-business',
    cis: ['CI-snowflake', 'CI-airflow', 'CI-looker'],
    depends_on: ['SVC-order-management'],
    offerings: [
      { id: 'dashboard-access', name: 'Access to a Looker dashboard or folder', description: 'Name the dashboard and why you need it. Finance folders need the controller\'s approval.', fulfillment_target: '8h' },
      { id: 'new-report', name: 'New report or dashboard', description: 'Describe the question the report answers and who reads it; we agree a delivery date with you.', fulfillment_target: '80h' },
    ],
    tags: ['internal'],
    body: `The "morning numbers" (orders, backlog, on-time dispatch, carrier performance) are ready by 07:00 CET
when the nightly Airflow run succeeds. If a dashboard shows yesterday's data after 07:30, raise an
incident against this service.`,
  },
  {
    id: 'SVC-workplace',
    name: 'Workplace & collaboration',
    status: 'active',
    owner: 'TEAM-workplace',
    tier: 3,
    summary: 'Laptops, phones, Microsoft 365 (mail, Teams, SharePoint), workforce sign-in and printers.',
    support_calendar: 'berlin-business',
    cis: ['CI-m365', 'CI-entra-id', 'CI-intune', 'CI-laptop-fleet', 'CI-ad-ds'],
    offerings: [
      { id: 'new-laptop', name: 'Laptop for a new joiner', description: 'A standard laptop (ThinkPad T14 or MacBook Air for design roles), enrolled in Intune, delivered on the first day. Order at least five working days ahead.', fulfillment_target: '40h' },
      { id: 'laptop-replacement', name: 'Replace a broken or slow laptop', description: 'We swap the device and restore your OneDrive files.', fulfillment_target: '24h' },
      { id: 'software-install', name: 'Install software', description: 'Software from the Company Portal installs itself. For anything else, name the product and the licence.', fulfillment_target: '16h' },
      { id: 'shared-mailbox', name: 'Shared mailbox or distribution list', description: 'Name, owner and members.', fulfillment_target: '8h' },
      { id: 'access-request', name: 'Access to an application or group', description: 'Which application or group, and who approves it (usually your manager).', fulfillment_target: '8h' },
      { id: 'peripheral', name: 'Monitor, headset or docking station', fulfillment_target: '24h' },
    ],
    tags: ['internal'],
    body: `Everything an employee needs at their desk or in the warehouse office. Most questions are answered in
the knowledge base; otherwise call the service desk (4400 in Berlin, +1 212 555 0144 in New York).`,
  },
  {
    id: 'SVC-remote-access',
    name: 'Remote access VPN',
    status: 'active',
    owner: 'TEAM-network',
    tier: 2,
    summary: 'GlobalProtect VPN for staff working from home and for vendors supporting our systems.',
    support_calendar: 'berlin-business',
    cis: ['CI-vpn-gateway', 'CI-fw-berlin-dc', 'CI-entra-id'],
    offerings: [
      { id: 'vpn-access', name: 'VPN access for an employee', fulfillment_target: '8h' },
      { id: 'vendor-vpn', name: 'Time-limited VPN access for a vendor', description: 'Needs a sponsor at Northwind, the vendor contract number and an end date (at most 90 days).', fulfillment_target: '24h' },
    ],
    tags: ['internal'],
    body: `Palo Alto GlobalProtect with sign-in through Entra ID and MFA. Split tunnel: only company networks go
through the VPN. Vendors get their own portal with access to the systems named in their request only.`,
  },
  {
    id: 'SVC-customer-care',
    name: 'Customer care tools',
    status: 'active',
    owner: 'TEAM-workplace',
    tier: 2,
    summary: 'Zendesk, the telephony integration and the order lookup agents use to help customers.',
    support_calendar: 'new-york-extended',
    cis: ['CI-zendesk', 'CI-order-service'],
    depends_on: ['SVC-order-management'],
    offerings: [
      { id: 'agent-seat', name: 'Zendesk agent seat', description: 'For a new customer care agent or contractor. Give the team lead and start date.', fulfillment_target: '16h' },
    ],
    tags: ['customer-facing'],
    body: `Customer care works from Berlin (German, English, Polish) and New York (US customers and partners).
Zendesk is the agent desk; the "Order 360" side panel looks orders up in the order service.`,
  },
  {
    id: 'SVC-platform',
    name: 'Hosting platform',
    status: 'active',
    owner: 'TEAM-platform',
    tier: 1,
    summary: 'Kubernetes, databases, messaging and observability that the product services run on.',
    support_calendar: 'always-on',
    cis: ['CI-eks-prod', 'CI-pg-main', 'CI-pg-replica', 'CI-kafka-prod', 'CI-vmware-dc1', 'CI-grafana', 'CI-argocd'],
    tags: ['internal', 'platform'],
    body: `An internal service: teams deploy to it, customers never see it. It is listed so that incidents and
changes on shared infrastructure have a home and its blast radius shows up in impact analysis.`,
  },
  {
    id: 'SVC-legacy-shop',
    name: 'Legacy Magento shop',
    status: 'retired',
    owner: 'TEAM-legacy-shop',
    tier: 2,
    summary: 'The old shop on Magento 1, switched off on 19 January 2026.',
    support_calendar: 'berlin-business',
    cis: ['CI-magento-legacy'],
    tags: ['retired'],
    body: `Replaced by the new storefront and checkout. The servers were wiped in February 2026; order history
was migrated to the order service.`,
  },
];
