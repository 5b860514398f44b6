/** `itsm history <ID>`: a record's story from git, newest first: who changed which field, when, in which PR. */
import { join } from 'node:path';
import { approvalsForVersions, evidenceByChange } from '../core/approvals/evidence-note.ts';
import { recordHistory, type HistoryEntry } from '../core/history.ts';
import { isValidId, KIND_INFO, kindOfId } from '../core/ids.ts';
import { readApprovalNotes } from '../io/approval-notes.ts';
import { readHistory, type HistoryIndex } from '../io/history.ts';
import { pathExists } from '../io/paths.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { parseFormat } from './options.ts';

const HELP = `Usage: itsm history <ID>... [--root DIR] [--format pretty|json]

Tells a record's story from git, newest first: when each version landed, who made it, in which
pull request, and which fields changed, in words ("status: in_progress -> resolved").
The pull request is read from merge commits ("Merge pull request #12 ...") and squash-merge
titles ("... (#12)"). Renames are followed. For a change record, the version a pull request merged
also shows who approved it, from the evidence recorded after the merge (refs/notes/itsm-approvals;
fetch it with \`git fetch origin refs/notes/itsm-approvals:refs/notes/itsm-approvals\`).
With several IDs, one story after the other (in JSON, an array of the objects below).

Examples:
  itsm history INC-0142
  itsm history CHG-0031 --format json
  itsm history INC-0142 PRB-0007 CHG-0031

Options:
  --root DIR      the workspace (default: the current directory)
  --format F      pretty (default) or json:
                  {"record","path","truncated","versions":[{"commit","author","email","date","pr",
                   "subject","event","path","changes":[{"field","from","to"}],"body_changed"}]}
                  change records add "approval": {"pr","approvers":[{"login","at"}],"decision"} or null

Exit codes: 0 ok, 2 unknown ID, not a git repository, or bad options.
`;

export const TRUNCATED_NOTE =
  'Note: this is a shallow clone, so history is truncated: the oldest version shown may not be the first. Run `git fetch --unshallow` for the whole story.\n';

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'history',
    args,
    {
      root: { type: 'string' },
      format: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const format = parseFormat('history', values.format, ['pretty', 'json']);
  if (positionals.length === 0) throw usageError('itsm history: give a record ID, e.g. `itsm history INC-0142`.');
  const ids = [...new Set(positionals)];
  const records = ids.map((id) => {
    const kind = kindOfId(id);
    if (!kind || !isValidId(id, kind)) throw usageError(`itsm history: "${id}" is not a record ID; IDs look like INC-0142, CHG-0031 or SVC-payments.`);
    return { id, kind, path: `content/${KIND_INFO[kind].folder}/${id}.md` };
  });
  const root = rootDir(io, values.root);

  const stories: Array<{ record: string; path: string; truncated: boolean; versions: HistoryEntry[] }> = [];
  for (const { id, kind, path } of records) {
    // A GitError (not a clone, git missing) is reported by main.ts. One read per record: renames are followed one path at a time.
    const index: HistoryIndex = await readHistory(root, { paths: [path], follow: true });
    const versions = index.files.get(path) ?? [...index.files.values()][0] ?? [];
    if (versions.length === 0 && !pathExists(join(root, path))) {
      throw new ExitError(EXIT.usage, `itsm history: no record ${id}: ${path} does not exist and never did in this repository's history.`);
    }
    const entries = recordHistory(versions, path);
    if (kind === 'change') await attachApprovals(root, id, entries, io);
    stories.push({ record: id, path, truncated: index.truncated, versions: entries });
  }
  if (stories.some((s) => s.truncated)) io.stderr(TRUNCATED_NOTE);
  if (format === 'json') {
    io.stdout(JSON.stringify(stories.length === 1 ? stories[0] : stories, null, 2) + '\n');
  } else {
    io.stdout(stories.map((s) => prettyHistory(s.record, s.path, s.versions)).join('\n'));
  }
  return EXIT.ok;
}

/**
 * Puts the recorded approval evidence on the versions of a change record. A note that cannot be
 * believed is named on stderr and left out; it never stops the history.
 */
async function attachApprovals(root: string, id: string, entries: HistoryEntry[], io: CliIO): Promise<void> {
  const { notes, warnings } = await readApprovalNotes(root).catch((err: Error) => ({
    notes: [],
    warnings: [{ message: `Approval evidence (refs/notes/itsm-approvals) could not be read: ${err.message}.`, hint: '' }],
  }));
  for (const w of warnings) io.stderr(`warning: ${w.message} ${w.hint ?? ''}\n`);
  const approvals = approvalsForVersions(entries, evidenceByChange(notes).get(id) ?? []);
  entries.forEach((e, i) => (e.approval = approvals[i]!));
}

/** The story as text: a block per version, newest first. */
export function prettyHistory(id: string, path: string, entries: readonly HistoryEntry[]): string {
  if (entries.length === 0) return `${id} (${path}) has no history yet: the file is not committed.\n`;
  const blocks = entries.map((e) => {
    const head = [when(e.date), e.author, e.pr !== null ? `PR #${e.pr}` : 'no PR', e.commit.slice(0, 8)].join('  ');
    const lines = [head, `  ${e.subject}`];
    if (e.event === 'created') lines.push(`  created${e.path !== path ? ` as ${e.path}` : ''}${createdSummary(e)}`);
    else if (e.event === 'deleted') lines.push('  deleted');
    else {
      if (e.event === 'renamed') lines.push(`  renamed to ${e.path}`);
      for (const c of e.changes) lines.push(...describe(c).map((l) => `  ${l}`));
      if (e.body_changed) lines.push('  text (body) edited');
      if (e.changes.length === 0 && !e.body_changed && e.event === 'edited') lines.push('  formatting only, no field changed');
    }
    if (e.unreadable) lines.push(`  (this version could not be read: ${e.unreadable})`);
    if (e.approval) lines.push(`  ${approvalLine(e.approval)}`);
    return lines.join('\n');
  });
  const count = `${entries.length} version${entries.length === 1 ? '' : 's'}`;
  return `${id}  ${path}  ${count}, newest first\n\n${blocks.join('\n\n')}\n`;
}

/** "approved in PR #12 by alice (2026-03-01 10:00 UTC), bob (...)". */
function approvalLine(a: NonNullable<HistoryEntry['approval']>): string {
  if (a.decision === 'not-required') return `no approval needed in PR #${a.pr} (checked after the merge)`;
  const who = a.approvers.map((p) => (p.at ? `${p.login} (${when(p.at).replace(/ Z$/, ' UTC')})` : p.login)).join(', ');
  if (a.decision === 'approved') return `approved in PR #${a.pr}${who ? ` by ${who}` : ''}`;
  return `PR #${a.pr} was merged with approval ${a.decision}${who ? ` (approvals: ${who})` : ''}`;
}

function createdSummary(e: HistoryEntry): string {
  const status = e.changes.find((c) => c.field === 'status')?.to;
  return typeof status === 'string' ? ` with status ${status}` : '';
}

/** One change in words; appended timeline entries read as "timeline: + <at> <status> <note>". */
function describe(c: { field: string; from: unknown; to: unknown }): string[] {
  const timeline = /^timeline(\.\d+)?$/.test(c.field);
  if (timeline && c.from === null && c.to !== null) {
    const added = Array.isArray(c.to) ? c.to : [c.to];
    return added.map((entry) => `timeline: + ${timelineEntry(entry)}`);
  }
  return [`${c.field}: ${value(c.from)} -> ${value(c.to)}`];
}

function timelineEntry(entry: unknown): string {
  if (typeof entry !== 'object' || entry === null) return value(entry);
  const e = entry as Record<string, unknown>;
  return [e.at, e.status, e.by ? `by ${String(e.by)}` : undefined, e.note]
    .filter((x) => x !== undefined && x !== null)
    .map(String)
    .join('  ');
}

function value(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  if (typeof v === 'string') return v.length > 80 ? `${v.slice(0, 77)}...` : v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return `[${v.join(', ')}]`;
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** "2026-03-02 11:30 +01:00": the committer's own clock and offset, as recorded. */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} ${iso.slice(19) || 'Z'}`;
}
