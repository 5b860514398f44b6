/**
 * The approval decision for a pull request: for each change record it adds or advances, and for its
 * edits to what decides approvals (policies, teams, the CMDB fields it reads, its own code), which approvals are required, which reviews count, and the verdict.
 *
 * Trust rules (each has its own test):
 * - the policy, the teams, the services and the CIs come from the base commit (the caller passes
 *   them so), projected onto what the decision reads (inputs.ts); a PR that edits any of that, or
 *   the gate's own code and workflow, needs the policy-change approvals;
 * - only each reviewer's latest standing review counts (see reviews.ts);
 * - an approval counts only on the current head commit: a push voids earlier approvals;
 * - people, not logins, are judged (core/people.ts): any login of a person counts as that person;
 *   logins compare ASCII-case-insensitively;
 * - the PR author never counts, nor does anyone who wrote one of its commits (coAuthors), from any
 *   of their logins;
 * - reviewers count only as members of the team that holds the required role; each person fills at
 *   most one seat, even when approving from two accounts;
 * - a request for changes from anyone who could fill a seat blocks, on any commit, until they approve
 *   or it is dismissed;
 * - nothing written in the change record is evidence of approval: only reviews are read, and a
 *   record that fails validation at the head is rejected rather than skipped;
 * - a PR into a branch other than the default (or an allowed one) never passes, because a status
 *   check belongs to a commit and would show on any PR with that head;
 * - a change record also edited on the base since the fork is rejected: the merge would be unreviewed.
 */
import type { Change } from '../model.ts';
import { assignSeats } from './matching.ts';
import { GOVERNED_PREFIXES, isGatePath } from './inputs.ts';
import { pirFinding, pirOverdue } from './pir.ts';
import { needsOf, ruleFor, seatsFor, type Seats } from './requirements.ts';
import { peopleFrom, sameLogin } from '../people.ts';
import { latestPositions, type Position } from './reviews.ts';
import { reachOf } from './scope.ts';
import { approvalTriggers } from './triggers.ts';
import type { ApprovalInput, ApprovalResult, ChangedChange, Decision, RequirementStatus, ReviewVerdict, SubjectDecision } from './types.ts';
import { freezeFinding, freezesHit, maintenanceFinding, scheduleConflicts } from './windows.ts';

export { GOVERNED_PREFIXES };

/** Used when the base policy does not say what policy edits need: never let them through unreviewed. */
const DEFAULT_POLICY_CHANGE_REQUIREMENT = [{ role: 'cab' as const, count: 1 }];

/** Decides every subject of the pull request. Pure: the same input always gives the same result. */
export function decideApprovals(input: ApprovalInput): ApprovalResult {
  const positions = latestPositions(input.pr.reviews);
  const subjects: SubjectDecision[] = [];
  const wrongBase = checkBase(input);
  if (wrongBase) subjects.push(wrongBase);
  if (input.provenance?.length) subjects.push(unprovable(input.provenance));
  const policySubject = decidePolicyEdits(input, positions);
  if (policySubject) subjects.push(policySubject);
  const affectedOf = reachOf(input);
  for (const c of [...input.changes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) subjects.push(decideChange(c, input, positions, affectedOf));
  return { pr: input.pr.number, headSha: input.pr.headSha, baseSha: input.pr.baseSha, decision: overall(subjects.map((s) => s.decision)), subjects };
}

/** rejected beats pending beats approved beats not-required. */
export function overall(decisions: readonly Decision[]): Decision {
  for (const d of ['rejected', 'pending', 'approved'] as const) if (decisions.includes(d)) return d;
  return 'not-required';
}

function unprovable(problems: string[]): SubjectDecision {
  return {
    subject: 'commits',
    file: '.',
    triggers: ['the change set must be attributable'],
    required: [],
    approvers: [],
    missing: [],
    reviews: [],
    conflicts: [],
    windows: [],
    decision: 'rejected',
    explanation: problems.join(' '),
  };
}

/** A PR into a branch that is neither the default nor allowed is never passed (see ApprovalInput.allowedBases). */
function checkBase(input: ApprovalInput): SubjectDecision | undefined {
  const { baseRef, defaultBranch } = input.pr;
  if (baseRef === undefined) return undefined;
  const allowed = [...(defaultBranch ? [defaultBranch] : []), ...(input.allowedBases ?? [])];
  if (allowed.includes(baseRef)) return undefined;
  return {
    subject: 'base',
    file: '.',
    triggers: [`the pull request targets ${baseRef}`],
    required: [],
    approvers: [],
    missing: [],
    reviews: [],
    conflicts: [],
    windows: [],
    decision: 'rejected',
    explanation: `This pull request merges into ${baseRef}, but approvals are judged only for pull requests into ${allowed.join(', ') || 'the default branch'}. A status check belongs to the head commit, so a pass judged against another branch's policy could be reused by a pull request into ${defaultBranch ?? 'the default branch'}. Allow the branch in the workflow with --allow-base ${baseRef} if it is protected like the default branch.`,
  };
}

function decidePolicyEdits(input: ApprovalInput, positions: Map<string, Position>): SubjectDecision | undefined {
  const edited = [...new Set(input.changedPaths)].filter((p) => GOVERNED_PREFIXES.some((prefix) => p.startsWith(prefix))).sort();
  const gate = [...new Set(input.repoPaths)].filter(isGatePath).sort();
  const fields = input.governedEdits;
  if (edited.length === 0 && gate.length === 0 && fields.length === 0) return undefined;
  const triggers = [
    ...(edited.length ? [`the pull request edits ${edited.join(', ')}`] : []),
    ...(fields.length ? [`the pull request changes what decides approvals: ${fields.join('; ')}`] : []),
    ...(gate.length ? [`the pull request edits the approval check's own code or workflow: ${gate.join(', ')}`] : []),
  ];
  const requirement = input.policy?.policy_changes?.require ?? DEFAULT_POLICY_CHANGE_REQUIREMENT;
  const source = input.policy?.policy_changes ? 'the change policy' : 'the default, since the base change policy sets no policy_changes';
  const { seats, blockers } = seatsFor(requirement, `edits to what decides approvals (${source})`, [], input.teams, input.services);
  triggers[triggers.length - 1] += '; they are judged by the policy and teams on the base branch';
  return judge({
    subject: 'policy',
    file: edited[0] ?? '.',
    triggers,
    seats,
    blockers,
    positions,
    input,
    windows: [],
    conflicts: [],
  });
}

function decideChange(c: ChangedChange, input: ApprovalInput, positions: Map<string, Position>, affectedOf: (c: Change) => string[]): SubjectDecision {
  const base = { subject: c.id, file: c.file, required: [], approvers: [], missing: [], reviews: [], conflicts: [], windows: [] };
  if (c.misplaced) {
    return {
      ...base,
      triggers: ['its file looks like a change record but is not at content/changes/<ID>.md'],
      decision: 'rejected',
      explanation: `${c.file} looks like a change record, but change records are read only from content/changes/<ID>.md (that exact folder and case, no sub-folder, the extension .md), so this file would never be judged. Move it to content/changes/${/^CHG-\d+$/.test(c.id) ? c.id : '<ID>'}.md.`,
    };
  }
  if (c.invalidAtHead) {
    return {
      ...base,
      triggers: ['its file fails validation at the head commit'],
      decision: 'rejected',
      explanation: `${c.id} cannot be judged: ${c.file} does not pass \`itsm validate\` at the head commit (unknown fields such as approvals written into the record are refused). Fix the record; approvals are only ever read from reviews.`,
    };
  }
  const triggers = approvalTriggers(c.before, c.after);
  if (c.changedOnBaseSinceFork && triggers.length > 0) {
    return {
      ...base,
      triggers,
      decision: 'rejected',
      explanation: `${c.id} was also changed on the base branch after this pull request forked from it, so merging would produce a record nobody reviewed. Update the branch (merge or rebase onto the base branch), then ask for reviews of the result.`,
    };
  }
  if (triggers.length === 0 || !c.after) {
    return { ...base, triggers: [], decision: 'not-required', explanation: notRequiredReason(c) };
  }
  const after = c.after;
  if (!input.policy) {
    return {
      ...base,
      triggers,
      decision: 'rejected',
      explanation: `${c.id} needs approval (${triggers.join('; ')}) but the base branch has no valid content/policies/change-policy.yaml, so nobody can approve it. Merge a change policy first (see docs/approvals.md).`,
    };
  }
  const affected = affectedOf(after);
  const { seats, blockers } = needsOf(c.before, after, input.policy, input, affectedOf);
  const windows = freezesHit(after, affected, input.policy).map((f) => freezeFinding(after, f));
  const outside = maintenanceFinding(after, affected, input.policy);
  if (outside) windows.push(outside);
  const rule = ruleFor(after, input.policy);
  const pir = pirFinding(after, rule);
  if (pir) windows.push(pir);
  const overdue = pirOverdue(after, rule, input.now);
  if (overdue) windows.push(overdue);
  const conflicts = scheduleConflicts(after, affected, input.schedule, affectedOf);
  return judge({ subject: c.id, file: c.file, triggers, seats, blockers, positions, input, windows, conflicts });
}

function notRequiredReason(c: ChangedChange): string {
  if (!c.after) return `${c.id} is deleted by this pull request; deleting a record needs no change approval (\`itsm validate\` guards history).`;
  return `${c.id} (status ${c.after.status}) needs no approval in this pull request: it neither claims approval for the first time nor changes what was approved.`;
}

interface JudgeArgs {
  subject: string;
  file: string;
  triggers: string[];
  seats: Seats[];
  blockers: string[];
  positions: Map<string, Position>;
  input: ApprovalInput;
  windows: SubjectDecision['windows'];
  conflicts: SubjectDecision['conflicts'];
}

/** Counts the reviews against the seats and writes the verdict. Seats are filled by people, not logins. */
function judge(a: JudgeArgs): SubjectDecision {
  const { pr } = a.input;
  const people = peopleFrom(a.input.teams);
  const keyOf = (login: string) => people.personOf(login).key;
  const seats = a.seats.map((s) => ({ count: s.count, members: new Set([...s.members].map(keyOf)) }));
  const eligible = new Set<string>();
  for (const s of seats) for (const m of s.members) eligible.add(m);
  const authors = [pr.author, ...(pr.coAuthors ?? [])];

  const ordered = [...a.positions.values()].sort((x, y) => (x.at ?? '').localeCompare(y.at ?? '') || x.login.localeCompare(y.login));
  const verdicts: ReviewVerdict[] = [];
  /** Why a review of another login of someone did not count, for the explanation. */
  const notes = new Map<ReviewVerdict, string>();
  const candidates = new Map<string, Position>();
  for (const p of ordered) {
    const key = keyOf(p.login);
    const verdict = (outcome: ReviewVerdict['outcome'], note?: string) => {
      const v: ReviewVerdict = { login: p.login, state: p.state, at: p.at, commitId: p.commitId, outcome };
      verdicts.push(v);
      if (note) notes.set(v, note);
    };
    const author = authors.find((x) => people.samePerson(p.login, x));
    if (author !== undefined)
      verdict('author', sameLogin(p.login, author) ? undefined : anotherLoginOf(p.login, people.personOf(author).name, sameLogin(author, pr.author)));
    else if (p.state === 'CHANGES_REQUESTED') verdict(eligible.has(key) ? 'blocks' : 'ignored-changes-request');
    else if (p.commitId !== pr.headSha) verdict('stale');
    else if (!eligible.has(key)) verdict('not-eligible');
    else if (candidates.has(key))
      verdict('same-person', `${p.login} is another login of ${people.personOf(p.login).name}, whose approval already counts (one person fills one seat)`);
    else candidates.set(key, p);
  }
  const assigned = assignSeats([...candidates.keys()], seats);
  const counted = new Set(assigned.flat());
  for (const [key, p] of candidates)
    verdicts.push({ login: p.login, state: p.state, at: p.at, commitId: p.commitId, outcome: counted.has(key) ? 'counted' : 'unneeded' });

  const required: RequirementStatus[] = a.seats.map((s, i) => ({
    role: s.role,
    ...(s.service ? { service: s.service } : {}),
    teams: s.teams,
    count: s.count,
    approvers: assigned[i]!.map((key) => candidates.get(key)!.login),
    missing: s.count - assigned[i]!.length,
    reason: s.reason,
  }));
  const missing = required.filter((r) => r.missing > 0).map(describeMissing);
  const approvers = [...candidates].filter(([key]) => counted.has(key)).map(([, p]) => ({ login: p.login, at: p.at }));
  const blocking = verdicts.filter((v) => v.outcome === 'blocks');
  const decision: Decision = a.blockers.length > 0 || blocking.length > 0 ? 'rejected' : missing.length > 0 ? 'pending' : 'approved';
  return {
    subject: a.subject,
    file: a.file,
    triggers: a.triggers,
    required,
    approvers,
    missing,
    reviews: verdicts,
    conflicts: a.conflicts,
    windows: a.windows,
    decision,
    explanation: explain(a, decision, required, verdicts, missing, notes),
  };
}

function anotherLoginOf(login: string, name: string, ofPrAuthor: boolean): string {
  return ofPrAuthor ? `${login} is another login of the author ${name}` : `${login} is another login of ${name}, who wrote one of its commits`;
}

function describeMissing(r: RequirementStatus): string {
  const who = r.service
    ? `the owner team of ${r.service}${r.teams.length ? ` (${r.teams.join(', ')})` : ''}`
    : `the ${r.role} role${r.teams.length ? ` (${r.teams.join(', ')})` : ''}`;
  return `${r.missing} more approval${r.missing === 1 ? '' : 's'} from ${who}, for ${r.reason}`;
}

const NOT_COUNTED: Partial<Record<ReviewVerdict['outcome'], string>> = {
  author: 'is the pull request author or wrote one of its commits',
  stale: 'approved an older commit (a push voids earlier approvals: ask for a fresh review)',
  'not-eligible': 'is not a member of a team that can approve this on the base branch',
  unneeded: 'was not needed for any remaining seat',
  'ignored-changes-request': 'requested changes but is not an approver for this',
  'same-person': 'is another login of someone whose approval already counts',
};

function explain(
  a: JudgeArgs,
  decision: Decision,
  required: RequirementStatus[],
  verdicts: ReviewVerdict[],
  missing: string[],
  notes: ReadonlyMap<ReviewVerdict, string>,
): string {
  const name = a.subject === 'policy' ? 'The edits to what decides approvals' : a.subject;
  const parts: string[] = [];
  const why = `${a.subject === 'policy' ? 'need' : 'needs'} approval because ${a.triggers.join('; ')}`;
  if (decision === 'approved') {
    const by = required.map((r) => `${r.approvers.join(', ')} for ${r.service ? `owner of ${r.service}` : r.role}`).join('; ');
    parts.push(
      required.length === 0
        ? `${name} ${why}; the policy requires no reviewers for it, so it is approved.`
        : `${name} ${a.subject === 'policy' ? 'are' : 'is'} approved on head ${a.input.pr.headSha.slice(0, 7)}: ${by}.`,
    );
  } else if (decision === 'rejected') {
    parts.push(`${name} ${why}, and cannot be approved as it stands.`);
    parts.push(...a.blockers);
    for (const v of verdicts)
      if (v.outcome === 'blocks')
        parts.push(`${v.login} requested changes; the check stays red until they approve the current head or their review is dismissed.`);
  } else {
    parts.push(`${name} ${why}. Still needed: ${missing.join('; ')}.`);
  }
  const ignored = verdicts.filter((v) => NOT_COUNTED[v.outcome]).map((v) => notes.get(v) ?? `${v.login} ${NOT_COUNTED[v.outcome]}`);
  if (ignored.length > 0) parts.push(`Not counted: ${ignored.join('; ')}.`);
  for (const w of a.windows) parts.push(w.message);
  for (const c of a.conflicts) parts.push(`Schedule conflict: ${c.message}`);
  return parts.join(' ');
}
