/** Service request templates: who asks for what, in their words. */

export interface RequestTemplate {
  service: string;
  offering: string;
  team: string;
  assignees: string[];
  /** What people write: a title and the request text that goes with it. */
  items: [string, string][];
  /** Needs an approval step (manager, controller...). */
  approval?: string;
  zone?: 'berlin' | 'new-york';
  /** Who asks for it: requesters whose department contains one of these words (anyone if absent). */
  depts?: string[];
  weight: number;
  /** Fraction of these that get rejected, with the reason. */
  reject?: string;
}

/** Requesters outside IT: name and department. */
export const REQUESTERS: { name: string; dept: string; zone: 'berlin' | 'new-york' }[] = [
  { name: 'Jana Köhler', dept: 'Purchasing', zone: 'berlin' },
  { name: 'Markus Sommer', dept: 'Warehouse Spandau (shift lead)', zone: 'berlin' },
  { name: 'Agnieszka Wiśniewska', dept: 'Warehouse Poznań (site manager)', zone: 'berlin' },
  { name: 'Tim Brandt', dept: 'Finance', zone: 'berlin' },
  { name: 'Laura Vogt', dept: 'Marketing', zone: 'berlin' },
  { name: 'Sven Albrecht', dept: 'Customer Care Berlin', zone: 'berlin' },
  { name: 'Elif Aksoy', dept: 'HR', zone: 'berlin' },
  { name: 'Nora Peters', dept: 'E-commerce', zone: 'berlin' },
  { name: 'Piotr Kowalczyk', dept: 'Warehouse Poznań (shift lead)', zone: 'berlin' },
  { name: 'Frank Wendt', dept: 'Transport & Dispatch', zone: 'berlin' },
  { name: 'Emily Carter', dept: 'Partner Management (New York)', zone: 'new-york' },
  { name: 'Jason Lee', dept: 'Customer Care New York', zone: 'new-york' },
  { name: 'Olivia Martinez', dept: 'Sales US', zone: 'new-york' },
  { name: 'Michael Russo', dept: 'Finance US', zone: 'new-york' },
];

export const REQUEST_TEMPLATES: RequestTemplate[] = [
  {
    service: 'SVC-workplace',
    offering: 'new-laptop',
    team: 'TEAM-workplace',
    assignees: ['lbauer', 'dortiz', 'ydemir'],
    items: [
      ['Laptop for {joiner} (starts {start})', '{joiner} joins {dept} on {start}. Standard ThinkPad please, plus a headset.'],
      ['New starter in {dept}: laptop for {joiner}', 'New colleague {joiner} starts on {start}; needs Office, Zendesk and access to the {dept} SharePoint.'],
      [
        'MacBook for {joiner}, designer starting {start}',
        '{joiner} is our new designer from {start}. MacBook Air with Adobe Creative Cloud (licence approved by marketing).',
      ],
    ],
    weight: 6,
  },
  {
    service: 'SVC-workplace',
    offering: 'laptop-replacement',
    team: 'TEAM-workplace',
    assignees: ['lbauer', 'dortiz'],
    items: [
      [
        'Laptop screen cracked',
        'My laptop fell off the desk in the meeting room, the screen is cracked on the left side. I can work with an external monitor for now.',
      ],
      [
        'Laptop battery lasts under an hour',
        'Battery is at 41% health according to Lenovo Vantage; the laptop is from 2022 and I travel to Poznań every other week.',
      ],
      ['ThinkPad keyboard: several keys not working', 'E, R and T only work when pressed hard since last week. External keyboard works.'],
    ],
    weight: 4,
  },
  {
    service: 'SVC-workplace',
    offering: 'software-install',
    team: 'TEAM-workplace',
    assignees: ['ydemir', 'lbauer', 'kobrien'],
    depts: ['Purchasing', 'Finance', 'Marketing', 'E-commerce', 'Sales US'],
    items: [
      ['Install Power BI Desktop', 'For the monthly carrier cost analysis; my manager approved the licence.'],
      ['Need Adobe Illustrator for the catalogue layouts', 'For the spring catalogue; licence to be charged to the marketing cost centre.'],
      ['Visio for process diagrams', 'We are documenting the returns process with the warehouse; Visio Plan 1 is enough.'],
    ],
    approval: 'Licence approved by the cost centre owner.',
    weight: 4,
  },
  {
    service: 'SVC-workplace',
    offering: 'shared-mailbox',
    team: 'TEAM-workplace',
    assignees: ['lbauer', 'ydemir'],
    depts: ['Purchasing', 'site manager', 'Customer Care', 'Transport'],
    items: [
      ['Shared mailbox returns-poznan@', 'Owner: me. Members: the Poznań returns team (list attached). Send-as for all members.'],
      ['Distribution list for the peak season war room', 'Short-lived list for peak: shift leads, dispatch, customer care leads. Please remove it in January.'],
      ['Add {joiner} to the purchasing@ mailbox', '{joiner} takes over supplier communication for the garden range. Full access and send-as, please.'],
    ],
    weight: 3,
  },
  {
    service: 'SVC-workplace',
    offering: 'access-request',
    team: 'TEAM-workplace',
    assignees: ['ydemir', 'mschmitt'],
    items: [
      ['Access to the Finance SharePoint for {joiner}', 'Needed for the budget round; approved by the finance controller (mail attached).'],
      ['Access to the carrier contracts folder', 'I am taking over the carrier relationship from a colleague who left.'],
      ['Add me to the "Peak planning" Teams team', 'I coordinate the customer care rota for peak and need the capacity plans.'],
    ],
    approval: 'Approved by the resource owner.',
    weight: 4,
    reject: 'Rejected: the folder owner did not approve; please ask them to add you directly.',
  },
  {
    service: 'SVC-workplace',
    offering: 'peripheral',
    team: 'TEAM-workplace',
    assignees: ['lbauer', 'dortiz'],
    depts: ['Customer Care', 'Purchasing', 'Marketing', 'HR'],
    items: [
      ['Second monitor for my desk', 'Working with the WMS and Excel side by side all day.'],
      ['Headsets for new customer care agents (6 pieces)', 'For the six temporary agents starting on {start}.'],
      ['Docking station for the new hot desk area', 'Four desks by the window on the 2nd floor have no docking stations yet.'],
    ],
    weight: 3,
  },
  {
    service: 'SVC-remote-access',
    offering: 'vpn-access',
    team: 'TEAM-network',
    assignees: ['okrause'],
    items: [
      ['VPN access for {joiner}', '{joiner} has an approved home office agreement, two days a week.'],
      ['VPN for working from home two days a week', 'Needs the WMS web client from home for the on-call rota.'],
    ],
    weight: 2,
  },
  {
    service: 'SVC-remote-access',
    offering: 'vendor-vpn',
    team: 'TEAM-network',
    assignees: ['okrause', 'dmeyer-net'],
    depts: ['Warehouse'],
    items: [
      [
        'Vendor VPN for Intralogix (conveyor maintenance)',
        'For the annual maintenance of the conveyor control; access to the conveyor gateway only, until {end}.',
      ],
      ['Vendor access for Lagerwerk support until {end}', 'Sponsor: Marie Schwarz. Contract NW-2019-044. Access to the WMS app servers only, until {end}.'],
      [
        'Remote access for the Aruba engineer (site survey)',
        'Aruba needs to read the controller configuration before the Wi-Fi survey; read-only, until {end}.',
      ],
    ],
    approval: 'Approved by the sponsor and Security.',
    weight: 3,
    reject: 'Rejected: no sponsor named and no end date. Please resubmit with both.',
  },
  {
    service: 'SVC-warehouse',
    offering: 'scanner-replacement',
    team: 'TEAM-warehouse-systems',
    assignees: ['swolf-wms', 'knowak'],
    depts: ['Warehouse'],
    items: [
      ['Scanner {asset} does not charge', 'Does not charge in any cradle. Swapped the battery, same result. Early shift.'],
      ['Broken trigger on scanner {asset}', 'Trigger button stuck, the picker uses the on-screen button which is slow.'],
      ['Scanner {asset} screen cracked', 'Dropped from the reach truck. Still works but the top of the screen does not react to touch.'],
    ],
    weight: 4,
  },
  {
    service: 'SVC-warehouse',
    offering: 'wms-user',
    team: 'TEAM-warehouse-systems',
    assignees: ['knowak', 'swolf-wms'],
    depts: ['Warehouse'],
    items: [
      ['WMS users for 8 temporary pickers (Spandau)', 'Agency staff starting {start}. List with names and personnel numbers attached.'],
      ['WMS shift lead role for {joiner}', 'Promoted to shift lead from {start}.'],
      ['Packer login for {joiner} (Poznań)', 'New packer on the late shift from {start}.'],
    ],
    approval: 'Approved by the site manager.',
    weight: 4,
  },
  {
    service: 'SVC-reporting',
    offering: 'dashboard-access',
    team: 'TEAM-data',
    assignees: ['bkoch'],
    depts: ['Finance', 'Purchasing', 'Transport', 'E-commerce', 'Partner'],
    items: [
      ['Access to the "Carrier performance" dashboard', 'I need to prepare the quarterly carrier review.'],
      ['Looker access for {joiner}', '{joiner} joins our team on {start} and needs the same folders as me.'],
      ['Access to the finance folder in Looker', 'For the monthly margin report.'],
    ],
    approval: 'Approved by the data owner.',
    weight: 3,
  },
  {
    service: 'SVC-reporting',
    offering: 'new-report',
    team: 'TEAM-data',
    assignees: ['julialange', 'bkoch'],
    depts: ['Finance', 'E-commerce', 'Transport', 'site manager', 'Sales US'],
    items: [
      ['Report: returns rate by product category and warehouse', 'Needed for the category reviews; weekly, split by Spandau and Poznań.'],
      ['Dashboard for peak season: orders vs. capacity per hour', 'For the peak war room: orders received vs. picked per hour, both warehouses.'],
      ['Weekly report of late EDI acknowledgements per partner', 'Partners ask about it in the quarterly reviews; today we count by hand.'],
    ],
    weight: 2,
  },
  {
    service: 'SVC-erp',
    offering: 'erp-role',
    team: 'TEAM-data',
    assignees: ['julialange'],
    depts: ['Finance'],
    items: [
      ['Dynamics: accounts payable clerk role for {joiner}', 'New AP clerk starting {start}.'],
      ['Remove purchasing approver role (leaver)', 'A colleague left at the end of last month; please remove the approver role.'],
    ],
    approval: 'Approved by the finance controller.',
    weight: 2,
  },
  {
    service: 'SVC-edi',
    offering: 'partner-onboarding',
    team: 'TEAM-integration',
    assignees: ['priya-raman'],
    depts: ['Partner Management', 'Sales US'],
    items: [
      ['Onboard {partner} for EDI (850/856/810)', 'Contract signed, go-live planned for {end}. Their EDI contact is in the attached onboarding form.'],
      ['New trading partner: {partner} (SFTP, EDIFACT)', 'They can only do SFTP. Messages: ORDERS, DESADV, INVOIC. Go-live {end}.'],
    ],
    zone: 'new-york',
    weight: 2,
  },
  {
    service: 'SVC-customer-care',
    offering: 'agent-seat',
    team: 'TEAM-workplace',
    assignees: ['kobrien'],
    depts: ['Customer Care'],
    items: [
      ['Zendesk seats for 4 temporary agents', 'Agency staff from {start} until {end}.'],
      ['Zendesk agent seat for {joiner}', 'New agent in our team, starts {start}.'],
    ],
    zone: 'new-york',
    weight: 2,
  },
  {
    service: 'SVC-identity',
    offering: 'account-deletion',
    team: 'TEAM-identity',
    assignees: ['pneumann'],
    depts: ['Customer Care'],
    items: [
      ['GDPR deletion request, customer {customer}', 'Customer asked for deletion by e-mail; identity confirmed by customer care. Zendesk ticket {ticket}.'],
      [
        'Delete customer account {customer} (Art. 17 request)',
        'Request by letter, identity confirmed by call-back. No open orders or returns. Zendesk ticket {ticket}.',
      ],
    ],
    weight: 2,
  },
  {
    service: 'SVC-identity',
    offering: 'b2b-sso-onboarding',
    team: 'TEAM-identity',
    assignees: ['erichter', 'pneumann'],
    depts: ['Sales US', 'E-commerce'],
    items: [
      ['SSO for business customer {partner}', 'Customer wants their 200 buyers to sign in with their company account. Metadata URL in the attachment.'],
      ["Connect {partner}'s Entra ID to their shop account", 'Their IT contact is ready for a test on any weekday morning US time.'],
    ],
    weight: 1,
  },
];
