/** The state file of `itsm notify`: the keys of news already announced, so nothing is sent twice. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NewsItem } from '../core/notify.ts';

export interface NotifyState {
  version: 1;
  /** The previous run's --now. */
  last_run?: string;
  /** key -> when it was sent. */
  sent: Record<string, string>;
}

/** A state file this command did not write (or cannot read). */
export class NotifyStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotifyStateError';
  }
}

const DAY = 86_400_000;

/** The state, or undefined when the file does not exist yet. */
export function readNotifyState(path: string): NotifyState | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<NotifyState>;
    if (typeof data !== 'object' || data === null || typeof data.sent !== 'object' || data.sent === null) throw new Error('no "sent" object');
    return { version: 1, last_run: typeof data.last_run === 'string' ? data.last_run : undefined, sent: data.sent };
  } catch (err) {
    throw new NotifyStateError(`the state file ${path} is not one this command wrote (${err instanceof Error ? err.message : String(err)}). Delete it to start afresh (news of the last 24 hours is then sent again).`);
  }
}

/** Keys of news older than this can never come back into a window, so the file stays small. */
const KEEP_DAYS = 60;

export function writeNotifyState(path: string, now: Date, previous: NotifyState | undefined, news: readonly NewsItem[]): void {
  const sent: Record<string, string> = {};
  const keepAfter = now.getTime() - KEEP_DAYS * DAY;
  for (const [key, at] of Object.entries(previous?.sent ?? {})) {
    const instant = Date.parse(key.slice(key.lastIndexOf('@') + 1));
    if (Number.isNaN(instant) || instant > keepAfter) sent[key] = at;
  }
  for (const n of news) sent[n.key] = now.toISOString();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ version: 1, last_run: now.toISOString(), sent } satisfies NotifyState, null, 2) + '\n');
}
