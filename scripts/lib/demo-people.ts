/** The people and teams of Northwind Logistics (Berlin head office, New York office). */

import type { Team } from '../../src/core/model.ts';

export interface Person {
  name: string;
  login: string;
  role: string;
}

const p = (name: string, login: string, role: string): Person => ({ name, login, role });

export const PEOPLE = {
  mia: p('Mia Schneider', 'mia-schneider', 'Head of IT Operations'),
  thomas: p('Thomas Berger', 'tberger', 'CTO'),
  jonas: p('Jonas Weber', 'jweber', 'Platform Engineering Lead'),
  lena: p('Lena Fischer', 'lenafischer', 'Site Reliability Engineer'),
  tobias: p('Tobias Becker', 'tbecker-nw', 'Site Reliability Engineer'),
  aylin: p('Aylin Yildiz', 'aylin-yildiz', 'Site Reliability Engineer'),
  felix: p('Felix Hoffmann', 'fhoffmann', 'Database Administrator'),
  sophie: p('Sophie Wagner', 'sophiewagner', 'Payments Engineering Lead'),
  mehmet: p('Mehmet Kaya', 'mkaya', 'Senior Backend Engineer, Payments'),
  clara: p('Clara Zimmermann', 'czimmermann', 'Backend Engineer, Payments'),
  lukas: p('Lukas Braun', 'lukas-braun', 'Commerce Engineering Lead'),
  hannah: p('Hannah Krüger', 'hkrueger', 'Frontend Engineer'),
  niklas: p('Niklas Schulz', 'nschulz', 'Backend Engineer, Checkout'),
  emilia: p('Emilia Richter', 'erichter', 'Identity & Access Lead'),
  paul: p('Paul Neumann', 'pneumann', 'Identity Engineer'),
  marie: p('Marie Schwarz', 'marie-schwarz', 'Warehouse Systems Lead'),
  stefan: p('Stefan Wolf', 'swolf-wms', 'WMS Engineer'),
  kasia: p('Katarzyna Nowak', 'knowak', 'WMS Engineer'),
  julia: p('Julia Lange', 'julialange', 'Data Platform Lead'),
  ben: p('Ben Koch', 'bkoch', 'Data Engineer'),
  david: p('David Meyer', 'dmeyer-net', 'Network Lead'),
  oliver: p('Oliver Krause', 'okrause', 'Network Engineer'),
  anna: p('Anna Lehmann', 'alehmann', 'Service Desk Lead'),
  moritz: p('Moritz Schmitt', 'mschmitt', 'Service Desk Analyst'),
  leonie: p('Leonie Hartmann', 'lhartmann', 'Service Desk Analyst'),
  yusuf: p('Yusuf Demir', 'ydemir', 'Service Desk Analyst'),
  sarah: p('Sarah Klein', 'sklein-sec', 'Information Security Lead'),
  finn: p('Finn Walter', 'fwalter', 'Security Analyst'),
  rachel: p('Rachel Goldberg', 'rgoldberg', 'IT Manager, New York'),
  marcus: p('Marcus Johnson', 'mjohnson-ny', 'Service Desk Analyst, New York'),
  priya: p('Priya Raman', 'priya-raman', 'Integration Engineer'),
  jan: p('Jan Vogel', 'jvogel', 'Integration Engineer'),
  daniel: p('Daniel Ortiz', 'dortiz', 'Workplace Engineer, New York'),
  kevin: p("Kevin O'Brien", 'kobrien', 'Support Tools Administrator'),
  lisa: p('Lisa Bauer', 'lbauer', 'Workplace Engineer'),
} as const;

export type PersonKey = keyof typeof PEOPLE;

export interface TeamDef {
  id: string;
  name: string;
  status: Team['status'];
  roles?: string[];
  email?: string;
  chat?: string;
  members: PersonKey[];
  body: string;
}

export const TEAMS: TeamDef[] = [
  {
    id: 'TEAM-service-desk',
    name: 'IT Service Desk',
    status: 'active',
    roles: ['service-desk'],
    email: 'servicedesk@northwind-logistics.example',
    chat: '#it-servicedesk',
    members: ['anna', 'moritz', 'leonie', 'yusuf', 'marcus'],
    body: `First line for everyone at Northwind: warehouse staff, office staff in Berlin and New York, and the
customer care agents. We take calls on extension 4400 (Berlin) and +1 212 555 0144 (New York), triage
every incident and request, and keep the record up to date until it is closed.

Berlin covers 07:30-18:00 CET on weekdays; New York picks up the queue until 20:00 ET. Outside those
hours the on-call engineer of the owning team is paged directly by the monitoring for tier 1 services.`,
  },
  {
    id: 'TEAM-platform',
    name: 'Platform Engineering',
    status: 'active',
    email: 'platform@northwind-logistics.example',
    chat: '#team-platform',
    members: ['jonas', 'lena', 'tobias', 'aylin', 'felix'],
    body: `Runs the shared platform: the EKS clusters in eu-central-1, the on-premises VMware estate in the
Marienfelde data centre, PostgreSQL, Kafka, Redis, observability and the CI/CD tooling.

On call: one primary and one secondary, rotating weekly on Monday 10:00. Database questions go to Felix.`,
  },
  {
    id: 'TEAM-network',
    name: 'Network & Connectivity',
    status: 'active',
    email: 'network@northwind-logistics.example',
    chat: '#team-network',
    members: ['david', 'oliver', 'rachel'],
    body: `Firewalls, WAN (SD-WAN between Berlin, Spandau, Poznań and New York), warehouse Wi-Fi, remote-access
VPN, internal DNS and the public edge (Cloudflare).`,
  },
  {
    id: 'TEAM-payments',
    name: 'Payments Engineering',
    status: 'active',
    chat: '#team-payments',
    members: ['sophie', 'mehmet', 'clara'],
    body: `Owns the payment gateway, the PSP integrations (Adyen for cards and wallets, PayPal) and fraud
scoring. Anything that touches card data goes through this team and Security.`,
  },
  {
    id: 'TEAM-commerce',
    name: 'Commerce Engineering',
    status: 'active',
    chat: '#team-commerce',
    members: ['lukas', 'hannah', 'niklas'],
    body: `Storefront, product catalogue and search, cart and checkout. Peak season (Black Friday to
Christmas) is our busiest time: no feature releases between 14 December and 4 January.`,
  },
  {
    id: 'TEAM-identity',
    name: 'Identity & Access',
    status: 'active',
    chat: '#team-identity',
    members: ['emilia', 'paul'],
    body: `Customer accounts and login (Keycloak), workforce identity (Microsoft Entra ID, on-premises Active
Directory for the warehouses) and access requests.`,
  },
  {
    id: 'TEAM-warehouse-systems',
    name: 'Warehouse Systems',
    status: 'active',
    chat: '#team-wms',
    members: ['marie', 'stefan', 'kasia'],
    body: `The warehouse management system (Lagerwerk WMS), handheld scanners, label printing and the conveyor
integration in Spandau and Poznań. Shift leads call us directly on +49 30 5550 4471 when picking stops.`,
  },
  {
    id: 'TEAM-integration',
    name: 'Integration & Carriers',
    status: 'active',
    chat: '#team-integration',
    members: ['priya', 'jan'],
    body: `Partner EDI (orders and ASNs from retail partners, mostly US), carrier APIs (DHL, UPS, DPD),
shipment tracking and the route planning integrations. Priya works from the New York office.`,
  },
  {
    id: 'TEAM-data',
    name: 'Data Platform',
    status: 'active',
    chat: '#team-data',
    members: ['julia', 'ben'],
    body: `Snowflake, Airflow, dbt and Looker: the reporting that finance, operations and the carriers'
account managers rely on every morning.`,
  },
  {
    id: 'TEAM-workplace',
    name: 'Workplace IT',
    status: 'active',
    email: 'workplace@northwind-logistics.example',
    members: ['lisa', 'daniel', 'kevin', 'yusuf'],
    body: `Laptops, phones, Microsoft 365, Intune, the meeting rooms and the Zendesk instance customer care
works in. Daniel and Kevin are in New York.`,
  },
  {
    id: 'TEAM-security',
    name: 'Information Security',
    status: 'active',
    email: 'security@northwind-logistics.example',
    chat: '#security',
    members: ['sarah', 'finn'],
    body: `Security operations, vulnerability management, PCI DSS scope for payments, and the secrets platform
(Vault). Report suspected phishing to phishing@northwind-logistics.example.`,
  },
  {
    id: 'TEAM-cab',
    name: 'Change Advisory Board',
    status: 'active',
    roles: ['cab'],
    chat: '#change-advisory',
    members: ['mia', 'jonas', 'sophie', 'lukas', 'sarah', 'david', 'rachel'],
    body: `Reviews normal high-risk changes. Two approvals from this team are required (see
content/policies/change-policy.yaml). The CAB meets on Tuesdays at 14:00 CET to look at the week ahead,
but approving the pull request is what counts; nobody has to wait for the meeting.`,
  },
  {
    id: 'TEAM-ecab',
    name: 'Emergency CAB',
    status: 'active',
    roles: ['ecab', 'major-incident-manager'],
    chat: '#major-incident',
    members: ['mia', 'thomas', 'jonas', 'sarah'],
    body: `Approves emergency changes, usually during a major incident, and runs the major incident bridge.
One approval is enough; a post-implementation review is due within five days.`,
  },
  {
    id: 'TEAM-it-governance',
    name: 'IT Governance',
    status: 'active',
    roles: ['policy-owner'],
    members: ['mia', 'thomas'],
    body: `Owns the policies under content/policies/: SLA targets, calendars, the priority matrix and the change
policy.`,
  },
  {
    id: 'TEAM-legacy-shop',
    name: 'Legacy Shop (Magento)',
    status: 'retired',
    members: ['lukas', 'hannah'],
    body: `Looked after the Magento 1 shop until its retirement in January 2026. Kept for the history of the
records that mention it.`,
  },
];
