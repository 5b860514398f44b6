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
  servicenow  a list export (CSV or JSON, or the Table API's JSON) of incident, change_request,
              cmdb_ci (any CI class) or kb_knowledge, with the dictionary column names (number,
              short_description, priority "1 - Critical", state, opened_at, assignment_group...)
              or the display labels (Number, Short description, Opened...); or an incident event
              log (one row per update: sys_updated_at, sys_updated_by, sys_mod_count...)
  jira        a Jira Service Management CSV export (Issue key, Issue Type, Summary, Priority,
              Status, Status Category, Created, Resolved, Component/s, repeated Labels, Comment
              and Watchers columns...): its incidents, and its service requests, whose Customer
              Request Type names an offering of a service

The export is streamed: each row is folded into its ticket as it is read, and each record is
written as soon as its ticket is complete. The rows of one ticket are folded into one record
whose timeline replays the changes (status, team, assignee, priority, who and when). Exports
carry local times without a zone: --tz says which zone they are in (the exporting user's).
Teams, CIs and services are matched by name or ID, people by login, name or email (written as
their handle), or all through a mapping file (--map). An assignee must be in the record's
team; the caller (caller_id, or opened_by; Jira Reporter) is kept as the person's handle or else
as an external contact {name}. The report lists every column and where it went (a field, the
timeline, the record's imported block, or dropped) and the values that matched nothing. Each
record keeps its vendor ID in source: {system, id, hash}: running the same import again writes
nothing; a later, longer export updates the records nobody has edited since and lists the
others. New numbered IDs follow the highest in use.
See docs/migration.md.

Options:
  --table T               the ServiceNow table exported (required for servicenow)
  --tz ZONE               the export's time zone, e.g. Europe/Berlin or America/New_York (required)
  --date-format LAYOUT    how numeric dates are written, e.g. "DD-MM-YYYY HH:mm" or
                          "MM/DD/YYYY hh:mm A" (default: detected; an error names a row
                          when day-first and month-first both fit every date)
  --map FILE              a mapping file: groups, users, states, categories, close_codes,
                          locations, cis, services (old value: new value)
  --suggest-map FILE      write a starting mapping file from the export's values; import nothing
  --changelog FILE        Jira: a changelog export (Issue key, Field, From, To, Date, Author),
                          replayed into each ticket's timeline
  --default FIELD=VALUE   a value for rows that have none, e.g. --default service=SVC-shop
                          (repeatable)
  --dry-run               report what would be imported, write nothing
  --root DIR              the workspace (default: the current directory)

Examples:
  itsm import servicenow --table incident incidents.csv --tz Europe/Berlin
  itsm import servicenow --table incident event_log.csv --tz Europe/Berlin --suggest-map map.yaml
  itsm import servicenow --table incident event_log.csv --tz Europe/Berlin --map map.yaml --default service=SVC-shop
  itsm import servicenow --table cmdb_ci cmdb_ci_server.json --tz UTC --default owner=TEAM-ops
  itsm import jira JSM-export.csv --tz America/New_York --default service=SVC-helpdesk

Exit codes: 0 every row imported (or imported before), 1 some rows skipped, some edited
records not updated (see the report), or writing stopped part-way (run it again to continue),
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
      map: { type: 'string' },
      'date-format': { type: 'string' },
      'suggest-map': { type: 'string' },
      changelog: { type: 'string' },
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
    if (values.changelog) throw usageError('itsm import servicenow: --changelog is for Jira; a ServiceNow event log carries its history in its rows.');
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
      ...(values.map ? { mapping: { path: resolve(io.cwd, values.map), file: values.map } } : {}),
      ...(values['date-format'] ? { dateFormat: values['date-format'] } : {}),
      ...(values['suggest-map'] ? { suggestMap: { path: resolve(io.cwd, values['suggest-map']), file: values['suggest-map'] } } : {}),
      ...(values.changelog ? { changelog: { path: resolve(io.cwd, values.changelog), file: values.changelog } } : {}),
    });
    io.stdout(outcome.report);
    return outcome.notImported > 0 ? EXIT.failed : EXIT.ok;
  } catch (err) {
    if (err instanceof ImportInputError) throw usageError(`itsm import: ${err.message}`);
    if (err instanceof ImportWriteError) throw new ExitError(EXIT.failed, `itsm import: ${err.message}`);
    throw err;
  }
}
