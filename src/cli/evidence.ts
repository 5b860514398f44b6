/**
 * `itsm evidence`: approval evidence that outlives the pull request, as git notes on the commits
 * PRs were merged as (refs/notes/itsm-approvals).
 *
 * `record` runs after the merge, on the default branch. It asks GitHub which PR the commit was merged
 * as (GitHub's own record of the merge, so a note cannot be pinned on an unrelated commit), makes the
 * same decision `itsm approvals` makes (it runs that command), and writes the note only when the PR
 * was approved or needed no approval. A PR merged without its approvals is reported and exits 1.
 */
import { evidenceByChange, EVIDENCE_NOTES_REF, evidenceNote, type Evidence } from '../core/approvals/evidence-note.ts';
import { escapeData, formatPretty } from '../core/approvals/format.ts';
import type { ApprovalResult } from '../core/approvals/types.ts';
import { isValidId, KIND_INFO, kindOfId } from '../core/ids.ts';
import { readApprovalNotes, writeApprovalNote } from '../io/approval-notes.ts';
import { resolveCommit } from '../io/git-tree.ts';
import { githubOptionsFromEnv, mergedPullRequestOf } from '../io/github.ts';
import { pathExists } from '../io/paths.ts';
import { run as runApprovals } from './approvals.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { parseFormat } from './options.ts';

const HELP = `Usage: itsm evidence record [--commit REV] [--pr N] [--repo owner/name] [--root DIR] [--format pretty|json|github]
       itsm evidence pr [--commit REV] [--repo owner/name] [--root DIR]
       itsm evidence show [CHG-ID] [--root DIR] [--format pretty|json]

Approval evidence: which pull request approved each change, by whom and when, kept in git as a
note on the commit the pull request was merged as (${EVIDENCE_NOTES_REF}). \`itsm history CHG-...\`
shows it on the version the pull request merged, and the site on the change's page.

  record   After a merge: finds the pull request the commit (default HEAD) was merged as, from
           GitHub's record of the merge, decides its approvals exactly as \`itsm approvals\` does,
           and writes the note only when it was approved or needed no approval. Then push it:
             git push origin ${EVIDENCE_NOTES_REF}
           The PR's head and base commits must be in the clone (fetch-depth: 0, and for a squash
           merge: git fetch origin pull/N/head). The workflow .github/workflows/approval-evidence.yml
           does all of this on every push to the default branch.
  pr       Prints the number of the pull request the commit was merged as (nothing for a direct push).
  show     Lists the recorded evidence (of one change, or all), and any note that is not believed.
           An ID that is not a change of the workspace is a usage error (exit 2).
           Fetch the notes first: git fetch origin ${EVIDENCE_NOTES_REF}:${EVIDENCE_NOTES_REF}

Options:
  --commit REV   the merged commit (default HEAD)
  --pr N         the pull request you expect (record fails if GitHub says otherwise)
  --repo O/NAME  the repository (default: GITHUB_REPOSITORY)
  --root DIR     the workspace, inside the git clone (default: the current directory)
  --format F     record: pretty (default), json (the note), or github (annotations);
                 show: pretty or json ({"CHG-...": [{"pr","commit","head_sha","decided_at",
                 "decision","approvers":[{"login","at"}],"required"}]})

Environment: GITHUB_TOKEN (read access to pull requests), GITHUB_API_URL (GitHub Enterprise).

Exit codes: 0 recorded, or nothing to record (a direct push); 1 the pull request was merged without
the approvals it needed (nothing is recorded); 2 usage error, or GitHub or git could not be read.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'evidence',
    args,
    {
      commit: { type: 'string' },
      pr: { type: 'string' },
      repo: { type: 'string' },
      root: { type: 'string' },
      format: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  const root = rootDir(io, values.root);
  if (action === 'show') {
    if (rest.length > 1) throw usageError('itsm evidence show: give at most one change ID.');
    return show(root, rest[0], parseFormat('evidence', values.format, ['pretty', 'json']), io);
  }
  if (action !== 'record' && action !== 'pr')
    throw usageError('itsm evidence: say what to do: `itsm evidence record`, `itsm evidence pr` or `itsm evidence show` (see --help).');
  if (rest.length) throw usageError(`itsm evidence ${action}: unexpected argument "${rest[0]}".`);
  const format = parseFormat('evidence', values.format, ['pretty', 'json', 'github']);
  const expected = values.pr === undefined ? undefined : Number(values.pr);
  if (expected !== undefined && (!Number.isInteger(expected) || expected < 1))
    throw usageError(`itsm evidence: --pr must be a pull request number; got "${values.pr}".`);
  const [owner, repo] = repository(values.repo ?? io.env.GITHUB_REPOSITORY);
  const commit = await inClone(root, values.commit ?? 'HEAD');
  const merged = await mergedPullRequestOf(await github(io), owner, repo, commit).catch((err: Error) => fail(err.message));

  if (action === 'pr') {
    if (merged) io.stdout(`${merged.number}\n`);
    return EXIT.ok;
  }
  if (!merged) {
    if (expected !== undefined) fail(`GitHub does not record pull request #${expected} as merged into the default branch as commit ${commit.slice(0, 12)}.`);
    const text = `Commit ${commit.slice(0, 12)} was not merged from a pull request into the default branch (a direct push): there is no approval evidence to record.`;
    io.stdout(format === 'github' ? `::notice title=No approval evidence::${text}\n` : format === 'json' ? 'null\n' : `${text}\n`);
    return EXIT.ok;
  }
  if (expected !== undefined && expected !== merged.number)
    fail(`commit ${commit.slice(0, 12)} was merged as pull request #${merged.number}, not #${expected}.`);

  const result = await decide(root, `${owner}/${repo}`, merged.number, io);
  if (result.decision === 'pending' || result.decision === 'rejected') {
    const text = `PR #${result.pr} was merged as ${commit.slice(0, 12)} without the approvals it needed (${result.decision}). No approval evidence is recorded: review the change after the fact and record the outcome in the change record.`;
    io.stdout(formatPretty(result));
    if (format === 'github') io.stdout(`::error title=Merged without approval::${escapeData(text)}\n`);
    io.stderr(`itsm evidence: ${text}\n`);
    return EXIT.failed;
  }
  const note = evidenceNote(result, new Date().toISOString());
  await writeApprovalNote(root, commit, note);
  if (format === 'json') io.stdout(JSON.stringify({ commit, ref: EVIDENCE_NOTES_REF, note }, null, 2) + '\n');
  else {
    const lines = [`Recorded the approval evidence of PR #${note.pr} on commit ${commit.slice(0, 12)} (${EVIDENCE_NOTES_REF}):`];
    for (const c of note.changes) lines.push(`  ${c.change}  ${c.decision}${c.approvers.length ? ` by ${c.approvers.map((a) => a.login).join(', ')}` : ''}`);
    if (note.changes.length === 0) lines.push('  nothing in it needed approval');
    lines.push(`Push it: git push origin ${EVIDENCE_NOTES_REF}`);
    io.stdout(lines.join('\n') + '\n');
  }
  return EXIT.ok;
}

/**
 * The decision, made by `itsm approvals` itself, so the evidence is what the required check decides.
 * The push event's payload is not passed on: the PR number is GitHub's answer, not the event's.
 */
async function decide(root: string, repo: string, pr: number, io: CliIO): Promise<ApprovalResult> {
  let out = '';
  const env = { ...io.env };
  delete env.GITHUB_EVENT_PATH;
  try {
    // Exit 0 or 1 both print the decision; every error throws (and fails closed, exit 2).
    await runApprovals(['--pr', String(pr), '--repo', repo, '--root', root, '--format', 'json'], { ...io, env, stdout: (t) => (out += t) });
  } catch (err) {
    if (err instanceof ExitError)
      fail(`could not decide PR #${pr}: ${err.message.replace(/^itsm approvals: /, '').replaceAll('pull/N/head', `pull/${pr}/head`)}`);
    throw err;
  }
  return JSON.parse(out) as ApprovalResult;
}

async function show(root: string, id: string | undefined, format: 'pretty' | 'json', io: CliIO): Promise<number> {
  const { notes, warnings } = await readApprovalNotes(root).catch((err: Error) => fail(err.message));
  for (const w of warnings) io.stderr(`warning: ${w.message} ${w.hint ?? ''}\n`);
  const all = evidenceByChange(notes);
  if (id !== undefined) refuseUnknownChange(root, id, all.has(id));
  const picked = id === undefined ? all : new Map<string, Evidence[]>(all.has(id) ? [[id, all.get(id)!]] : []);
  if (format === 'json') {
    io.stdout(JSON.stringify(Object.fromEntries([...picked].sort(([a], [b]) => (a < b ? -1 : 1))), null, 2) + '\n');
    return EXIT.ok;
  }
  if (picked.size === 0) {
    io.stdout(`No approval evidence recorded${id ? ` for ${id}` : ''} (${EVIDENCE_NOTES_REF}${notes.length ? '' : ' is empty or not fetched'}).\n`);
    return EXIT.ok;
  }
  const lines: string[] = [];
  for (const [change, list] of [...picked].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const e of list) {
      const who = e.approvers.map((a) => `${a.login}${a.at ? ` (${a.at})` : ''}`).join(', ');
      lines.push(`${change}  PR #${e.pr}  ${e.decision}${who ? ` by ${who}` : ''}  merged as ${e.commit.slice(0, 12)}`);
    }
  }
  io.stdout(lines.join('\n') + '\n');
  return EXIT.ok;
}

/** `show CHG-...` names a change of the workspace (or one evidence was recorded for): anything else is a usage error. */
function refuseUnknownChange(root: string, id: string, hasEvidence: boolean): void {
  if (kindOfId(id) !== 'change' || !isValidId(id, 'change')) throw usageError(`itsm evidence show: "${id}" is not a change ID; change IDs look like CHG-0031.`);
  const path = `content/${KIND_INFO.change.folder}/${id}.md`;
  if (!hasEvidence && !pathExists(`${root}/${path}`)) throw usageError(`itsm evidence show: no change ${id}: ${path} does not exist.`);
}

function repository(full: string | undefined): [string, string] {
  const m = full ? /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(full) : null;
  if (!m)
    throw usageError(
      full
        ? `itsm evidence: --repo must be owner/name; got "${full}".`
        : 'itsm evidence: which repository? Pass --repo owner/name (GitHub Actions sets GITHUB_REPOSITORY).',
    );
  return [m[1]!, m[2]!];
}

async function inClone(root: string, rev: string): Promise<string> {
  return resolveCommit(root, rev).catch((err: Error) => fail(err.message));
}

async function github(io: CliIO) {
  try {
    return githubOptionsFromEnv(io.env);
  } catch (err) {
    return fail((err as Error).message);
  }
}

function fail(message: string): never {
  throw new ExitError(EXIT.usage, `itsm evidence: ${message}`);
}
