/**
 * `time/future`: a milestone or a timeline entry records something that happened, so it cannot lie
 * in the future. Judged against `now` (the command's --now), with 5 minutes for clocks that differ.
 * Plans (planned_start, planned_end) are not milestones and may lie ahead.
 */
import type { PendingDiagnostic } from '../diagnostic.ts';
import type { AnyKindDefinition } from '../kinds/definition.ts';

/** How far ahead of `now` a recorded time may be before it is an error. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** A time a record says something happened at: `field` as the user reads it, `pointer` into the front matter. */
export interface RecordedTime {
  field: string;
  pointer: string;
  value: string;
}

/** The fields of a kind that record when something happened: its milestones and its `happened` list. */
export function happenedFields(def: Pick<AnyKindDefinition, 'milestones' | 'happened'>): string[] {
  return [...new Set([...Object.values(def.milestones), ...(def.happened ?? [])])];
}

/** Every recorded time of a record (instants only: a date alone has no time to compare), timeline entries included. */
export function recordedTimes(def: Pick<AnyKindDefinition, 'milestones' | 'happened'>, data: Record<string, unknown>): RecordedTime[] {
  const out: RecordedTime[] = [];
  const add = (field: string, pointer: string, value: unknown) => {
    if (typeof value === 'string' && value.includes('T')) out.push({ field, pointer, value });
  };
  for (const field of happenedFields(def)) add(field, `/${field}`, data[field]);
  const timeline = data.timeline;
  if (Array.isArray(timeline)) timeline.forEach((entry: unknown, i) => add(`timeline[${i}].at`, `/timeline/${i}/at`, (entry as { at?: unknown } | null)?.at));
  return out;
}

/** One error per recorded time more than 5 minutes after `now`. */
export function futureTimes(file: string, times: readonly RecordedTime[], now: Date): PendingDiagnostic[] {
  const limit = now.getTime() + FUTURE_TOLERANCE_MS;
  const nowText = now.toISOString().replace('.000Z', 'Z');
  return times
    .filter((t) => Date.parse(t.value) > limit)
    .map((t) => ({
      file,
      rule: 'time/future',
      severity: 'error' as const,
      message: `\`${t.field}\` is ${t.value}, in the future: more than 5 minutes after --now (${nowText}). It records something that happened.`,
      hint: 'Correct the time (check its UTC offset), or pass --now if you are validating as of another moment.',
      pointer: t.pointer,
    }));
}
