/** `itsm build`: validate, compute SLAs, read history, build the static site and its search index. */
import { join, resolve } from 'node:path';
import { buildSite } from '../io/site-build.ts';
import { parseCommand } from './args.ts';
import { EXIT, ExitError } from './exit-error.ts';
import { progress, type CliIO } from './io.ts';
import { basePath } from '../core/urls.ts';
import { nowOrReference, workspaceRoot } from './options.ts';
import { workspaceSettings } from '../io/reference-time.ts';
import { formatDiagnostics, summarize } from './reporter.ts';

const HELP = `Usage: itsm build [--root DIR] [--out DIR] [--base PATH] [--now ISO] [--proposed FILE] [--verbose]

Builds the static site of a workspace:
  1. validates every record and policy, like \`itsm validate\` (any error stops the build, exit 1)
  2. computes the SLA clocks and the reports, reads each record's history from git
  3. renders every page with Astro: dashboard, catalogs, one page per record, service catalog,
     CMDB graphs, change calendar, known errors, knowledge base, reports with charts, JSON API
  4. indexes it for search with Pagefind

Options:
  --root DIR    the workspace (default: the current directory)
  --out DIR     where the site goes (default: dist/ in the workspace), replaced wholesale: a new
                or empty folder, or a site itsm built before (never the workspace, content/, .git)
  --base PATH   the path the site is served under, e.g. /itsm/ for GitHub Pages
                (default: site_base in itsm.yaml, else /)
  --now ISO     build the site as of this instant (SLA clocks, upcoming changes); default: itsm.yaml's
                reference_time if set, else now
  --proposed FILE
                the JSON \`itsm collisions --format json --out FILE\` wrote: the changes proposed in
                open pull requests appear on the change calendar, marked "proposed" and linked to
                their pull request (without it, the calendar shows only the workspace's changes)
  --verbose     print the time each stage takes

Preview the result with \`itsm serve\`. Exit codes: 0 built, 1 validation errors, 2 usage or build error.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'build',
    args,
    {
      root: { type: 'string' },
      out: { type: 'string' },
      base: { type: 'string' },
      now: { type: 'string' },
      verbose: { type: 'boolean' },
      proposed: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const root = workspaceRoot('build', io, values.root);
  const at = nowOrReference('build', values.now, workspaceSettings(root));
  const base = values.base?.trim();
  if (base !== undefined && basePath(base.startsWith('/') ? base : '/' + base) === undefined) {
    throw new ExitError(
      EXIT.usage,
      `itsm build: --base "${values.base}" is not a plain path such as / or /itsm/: use segments of letters, digits, . _ ~ - between slashes (no //, backslash, .. segment, scheme, query or fragment).`,
    );
  }
  const out = values.out ? resolve(io.cwd, values.out) : join(root, 'dist');
  const show = progress(io);
  const log = (line: string) => (values.verbose ? io.stderr(line + '\n') : show(line));
  let result;
  try {
    // A SiteBuildError is reported by main.ts.
    result = await buildSite({
      root,
      out,
      ...(values.base !== undefined ? { base: values.base } : {}),
      ...(values.now !== undefined || at.reference ? { now: at.text } : {}),
      ...(values.proposed !== undefined ? { proposed: resolve(io.cwd, values.proposed) } : {}),
      onLog: log,
    });
  } finally {
    show('');
  }
  const summary = summarize(result.records, result.diagnostics);
  if (result.pages === 0) {
    io.stdout(formatDiagnostics(result.diagnostics, 'pretty', summary, { color: io.isTTY && !io.env.NO_COLOR }));
    io.stderr('itsm build: the workspace has validation errors, so no site was built.\n');
    return EXIT.failed;
  }
  if (result.diagnostics.length > 0) io.stdout(formatDiagnostics(result.diagnostics, 'pretty', summary, { color: io.isTTY && !io.env.NO_COLOR }));
  const secs = (ms: number) => (ms / 1000).toFixed(1);
  io.stdout(
    `Built ${result.pages} pages from ${result.records} records into ${out} (data ${secs(result.timings.data)} s, pages ${secs(result.timings.astro)} s, search index ${secs(result.timings.pagefind)} s).\nPreview: itsm serve --out ${out}\n`,
  );
  return EXIT.ok;
}
