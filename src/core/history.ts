/**
 * A record's story from its versions in git: who changed which field, when, in which pull request.
 * Pure: src/io/history.ts reads the versions; this turns them into entries for `itsm history`, the
 * site and approval evidence. Front matter is parsed with the one shared parser (a pure function).
 */
import { parseFrontMatter } from './front-matter.ts';
import type { VersionApproval } from './approvals/evidence-note.ts';
import { diffRecord, type RecordVersion } from './diff.ts';

/** One version of one file, as git recorded it. */
export interface FileVersion {
  commit: string;
  /** Author name and e-mail. */
  author: string;
  email: string;
  /** Committer time, ISO 8601 with offset: when the version landed on its branch. */
  date: string;
  /** The full commit message. */
  message: string;
  /** The pull request the commit came in through, when it can be read from the history. */
  pr: number | null;
  /** The file's path at this version. */
  path: string;
  /** What the commit did to the file. */
  status: 'added' | 'modified' | 'renamed' | 'deleted';
  /** The file's content at this version; null when this commit deleted it. */
  content: string | null;
  /**
   * The content just before this commit (at its first parent): null when the commit created the file,
   * undefined when unknown (then the next older version stands in for it).
   */
  before?: string | null;
}

export type HistoryEvent = 'created' | 'edited' | 'renamed' | 'deleted';

export interface HistoryEntry {
  commit: string;
  author: string;
  email: string;
  date: string;
  pr: number | null;
  /** The commit message's first line. */
  subject: string;
  path: string;
  event: HistoryEvent;
  /** Field changes, dotted paths; `from` is null for an added field, `to` null for a removed one. */
  changes: Array<{ field: string; from: unknown; to: unknown }>;
  body_changed: boolean;
  /** Set when this version's front matter could not be parsed: its changes cannot be listed. */
  unreadable?: string;
  /**
   * Change records only: the approval evidence of the PR this version merged in (from
   * refs/notes/itsm-approvals, see approvalsForVersions), null when there is none.
   */
  approval?: VersionApproval | null;
}

/**
 * Entries for one file's versions (newest first, as readHistory gives them), newest first.
 * `file` names the record in parser messages.
 */
export function recordHistory(versions: readonly FileVersion[], file: string): HistoryEntry[] {
  const parsed = new Map<string, ParsedVersion>();
  const parse = (text: string | null): ParsedVersion => {
    if (text === null) return { version: null };
    let hit = parsed.get(text);
    if (!hit) {
      const result = parseFrontMatter(text, file);
      hit = { version: { data: result.data, body: result.body }, problem: result.diagnostics[0]?.message };
      parsed.set(text, hit);
    }
    return hit;
  };
  return versions.map((v, i) => {
    const older = versions[i + 1];
    const beforeText = v.before !== undefined ? v.before : (older?.content ?? null);
    const before = parse(beforeText);
    const after = parse(v.content);
    const diff = diffRecord(before.version, after.version);
    const event = EVENTS[v.status];
    const entry: HistoryEntry = {
      commit: v.commit,
      author: v.author,
      email: v.email,
      date: v.date,
      pr: v.pr,
      subject: firstLine(v.message),
      path: v.path,
      event,
      changes: event === 'deleted' ? [] : diff.changes.map(({ field, from, to }) => ({ field, from, to })),
      body_changed: event !== 'deleted' && diff.bodyChanged,
    };
    if (after.problem) entry.unreadable = after.problem;
    return entry;
  });
}

const EVENTS: Record<FileVersion['status'], HistoryEvent> = { added: 'created', modified: 'edited', renamed: 'renamed', deleted: 'deleted' };

interface ParsedVersion {
  version: RecordVersion | null;
  problem?: string | undefined;
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return (nl === -1 ? message : message.slice(0, nl)).trim();
}

/**
 * The pull request a commit subject names: GitHub's merge commits ("Merge pull request #123 from ...")
 * and squash or rebase merges, whose title ends in "(#123)".
 */
export function pullRequestFromSubject(message: string): number | null {
  const subject = firstLine(message);
  const m = /^Merge pull request #(\d+)\b/.exec(subject) ?? /\(#(\d+)\)$/.exec(subject);
  return m ? Number(m[1]) : null;
}

export interface CommitLink {
  sha: string;
  parents: readonly string[];
  message: string;
}

/**
 * Which pull request brought each commit in. A commit whose own subject names a PR keeps it; a commit
 * made on a branch belongs to the first merge commit on the mainline (HEAD's first-parent chain) that
 * brought it in. Commits on the mainline without a PR in their subject get none.
 */
export function assignPullRequests(commits: readonly CommitLink[], head: string): Map<string, number> {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const result = new Map<string, number>();
  for (const c of commits) {
    const n = pullRequestFromSubject(c.message);
    if (n !== null) result.set(c.sha, n);
  }
  const mainline: CommitLink[] = [];
  const onMainline = new Set<string>();
  for (let c = bySha.get(head); c && !onMainline.has(c.sha); c = bySha.get(c.parents[0] ?? '')) {
    mainline.push(c);
    onMainline.add(c.sha);
  }
  // Oldest merge first, so a commit merged twice belongs to the PR that brought it in first.
  const claimed = new Set<string>();
  for (let i = mainline.length - 1; i >= 0; i--) {
    const merge = mainline[i]!;
    const pr = result.get(merge.sha);
    if (pr === undefined || merge.parents.length < 2) continue;
    const stack = merge.parents.slice(1);
    while (stack.length) {
      const sha = stack.pop()!;
      const c = bySha.get(sha);
      if (!c || onMainline.has(sha) || claimed.has(sha)) continue;
      claimed.add(sha);
      if (!result.has(sha)) result.set(sha, pr);
      stack.push(...c.parents);
    }
  }
  return result;
}
