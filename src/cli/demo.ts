/**
 * `itsm demo`: the main job on a workspace, end to end: validate, SLA summary, build the site with
 * its search index, and serve it on 127.0.0.1 until interrupted.
 */
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { checkListen, listenProblem, parsePort, PORT_HINT } from '../io/listen-check.ts';
import { validateOnDisk } from '../io/validate-run.ts';
import { loadWorkspace } from '../io/workspace.ts';
import { parseCommand } from './args.ts';
import { nowOrReference, workspaceRoot } from './options.ts';
import { workspaceSettings } from '../io/reference-time.ts';
import { referenceNote } from '../core/reference-note.ts';
import { EXIT, ExitError } from './exit-error.ts';
import { colorOn, type CliIO } from './io.ts';
import { formatDiagnostics, summarize } from './reporter.ts';

const HELP = `Usage: itsm demo [--root DIR] [--out DIR] [--port N] [--now ISO] [--no-serve]

Runs the whole pipeline on a workspace (default: the current directory):
  1. itsm validate        every record and policy
  2. itsm sla             response and resolution clocks; breaches and at-risk records
  3. itsm build           the static site and its search index (into --out, default dist/)
  4. itsm serve           the site on http://127.0.0.1:PORT (default 4321; 0 picks a free port) until Ctrl-C

The port is checked first, so a port in use fails at once, not after the build.
--no-serve stops after the build. --now fixes the instant the workspace is judged at (default:
itsm.yaml's reference_time if set, else the current time).

\`./dev demo\` runs it in the bundled demo's own git repository (.cache/demo-workspace/, written
from content/ when missing or stale), whose commits replay each record's timeline.
`;

const HOST = '127.0.0.1';

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'demo',
    args,
    {
      root: { type: 'string' },
      out: { type: 'string' },
      port: { type: 'string' },
      now: { type: 'string' },
      'no-serve': { type: 'boolean' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const root = workspaceRoot('demo', io, values.root);
  const settings = workspaceSettings(root);
  const at = nowOrReference('demo', values.now, settings);
  const now = at.text;
  // The port is checked before the build: a busy or malformed port must not cost a full build.
  const port = values.port === undefined ? 4321 : parsePort(values.port);
  if (port === undefined) throw new ExitError(EXIT.usage, `itsm demo: --port must be ${PORT_HINT}; got "${values.port}".`);
  if (!values['no-serve']) {
    const problem = await checkListen(HOST, port);
    if (problem) throw new ExitError(EXIT.usage, `itsm demo: cannot listen on ${HOST}:${port}: ${problem}.`);
  }

  io.stdout(`== 1. validate ${root}\n`);
  const t0 = performance.now();
  const checked = await validateOnDisk(root, { cache: true, now: new Date(now) });
  const shown: Diagnostic[] = checked.diagnostics;
  const summary = summarize(checked.records, shown);
  io.stdout(formatDiagnostics(shown, 'pretty', summary, { color: colorOn(io) }));
  io.stdout(`   (${((performance.now() - t0) / 1000).toFixed(2)} s)\n`);
  if (summary.errors > 0) {
    io.stdout('\nFix the errors above, then run the demo again.\n');
    return EXIT.failed;
  }

  io.stdout(`\n== 2. SLA at ${now}\n`);
  if (at.reference) io.stdout(`   ${referenceNote(now, settings.time_zone)}\n`);
  const { workspace } = await loadWorkspace(root);
  const kinds = countBy(workspace.records, (r) => r.kind);
  io.stdout(`   ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}\n`);
  const { computeSla, isOpenClock } = await import('../core/sla/index.ts');
  const results = computeSla(workspace, now);
  const states = countBy(results, (r) => r.state);
  io.stdout(
    `   ${results.length} clocks: ${[...states].map(([s, n]) => `${n} ${s.replace('_', ' ')}`).join(', ')}; ${results.filter((r) => r.at_risk).length} at risk\n`,
  );
  const open = results.filter((r) => (r.state === 'breached' && isOpenClock(r)) || r.at_risk);
  for (const r of open.slice(0, 15)) {
    io.stdout(
      `   ${r.state === 'breached' ? 'BREACHED' : 'at risk '}  ${r.record.padEnd(9)} ${r.metric.padEnd(10)} ${String(r.percent).padStart(6)}%  due ${r.due_at}  (${r.policy})\n`,
    );
  }
  if (open.length > 15) io.stdout(`   ... and ${open.length - 15} more: run \`itsm sla --only breached\`\n`);

  const out = resolve(io.cwd, values.out ?? join(root, 'dist'));
  io.stdout(`\n== 3. build the site into ${out}\n`);
  const { buildSite } = await import('../io/site-build.ts');
  const built = await buildSite({ root, out, now, onLog: (line: string) => io.stdout(`   ${line}\n`) });
  io.stdout(`   ${built.pages} pages\n`);
  if (values['no-serve']) return EXIT.ok;

  io.stdout('\n== 4. serve\n');
  const { serveSite } = await import('../io/serve.ts');
  let server;
  try {
    server = await serveSite({ dir: out, port, host: HOST });
  } catch (err) {
    // Something took the port during the build.
    throw new ExitError(EXIT.usage, `itsm demo: cannot listen on ${HOST}:${port}: ${listenProblem(err)}.`);
  }
  io.stdout(`   The site is at ${server.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => void server.close().then(resolveStop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT.ok;
}
