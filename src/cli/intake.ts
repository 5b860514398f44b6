/** `itsm intake --issue FILE.json`: turns a GitHub issue made with an intake form into a record. */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KIND_INFO } from '../core/ids.ts';
import { sourceKey, sourceKeysOf } from '../core/import/source.ts';
import { intakeFromIssue, type IssueInput } from '../core/intake.ts';
import { nextNumberedId } from '../core/new-record.ts';
import { parseFrontMatter } from '../core/front-matter.ts';
import { readIssuePayload } from '../core/intake-payload.ts';
import { loadWorkspaceFromFiles, type LoadResult } from '../io/workspace.ts';
import { listWorkspaceFiles } from '../io/layout.ts';
import { writeFileInside } from '../io/safe-fs.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { formatDiagnostics, summarize } from './reporter.ts';

const HELP = `Usage: itsm intake --issue FILE.json [--root DIR] [--dry-run] [--github-output FILE]

Turns an issue opened with one of the intake forms (.github/ISSUE_TEMPLATE/report-incident.yml,
request-service.yml) into an incident or a service request record, and prints its path.
FILE.json is the issue, or the whole webhook event that carries it (in a workflow:
"$GITHUB_EVENT_PATH"). The issue's text is kept as quoted text in the record's body; the
choices must name services and offerings the workspace has. The record keeps the issue in its
source field (source: {system: github-issue, id: '42', url: ...}), so an issue is taken in only
once. The record is checked before it is written, and nothing is ever overwritten.

Options:
  --issue FILE          the issue or event JSON (required)
  --dry-run             print the record instead of writing it
  --github-output FILE  also append file=... and id=... to FILE (a workflow's $GITHUB_OUTPUT)
  --root DIR            the workspace (default: the current directory)

Example:
  gh issue view 42 --json number,title,body,createdAt,author,labels,url > issue.json
  itsm intake --issue issue.json

Exit codes: 0 written, 1 the issue cannot become a valid record (nothing written), 2 usage error.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('intake', args, {
    root: { type: 'string' },
    issue: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'github-output': { type: 'string' },
  }, HELP, io);
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  if (!values.issue) throw usageError('itsm intake: give the issue with --issue FILE.json (in a workflow: --issue "$GITHUB_EVENT_PATH").');
  const root = rootDir(io, values.root);
  if (!existsSync(join(root, 'content'))) throw usageError(`itsm intake: ${root} has no content/ folder. Run it in a workspace, or pass --root DIR.`);
  const issue = readIssue(resolve(io.cwd, values.issue), values.issue);

  const files = new Map<string, string>();
  for (const rel of listWorkspaceFiles(root)) files.set(rel, readFileSync(join(root, rel), 'utf8'));
  const loaded = loadWorkspaceFromFiles(files);
  // Labelling the same issue twice must not make a second record.
  const earlier = takenInAs(files, loaded, sourceKey('github-issue', String(issue.number)));
  if (earlier) {
    io.stderr(`itsm intake: issue #${issue.number} was already taken in as ${earlier}; nothing was written.\n`);
    return EXIT.failed;
  }
  const taken = (folder: string) => [...files.keys()].filter((f) => f.startsWith(`content/${folder}/`) && f.endsWith('.md')).map((f) => f.slice(`content/${folder}/`.length, -3));
  const result = intakeFromIssue(issue, {
    records: loaded.workspace.records,
    timeZone: loaded.workspace.settings.time_zone,
    ...(loaded.workspace.policies.priorityMatrix ? { matrix: loaded.workspace.policies.priorityMatrix } : {}),
    nextId: (kind) => nextNumberedId(kind, taken(KIND_INFO[kind].folder)),
  });
  if (!result.ok) {
    io.stderr(`itsm intake: issue #${issue.number} cannot become a record; nothing was written:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return EXIT.failed;
  }
  const check = new Map(files);
  check.set(result.file, result.text);
  const problems = loadWorkspaceFromFiles(check).diagnostics.filter((d) => d.file === result.file && d.severity === 'error');
  if (problems.length) {
    io.stderr(`itsm intake: the record made from issue #${issue.number} does not validate; nothing was written.\n\n${formatDiagnostics(problems, 'pretty', summarize(1, problems))}`);
    return EXIT.failed;
  }
  if (values['dry-run']) {
    io.stdout(result.text);
    return EXIT.ok;
  }
  try {
    writeFileInside(root, result.file, result.text);
  } catch (err) {
    throw new ExitError(EXIT.failed, `itsm intake: cannot write ${result.file}: ${(err as Error).message}`);
  }
  if (values['github-output']) appendFileSync(resolve(io.cwd, values['github-output']), `file=${result.file}\nid=${result.id}\n`);
  io.stdout(result.file + '\n');
  return EXIT.ok;
}

/**
 * The incident or request whose `source` is the issue. sourceKeysOf also reads the github-issue-N
 * tag that marked issues taken in before the field existed (read-only compatibility: new records
 * get no such tag). The loaded workspace holds only valid records, so a file it left out for an
 * error is read as it stands: it still counts as taken in.
 */
function takenInAs(files: ReadonlyMap<string, string>, loaded: LoadResult, key: string): string | undefined {
  const valid = new Set<string>();
  for (const r of loaded.workspace.records) {
    if (r.kind !== 'incident' && r.kind !== 'request') continue;
    valid.add(r.file);
    if (sourceKeysOf(r.data).includes(key)) return r.file;
  }
  for (const [rel, text] of files) {
    if (!/^content\/(incidents|requests)\/[^/]+\.md$/.test(rel) || valid.has(rel)) continue;
    if (sourceKeysOf(parseFrontMatter(text, rel).data).includes(key)) return rel;
  }
  return undefined;
}

/** The issue from an issue JSON, a webhook event, or `gh issue view --json` output. */
function readIssue(path: string, shown: string): IssueInput {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    throw usageError(`itsm intake: cannot read ${shown} as JSON: ${(err as Error).message}`);
  }
  const read = readIssuePayload(doc);
  if (!read.ok) throw usageError(`itsm intake: ${shown} is not a GitHub issue: ${read.problem}.`);
  return read.issue;
}
