/** `itsm status`: the status page in the terminal or as JSON. */
import { Temporal } from 'temporal-polyfill';
import { STATUS_LABEL, statusReport, type ServiceStatus, type StatusReport } from '../core/status.ts';
import { loadWorkspace } from '../io/workspace.ts';
import { parseCommand } from './args.ts';
import { EXIT } from './exit-error.ts';
import { nowOrReference, parseFormat, parseNow, refuseUnknownIds, workspaceRoot } from './options.ts';
import { referenceNote } from '../core/reference-note.ts';
import type { CliIO } from './io.ts';

const HELP = `Usage: itsm status [SVC-ID...] [--format pretty|json] [--now ISO] [--root DIR]

The status page of every active service:
  - its status now, from its open incidents: an incident of low impact means degraded
    performance, medium a partial outage, high (or major: true) a major outage
  - open incidents, and upcoming maintenance (approved or scheduled changes naming the
    service or one of its CIs)
  - public text only: an incident's public_summary (or "We are investigating an issue
    affecting <service>.") and its timeline entries with visibility: public; never its
    title, CIs, internal notes or assignee, nor a change's title
  - availability over the last 30 and 90 days from incident windows (reported_at to
    resolved_at): a major outage counts fully, a partial outage at 30%, overlaps once
With service IDs, only those services (and their worst status); one that is not an active
service is a usage error (exit 2).

Examples:
  itsm status
  itsm status SVC-checkout SVC-payments
  itsm status --format json > status.json
  itsm status --now 2026-03-05T12:00:00+01:00

Options:
  --format F   pretty (default) or json (with per-day figures for uptime bars)
  --now ISO    compute as of this instant (also ITSM_NOW); default: itsm.yaml's reference_time
               if set, else the current time
  --root DIR   the workspace (default: the current directory)

Exit codes: 0 done, 1 some records have errors (the rest is still shown), 2 usage error.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'status',
    args,
    {
      root: { type: 'string' },
      format: { type: 'string' },
      now: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const format = parseFormat('status', values.format, ['pretty', 'json']);
  const nowText = values.now ?? io.env.ITSM_NOW;
  if (nowText !== undefined) parseNow('status', nowText);
  const root = workspaceRoot('status', io, values.root);
  const loaded = await loadWorkspace(root);
  const broken = new Set(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  if (broken.size)
    io.stderr(
      `itsm status: ${broken.size} file${broken.size === 1 ? ' has' : 's have'} errors and ${broken.size === 1 ? 'is' : 'are'} left out (exit 1); \`itsm validate\` lists them.\n`,
    );
  const at = nowOrReference('status', nowText, loaded.workspace.settings);
  const { settings } = loaded.workspace;
  const only = [...new Set(positionals)];
  if (only.length > 0) {
    const active = loaded.workspace.records.filter((r) => r.kind === 'service' && r.data.status === 'active').map((r) => r.id);
    refuseUnknownIds('status', only, active, 'active service');
  }
  const report = statusReport(loaded.workspace.records, { now: at.text, timeZone: settings.time_zone, ...(only.length ? { only } : {}) });
  const note = at.reference ? referenceNote(at.text, settings.time_zone) + '\n' : '';
  io.stdout(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : note + pretty(report, settings.name));
  // What is valid is still shown, but an invalid workspace fails the command, as in every command.
  return broken.size ? EXIT.failed : EXIT.ok;
}

const MARK: Record<ServiceStatus, string> = { operational: 'ok ', degraded: '~  ', partial_outage: '!  ', major_outage: '!! ' };

function pretty(r: StatusReport, org: string): string {
  const local = (ts: string) =>
    Temporal.Instant.from(ts).toZonedDateTimeISO(r.timeZone).toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' ');
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const out = [`${org}: ${STATUS_LABEL[r.overall].toLowerCase()} (${local(r.now)} ${r.timeZone})`, ''];
  if (!r.services.length) return out.concat('No active services.', '').join('\n');
  const idW = Math.max(7, ...r.services.map((s) => s.id.length));
  const stW = Math.max(...r.services.map((s) => STATUS_LABEL[s.status].length)) + 3;
  const windows = r.services[0]!.availability.map((a) => `${a.days} days`.padStart(9));
  out.push(`  ${'Service'.padEnd(idW)}  ${'Status'.padEnd(stW)}  ${windows.join('  ')}`);
  for (const s of r.services) {
    out.push(
      `  ${s.id.padEnd(idW)}  ${(MARK[s.status] + STATUS_LABEL[s.status]).padEnd(stW)}  ${s.availability.map((a) => pct(a.availability).padStart(9)).join('  ')}`,
    );
  }
  const effectW = Math.max(0, ...r.services.flatMap((s) => s.openIncidents.map((i) => STATUS_LABEL[i.effect].length)));
  // Public text only (core/status.ts): the summary, then each public update.
  const open = r.services.flatMap((s) =>
    s.openIncidents.flatMap((i) => [
      `  ${s.id.padEnd(idW)}  ${i.id}  ${STATUS_LABEL[i.effect].padEnd(effectW)}  since ${local(i.reported_at)}  ${i.summary}`,
      ...i.updates.map((u) => `  ${' '.repeat(idW)}  ${local(u.at)}  ${u.note}`),
    ]),
  );
  out.push('', `Open incidents: ${open.length ? '' : 'none'}`.trimEnd(), ...open);
  const seen = new Set<string>();
  const maint = r.services
    .flatMap((s) => s.maintenance.map((m) => ({ ...m, services: r.services.filter((x) => x.maintenance.some((y) => y.id === m.id)).map((x) => x.id) })))
    .filter((m) => !seen.has(m.id) && seen.add(m.id))
    .sort((a, b) => Date.parse(a.planned_start) - Date.parse(b.planned_start))
    .map((m) => `  ${local(m.planned_start)} -> ${local(m.planned_end)}${m.ongoing ? ' (now)' : ''}  ${m.id}  [${m.services.join(', ')}]`);
  out.push('', `Upcoming maintenance: ${maint.length ? '' : 'none'}`.trimEnd(), ...maint);
  return out.join('\n') + '\n';
}
