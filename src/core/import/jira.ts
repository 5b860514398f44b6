/**
 * Column maps for a Jira Service Management CSV export ("Export > CSV (all fields)"): one for its
 * incidents, one for its service requests (matched to an offering by the customer request type).
 * Jira repeats a header once per value of a multi-value field (Labels, Component/s); the importer
 * hands every value to the setter. Other issue types are reported and skipped.
 */
import { choiceWords, keptValue, tagOf } from './convert.ts';
import { finishIncident, keepImported } from './servicenow.ts';
import {
  applyDefaults,
  body,
  choice,
  contact,
  person,
  personOf,
  readTime,
  ref,
  requireFields,
  seen,
  status,
  text,
  time,
  to,
  withText,
  type Draft,
  type Setter,
  type TableMap,
} from './map.ts';

const STATUSES: Record<string, string> = {
  open: 'new',
  new: 'new',
  'to do': 'new',
  'waiting for support': 'new',
  'in progress': 'in_progress',
  'work in progress': 'in_progress',
  investigating: 'in_progress',
  escalated: 'in_progress',
  'under investigation': 'in_progress',
  pending: 'on_hold',
  'waiting for customer': 'on_hold',
  'on hold': 'on_hold',
  resolved: 'resolved',
  done: 'resolved',
  completed: 'resolved',
  closed: 'closed',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  declined: 'cancelled',
};

const PRIORITIES: Record<string, string> = {
  highest: 'P1',
  critical: 'P1',
  blocker: 'P1',
  high: 'P2',
  major: 'P2',
  medium: 'P3',
  low: 'P4',
  minor: 'P4',
  lowest: 'P5',
  trivial: 'P5',
};

const LEVELS: Record<string, string> = {
  'extensive / widespread': 'high',
  extensive: 'high',
  widespread: 'high',
  critical: 'high',
  high: 'high',
  'significant / large': 'medium',
  significant: 'medium',
  large: 'medium',
  medium: 'medium',
  moderate: 'medium',
  'moderate / limited': 'low',
  limited: 'low',
  'minor / localized': 'low',
  minor: 'low',
  localized: 'low',
  low: 'low',
};

/** Which map an issue type belongs to: "[System] Service request" -> request. */
export function jiraKind(issueType: string): 'incident' | 'request' | undefined {
  const w = choiceWords(issueType.replace(/^\[system\]\s*/i, ''));
  return w === 'incident' ? 'incident' : w === 'service request' || w === 'service request with approvals' ? 'request' : undefined;
}

/** Documented Jira columns neither map imports. */
const IGNORED = [
  'issue_id',
  'parent_id',
  'parent',
  'project_key',
  'project_name',
  'project_type',
  'project_lead',
  'project_description',
  'project_url',
  'creator',
  'updated',
  'last_viewed',
  'due_date',
  'votes',
  'environment',
  'original_estimate',
  'remaining_estimate',
  'time_spent',
  'work_ratio',
  'security_level',
  'attachment',
  'log_work',
  'sprint',
  'fix_version_s',
  'affects_version_s',
  'outward_issue_link',
  'inward_issue_link',
  'sub_tasks',
  'resolution_date',
];

/** Columns of a JSM export that the model has no field for, kept in the `imported` block (repeated ones joined). */
const KEPT = [
  'watchers',
  'status_category_changed',
  'time_to_first_response',
  'time_to_resolution',
  'satisfaction',
  'satisfaction_date',
  'request_participants',
  'organizations',
];

const issueType = (kind: 'incident' | 'request'): Setter =>
  to('(the map: incident or request)', (v, d) => {
    if (jiraKind(v) !== kind) d.notMine = v.trim();
  });

const labels: Setter = to('tags', (v, d) => {
  const tags = v.split(/\s+/).map(tagOf).filter(Boolean);
  d.data.tags = [...new Set([...((d.data.tags as string[] | undefined) ?? []), ...tags])];
});

/** Status Category (To Do, In Progress, Done): kept, and the status when the Status itself is not known. */
const statusCategory: Setter = to('imported.status_category (and the status when Status is not known)', (v, d) => {
  d.kept.status_category = keptValue(v);
  d.raw.status_category = v.trim();
});

function statusFromCategory(d: Draft, done: string): void {
  if (d.data.status !== undefined || !d.raw.status_category) return;
  const s = { 'to do': 'new', new: 'new', 'in progress': 'in_progress', done }[choiceWords(d.raw.status_category)];
  if (s) {
    d.data.status = s;
    d.notes.push('status taken from the Status Category (the Status is not known)');
  }
}

/**
 * A Comment column (repeated once per comment): `02/Mar/26 9:15 AM;author;text`, a timeline entry
 * by its author when the author maps to a person, else with the author's name in the note.
 */
const comment: Setter = to('timeline (notes)', (v, d, ctx, column) => {
  const [when, author, ...rest] = v.split(';');
  const at = when === undefined ? undefined : readTime(when, ctx);
  const words = rest.join(';').replace(/\r\n/g, '\n').trim();
  if (!at || !words) return void d.unmapped.push({ column, value: v.trim().slice(0, 60) });
  const who = author?.trim() ? personOf(author, ctx) : undefined;
  if (author?.trim()) seen(ctx, 'users', author.trim());
  d.comments.push({ at, ...(who ? { by: who } : {}), text: who || !author?.trim() ? words : `${author.trim()}: ${words}` });
});

export const JIRA_INCIDENTS: TableMap = {
  vendor: 'jira',
  table: 'issues',
  kind: 'incident',
  idColumn: 'issue_key',
  required: ['issue_key', 'summary', 'status', 'created'],
  columns: {
    issue_key: () => {},
    issue_type: issueType('incident'),
    summary: text('title'),
    description: body,
    status: status('status', (v) => STATUSES[choiceWords(v)]),
    status_category: statusCategory,
    priority: to(
      'priority',
      withText(
        choice('vendor_priority', (v) => PRIORITIES[choiceWords(v)]),
        'vendor_priority',
      ),
    ),
    created: time('reported_at'),
    resolved: time('resolved_at'),
    assignee: person('assignee'),
    reporter: contact('caller'),
    comment,
    resolution: to('resolution (and close_code when it says duplicate or cannot reproduce)', (v, d) => {
      if (/^unresolved$/i.test(v.trim())) return;
      d.data.resolution = v.trim();
      const w = choiceWords(v);
      if (/duplicate/.test(w)) d.data.close_code = 'duplicate';
      else if (/cannot reproduce|not reproducible/.test(w)) d.data.close_code = 'not-reproducible';
    }),
    component_s: ref('service', 'service'),
    components: ref('service', 'service'),
    custom_field_affected_services: ref('service', 'service'),
    affected_services: ref('service', 'service'),
    custom_field_impact: choice('impact', (v) => LEVELS[choiceWords(v)]),
    custom_field_urgency: choice('urgency', (v) => LEVELS[choiceWords(v)]),
    custom_field_team: ref('team', 'team'),
    labels,
    label: labels,
  },
  kept: KEPT,
  ignored: [...IGNORED, 'customer_request_type', 'request_type'],
  custom: /^custom_field_/,
  finish(d, ctx) {
    statusFromCategory(d, 'resolved');
    finishIncident('Jira')(d, ctx);
  },
};

const REQUEST_STATUSES: Record<string, string> = {
  open: 'new',
  new: 'new',
  'to do': 'new',
  'waiting for support': 'new',
  'waiting for approval': 'new',
  approved: 'approved',
  'in progress': 'in_progress',
  'work in progress': 'in_progress',
  pending: 'on_hold',
  'waiting for customer': 'on_hold',
  'on hold': 'on_hold',
  resolved: 'fulfilled',
  done: 'fulfilled',
  completed: 'fulfilled',
  closed: 'fulfilled',
  fulfilled: 'fulfilled',
  declined: 'rejected',
  rejected: 'rejected',
  canceled: 'cancelled',
  cancelled: 'cancelled',
};

/** The customer request type names an offering (by name or id); it gives both service and offering. */
const requestType: Setter = to('service and offering', (v, d, ctx, column) => {
  const found = ctx.lookups.offering.get(v.trim().toLowerCase());
  if (!found) return void d.unmapped.push({ column, value: v.trim() });
  const [service, offering] = found.split('/');
  d.data.service = service;
  d.data.offering = offering;
});

export const JIRA_REQUESTS: TableMap = {
  vendor: 'jira',
  table: 'issues',
  kind: 'request',
  idColumn: 'issue_key',
  required: ['issue_key', 'summary', 'status', 'created'],
  columns: {
    issue_key: () => {},
    issue_type: issueType('request'),
    summary: text('title'),
    description: body,
    status: status('status', (v) => REQUEST_STATUSES[choiceWords(v)]),
    status_category: statusCategory,
    priority: choice('priority', (v) => PRIORITIES[choiceWords(v)]),
    created: time('requested_at'),
    resolved: time('fulfilled_at'),
    assignee: person('assignee'),
    reporter: contact('requester'),
    comment,
    customer_request_type: requestType,
    custom_field_customer_request_type: requestType,
    request_type: requestType,
    custom_field_team: ref('team', 'team'),
    labels,
  },
  ignored: [
    ...IGNORED,
    'resolution',
    'component_s',
    'components',
    'custom_field_affected_services',
    'affected_services',
    'custom_field_impact',
    'custom_field_urgency',
  ],
  custom: /^custom_field_/,
  kept: KEPT,
  finish(d, ctx) {
    statusFromCategory(d, 'fulfilled');
    applyDefaults(d, ctx, ['service', 'offering', 'requester', 'team']);
    requireFields(
      d,
      ['title', 'service', 'offering', 'requester', 'status', 'requested_at'],
      d.data.offering === undefined ? 'give a Customer Request Type named like an offering of a service, or --default service=... --default offering=...' : '',
    );
    if (d.skip) return;
    if (d.data.status !== 'fulfilled') delete d.data.fulfilled_at;
    else if (d.data.fulfilled_at === undefined) d.skip = 'status done but no Resolved time';
    if (d.data.status === 'fulfilled' || d.data.status === 'rejected') d.data.close_code ??= d.data.status;
    keepImported(d);
  },
};
