/**
 * Everything the site shows, gathered once per build: the workspace (loaded and validated by the same
 * loader as `itsm validate`), SLA results, git history and the report, turned into page data by the
 * pure functions in src/core/site. Astro pages only render what this returns. A sharded build
 * (`itsm build --shard i/n`) still loads, validates and times the whole workspace, but produces page
 * data only for its share of the records, and the shared pages' data only in shard 1.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core/diagnostic.ts';
import type { HistoryEntry } from '../core/history.ts';
import { KIND_INFO, KINDS, type Kind } from '../core/ids.ts';
import type { AnyRecord, Workspace } from '../core/model.ts';
import { linkIndex } from '../core/relations.ts';
import { displayName } from '../core/kinds/index.ts';
import { catalogSet, type CatalogSet } from '../core/site/catalog.ts';
import { changeSchedule, type CalendarMonth, type ChangeSchedule } from '../core/site/calendar.ts';
import { cmdbIndex, type Impact } from '../core/site/cmdb.ts';
import { dashboard, type Dashboard } from '../core/site/dashboard.ts';
import { formatInstant } from '../core/format.ts';
import { graphSvg } from '../core/site/graph-svg.ts';
import { knowledgeBase, knownErrors, type KbCategory, type KnownError } from '../core/site/knowledge.ts';
import { forgeLinks } from '../core/forge.ts';
import { siteLinks, type SiteLinks } from '../core/site/links.ts';
import { recordPage, type RecordPage } from '../core/site/record-page.ts';
import { inShard, rendersShared, type Shard } from '../core/site/shard.ts';
import type { RecordRef } from '../core/site/refs.ts';
import type { ReportTable } from '../core/site/report-tables.ts';
import { serviceCatalog, type ServiceEntry } from '../core/site/services.ts';
import { slaViews, type SlaView } from '../core/site/sla-view.ts';
import { computeSla, type SlaResult } from '../core/sla/index.ts';
import { queue } from '../core/queue.ts';
import { queuePages, type QueuePages } from '../core/site/queues.ts';
import { approvalRows, type ApprovalRow } from '../core/site/approvals.ts';
import { atomXml, feedLinks, feeds } from '../core/site/feeds.ts';
import { newRecordLinks } from '../core/site/new-record-links.ts';
import { statusPage, type StatusPage } from '../core/site/status-page.ts';
import { reviewViews, type PirView, type ReviewsPage, type ReviewStatus } from '../core/site/reviews.ts';
import { statusReport } from '../core/status.ts';
import { publishedSchemas } from '../core/schema-ids.ts';
import type { Evidence } from '../core/approvals/evidence-note.ts';
import { readApprovalEvidence } from './approval-notes.ts';
import { layoutGraph } from './graph-layout.ts';
import { NotARepositoryError, readRecordHistories } from './history.ts';
import { renderMarkdownBatch } from './markdown-batch.ts';
import type { RecordLinks } from './markdown-record-links.ts';
import { reportData } from './site-reports.ts';
import { readSchemas } from './schemas.ts';
import { packageVersion } from './version.ts';
import { validateOnDisk } from './validate-run.ts';
import { loadWorkspace } from './workspace.ts';
import type { ProposedEntry } from './collisions-run.ts';

export interface RecordPageData extends RecordPage {
  bodyHtml: string;
  /** CI and service pages: the relationship graph (SVG markup) and what fails with it. */
  graphSvg?: string;
  impact?: Impact;
  /** Service pages: offerings and support hours. */
  service?: ServiceEntry;
  /** Change pages: the pull requests that approved the change (from git notes). */
  approvals?: ApprovalRow[];
  /** Change pages: schedule conflicts and freezes. */
  schedule?: { conflicts: Array<{ ref: RecordRef; shared: string[] }>; freezes: string[] };
  /** Major incident pages: the post-incident review, and where it stands. */
  pir?: PirView;
  review?: ReviewStatus;
  /** Team pages: the team's queue and how much open work is in it. */
  queue?: { href: string; open: number };
}

/** What every page's shell shows (header, footer, feed links). */
export interface SiteShell {
  name: string;
  timeZone: string;
  now: string;
  nowText: string;
  /**
   * Built at the current time (true), or as of a chosen instant (--now, the workspace's
   * reference_time): then countdowns run from that instant, not from the reader's clock.
   */
  live: boolean;
  base: string;
  links: SiteLinks;
  newIncidentHref?: string;
  newChangeHref?: string;
  /** True when the workspace has git history (record pages then show it). */
  hasHistory: boolean;
  /** The Atom feeds every page links to. */
  feedLinks: Array<{ name: string; title: string }>;
}

/** What a build renders for its records: every record, or a shard's share (`itsm build --shard`). */
export interface RecordsData extends SiteShell {
  /** The shard this data is for (absent: the whole site). */
  shard?: Shard;
  records: RecordPageData[];
  /** Each record page renders once (`itsm build`): its data is let go when it has been rendered. */
  renderOnce?: true;
  /** The JSON twins: /api/<ID>.json of these records, and with the shared pages /api/<folder>.json. */
  api: Map<string, unknown>;
}

/** The shared pages' data: computed only by a build that renders them (unsharded, or shard 1). */
export interface SharedData {
  dashboard: Dashboard;
  /** One per kind; a page's rows are made when the page renders (src/core/site/catalog.ts). */
  catalogs: CatalogSet[];
  /** The queue pages (per team, unassigned), from one pass over the open work. */
  queues: QueuePages;
  services: ServiceEntry[];
  calendar: { current: string; months: CalendarMonth[] };
  knownErrors: KnownError[];
  knowledge: KbCategory[];
  reports: { tables: Array<ReportTable & { svg: string | null }>; period: string } | null;
  status: StatusPage;
  /** Post-incident reviews of major incidents and their open actions. */
  reviews: ReviewsPage;
  /** The JSON Schemas by path under the site: schemas/<name>.schema.json and schemas/v<major.minor>/<name>.schema.json. */
  schemas: Map<string, object>;
  /** Atom feeds, by file name under feeds/. */
  feeds: Array<{ name: string; title: string; xml: string }>;
  diagnostics: Diagnostic[];
}

export type SiteData = RecordsData & SharedData;

/** True when the data carries the shared pages (an unsharded build, or shard 1). */
export function hasSharedPages(data: RecordsData): data is SiteData {
  return 'dashboard' in data;
}

export interface GatherOptions {
  root: string;
  base?: string;
  /** The instant the site is built "as of" (SLA clocks, upcoming changes). Default: now. */
  now?: string;
  /** Count down from the reader's clock (default: when `now` is not given). */
  live?: boolean;
  /** Read git history for record pages (default true; a workspace outside git simply has none). */
  history?: boolean;
  /** Gather only this shard's record pages (and the shared pages in shard 1). */
  shard?: Shard;
  /** Changes proposed in open pull requests (`itsm collisions --out`), shown on the calendar. */
  proposed?: readonly ProposedEntry[];
  onLog?: (line: string) => void;
}

export interface Gathered {
  data: RecordsData | null;
  diagnostics: Diagnostic[];
  records: number;
  /** The workspace's fingerprint (records and settings): shards of one build must agree on it. */
  fingerprint: string;
}

/**
 * Loads and validates the whole workspace; when it has no errors, computes the page data of the
 * shard's records (every record without a shard), and the shared pages' data when the shard renders them.
 */
export async function gatherSiteData(opts: GatherOptions): Promise<Gathered> {
  const log = opts.onLog ?? (() => {});
  const now = opts.now ?? new Date().toISOString();
  const t0 = Date.now();
  // The diagnostics are `itsm validate`'s own (same run, cache and data-quality checks as of `now`;
  // not the timed rules: a late post-incident review is shown on the reviews page, it does not stop the site);
  // the loader, running alongside on the main thread, gives the records.
  const [checked, loaded] = await Promise.all([validateOnDisk(opts.root, { cache: true, now: new Date(now), timed: false }), loadWorkspace(opts.root)]);
  log(`validated and loaded ${loaded.records} records in ${Date.now() - t0} ms`);
  const failed = (list: readonly Diagnostic[]) => list.some((d) => d.severity === 'error');
  if (failed(checked.diagnostics) || failed(loaded.diagnostics)) {
    return { data: null, diagnostics: failed(checked.diagnostics) ? checked.diagnostics : loaded.diagnostics, records: checked.records, fingerprint: '' };
  }
  const ws = loaded.workspace;
  const base = opts.base ?? ws.settings.site_base ?? '/';
  const links = siteLinks(base);
  const shard = opts.shard;
  const mine = ws.records.filter((r) => inShard(r.id, shard));
  const shared = rendersShared(shard);
  if (shard) log(`shard ${shard.index}/${shard.count}: ${mine.length} of ${ws.records.length} record pages${shared ? ' and the shared pages' : ''}`);

  // Markdown renders on a worker thread (for large workspaces) while the rest is computed here.
  const bodies = renderMarkdownBatch(
    mine.map((r) => r.body),
    recordLinks(ws, links),
  );
  // SLA clocks as `itsm sla` computes them: the shared pages (dashboard, catalogs, queues) need every
  // record's; a shard without them only its own records' (a team page counts its open work, which no
  // clock changes). A clock reads other records (a service's support hours) through the whole byId.
  const t1 = Date.now();
  let sla: SlaResult[] | null = computeSla(shared ? ws : { records: mine, byId: ws.byId, policies: ws.policies }, now);
  const views = slaViews(sla);
  log(`SLA: ${sla.length} clocks in ${Date.now() - t1} ms`);

  const t2 = Date.now();
  const histories =
    opts.history === false
      ? null
      : await readSiteHistories(
          opts.root,
          mine.map((r) => r.file),
        );
  const evidence = opts.history === false ? new Map<string, Evidence[]>() : await readApprovalEvidence(opts.root).catch(() => new Map<string, Evidence[]>());
  log(histories ? `history: ${histories.size} files in ${Date.now() - t2} ms` : 'history: none (not a git repository)');

  const related = linkIndex(ws.records);
  const clocks = () => {
    if (!sla) throw new Error('the SLA clocks were asked for after they were let go');
    return sla;
  };
  const inputs: PageInputs = { now, links, views, histories, related, bodies, evidence, overviews: overviews(ws, now, links, clocks, opts.proposed ?? []) };
  // The shared pages' data first: it is what needs every clock, which can then go before the record pages are made.
  let sharedData: SharedData | null = null;
  if (shared) {
    sharedData = sharedPages(ws, inputs);
    sharedData.diagnostics = checked.diagnostics;
    sharedData.reports = await reportData(ws, clocks(), now, log);
  }
  overviewsReady(inputs.overviews, mine);
  sla = null;
  const records = await recordPages(ws, mine, inputs);
  const data: RecordsData = {
    ...siteShell(ws, links, now, histories !== null),
    ...(shard ? { shard } : {}),
    records,
    api: recordApi(mine, related, views, links),
  };
  data.live = opts.live ?? opts.now === undefined;
  if (sharedData) {
    Object.assign(data, sharedData);
    for (const [name, doc] of kindLists(ws, links)) data.api.set(name, doc);
  }
  log(`page data in ${Date.now() - t2} ms`);
  return { data, diagnostics: checked.diagnostics, records: checked.records, fingerprint: workspaceFingerprint(ws) };
}

/**
 * Each record's story, or null when the workspace is outside git (the site then shows no history).
 * A shallow clone or a repository without commits reads what it has; any other failure of git is an
 * error of the build, not a site without history.
 */
export async function readSiteHistories(root: string, files: readonly string[]): Promise<Map<string, HistoryEntry[]> | null> {
  const wanted = new Set(files);
  let records;
  try {
    // Only the versions of these records are read (a shard's share): the log itself is one pass.
    ({ records } = await readRecordHistories(root, (path) => wanted.has(path)));
  } catch (err) {
    if (err instanceof NotARepositoryError) return null;
    throw err;
  }
  const out = new Map<string, HistoryEntry[]>();
  for (const file of files) {
    const entries = records.get(file);
    if (entries) out.set(file, entries);
  }
  return out;
}

interface PageInputs {
  now: string;
  links: SiteLinks;
  views: Map<string, SlaView>;
  /** Every record's related records, both ways (the workspace's link index). */
  related: ReturnType<typeof linkIndex>;
  histories: Map<string, HistoryEntry[]> | null;
  /** The pages' record bodies as HTML, in the order of the records given (default: rendered here). */
  bodies?: Promise<string[]>;
  /** Approval evidence by change ID. */
  evidence?: ReadonlyMap<string, Evidence[]>;
  /** The views over the whole workspace that record pages and shared pages both read. */
  overviews: Overviews;
}

/**
 * The views over the whole workspace that record pages and the shared pages both show parts of,
 * each computed once and only when first asked for (a shard without changes never plans the calendar).
 */
interface Overviews {
  /** The change calendar, with the changes proposed in open pull requests (they never alter a change's findings). */
  schedule(): ChangeSchedule;
  services(): ServiceEntry[];
  reviews(): ReturnType<typeof reviewViews>;
  queues(): QueuePages;
}

function overviews(ws: Workspace, now: string, links: SiteLinks, clocks: () => readonly SlaResult[], proposed: readonly ProposedEntry[]): Overviews {
  const forge = forgeLinks(ws.settings.repo_url, ws.settings.default_branch ?? 'main');
  const once = <T>(make: () => T): (() => T) => {
    let made: { value: T } | undefined;
    return () => (made ??= { value: make() }).value;
  };
  return {
    schedule: once(() => {
      // A proposed change links to its pull request (or, without a forge, to the record as merged, if it is).
      const onCalendar = proposed.map((p) => ({ ...p, href: forge.pullRequest(p.pr) ?? links.record(p.id) }));
      return changeSchedule(ws, now, links, undefined, onCalendar);
    }),
    services: once(() => serviceCatalog(ws, links, now, forge)),
    reviews: once(() => reviewViews(ws, links, now)),
    queues: once(() => queuePages(ws, queue(ws, new Date(now), {}, clocks()), now, links)),
  };
}

/** Makes now the overviews that `mine`'s record pages will read and that need the SLA clocks (a team page's queue). */
function overviewsReady(views: Overviews, mine: readonly AnyRecord[]): void {
  if (mine.some((r) => r.kind === 'team')) views.queues();
}

/** What every page's shell shows, from the settings alone. */
function siteShell(ws: Workspace, links: SiteLinks, now: string, hasHistory: boolean): SiteShell {
  const forge = forgeLinks(ws.settings.repo_url, ws.settings.default_branch ?? 'main');
  const creators = newRecordLinks(ws, forge, now);
  return {
    name: ws.settings.name,
    timeZone: ws.settings.time_zone,
    now,
    nowText: formatInstant(now, ws.settings.time_zone),
    live: false,
    base: links.base,
    links,
    ...(creators.incident ? { newIncidentHref: creators.incident } : {}),
    ...(creators.change ? { newChangeHref: creators.change } : {}),
    hasHistory,
    feedLinks: feedLinks(ws.settings.name, true),
  };
}

/**
 * The page data of `mine` (every record, or a shard's share). What a page shows of other records
 * (titles, links, SLA states) comes from the workspace's indexes, never from their page data.
 */
export async function recordPages(
  ws: Workspace,
  mine: readonly AnyRecord[],
  { now, links, views, histories, related, bodies, evidence, overviews }: PageInputs,
): Promise<RecordPageData[]> {
  const forge = forgeLinks(ws.settings.repo_url, ws.settings.default_branch ?? 'main');
  const has = (kind: Kind) => mine.some((r) => r.kind === kind);
  const cmdb = has('ci') || has('service') ? cmdbIndex(ws, links) : null;
  const schedule = has('change') ? overviews.schedule() : null;
  const serviceById = has('service') ? new Map(overviews.services().map((s) => [s.id, s])) : null;
  const reviews = has('incident') ? overviews.reviews() : null;
  const queues = has('team') ? overviews.queues() : null;

  // elk answers asynchronously (a fake worker): lay every CI graph out at once so the waits overlap.
  const graphs = new Map<string, string>();
  if (cmdb)
    await Promise.all(
      mine
        .filter((rec) => rec.kind === 'ci' || rec.kind === 'service')
        .map(async (rec) => {
          const graph = cmdb.graph(rec.id);
          graphs.set(rec.id, graphSvg(graph, await layoutGraph(graph), `Relationships of ${rec.id}`));
        }),
    );
  const records: RecordPageData[] = [];
  for (const rec of mine) {
    const page: RecordPageData = {
      ...recordPage({
        ws,
        rec,
        links,
        forge,
        related: related.get(rec.id) ?? [],
        sla: views.get(rec.id),
        history: histories ? (histories.get(rec.file) ?? []) : null,
        now,
      }),
      bodyHtml: '',
    };
    if (cmdb && (rec.kind === 'ci' || rec.kind === 'service')) {
      page.graphSvg = graphs.get(rec.id)!;
      page.impact = cmdb.impact(rec.id);
    }
    if (rec.kind === 'service') page.service = serviceById?.get(rec.id);
    if (schedule && rec.kind === 'change') {
      page.schedule = schedule.findings(rec.id);
      page.approvals = approvalRows(evidence?.get(rec.id) ?? [], forge, ws.settings.time_zone);
    }
    if (reviews && rec.kind === 'incident') Object.assign(page, reviews.incident(rec));
    const teamQueue = rec.kind === 'team' ? queues?.teams.find((q) => q.key === rec.id) : undefined;
    if (teamQueue) page.queue = { href: teamQueue.href, open: teamQueue.rows.length };
    records.push(page);
  }

  const html = await (bodies ??
    renderMarkdownBatch(
      mine.map((r) => r.body),
      recordLinks(ws, links),
    ));
  records.forEach((page, i) => (page.bodyHtml = html[i]!));
  return records;
}

/** The shared pages' data (dashboard, catalogs, queues, calendar, status, reviews, feeds...), reports aside. */
function sharedPages(ws: Workspace, { now, links, views, overviews }: PageInputs): SharedData {
  const schedule = overviews.schedule();
  const status = statusReport(ws.records, { now, timeZone: ws.settings.time_zone });
  const queues = overviews.queues();
  return {
    dashboard: dashboard({ ws, sla: views, now, links, queues }),
    catalogs: KINDS.map((k) => catalogSet(ws, k, links, views, { now, ...(ws.settings.catalog_page_size ? { pageSize: ws.settings.catalog_page_size } : {}) })),
    queues,
    services: overviews.services(),
    calendar: { current: schedule.current, months: schedule.months.map((m) => schedule.month(m)) },
    knownErrors: knownErrors(ws, links),
    knowledge: knowledgeBase(ws, links, now),
    reports: null,
    status: statusPage(status, links),
    reviews: overviews.reviews().page(),
    schemas: publishedSchemas(readSchemas().documents, packageVersion()),
    feeds: feeds(ws, links, status).map((f) => ({
      name: f.name,
      title: f.title,
      xml: atomXml(f, links.page(`feeds/${f.name}`), links.home, ws.settings.name),
    })),
    diagnostics: [],
  };
}

/** Every record's page and name, for the IDs a body mentions: the compact index of the whole workspace. */
function recordLinks(ws: Workspace, links: SiteLinks): RecordLinks {
  return new Map(ws.records.map((r) => [r.id, { href: links.record(r.id), title: displayName(r) }]));
}

/** The JSON twin of each of `mine`: /api/<ID>.json. */
function recordApi(mine: readonly AnyRecord[], related: ReturnType<typeof linkIndex>, views: Map<string, SlaView>, links: SiteLinks): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const rec of mine) {
    out.set(rec.id, {
      id: rec.id,
      kind: rec.kind,
      file: rec.file,
      url: links.record(rec.id),
      data: rec.data,
      body: rec.body,
      related: related.get(rec.id) ?? [],
      sla: views.get(rec.id) ?? null,
    });
  }
  return out;
}

/** One list per kind, /api/<folder>.json: shared pages. */
function kindLists(ws: Workspace, links: SiteLinks): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const byKind = new Map<Kind, AnyRecord[]>();
  for (const rec of ws.records) (byKind.get(rec.kind) ?? byKind.set(rec.kind, []).get(rec.kind)!).push(rec);
  for (const kind of KINDS) {
    const list = (byKind.get(kind) ?? []).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    out.set(KIND_INFO[kind].folder, {
      kind,
      count: list.length,
      records: list.map((r) => ({ id: r.id, url: links.record(r.id), api: links.api(r.id), data: r.data })),
    });
  }
  return out;
}

/**
 * A digest of what the site is built from: the settings and every record (file, front matter, body).
 * Shards of one build agree on it; shards of another commit or workspace do not.
 */
function workspaceFingerprint(ws: Workspace): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(ws.settings) + JSON.stringify(ws.policies));
  for (const rec of [...ws.records].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    hash.update('\0' + rec.file + '\0' + JSON.stringify(rec.data) + '\0' + rec.body);
  }
  return hash.digest('hex').slice(0, 32);
}
