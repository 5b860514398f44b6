/**
 * `itsm build`: validate, compute SLAs, read history, build the static site and its search index;
 * or one shard of it (--shard i/n), or the site from its shards (--merge DIR...).
 */
import { join, resolve } from 'node:path';
import { parseShard, shardPlan, type Shard } from '../core/site/shard.ts';
import { buildSite } from '../io/site-build.ts';
import { mergeSites } from '../io/site-merge.ts';
import type { IncrementalSummary } from '../io/site-incremental.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import { colorOn, progress, type CliIO } from './io.ts';
import { basePath } from '../core/urls.ts';
import { nowOrReference, parseNow, workspaceRoot } from './options.ts';
import { countRecordFiles } from '../io/paths.ts';
import { workspaceSettings } from '../io/reference-time.ts';
import { formatDiagnostics, summarize } from './reporter.ts';

const HELP = `Usage: itsm build [--root DIR] [--out DIR] [--base PATH] [--now ISO] [--proposed FILE] [--incremental] [--verbose]
       itsm build --shard I/N [--out DIR] [options as above]
       itsm build --merge DIR... [--out DIR] [--verbose]
       itsm build --plan [--root DIR]

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
                The build works in a temporary .itsm-build-* folder beside it, removed however the
                build ends; one an earlier build left when it was killed outright (out of memory,
                SIGKILL) is removed by the next build, once its process is gone
  --base PATH   the path the site is served under, e.g. /itsm/ for GitHub Pages
                (default: site_base in itsm.yaml, else /)
  --now ISO     build the site as of this instant (SLA clocks, upcoming changes); default: itsm.yaml's
                reference_time if set, else now
  --proposed FILE
                the JSON \`itsm collisions --format json --out FILE\` wrote: the changes proposed in
                open pull requests appear on the change calendar, marked "proposed" and linked to
                their pull request (without it, the calendar shows only the workspace's changes)
  --incremental reuse the previous build in --out: render only the record pages whose content
                changed (the record, and the pages that show something of it that changed, such as
                a related record's title), take the others from it, and render the shared pages,
                JSON twins and search index as always. The result is the same site a full build
                makes. A build as of another instant (a live build, without --now) reuses the pages
                that show nothing depending on it (closed records) and gives them the new instant.
                Needs a previous build made with --incremental, by the same version of itsm, with
                the same settings and --base; otherwise, or if the previous site was altered, it
                builds everything and says why. Not with --shard.
  --verbose     print the time each stage takes, and each leftover folder removed

Large workspaces build across machines (or one after another, in less memory each):
  --shard I/N   build shard I of N: the pages of about 1/N of the records (chosen by a hash of the
                record ID, so a record's page stays in its shard as records are added) and, in shard 1,
                every shared page (dashboard, catalogs, queues, calendar, reports, feeds, search...).
                Still validates the whole workspace. No search index: the merge makes it. Default
                --out: dist-shard-I-of-N/ in the workspace. Give every shard the same --now
                (or --started).
  --started ISO the instant the build started, shared by its shards: the site is as of then, yet
                counts down from the reader's clock as a build without --now does (reference_time
                and --now win over it)
  --merge DIR...  join the folders of shards 1..N of one build into --out (default: dist/) and index
                the result for search. Refuses a missing or repeated shard, shards of different
                workspaces, commits, --now/--started or --base, and two shards that wrote one file
                differently.
  --plan        print how the site workflow builds this workspace, as lines for $GITHUB_OUTPUT:
                records=N, count=N (1: one job; more: shards, by site_shards in itsm.yaml),
                shards=[1,...] (the job matrix) and started=ISO (the instant to pass to --started)

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
      shard: { type: 'string' },
      merge: { type: 'boolean' },
      started: { type: 'string' },
      plan: { type: 'boolean' },
      proposed: { type: 'string' },
      incremental: { type: 'boolean' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (values.merge) return merge(positionals, values, io);
  if (positionals.length > 0) throw usageError(`itsm build: unexpected argument "${positionals[0]}" (shard folders go after --merge).\n\n${HELP}`);
  const root = workspaceRoot('build', io, values.root);
  const settings = workspaceSettings(root);
  if (values.plan) {
    const records = countRecordFiles(root);
    const plan = shardPlan(records, settings.site_shards);
    io.stdout(`records=${records}\ncount=${plan.count}\nshards=${JSON.stringify(plan.shards)}\nstarted=${parseNow('build', undefined).toISOString()}\n`);
    return EXIT.ok;
  }
  const shard = values.shard === undefined ? undefined : shardOption(values.shard);
  if (shard && values.incremental)
    throw usageError('itsm build: --incremental rebuilds the whole site from its previous build; it cannot be a shard (drop one).');
  const at = nowOrReference('build', values.now, settings);
  // --started fixes the instant of a build that is still "live" (no --now, no reference_time).
  const live = values.now === undefined && !at.reference;
  if (values.started !== undefined) parseNow('build', values.started, 'started');
  const now = live ? values.started : at.text;
  const base = values.base?.trim();
  if (base !== undefined && basePath(base.startsWith('/') ? base : '/' + base) === undefined) {
    throw new ExitError(
      EXIT.usage,
      `itsm build: --base "${values.base}" is not a plain path such as / or /itsm/: use segments of letters, digits, . _ ~ - between slashes (no //, backslash, .. segment, scheme, query or fragment).`,
    );
  }
  const out = values.out ? resolve(io.cwd, values.out) : join(root, shard ? `dist-shard-${shard.index}-of-${shard.count}` : 'dist');
  const show = progress(io);
  const log = (line: string) => (values.verbose ? io.stderr(line + '\n') : show(line));
  let result;
  try {
    // A SiteBuildError is reported by main.ts.
    result = await buildSite({
      root,
      out,
      ...(values.base !== undefined ? { base: values.base } : {}),
      ...(now !== undefined ? { now } : {}),
      live,
      ...(shard ? { shard } : {}),
      ...(values.proposed !== undefined ? { proposed: resolve(io.cwd, values.proposed) } : {}),
      ...(values.incremental ? { incremental: true } : {}),
      onLog: log,
    });
  } finally {
    show('');
  }
  const summary = summarize(result.records, result.diagnostics);
  if (!result.built) {
    io.stdout(formatDiagnostics(result.diagnostics, 'pretty', summary, { color: colorOn(io) }));
    io.stderr('itsm build: the workspace has validation errors, so no site was built.\n');
    return EXIT.failed;
  }
  if (result.diagnostics.length > 0) io.stdout(formatDiagnostics(result.diagnostics, 'pretty', summary, { color: colorOn(io) }));
  if (shard) {
    io.stdout(
      `Built shard ${shard.index}/${shard.count}: ${result.pages} pages (${result.shardRecords} of ${result.records} records${shard.index === 1 ? ' and the shared pages' : ''}) into ${out} (data ${secs(result.timings.data)} s, pages ${secs(result.timings.astro)} s).\nWhen every shard is built: itsm build --merge DIR... --out dist\n`,
    );
    return EXIT.ok;
  }
  io.stdout(
    `Built ${result.pages} pages from ${result.records} records into ${out} (data ${secs(result.timings.data)} s, pages ${secs(result.timings.astro)} s, search index ${secs(result.timings.pagefind)} s).\n${incrementalLine(result.incremental)}Preview: itsm serve --out ${out}\n`,
  );
  return EXIT.ok;
}

const secs = (ms: number) => (ms / 1000).toFixed(1);

/** What an incremental build reused, or why it rendered everything. */
function incrementalLine(inc: IncrementalSummary | undefined): string {
  if (!inc) return '';
  if (inc.fullBecause !== undefined) return `Incremental: rendered all ${inc.rendered} record pages (${inc.fullBecause}).\n`;
  // The pages rendered are named when there are few (one push's worth), so a reader can see why.
  const which = inc.renderedIds.length > 0 && inc.renderedIds.length <= 20 ? ` (${inc.renderedIds.join(', ')})` : '';
  const restamped = inc.restamped > 0 ? ` (${inc.restamped} given the new instant)` : '';
  return `Incremental: rendered ${inc.rendered} record ${inc.rendered === 1 ? 'page' : 'pages'}${which}, reused ${inc.reused} from the previous build${restamped}, dropped ${inc.dropped}.\n`;
}

function shardOption(text: string): Shard {
  const shard = parseShard(text);
  if ('error' in shard) throw usageError(`itsm build: --shard ${shard.error}.`);
  return shard;
}

/** `itsm build --merge DIR...`: the site from its shards, indexed for search. */
async function merge(
  dirs: string[],
  values: {
    root?: string;
    out?: string;
    base?: string;
    now?: string;
    started?: string;
    plan?: boolean;
    shard?: string;
    verbose?: boolean;
    incremental?: boolean;
  },
  io: CliIO,
): Promise<number> {
  if (dirs.length === 0) throw usageError('itsm build: --merge needs the shard folders, e.g. itsm build --merge shard-1 shard-2 shard-3 --out dist.');
  if (values.shard !== undefined) throw usageError('itsm build: --merge joins shards; it cannot be one (drop --shard).');
  if (values.plan) throw usageError('itsm build: --plan and --merge are two steps of a sharded build; give one.');
  if (values.incremental) throw usageError('itsm build: --merge indexes the shards it joins; it has no previous build to reuse (drop --incremental).');
  for (const flag of ['base', 'now', 'started'] as const) {
    if (values[flag] !== undefined) throw usageError(`itsm build: --merge takes --${flag} from the shards (each was built with it); drop --${flag}.`);
  }
  const root = rootDir(io, values.root);
  const out = values.out ? resolve(io.cwd, values.out) : join(root, 'dist');
  const show = progress(io);
  const log = (line: string) => (values.verbose ? io.stderr(line + '\n') : show(line));
  let result;
  try {
    // A SiteBuildError (shards that do not fit) is reported by main.ts.
    result = await mergeSites({ dirs: dirs.map((d) => resolve(io.cwd, d)), out, root, onLog: log });
  } finally {
    show('');
  }
  io.stdout(
    `Merged ${result.shards} shards: ${result.pages} pages from ${result.records} records into ${out} (copy ${secs(result.timings.copy)} s, search index ${secs(result.timings.pagefind)} s).\nPreview: itsm serve --out ${out}\n`,
  );
  return EXIT.ok;
}
