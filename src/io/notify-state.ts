/** The state file of `itsm notify`: the keys of news already announced, so nothing is sent twice. */
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { excerpt } from '../core/excerpt.ts';
import type { NewsItem } from '../core/notify.ts';
import { symlinkOnPath } from './safe-fs.ts';

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

/**
 * The state file usually sits in the checkout (.itsm-notify/state.json), where a merged commit could
 * have put a link: read, it would quote another file (/proc/self/environ) into the log; written, it
 * would overwrite it. Below the working folder no link on the way is followed; elsewhere, not the file.
 */
export function refuseLinkedState(cwd: string, path: string): void {
  const rel = relative(cwd, path);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  let link: string | undefined;
  if (inside) link = symlinkOnPath(cwd, rel.split(sep).join('/'));
  else {
    try {
      if (lstatSync(path).isSymbolicLink()) link = path;
    } catch {
      // missing: written afresh
    }
  }
  if (link)
    throw new NotifyStateError(
      `the state file ${excerpt(path, 200)} is reached through the symlink ${excerpt(link, 200)}; a state file is never read or written through a link. Remove the link (the state then starts afresh).`,
    );
}

/** The state, or undefined when the file does not exist yet. */
export function readNotifyState(path: string): NotifyState | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<NotifyState>;
    if (typeof data !== 'object' || data === null || typeof data.sent !== 'object' || data.sent === null) throw new Error('no "sent" object');
    return { version: 1, last_run: typeof data.last_run === 'string' ? data.last_run : undefined, sent: data.sent };
  } catch (err) {
    throw new NotifyStateError(
      `the state file ${path} is not one this command wrote (${err instanceof Error ? err.message : String(err)}). Delete it to start afresh (news of the last 24 hours is then sent again).`,
    );
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
