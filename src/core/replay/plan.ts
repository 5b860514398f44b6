/**
 * A workspace's story as git history: the commits that replay each record's timeline, planned from
 * the records as they are now. The demo runs in a repository written from this plan
 * (src/io/demo-repo.ts), so `itsm history`, `as-of`, `evidence` and the site show the events the
 * records describe, not the commits that wrote the demo. states.ts works out each record's
 * versions, approval.ts the approvals.
 *
 * - One setup commit holds what has no timeline (teams, services, CIs, policies, articles, settings).
 * - A record with a timeline is created at its first event and edited at each later instant of its
 *   timeline, into its state at that instant: the timeline so far, the status it had, the milestones
 *   and outcomes it had reached (`resolved_at`, `resolution`...: the kind definition's `milestones`,
 *   `happened` and `outcomes`), and references only to records that existed (a record created later
 *   adds the reference to the records that name it, in its own commit).
 * - Each commit is authored by the person who did it (the timeline entry's `by`, from the team files)
 *   and lands through a numbered pull request; a pull request that needs change approval carries the
 *   approval decision the approval engine makes for it, with reviews from people who may approve.
 * - The last version of every file is its current text, byte for byte.
 *
 * Pure: text and records in, a plan out. Instants are parsed, never read from a clock.
 */
import { decisionInputs } from '../approvals/inputs.ts';
import type { ApprovalResult } from '../approvals/types.ts';
import { recordsOf, type AnyRecord, type Workspace } from '../model.ts';
import { loginKey, peopleFrom, type People } from '../people.ts';
import { approve, PLACEHOLDER_SHA } from './approval.ts';
import { dependentsOf, initialStep, lastStatus, render, stateData, stepsOf, type Step } from './states.ts';

export { PLACEHOLDER_SHA };

/** Who made a commit: a person of the team files, with a forge-style no-reply email. */
export interface Author {
  login: string;
  name: string;
  email: string;
}

export interface ReplayCommit {
  /** Subject, blank line, body. */
  message: string;
  author: Author;
  /** Author and committer date: an ISO 8601 instant with the event's own offset. */
  at: string;
  /** What the commit writes: workspace-relative path -> the file's whole text. */
  files: Map<string, string>;
}

export interface ReplayPull extends ReplayCommit {
  number: number;
  branch: string;
  /** The merge commit's message: "Merge pull request #N from <org>/<branch>", then the title. */
  mergeMessage: string;
  /**
   * For a pull request that needed change approval: the decision, approved by the reviews in it. Its
   * head SHA is PLACEHOLDER_SHA: the writer puts the real one in once the commit exists.
   */
  approval?: ApprovalResult;
}

export interface ReplayPlan {
  setup: ReplayCommit;
  /** In time order; numbered from 1. */
  pulls: ReplayPull[];
}

export interface ReplayInput {
  /** Every file of the workspace as it is now: path relative to the workspace -> text. */
  files: ReadonlyMap<string, string>;
  /** The same workspace, loaded (it must be valid). */
  workspace: Workspace;
  /** The forge owner pull requests come from: "Merge pull request #7 from <org>/inc-0001-resolved". */
  org: string;
}

const DAY_MS = 86_400_000;

/** The author when the team files list nobody at all. */
const NOBODY: Author = { login: 'itsm', name: 'itsm', email: 'itsm@users.noreply.github.com' };

/** Plans the history. Records that did not validate are not in `workspace`: their files go into the setup as written. */
export function planReplay(input: ReplayInput): ReplayPlan {
  const { workspace, files } = input;
  const people = peopleFrom(recordsOf(workspace, 'team').map((r) => r.data));
  const known = teamLogins(workspace);
  const textOf = (r: AnyRecord) => {
    const text = files.get(r.file);
    if (text === undefined) throw new Error(`planReplay: no text for ${r.file}`);
    return text;
  };

  const all = workspace.records.map((r) => ({ record: r, steps: stepsOf(r) }));
  const steps = all.flatMap((r) => r.steps).sort((a, b) => a.epoch - b.epoch || cmp(a.record.file, b.record.file));
  const replayed = all.filter((r) => r.steps[0]?.creates).map((r) => r.record);
  // IDs of records not created yet: references to them wait. (Any other ID, even one no record has, stays as written.)
  const upcoming = new Set(replayed.map((r) => r.id));
  const exists = (id: string) => !upcoming.has(id);
  const replayedFiles = new Set(replayed.map((r) => r.file));

  const first = steps[0];
  const setupEpoch = (first?.epoch ?? 0) - DAY_MS;
  const setupAt = withOffset(setupEpoch, first ? offsetOf(first.at) : '+00:00');
  const currentStep = new Map<string, Step>();
  // A record without a timeline is there from the start, before its milestones (a release not yet released).
  for (const { record, steps: own } of all) if (own.length && !own[0]!.creates) currentStep.set(record.id, initialStep(record, setupEpoch, setupAt));
  const setupAuthor = authorFor([...roleHolders(workspace, 'policy-owner'), ...allMembers(workspace)], people, known) ?? NOBODY;
  const setupFiles = new Map<string, string>();
  for (const [path, text] of [...files].sort(([a], [b]) => cmp(a, b))) if (!replayedFiles.has(path)) setupFiles.set(path, text);
  for (const r of workspace.records) if (exists(r.id)) setupFiles.set(r.file, render(r, currentStep.get(r.id), exists, textOf(r)));
  const setup: ReplayCommit = {
    message: `Set up the ${workspace.settings.name ?? 'ITSM'} workspace\n\nTeams, services, configuration items, policies and knowledge articles.\n`,
    author: setupAuthor,
    at: setupAt,
    files: setupFiles,
  };

  const current = new Map(setupFiles);
  const dependents = dependentsOf(workspace);
  const inputs = decisionInputs(workspace);
  const membersOf = (id: string) =>
    teams(workspace)
      .find((t) => t.id === id)
      ?.members.map((m) => m.login) ?? [];
  const pulls: ReplayPull[] = [];
  for (const step of steps) {
    const { record } = step;
    upcoming.delete(record.id);
    const before = currentStep.get(record.id);
    currentStep.set(record.id, step);
    const changed = new Map<string, string>();
    const write = (r: AnyRecord, s: Step | undefined) => {
      const text = render(r, s, exists, textOf(r));
      if (current.get(r.file) !== text) changed.set(r.file, text);
    };
    write(record, step);
    // A record created now: the records that name it gain the reference in the same pull request.
    if (step.creates) for (const d of dependents.get(record.id) ?? []) if (exists(d.id) && d !== record) write(d, currentStep.get(d.id));
    if (changed.size === 0) continue;
    for (const [path, text] of changed) current.set(path, text);

    const number = pulls.length + 1;
    const title = titleOf(step);
    const what = step.creates ? 'new' : (lastStatus(step.made) ?? 'note');
    let author = authorFor(candidatesFor(step, membersOf), people, known) ?? setupAuthor;
    let approval: ApprovalResult | undefined;
    if (record.kind === 'change') {
      const decide = (a: Author) => approve(inputs, people, number, a, record.file, record.id, before && stateData(before), stateData(step), step, known);
      approval = decide(author);
      // The person the timeline names for an approval gave it: the change's requester wrote the PR.
      const requester = authorFor([record.data.requested_by ?? ''], people, known);
      if (approval && approval.decision !== 'not-required' && requester && requester.login !== author.login) {
        const second = decide(requester);
        if (second?.decision === 'approved') [author, approval] = [requester, second];
      }
      if (approval?.decision !== 'approved') approval = undefined;
    }
    const branch = `${record.id.toLowerCase()}-${what.replace(/_/g, '-')}`;
    pulls.push({
      number,
      branch,
      message: `${title}\n\n${
        step.made
          .map((e) => e.note ?? '')
          .filter(Boolean)
          .join('\n\n') || title
      }\n`,
      author,
      at: step.at,
      files: changed,
      mergeMessage: `Merge pull request #${number} from ${input.org}/${branch}\n\n${title}\n`,
      ...(approval ? { approval } : {}),
    });
  }
  return { setup, pulls };
}

function titleOf(step: Step): string {
  const { record } = step;
  const title = String((record.data as { title?: unknown }).title ?? '');
  if (step.creates) return `${record.id}: ${title}`;
  const status = lastStatus(step.made);
  return status ? `${record.id}: ${status.replace(/_/g, ' ')}` : `${record.id}: note`;
}

/** Who did it, best first: whoever wrote the entries of the instant, then who works on the record. */
function candidatesFor(step: Step, teamOf: (id: string) => string[]): string[] {
  const data = step.record.data as unknown as Record<string, unknown>;
  const by = step.made.map((e) => e.by).filter((b): b is string => typeof b === 'string');
  const others = [data.assignee, data.requested_by].filter((x): x is string => typeof x === 'string');
  return [...by.reverse(), ...others, ...teamOf(String(data.team ?? data.owner ?? ''))];
}

function teamLogins(ws: Workspace): Set<string> {
  return new Set(allMembers(ws).map(loginKey));
}

function teams(ws: Workspace) {
  return recordsOf(ws, 'team').map((r) => r.data);
}

function allMembers(ws: Workspace): string[] {
  return teams(ws).flatMap((t) => t.members.map((m) => m.login));
}

function roleHolders(ws: Workspace, role: NonNullable<ReturnType<typeof teams>[number]['roles']>[number]): string[] {
  return teams(ws)
    .filter((t) => t.roles?.includes(role))
    .flatMap((t) => t.members.map((m) => m.login));
}

/** The first candidate the team files know, as a commit author (their primary login). */
function authorFor(logins: readonly string[], people: People, known: ReadonlySet<string>): Author | undefined {
  const login = logins.find((l) => known.has(loginKey(l)));
  if (login === undefined) return undefined;
  const person = people.personOf(login);
  const primary = person.logins[0] ?? login;
  return { login: primary, name: person.name, email: `${primary}@users.noreply.github.com` };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The offset an ISO instant was written with ("+01:00"; "Z" is "+00:00"). */
export function offsetOf(iso: string): string {
  const m = /([+-]\d{2}):?(\d{2})$/.exec(iso);
  return m ? `${m[1]}:${m[2]}` : '+00:00';
}

/** An epoch written as an ISO instant at the given offset. */
export function withOffset(epoch: number, offset: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return `${new Date(epoch + minutes * 60_000).toISOString().slice(0, 19)}${minutes === 0 && !m ? 'Z' : offset}`;
}
