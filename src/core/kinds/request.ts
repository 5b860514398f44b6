import type { ServiceRequest } from '../model.ts';
import { Findings, checkTimeline, type RecordRules } from './rule-kit.ts';

export const REQUEST_STATUSES = ['new', 'approved', 'in_progress', 'on_hold', 'fulfilled', 'rejected', 'cancelled'] as const;

export const requestRules: RecordRules<ServiceRequest> = (d, ctx) => {
  const f = new Findings(ctx.file);
  f.need(d.status === 'fulfilled', d, 'fulfilled_at', 'lifecycle/fulfilled-at', 'once the request is fulfilled', 'Add `fulfilled_at` with the time the requester got what they asked for.');
  const data = d as unknown as Record<string, unknown>;
  f.order(data, 'requested_at', 'acknowledged_at');
  f.order(data, 'requested_at', 'approved_at');
  f.order(data, 'requested_at', 'fulfilled_at');
  checkTimeline(f, data, REQUEST_STATUSES, 'requested_at', { fulfilled: 'fulfilled_at', approved: 'approved_at' });
  return f.list;
};
