/**
 * Which repository and pull request a GitHub command works on: --repo and --pr win; in GitHub
 * Actions the event payload (GITHUB_EVENT_PATH) and GITHUB_REPOSITORY fill the gaps. Shared by
 * `itsm approvals`, `itsm collisions` and `itsm comment`, so they read them the same way.
 */
import { readEventPayload, type PullRequestEvent, type Target } from '../io/approvals-run.ts';
import { usageError } from './exit-error.ts';

function eventOf(command: string, env: NodeJS.ProcessEnv): PullRequestEvent {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return readEventPayload(env.GITHUB_EVENT_PATH);
  } catch (err) {
    throw usageError(`itsm ${command}: cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${(err as Error).message}`);
  }
}

/** owner/name from --repo, the event's repository or GITHUB_REPOSITORY. */
export function whichRepository(
  command: string,
  repo: string | undefined,
  env: NodeJS.ProcessEnv,
  event = eventOf(command, env),
): { owner: string; repo: string } {
  const full = repo ?? (typeof event.repository?.full_name === 'string' ? event.repository.full_name : undefined) ?? env.GITHUB_REPOSITORY;
  const m = full ? /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(full) : null;
  if (!m)
    throw usageError(
      full
        ? `itsm ${command}: --repo must be owner/name; got "${full}".`
        : `itsm ${command}: which repository? Pass --repo owner/name (GitHub Actions sets GITHUB_REPOSITORY).`,
    );
  return { owner: m[1]!, repo: m[2]! };
}

/** The pull request from --pr or the event, with the head SHA the event saw when it came from there. */
export function whichPullRequest(command: string, pr: string | undefined, repo: string | undefined, env: NodeJS.ProcessEnv): Target {
  const event = eventOf(command, env);
  const fromEvent = typeof event.pull_request?.number === 'number' ? event.pull_request.number : undefined;
  const number = pr !== undefined ? Number(pr) : fromEvent;
  if (number === undefined)
    throw usageError(`itsm ${command}: which pull request? Pass --pr N (in GitHub Actions it comes from a pull_request or pull_request_review event).`);
  if (!Number.isInteger(number) || number < 1) throw usageError(`itsm ${command}: --pr must be a pull request number; got "${pr}".`);
  const { owner, repo: name } = whichRepository(command, repo, env, event);
  const eventHeadSha = pr === undefined && typeof event.pull_request?.head?.sha === 'string' ? event.pull_request.head.sha : undefined;
  return { owner, repo: name, number, ...(eventHeadSha ? { eventHeadSha } : {}) };
}
