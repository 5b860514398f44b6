/**
 * Post-incident reviews of major incidents: when one is due and whether it is late. A review is due
 * `major_incidents.pir_due_days` calendar days (itsm.yaml, default 5) after the day the incident was
 * resolved, in the workspace's zone, and late from the day after. Dates, not instants: a review is a
 * meeting on a day, like the due dates of its actions. Pure: `today` is a parameter.
 */
import { localDate } from './format.ts';
import type { WorkspaceSettings } from './model.ts';

export const DEFAULT_PIR_DUE_DAYS = 5;

/** `held`: the incident has its `pir`; `due`: not yet, but there is time; `overdue`: the due day has passed. */
export type ReviewState = 'held' | 'due' | 'overdue';

export function pirDueDays(settings: Pick<WorkspaceSettings, 'major_incidents'>): number {
  return settings.major_incidents?.pir_due_days ?? DEFAULT_PIR_DUE_DAYS;
}

/** YYYY-MM-DD plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The day the review of an incident resolved at `resolvedAt` is due. */
export function pirDueDate(resolvedAt: string, days: number, timeZone: string): string {
  return addDays(localDate(Date.parse(resolvedAt), timeZone), days);
}

export function reviewState(held: boolean, dueDate: string, today: string): ReviewState {
  return held ? 'held' : today > dueDate ? 'overdue' : 'due';
}
