/**
 * `itsm update` behind the command: reads the record and the team files, works out who and when,
 * plans the edit (core/update.ts), validates the whole workspace with the edited file in it, and
 * only then writes it, and with --commit commits that one file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostic.ts';
import { parseFrontMatter } from '../core/front-matter.ts';
import { REGISTRY } from '../core/kinds/index.ts';
import type { AnyKindDefinition } from '../core/kinds/definition.ts';
import { withSharedTypes, zonedTimestamp, type JsonSchema, type SharedDefs } from '../core/new-record.ts';
import { similarIds } from '../core/suggest.ts';
import { peopleFrom, similarHandles, type People, type Person, type TeamMembers } from '../core/people.ts';
import { closeStep, personByEmail, planUpdate, reopenStep, resolveStep, skippedMilestones, type UpdateRequest } from '../core/update.ts';
import { FUTURE_TOLERANCE_MS, futureTimes, recordedTimes } from '../core/validate/future-times.ts';
import { placeLater } from './analyze.ts';
import { git, GitError } from './git-tree.ts';
import { listWorkspaceFiles } from './layout.ts';
import { symlinkOnPath } from './safe-fs.ts';
import { applyFileChanges, FileTransactionError } from './file-transaction.ts';
import { readSchemas } from './schemas.ts';
import { analyzePolicies, loadWorkspaceFromFiles } from './workspace.ts';

/** The request cannot be carried out as given (exit 2): nothing was written. */
export class UpdateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpdateError';
  }
}

export interface UpdateOptions {
  root: string;
  id: string;
  request: Omit<UpdateRequest, 'at' | 'by'>;
  /** --by: a login of a person in the team files; when absent, found from git's user.email. */
  by?: string | undefined;
  /** --at, an instant already checked for its form; when absent, `now` in the workspace's zone. */
  at?: string | undefined;
  /** The real clock: the default for --at, and what --at may not lie ahead of. */
  now: Date;
  /** Login from the environment (GITHUB_ACTOR) when git's user.email names nobody. */
  actor?: string | undefined;
  dryRun: boolean;
  commit: boolean;
  /** A shortcut: the status it moves to is worked out from the kind and the record's status. */
  step?: 'resolve' | 'close' | 'reopen' | undefined;
  /** `itsm assign`: a team ID sets `team`; a person sets `assignee` (and `team`, when the record has none and they are in one team). */
  assign?: string | undefined;
}

export interface UpdateOutcome {
  id: string;
  /** The record's path relative to the workspace. */
  file: string;
  plan: Extract<ReturnType<typeof planUpdate>, { ok: true }>;
  /** Problems of the edited record; any error means nothing was written. */
  diagnostics: Diagnostic[];
  written: boolean;
  /** The commit made with --commit. */
  commit?: { sha: string; message: string };
}

/** Runs an update; throws UpdateError for requests that cannot be planned, GitError for git failures. */
export async function updateOnDisk(o: UpdateOptions): Promise<UpdateOutcome> {
  const def = definitionOf(o.id);
  const files = readWorkspace(o.root);
  const file = `content/${def.folder}/${o.id}.md`;
  const text = files.get(file);
  if (text === undefined) {
    const link = symlinkOnPath(o.root, file);
    if (link) throw new UpdateError(`${link} is a symlink; itsm does not follow links in a workspace. Replace it with the file itself.`);
    const known = [...files.keys()].filter((f) => f.startsWith(`content/${def.folder}/`) && f.endsWith('.md')).map((f) => f.slice(def.folder.length + 9, -3));
    const near = similarIds(o.id, known);
    throw new UpdateError(`no ${def.label} ${o.id} (${file} does not exist).${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`);
  }
  const parsed = parseFrontMatter(text, file);
  if (!parsed.data) throw new UpdateError(`${file} cannot be read (${parsed.diagnostics[0]?.message ?? 'no front matter'}); \`itsm validate\` shows why.`);
  if (o.commit) await requireRepository(o.root);

  // Settings and policies only: the whole workspace is loaded once, to check the result.
  const { settings, policies } = analyzePolicies((rel) => files.get(rel));
  const teams = teamsIn(files);
  const people = peopleFrom(teams);
  const by = o.by !== undefined ? personNamed(people, o.by, '--by') : await currentUser(o.root, people, o.actor);
  const at = o.at ?? zonedTimestamp(o.now.toISOString(), settings.time_zone);
  if (Date.parse(at) > o.now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new UpdateError(
      `--at ${at} is in the future (now is ${o.now.toISOString().replace('.000Z', 'Z')}): a timeline entry records something that happened.`,
    );
  }

  const schema = withSharedTypes(readSchemas().documents[def.kind] as JsonSchema, readSchemas().documents.common as SharedDefs);
  const request = { ...o.request, at, by: by.handle };
  if (o.step) request.status = stepStatus(def, o.id, o.step, String(parsed.data.status));
  if (o.assign !== undefined) request.assignments = [...request.assignments, ...assignments(def, schema, teams, people, parsed.data, o.assign)];
  // assignee=<other login> is written as the person's handle, as --by is.
  request.assignments = request.assignments.map((a) => {
    const login = /^assignee=(.+)$/s.exec(a)?.[1];
    const person = login === undefined ? undefined : people.known(login);
    return person ? `assignee=${person.handle}` : a;
  });
  const planned = () => {
    const p = planUpdate({ id: o.id, text, data: parsed.data!, def, schema, matrix: policies.priorityMatrix, request });
    if (!p.ok) throw new UpdateError(p.message);
    return { plan: p, diagnostics: checkEdited(files, file, p.text, def, o.now) };
  };
  let { plan, diagnostics } = planned();
  // A step that skipped a status (new -> resolved) also stamps the skipped milestones the rules need.
  const skipped = skippedMilestones(diagnostics, def, request.assignments);
  if (skipped.length) {
    request.assignments = [...request.assignments, ...skipped.map((f) => `${f}=${at}`)];
    ({ plan, diagnostics } = planned());
  }
  const blocked = diagnostics.some((d) => d.severity === 'error');
  const outcome: UpdateOutcome = { id: o.id, file, plan, diagnostics, written: false };
  if (blocked || o.dryRun) return outcome;
  try {
    // Atomic: a temporary file renamed over the record, so a failure leaves the record as it was.
    applyFileChanges(o.root, [{ file, text: plan.text, previous: text }], []);
  } catch (err) {
    if (err instanceof FileTransactionError) throw new UpdateError(err.message);
    throw err;
  }
  outcome.written = true;
  if (o.commit) outcome.commit = await commitFile(o.root, file, `${o.id}: ${plan.summary}`);
  return outcome;
}

function stepStatus(def: AnyKindDefinition, id: string, step: 'resolve' | 'close' | 'reopen', from: string): string {
  const r = step === 'resolve' ? resolveStep(def) : step === 'close' ? closeStep(def) : reopenStep(def, id, from);
  if (!r.ok) throw new UpdateError(r.message);
  return r.status;
}

/** What `itsm assign <ID> <handle|TEAM-x>` sets, as field=value. */
function assignments(
  def: AnyKindDefinition,
  schema: JsonSchema,
  teams: readonly TeamEntry[],
  people: People,
  data: Record<string, unknown>,
  target: string,
): string[] {
  const fields = schema.properties ?? {};
  if (target.startsWith('TEAM-')) {
    if (!fields.team) throw new UpdateError(`${def.plural} have no team field.`);
    if (!teams.some((t) => t.id === target)) {
      const near = similarIds(
        target,
        teams.map((t) => t.id),
      );
      throw new UpdateError(`no team ${target} in content/teams/.${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`);
    }
    // As in ServiceNow: a new team whose members do not include the assignee leaves the record unassigned.
    const stays = data.assignee === undefined || (typeof data.assignee === 'string' && people.teamsOf(data.assignee).includes(target));
    return stays ? [`team=${target}`] : [`team=${target}`, 'assignee='];
  }
  if (!fields.assignee) throw new UpdateError(`${def.plural} have no assignee: assign a team instead (itsm assign ID TEAM-...).`);
  const person = personNamed(people, target, 'assign');
  const out = [`assignee=${person.handle}`];
  const theirs = people.teamsOf(person.handle);
  if (data.team === undefined && fields.team && theirs.length === 1) out.push(`team=${theirs[0]!}`);
  return out;
}

/** Resolves a person given on the command line (a login or other login) to their handle; exit 2 with "did you mean" otherwise. */
export function personNamed(people: People, login: string, flag: string): Person {
  const found = people.known(login);
  if (found) return found;
  const near = similarHandles(login, people);
  throw new UpdateError(`${flag} ${login}: nobody in the team files (content/teams/) has that login.${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`);
}

/** A team file's ID and members. */
export type TeamEntry = TeamMembers & { id: string };

/** The team files' IDs and members (teams whose front matter cannot be read are left to `itsm validate`). */
export function teamsIn(files: ReadonlyMap<string, string>): TeamEntry[] {
  const teams: TeamEntry[] = [];
  for (const [rel, text] of files) {
    if (!rel.startsWith('content/teams/') || !rel.endsWith('.md')) continue;
    const data = parseFrontMatter(text, rel).data;
    if (!data || typeof data.id !== 'string' || !Array.isArray(data.members)) continue;
    // Only well-formed entries: a broken team file is `itsm validate`'s to report, not a crash here.
    const members = (data.members as unknown[]).flatMap((m) => {
      const e = m as Record<string, unknown> | null;
      if (!e || typeof e !== 'object' || typeof e.login !== 'string' || typeof e.name !== 'string') return [];
      const others = Array.isArray(e.other_logins) ? e.other_logins.filter((l): l is string => typeof l === 'string') : undefined;
      return [{ name: e.name, login: e.login, other_logins: others, email: typeof e.email === 'string' ? e.email : undefined }];
    });
    if (members.length > 0) teams.push({ id: data.id, members: members as TeamMembers['members'] });
  }
  return teams;
}

/** The workspace's files, path -> text. */
export function readWorkspace(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of listWorkspaceFiles(root)) files.set(rel, readFileSync(join(root, rel), 'utf8'));
  return files;
}

/** The kind an ID names; exit 2 when it names none or is malformed. */
export function definitionOf(id: string): AnyKindDefinition {
  const kind = REGISTRY.kindOfId(id);
  const prefixes = REGISTRY.definitions.map((d) => d.prefix).join(', ');
  if (!kind) throw new UpdateError(`"${id}" is not a record ID: IDs start with one of ${prefixes} (e.g. INC-0042).`);
  const def = REGISTRY.get(kind);
  if (!def.idPattern.test(id))
    throw new UpdateError(`"${id}" is not a well-formed ${def.label} ID (e.g. ${def.numbered ? `${def.prefix}0042` : `${def.prefix}payments-api`}).`);
  return def;
}

/** The edited record's diagnostics: the whole workspace's checks with the new text in place, and `time/future`. */
function checkEdited(files: ReadonlyMap<string, string>, file: string, text: string, def: AnyKindDefinition, now: Date): Diagnostic[] {
  const all = new Map(files);
  all.set(file, text);
  const mine = loadWorkspaceFromFiles(all).diagnostics.filter((d) => d.file === file);
  const data = parseFrontMatter(text, file).data;
  const future = data ? placeLater(futureTimes(file, recordedTimes(def, data), now), (rel) => all.get(rel)) : [];
  return [...mine, ...future].sort(compareDiagnostics);
}

/** The person running the command: by git's user.email, else the GITHUB_ACTOR login; exit 2 when neither names anyone. */
async function currentUser(root: string, people: People, actor: string | undefined): Promise<Person> {
  let email = '';
  try {
    email = (await git(root, ['config', 'user.email'])).trim();
  } catch {
    // No email configured (or no git): fall through to the actor, then to the explanation.
  }
  const found = (email ? personByEmail(people, email) : undefined) ?? (actor ? people.known(actor) : undefined);
  if (found) return found;
  throw new UpdateError(
    email
      ? `who is making this change? git's user.email is ${email}, and no member of the team files has that email. Pass --by HANDLE, or add \`email: ${email}\` to your entry in content/teams/.`
      : 'who is making this change? git has no user.email. Pass --by HANDLE, or set `git config user.email` to the email of your entry in content/teams/ (add `email:` there if it has none).',
  );
}

async function requireRepository(root: string): Promise<void> {
  try {
    await git(root, ['rev-parse', '--is-inside-work-tree']);
  } catch {
    throw new UpdateError(`--commit: ${root} is not in a git repository; run it in a clone of the workspace, or leave out --commit.`);
  }
}

/** Commits one file, whatever else is staged (the pathspec limits the commit to it), as git's configured user. */
async function commitFile(root: string, file: string, message: string): Promise<{ sha: string; message: string }> {
  await git(root, ['add', '--', file]);
  try {
    await git(root, ['commit', '--quiet', '--only', '-m', message, '--', file]);
  } catch (err) {
    throw new GitError(`the file was written but not committed: ${(err as Error).message}`, { cause: err });
  }
  return { sha: (await git(root, ['rev-parse', 'HEAD'])).trim(), message };
}
