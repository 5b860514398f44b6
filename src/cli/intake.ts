/** `itsm intake --issue FILE.json`: turns a GitHub issue made with an intake form into a record (see io/intake.ts). */
import { resolve } from 'node:path';
import { intakeIssue, IntakeInputError, IntakeWriteError, type IntakeOutcome } from '../io/intake.ts';
import { hasContentFolder } from '../io/paths.ts';
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
once. The issue's author becomes the caller (a request's requester): their handle when the team
files list their login, else an external contact {name: <login>}. The record is checked before
it is written, and nothing is ever overwritten.

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
  const parsed = parseCommand(
    'intake',
    args,
    {
      root: { type: 'string' },
      issue: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'github-output': { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  if (!values.issue) throw usageError('itsm intake: give the issue with --issue FILE.json (in a workflow: --issue "$GITHUB_EVENT_PATH").');
  const root = rootDir(io, values.root);
  if (!hasContentFolder(root)) throw usageError(`itsm intake: ${root} has no content/ folder. Run it in a workspace, or pass --root DIR.`);
  let outcome: IntakeOutcome;
  try {
    outcome = intakeIssue({
      root,
      issuePath: resolve(io.cwd, values.issue),
      issueShown: values.issue,
      dryRun: values['dry-run'] === true,
      ...(values['github-output'] ? { githubOutput: resolve(io.cwd, values['github-output']) } : {}),
    });
  } catch (err) {
    if (err instanceof IntakeInputError) throw usageError(`itsm intake: ${err.message}`);
    if (err instanceof IntakeWriteError) throw new ExitError(EXIT.failed, `itsm intake: ${err.message}`);
    throw err;
  }
  const n = outcome.number;
  switch (outcome.status) {
    case 'taken':
      io.stderr(`itsm intake: issue #${n} was already taken in as ${outcome.earlier}; nothing was written.\n`);
      return EXIT.failed;
    case 'refused':
      io.stderr(`itsm intake: issue #${n} cannot become a record; nothing was written:\n${outcome.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return EXIT.failed;
    case 'invalid':
      io.stderr(
        `itsm intake: the record made from issue #${n} does not validate; nothing was written.\n\n${formatDiagnostics(outcome.diagnostics, 'pretty', summarize(1, outcome.diagnostics))}`,
      );
      return EXIT.failed;
    case 'dry-run':
      io.stdout(outcome.text);
      return EXIT.ok;
    case 'written':
      io.stdout(outcome.file + '\n');
      return EXIT.ok;
  }
}
