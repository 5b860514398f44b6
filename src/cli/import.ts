/** `itsm import servicenow|jira`: turns a vendor export into record files (see io/import.ts). */
import { resolve } from 'node:path';
import { isKnownTimeZone } from '../core/time-zone.ts';
import { JIRA_INCIDENTS, JIRA_REQUESTS } from '../core/import/jira.ts';
import type { TableMap } from '../core/import/map.ts';
import { SERVICENOW_TABLES } from '../core/import/servicenow.ts';
import { importExport, ImportInputError, ImportWriteError } from '../io/import.ts';
import { hasContentFolder } from '../io/paths.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';

const TABLES = Object.keys(SERVICENOW_TABLES) as Array<keyof typeof SERVICENOW_TABLES>;

const HELP = `Usage: itsm import servicenow --table ${TABLES.join('|')} FILE --tz ZONE [options]
       itsm import jira FILE.csv --tz ZONE [options]

Turns a vendor export into records under content/:
  servicenow  a list export (CSV or JSON) of incident, change_request, cmdb_ci (any CI class)
              or kb_knowledge, with the dictionary column names (number, short_description,
              priority "1 - Critical", state, opened_at, resolved_at, assignment_group, cmdb_ci...)
              or the display labels (Number, Short description...)
  jira        a Jira Service Management CSV export (Issue key, Issue Type, Summary, Priority,
              Status, Created, Resolved, Component/s, Labels...): its incidents, and its service
              requests, whose Customer Request Type names an offering of a service

Exports carry local times without a zone: --tz says which zone they are in (the exporting
user's zone in ServiceNow or Jira). Teams, CIs and services are matched to the workspace by
name or ID; values that match nothing are listed. Assignees are matched to people of the team
files by login, name or email (written as their handle); the caller (caller_id, or opened_by;
Jira Reporter) is kept, as the person's handle or else as an external contact {name}. Each record keeps its vendor ID in its
source field (source: {system: servicenow, id: INC0010001}), so running the same import again
skips what is already there.
New numbered IDs follow the highest in use. Nothing is ever overwritten.

Options:
  --table T               the ServiceNow table exported (required for servicenow)
  --tz ZONE               the export's time zone, e.g. Europe/Berlin or America/New_York (required)
  --default FIELD=VALUE   a value for rows that have none, e.g. --default service=SVC-shop
                          (repeatable)
  --dry-run               report what would be imported, write nothing
  --root DIR              the workspace (default: the current directory)

Examples:
  itsm import servicenow --table incident incidents.csv --tz Europe/Berlin
  itsm import servicenow --table cmdb_ci cmdb_ci_server.json --tz UTC --default owner=TEAM-ops
  itsm import jira JSM-export.csv --tz America/New_York --default service=SVC-helpdesk

Exit codes: 0 every row imported (or imported before), 1 some rows skipped (see the report),
2 bad input: nothing written.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'import',
    args,
    {
      root: { type: 'string' },
      table: { type: 'string' },
      tz: { type: 'string' },
      default: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const [vendor, file, ...extra] = positionals;
  if (!vendor || !file || extra.length)
    throw usageError('itsm import: give the vendor and the export file, e.g. `itsm import servicenow --table incident incidents.csv --tz Europe/Berlin`.');
  let maps: TableMap[];
  if (vendor === 'servicenow') {
    if (!values.table) throw usageError(`itsm import servicenow: which table was exported? Give --table ${TABLES.join('|')}.`);
    const m = SERVICENOW_TABLES[values.table as keyof typeof SERVICENOW_TABLES];
    if (!m) throw usageError(`itsm import servicenow: --table must be one of ${TABLES.join(', ')}; got "${values.table}".`);
    maps = [m];
  } else if (vendor === 'jira') {
    if (values.table) throw usageError('itsm import jira: --table is for ServiceNow; a Jira export is one CSV of issues.');
    maps = [JIRA_INCIDENTS, JIRA_REQUESTS];
  } else throw usageError(`itsm import: unknown vendor "${vendor}"; use servicenow or jira.`);
  if (!values.tz)
    throw usageError(
      `itsm import: give the export's time zone with --tz, e.g. --tz Europe/Berlin. ${vendor === 'jira' ? 'Jira' : 'ServiceNow'} exports carry local times without a zone, so they cannot be read without it.`,
    );
  if (!isKnownTimeZone(values.tz))
    throw usageError(`itsm import: --tz "${values.tz}" is not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC.`);
  const root = rootDir(io, values.root);
  if (!hasContentFolder(root)) throw usageError(`itsm import: ${root} has no content/ folder. Run it in a workspace, or pass --root DIR.`);
  try {
    const outcome = await importExport({
      root,
      path: resolve(io.cwd, file),
      file,
      vendor,
      maps,
      timeZone: values.tz,
      defaults: values.default ?? [],
      dryRun: values['dry-run'] === true,
    });
    io.stdout(outcome.report);
    return outcome.notImported > 0 ? EXIT.failed : EXIT.ok;
  } catch (err) {
    if (err instanceof ImportInputError) throw usageError(`itsm import: ${err.message}`);
    if (err instanceof ImportWriteError) throw new ExitError(EXIT.failed, `itsm import: ${err.message}`);
    throw err;
  }
}
