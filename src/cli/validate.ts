/** `itsm validate`: schema, references and rules for every record and policy; with --base, history rules too. */
import { compareDiagnostics, type Diagnostic } from '../core/diagnostic.ts';
import { recordFilesNamed } from '../io/layout.ts';
import { validateOnDisk } from '../io/validate-run.ts';
import { parseCommand } from './args.ts';
import { EXIT, usageError } from './exit-error.ts';
import { colorOn, progress, type CliIO } from './io.ts';
import { nowOrReference, parseFormat, workspaceRoot } from './options.ts';
import { workspaceSettings } from '../io/reference-time.ts';
import { FORMATS, formatDiagnostics, summarize } from './reporter.ts';

const HELP = `Usage: itsm validate [FILE...] [--root DIR] [--format pretty|json|github] [--base REV] [--strict] [--now ISO] [--no-cache]

Checks every record under content/ and every policy file:
  - the YAML front matter parses (safely: no code runs, aliases are bounded)
  - each record matches its schema in schemas/ (all problems, not just the first)
  - every referenced ID exists and is of the right kind; IDs are unique and match file names
  - every person a record names (assignee, caller, requester, requested_by, timeline by) is in
    the team files by handle (their login) or another login; an assignee is in the record's team
  - a close_code from itsm.yaml's close_codes once an incident is resolved or closed and a request
    fulfilled or rejected; a category from itsm.yaml's categories when it lists them
  - lifecycle rules: milestone times in order, resolutions, plans, priority = matrix, no CMDB cycles
  - nothing that records what happened (milestones, timeline entries) is more than 5 minutes after
    --now; plans (planned_start, planned_end) may lie ahead
  - a resolved major incident has its post-incident review (pir) by its due day, judged at --now:
    a warning while due, an error once overdue or when closed without one
  - data quality (warnings): CIs without an owner or that no service reaches, retired CIs still named
    by open records or published articles, articles past review_by, services without a support
    calendar; issue forms out of date with the services

With FILE... (record files, e.g. content/incidents/INC-0142.md), reports only the problems of
those records; references and the other checks across records still read the whole workspace.
A path that is not a record file of the workspace is a usage error (exit 2).

Options:
  --root DIR       the workspace (default: the current directory)
  --format F       pretty (default), json, or github (annotations for GitHub Actions)
  --base REV       also compare with git revision REV (a pull request's base; compared at the point
                   the current branch forked from it): status transitions,
                   closed records unchanged, IDs never reused or renumbered, nothing deleted,
                   timelines append-only
  --strict         data-quality warnings become errors
  --now ISO        the moment to judge dates against, e.g. 2026-11-26T09:00:00Z (default:
                   itsm.yaml's reference_time if set, else now); milestones and timeline
                   entries after it (by more than 5 minutes) are errors
  --no-cache       re-check every file (the cache in .itsm-cache/ is safe to delete at any time)

Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage or read error.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'validate',
    args,
    {
      root: { type: 'string' },
      format: { type: 'string' },
      base: { type: 'string' },
      'no-cache': { type: 'boolean' },
      strict: { type: 'boolean' },
      now: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const format = parseFormat('validate', values.format, FORMATS);
  const root = workspaceRoot('validate', io, values.root);
  const only = positionals.length > 0 ? onlyRecords(root, io.cwd, positionals) : undefined;
  const now = nowOrReference('validate', values.now, workspaceSettings(root)).now;
  const show = format === 'pretty' ? progress(io) : () => {};
  const result = await validateOnDisk(root, { cache: !values['no-cache'], now, onProgress: (done, total) => show(`validating ${done}/${total} records`) });
  show('');
  let diagnostics: Diagnostic[] = values.strict ? result.diagnostics.map(strict) : result.diagnostics;
  if (values.base !== undefined) {
    // Loaded only for --base, so plain runs start faster; a GitError is reported by main.ts.
    const { validateAgainstBase } = await import('../io/validate-base.ts');
    diagnostics = [...diagnostics, ...(await validateAgainstBase(root, values.base))].sort(compareDiagnostics);
  }
  if (only) diagnostics = diagnostics.filter((d) => only.has(d.file));
  const summary = summarize(only ? only.size : result.records, diagnostics);
  io.stdout(formatDiagnostics(diagnostics, format, summary, { color: colorOn(io) }));
  return summary.errors > 0 ? EXIT.failed : EXIT.ok;
}

/** The record files given on the command line, workspace-relative; anything else stops with exit 2. */
function onlyRecords(root: string, cwd: string, paths: string[]): Set<string> {
  const { files, refused } = recordFilesNamed(root, cwd, paths);
  if (refused.length > 0)
    throw usageError(
      `itsm validate: not a record file of the workspace at ${root}: ${refused.map((p) => `"${p}"`).join(', ')}. Records are content/<kind>/<ID>.md files.`,
    );
  return new Set(files);
}

/** Under --strict, data-quality warnings count as errors. */
function strict(d: Diagnostic): Diagnostic {
  return d.severity === 'warning' && d.rule.startsWith('quality/') ? { ...d, severity: 'error' } : d;
}
