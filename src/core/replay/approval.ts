/**
 * The approval a replayed pull request that edits a change record carries: decided by the approval
 * engine itself, with reviews from people who may approve. Pure.
 */
import { decideApprovals } from '../approvals/decide.ts';
import type { DecisionInputs } from '../approvals/inputs.ts';
import type { ApprovalResult, Review } from '../approvals/types.ts';
import type { Change } from '../model.ts';
import { loginKey, type People } from '../people.ts';
import type { Author } from './plan.ts';
import type { Step } from './states.ts';

/** Stands for a commit that does not exist yet: the writer puts the real head in the evidence. */
export const PLACEHOLDER_SHA = '0'.repeat(40);

/**
 * The approval decision for a pull request that edits one change record, made by the approval
 * engine with the policy, teams and CMDB as they are. When approval is required, the seats are
 * filled by people who may fill them, the person the timeline names first; the author never counts.
 */
export function approve(
  inputs: DecisionInputs,
  people: People,
  number: number,
  author: Author,
  file: string,
  id: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  step: Step,
  known: ReadonlySet<string>,
): ApprovalResult | undefined {
  const decide = (reviews: Review[]) =>
    decideApprovals({
      ...inputs,
      pr: { number, author: author.login, headSha: PLACEHOLDER_SHA, baseSha: PLACEHOLDER_SHA, reviews, files: [file] },
      changes: [{ id, file, ...(before ? { before: before as unknown as Change } : {}), after: after as unknown as Change }],
      changedPaths: [file],
      repoPaths: [file],
      governedEdits: [],
      now: step.at,
      schedule: [],
    });
  const first = decide([]);
  const subject = first.subjects.find((s) => s.subject === id);
  if (!subject || subject.decision !== 'pending') return subject ? first : undefined;
  const named = step.made.map((e) => e.by).filter((b): b is string => typeof b === 'string' && known.has(loginKey(b)));
  const chosen: string[] = [];
  const members = new Map(inputs.teams.map((t) => [t.id, t.members.map((m) => m.login)]));
  for (const req of subject.required) {
    const pool = [...named, ...req.teams.flatMap((t) => [...(members.get(t) ?? [])].sort())];
    let missing = req.missing;
    for (const login of pool) {
      if (missing === 0) break;
      if (!req.teams.some((t) => members.get(t)?.some((m) => people.samePerson(m, login)))) continue;
      if (people.samePerson(login, author.login) || chosen.some((c) => people.samePerson(c, login))) continue;
      chosen.push(people.personOf(login).logins[0] ?? login);
      missing--;
    }
  }
  return decide(chosen.map((login, i) => ({ id: i + 1, login, state: 'APPROVED', commitId: PLACEHOLDER_SHA, submittedAt: step.at })));
}
