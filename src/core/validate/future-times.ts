/**
 * `time/future`: a milestone or a timeline entry records something that happened, so it cannot lie
 * in the future. Judged against `now` (the command's --now), with 5 minutes for clocks that differ.
 * Plans (planned_start, planned_end) are not milestones and may lie ahead.
 */
import type { PendingDiagnostic } from '../diagnostic.ts';
import { parseInstant } from '../instant.ts';
import type { AnyKindDefinition } from '../kinds/definition.ts';

/** How far ahead of `now` a recorded time may be before it is an error. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * The times a record says something happened at, by JSON pointer into its front matter
 * (`/resolved_at`, `/timeline/2/at`): compact, since the validate cache keeps them for every record.
 */
export type RecordedTimes = Record<string, string>;

const FIELDS = new WeakMap<object, string[]>();

/** The fields of a kind that record when something happened: its milestones and its `happened` list (once per definition: asked for every record). */
export function happenedFields(def: Pick<AnyKindDefinition, 'milestones' | 'happened'>): string[] {
  let fields = FIELDS.get(def);
  if (!fields) FIELDS.set(def, (fields = [...new Set([...Object.values(def.milestones), ...(def.happened ?? [])])]));
  return fields;
}

/** Every recorded time of a record (instants only: a date alone has no time to compare), timeline entries included. */
export function recordedTimes(def: Pick<AnyKindDefinition, 'milestones' | 'happened'>, data: Record<string, unknown>): RecordedTimes {
  const out: RecordedTimes = {};
  const add = (pointer: string, value: unknown) => {
    if (typeof value === 'string' && value.includes('T')) out[pointer] = value;
  };
  for (const field of happenedFields(def)) add(`/${field}`, data[field]);
  const timeline = data.timeline;
  if (Array.isArray(timeline)) timeline.forEach((entry: unknown, i) => add(`/timeline/${i}/at`, (entry as { at?: unknown } | null)?.at));
  return out;
}

/**
 * The latest of a record's recorded times in ms (the times recordedTimes lists), or undefined when
 * none parses; read straight from the data, without building the list, since it runs for every record.
 */
export function latestRecordedTime(def: Pick<AnyKindDefinition, 'milestones' | 'happened'>, data: Record<string, unknown>): number | undefined {
  let latest = -Infinity;
  const consider = (value: unknown) => {
    if (typeof value !== 'string' || !value.includes('T')) return;
    const ms = parseInstant(value);
    if (ms > latest) latest = ms;
  };
  for (const field of happenedFields(def)) consider(data[field]);
  const timeline = data.timeline;
  if (Array.isArray(timeline)) for (const entry of timeline) consider((entry as { at?: unknown } | null)?.at);
  return Number.isFinite(latest) ? latest : undefined;
}

/** The field as the user reads it: `/timeline/2/at` is `timeline[2].at`. */
function fieldOf(pointer: string): string {
  return pointer
    .slice(1)
    .split('/')
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}

/** Whether a record whose latest recorded time is `latest` (ms) can have a time more than 5 minutes after `now`. */
export function mayBeInFuture(latest: number | undefined, now: Date): boolean {
  return latest !== undefined && latest > now.getTime() + FUTURE_TOLERANCE_MS;
}

/** One error per recorded time more than 5 minutes after `now`. */
export function futureTimes(file: string, times: Readonly<RecordedTimes>, now: Date): PendingDiagnostic[] {
  const limit = now.getTime() + FUTURE_TOLERANCE_MS;
  const nowText = now.toISOString().replace('.000Z', 'Z');
  return Object.entries(times)
    .filter(([, value]) => Date.parse(value) > limit)
    .map(([pointer, value]) => ({
      file,
      rule: 'time/future',
      severity: 'error' as const,
      message: `\`${fieldOf(pointer)}\` is ${value}, in the future: more than 5 minutes after --now (${nowText}). It records something that happened.`,
      hint: 'Correct the time (check its UTC offset), or pass --now if you are validating as of another moment.',
      pointer,
    }));
}
