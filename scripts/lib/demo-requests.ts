/** Service request templates: who asks for what, in their words. */

export interface RequestTemplate {
  service: string;
  offering: string;
  team: string;
  assignees: string[];
  titles: string[];
  bodies: string[];
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
    service: 'SVC-workplace', offering: 'new-laptop', team: 'TEAM-workplace', assignees: ['lbauer', 'dortiz', 'ydemir'],
    titles: ['Laptop for {joiner} (starts {start})', 'New starter in {dept}: laptop for {joiner}', 'MacBook for {joiner}, designer starting {start}'],
    bodies: ['{joiner} joins {dept} on {start}. Standard ThinkPad please, plus a headset.', 'New colleague {joiner} starts on {start}; needs Office, Zendesk and access to the {dept} SharePoint.'],
    weight: 6,
  },
  {
    service: 'SVC-workplace', offering: 'laptop-replacement', team: 'TEAM-workplace', assignees: ['lbauer', 'dortiz'],
    titles: ['Laptop screen cracked', 'Laptop battery lasts under an hour', 'ThinkPad keyboard: several keys not working'],
    bodies: ['My laptop fell off the desk in the meeting room, the screen is cracked on the left side. I can work with an external monitor for now.', 'Battery is at 41% health according to Lenovo Vantage; the laptop is from 2022.'],
    weight: 4,
  },
  {
    service: 'SVC-workplace', offering: 'software-install', depts: ['Purchasing', 'Finance', 'Marketing', 'E-commerce', 'Sales US'], team: 'TEAM-workplace', assignees: ['ydemir', 'lbauer', 'kobrien'],
    titles: ['Install Power BI Desktop', 'Need Adobe Illustrator for the catalogue layouts', 'Install the DHL Geschäftskundenportal printer tool', 'Visio for process diagrams'],
    bodies: ['For the monthly carrier cost analysis; my manager approved the licence.', 'For the new catalogue; licence to be charged to the marketing cost centre.'],
    approval: 'Licence approved by the cost centre owner.',
    weight: 4,
  },
  {
    service: 'SVC-workplace', offering: 'shared-mailbox', depts: ['Purchasing', 'site manager', 'Customer Care', 'Transport'], team: 'TEAM-workplace', assignees: ['lbauer', 'ydemir'],
    titles: ['Shared mailbox returns-poznan@', 'Distribution list for the peak season war room', 'Add {joiner} to the purchasing@ mailbox'],
    bodies: ['Owner: me. Members: the Poznań returns team (list attached). Send-as for all members.', 'Short-lived list for peak: shift leads, dispatch, customer care leads. Please remove it in January.'],
    weight: 3,
  },
  {
    service: 'SVC-workplace', offering: 'access-request', team: 'TEAM-workplace', assignees: ['ydemir', 'mschmitt'],
    titles: ['Access to the Finance SharePoint for {joiner}', 'Access to the carrier contracts folder', 'Add me to the "Peak planning" Teams team'],
    bodies: ['Needed for the budget round; approved by the finance controller (mail attached).', 'I am taking over the carrier relationship from a colleague who left.'],
    approval: 'Approved by the resource owner.',
    weight: 4,
    reject: 'Rejected: the folder owner did not approve; please ask them to add you directly.',
  },
  {
    service: 'SVC-workplace', offering: 'peripheral', depts: ['Customer Care', 'Purchasing', 'Marketing', 'HR'], team: 'TEAM-workplace', assignees: ['lbauer', 'dortiz'],
    titles: ['Second monitor for my desk', 'Headset for the customer care new starters (6 pieces)', 'Docking station for the new hot desk area'],
    bodies: ['Working with the WMS and Excel side by side.', 'For the six temporary agents starting for peak season.'],
    weight: 3,
  },
  {
    service: 'SVC-remote-access', offering: 'vpn-access', team: 'TEAM-network', assignees: ['okrause'],
    titles: ['VPN access for {joiner}', 'VPN for working from home two days a week'],
    bodies: ['Approved home office agreement, two days a week.', 'Needs the WMS web client from home for the on-call rota.'],
    weight: 2,
  },
  {
    service: 'SVC-remote-access', offering: 'vendor-vpn', depts: ['Warehouse'], team: 'TEAM-network', assignees: ['okrause', 'dmeyer-net'],
    titles: ['Vendor VPN for Intralogix (conveyor maintenance)', 'Vendor access for Lagerwerk support until {end}', 'Remote access for the Aruba engineer (site survey)'],
    bodies: ['Sponsor: Marie Schwarz. Contract NW-2019-044. Access to the WMS app servers only, until {end}.', 'For the annual maintenance of the conveyor control; access to CI conveyor gateway only.'],
    approval: 'Approved by the sponsor and Security.',
    weight: 3,
    reject: 'Rejected: no sponsor named and no end date. Please resubmit with both.',
  },
  {
    service: 'SVC-warehouse', offering: 'scanner-replacement', depts: ['Warehouse'], team: 'TEAM-warehouse-systems', assignees: ['swolf-wms', 'knowak'],
    titles: ['Scanner {asset} does not charge', 'Broken trigger on scanner {asset}', 'Scanner {asset} screen cracked'],
    bodies: ['Does not charge in any cradle. Swapped battery, same result. Early shift.', 'Trigger button stuck, picker uses the on-screen button which is slow.'],
    weight: 4,
  },
  {
    service: 'SVC-warehouse', offering: 'wms-user', depts: ['Warehouse'], team: 'TEAM-warehouse-systems', assignees: ['knowak', 'swolf-wms'],
    titles: ['WMS users for 8 seasonal pickers (Spandau)', 'WMS shift lead role for {joiner}', 'Packer login for {joiner} (Poznań)'],
    bodies: ['Seasonal staff for peak, starting {start}. List with names and personnel numbers attached.', 'Promoted to shift lead from {start}.'],
    approval: 'Approved by the site manager.',
    weight: 4,
  },
  {
    service: 'SVC-reporting', offering: 'dashboard-access', depts: ['Finance', 'Purchasing', 'Transport', 'E-commerce', 'Partner'], team: 'TEAM-data', assignees: ['bkoch'],
    titles: ['Access to the "Carrier performance" dashboard', 'Looker access for {joiner}', 'Access to the finance folder in Looker'],
    bodies: ['I need to prepare the quarterly carrier review.', 'For the monthly margin report.'],
    approval: 'Approved by the data owner.',
    weight: 3,
  },
  {
    service: 'SVC-reporting', offering: 'new-report', depts: ['Finance', 'E-commerce', 'Transport', 'site manager', 'Sales US'], team: 'TEAM-data', assignees: ['julialange', 'bkoch'],
    titles: ['Report: returns rate by product category and warehouse', 'Dashboard for peak season: orders vs. capacity per hour', 'Weekly report of late EDI acknowledgements per partner'],
    bodies: ['Needed for the category reviews; weekly, split by Spandau and Poznań.', 'For the peak war room: orders received vs. picked per hour, both warehouses.'],
    weight: 2,
  },
  {
    service: 'SVC-erp', offering: 'erp-role', depts: ['Finance'], team: 'TEAM-data', assignees: ['julialange'],
    titles: ['Dynamics: accounts payable clerk role for {joiner}', 'Remove purchasing approver role (leaver)'],
    bodies: ['New AP clerk starting {start}.', 'Colleague left on the 30th; please remove the approver role.'],
    approval: 'Approved by the finance controller.',
    weight: 2,
  },
  {
    service: 'SVC-edi', offering: 'partner-onboarding', depts: ['Partner Management', 'Sales US'], team: 'TEAM-integration', assignees: ['priya-raman'],
    titles: ['Onboard {partner} for EDI (850/856/810)', 'New trading partner: {partner} (SFTP, EDIFACT)'],
    bodies: ['Contract signed, go-live planned for {start}. Their EDI contact is in the attached onboarding form.', 'They can only do SFTP. Messages: ORDERS, DESADV, INVOIC.'],
    zone: 'new-york',
    weight: 2,
  },
  {
    service: 'SVC-customer-care', offering: 'agent-seat', depts: ['Customer Care'], team: 'TEAM-workplace', assignees: ['kobrien'],
    titles: ['Zendesk seats for 4 peak season agents', 'Zendesk agent seat for {joiner}'],
    bodies: ['Temporary agents from the staffing agency, {start} to 8 January.', 'New agent in the New York team, starts {start}.'],
    zone: 'new-york',
    weight: 2,
  },
  {
    service: 'SVC-identity', offering: 'account-deletion', depts: ['Customer Care'], team: 'TEAM-identity', assignees: ['pneumann'],
    titles: ['GDPR deletion request, customer {customer}', 'Delete customer account {customer} (Art. 17 request)'],
    bodies: ['Customer asked for deletion by e-mail; identity confirmed by customer care. Zendesk ticket {ticket}.'],
    weight: 2,
  },
  {
    service: 'SVC-identity', offering: 'b2b-sso-onboarding', depts: ['Sales US', 'E-commerce'], team: 'TEAM-identity', assignees: ['erichter', 'pneumann'],
    titles: ['SSO for business customer {partner}', 'Connect {partner}\'s Entra ID to their shop account'],
    bodies: ['Customer wants their 200 buyers to sign in with their company account. Metadata URL in the attachment.'],
    weight: 1,
  },
];
