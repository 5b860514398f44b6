import type { ServiceRequest } from '../model.ts';
import { defineKind, numberedId, type Lifecycle } from './definition.ts';
import { Findings, checkTimeline, type RecordRules } from './rule-kit.ts';

const lifecycle: Lifecycle = {
  statuses: ['new', 'approved', 'in_progress', 'on_hold', 'fulfilled', 'rejected', 'cancelled'],
  initial: 'new',
  open: ['new', 'approved', 'in_progress', 'on_hold'],
  done: ['fulfilled'],
  transitions: {
    new: ['approved', 'in_progress', 'on_hold', 'rejected', 'cancelled'],
    approved: ['in_progress', 'on_hold', 'fulfilled', 'cancelled'],
    in_progress: ['on_hold', 'fulfilled', 'cancelled'],
    on_hold: ['in_progress', 'fulfilled', 'cancelled'],
    fulfilled: ['in_progress'],
    rejected: ['new'],
    cancelled: ['new'],
  },
  locked: ['rejected', 'cancelled'],
  retire: 'cancelled',
};
const milestones = { fulfilled: 'fulfilled_at', approved: 'approved_at' };

const requestRules: RecordRules<ServiceRequest> = (d, ctx) => {
  const f = new Findings(ctx.file);
  f.need(
    d.status === 'fulfilled',
    d,
    'fulfilled_at',
    'lifecycle/fulfilled-at',
    'once the request is fulfilled',
    'Add `fulfilled_at` with the time the requester got what they asked for.',
  );
  const data = d as unknown as Record<string, unknown>;
  f.order(data, 'requested_at', 'acknowledged_at');
  f.order(data, 'requested_at', 'approved_at');
  f.order(data, 'requested_at', 'fulfilled_at');
  checkTimeline(f, data, lifecycle.statuses, 'requested_at', milestones);
  return f.list;
};

export const request = defineKind<ServiceRequest>()({
  kind: 'request',
  prefix: 'REQ-',
  folder: 'requests',
  label: 'service request',
  plural: 'service requests',
  numbered: true,
  schema: 'request',
  idPattern: numberedId('REQ-'),
  lifecycle,
  milestones,
  reopenClears: ['close_code'],
  happened: ['requested_at', 'acknowledged_at'],
  identity: ['title', 'requested_at'],
  columns: [
    { key: 'title', label: 'Title', value: { from: 'name' } },
    { key: 'service', label: 'Service', facet: true, value: { from: 'ref', field: 'service' } },
    { key: 'offering', label: 'Offering', value: { from: 'text', field: 'offering' } },
    { key: 'status', label: 'Status', facet: true, value: { from: 'label', field: 'status' } },
    { key: 'priority', label: 'Priority', facet: true, value: { from: 'text', field: 'priority' } },
    { key: 'team', label: 'Team', facet: true, value: { from: 'ref', field: 'team' } },
    { key: 'assignee', label: 'Assignee', facet: true, value: { from: 'text', field: 'assignee' } },
    { key: 'requested_at', label: 'Requested', value: { from: 'time', field: 'requested_at' } },
    { key: 'sla', label: 'SLA', facet: true, value: { from: 'sla' } },
  ],
  relations: [
    { field: 'service', to: 'service', many: false, label: 'asks service', inverse: 'requests' },
    { field: 'team', to: 'team', many: false, label: 'fulfilled by', inverse: 'requests' },
  ],
  people: [
    { field: 'assignee', memberOf: 'team' },
    { field: 'requester', contact: true },
  ],
  // A rejected request ends too: the close code says so (`rejected`), though nothing was delivered.
  closing: { closeCodeIn: [...lifecycle.done, 'rejected'], category: true },
  rules: requestRules,
});
