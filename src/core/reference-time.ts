/**
 * The instant a command judges the workspace at: --now when given, else the workspace's
 * reference_time (itsm.yaml, for a demo whose records do not move with the calendar), else the
 * current time. Pure: the current time is a parameter.
 */

export interface ResolvedNow {
  now: Date;
  /** The instant as text: --now as given, reference_time as written, or the current time in ISO. */
  text: string;
  /** True when the instant is the workspace's reference_time (no --now was given). */
  reference: boolean;
}

/** given: the --now already parsed (with its text); referenceTime: itsm.yaml's reference_time; clock: the current time. */
export function resolveNow(given: { now: Date; text: string } | undefined, referenceTime: string | undefined, clock: Date): ResolvedNow {
  if (given) return { ...given, reference: false };
  if (referenceTime !== undefined && !Number.isNaN(Date.parse(referenceTime)))
    return { now: new Date(Date.parse(referenceTime)), text: referenceTime, reference: true };
  return { now: clock, text: clock.toISOString(), reference: false };
}
