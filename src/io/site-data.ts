/**
 * Everything the site shows, gathered once per build: the workspace (loaded and validated by the same
 * loader as `itsm validate`), SLA results, git history and the report, turned into page data by the
 * pure functions in src/core/site. Astro pages only render what this returns.
 */
import type { Diagnostic } from '../core/diagnostic.ts';
import type { HistoryEntry } from '../core/history.ts';
import { KIND_INFO, KINDS, type Kind } from '../core/ids.ts';
import type { AnyRecord, Workspace } from '../core/model.ts';
import { linkIndex } from '../core/relations.ts';
import { displayName } from '../core/kinds/index.ts';
import { catalog, type Catalog } from '../core/site/catalog.ts';
import { changeSchedule, type CalendarMonth } from '../core/site/calendar.ts';
import { cmdbIndex, type Impact } from '../core/site/cmdb.ts';
import { dashboard, type Dashboard } from '../core/site/dashboard.ts';
import { formatInstant } from '../core/format.ts';
import { graphSvg } from '../core/site/graph-svg.ts';
import { knowledgeBase, knownErrors, type KbCategory, type KnownError } from '../core/site/knowledge.ts';
import { forgeLinks } from '../core/forge.ts';
import { siteLinks, type SiteLinks } from '../core/site/links.ts';
import { recordPage, type RecordPage } from '../core/site/record-page.ts';
import type { RecordRef } from '../core/site/refs.ts';
import type { ReportTable } from '../core/site/report-tables.ts';
import { serviceCatalog, type ServiceEntry } from '../core/site/services.ts';
import { slaViews, type SlaView } from '../core/site/sla-view.ts';
import { computeSla, type SlaResult } from '../core/sla/index.ts';
import { queue } from '../core/queue.ts';
import { queuePages, type QueuePages } from '../core/site/queues.ts';
import { approvalRows, type ApprovalRow } from '../core/site/approvals.ts';
import { atomXml, feeds } from '../core/site/feeds.ts';
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
}

export interface SiteData {
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
  dashboard: Dashboard;
  catalogs: Catalog[];
  /** The queue pages (per team, unassigned), from one pass over the open work. */
  queues: QueuePages;
  records: RecordPageData[];
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
  /** The JSON twins: /api/<ID>.json and /api/<folder>.json. */
  api: Map<string, unknown>;
  diagnostics: Diagnostic[];
  sla: SlaResult[];
}

export interface GatherOptions {
  root: string;
  base?: string;
  /** The instant the site is built "as of" (SLA clocks, upcoming changes). Default: now. */
  now?: string;
  /** Read git history for record pages (default true; a workspace outside git simply has none). */
  history?: boolean;
  /** Changes proposed in open pull requests (`itsm collisions --out`), shown on the calendar. */
  proposed?: readonly ProposedEntry[];
  onLog?: (line: string) => void;
}

export interface Gathered {
  data: SiteData | null;
  diagnostics: Diagnostic[];
  records: number;
}

/** Loads and validates the workspace; when it has no errors, computes every page's data. */
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
    return { data: null, diagnostics: failed(checked.diagnostics) ? checked.diagnostics : loaded.diagnostics, records: checked.records };
  }
  const ws = loaded.workspace;
  const base = opts.base ?? ws.settings.site_base ?? '/';
  const links = siteLinks(base);

  // Markdown renders on a worker thread (for large workspaces) while the rest is computed here.
  const bodies = renderMarkdownBatch(
    ws.records.map((r) => r.body),
    recordLinks(ws, links),
  );
  const t1 = Date.now();
  const sla = computeSla(ws, now);
  const views = slaViews(sla);
  log(`SLA: ${sla.length} clocks in ${Date.now() - t1} ms`);

  const t2 = Date.now();
  const histories =
    opts.history === false
      ? null
      : await readSiteHistories(
          opts.root,
          ws.records.map((r) => r.file),
        );
  const evidence = opts.history === false ? new Map<string, Evidence[]>() : await readApprovalEvidence(opts.root).catch(() => new Map<string, Evidence[]>());
  log(histories ? `history: ${histories.size} files in ${Date.now() - t2} ms` : 'history: none (not a git repository)');

  const data = await pageData(ws, { now, links, views, histories, sla, bodies, evidence, proposed: opts.proposed ?? [] });
  data.live = opts.now === undefined;
  data.diagnostics = checked.diagnostics;
  data.reports = await reportData(ws, sla, now, log);
  log(`page data in ${Date.now() - t2} ms`);
  return { data, diagnostics: checked.diagnostics, records: checked.records };
}

/**
 * Each record's story, or null when the workspace is outside git (the site then shows no history).
 * A shallow clone or a repository without commits reads what it has; any other failure of git is an
 * error of the build, not a site without history.
 */
export async function readSiteHistories(root: string, files: readonly string[]): Promise<Map<string, HistoryEntry[]> | null> {
  let records;
  try {
    ({ records } = await readRecordHistories(root));
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
  histories: Map<string, HistoryEntry[]> | null;
  sla: SlaResult[];
  /** Each record's body as HTML, in workspace order (default: rendered here). */
  bodies?: Promise<string[]>;
  /** Approval evidence by change ID. */
  evidence?: ReadonlyMap<string, Evidence[]>;
  /** Changes proposed in open pull requests, for the calendar. */
  proposed?: readonly ProposedEntry[];
}

/** Every page's data from a loaded workspace (exported for the benchmark and tests). */
export async function pageData(ws: Workspace, { now, links, views, histories, sla, bodies, evidence, proposed = [] }: PageInputs): Promise<SiteData> {
  const forge = forgeLinks(ws.settings.repo_url, ws.settings.default_branch ?? 'main');
  const related = linkIndex(ws.records);
  const cmdb = cmdbIndex(ws, links);
  // A proposed change links to its pull request (or, without a forge, to the record as merged, if it is).
  const onCalendar = proposed.map((p) => ({ ...p, href: forge.pullRequest(p.pr) ?? links.record(p.id) }));
  const schedule = changeSchedule(ws, now, links, undefined, onCalendar);
  const services = serviceCatalog(ws, links, now, forge);
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const reviews = reviewViews(ws, links, now);

  // elk answers asynchronously (a fake worker): lay every CI graph out at once so the waits overlap.
  const graphs = new Map<string, string>();
  await Promise.all(
    ws.records
      .filter((rec) => rec.kind === 'ci' || rec.kind === 'service')
      .map(async (rec) => {
        const graph = cmdb.graph(rec.id);
        graphs.set(rec.id, graphSvg(graph, await layoutGraph(graph), `Relationships of ${rec.id}`));
      }),
  );
  const records: RecordPageData[] = [];
  for (const rec of ws.records) {
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
    if (rec.kind === 'ci' || rec.kind === 'service') {
      page.graphSvg = graphs.get(rec.id)!;
      page.impact = cmdb.impact(rec.id);
    }
    if (rec.kind === 'service') page.service = serviceById.get(rec.id);
    if (rec.kind === 'change') {
      page.schedule = schedule.findings(rec.id);
      page.approvals = approvalRows(evidence?.get(rec.id) ?? [], forge, ws.settings.time_zone);
    }
    if (rec.kind === 'incident') Object.assign(page, reviews.incident(rec));
    records.push(page);
  }

  const html = await (bodies ??
    renderMarkdownBatch(
      ws.records.map((r) => r.body),
      recordLinks(ws, links),
    ));
  records.forEach((page, i) => (page.bodyHtml = html[i]!));

  const status = statusReport(ws.records, { now, timeZone: ws.settings.time_zone });
  const creators = newRecordLinks(ws, forge, now);
  const queues = queuePages(ws, queue(ws, new Date(now), {}, sla), now, links);
  const newIncidentHref = creators.incident;
  const newChangeHref = creators.change;
  return {
    name: ws.settings.name,
    timeZone: ws.settings.time_zone,
    now,
    nowText: formatInstant(now, ws.settings.time_zone),
    live: false,
    base: links.base,
    links,
    ...(newIncidentHref ? { newIncidentHref } : {}),
    ...(newChangeHref ? { newChangeHref } : {}),
    hasHistory: histories !== null,
    dashboard: dashboard({ ws, sla: views, now, links, queues }),
    catalogs: KINDS.map((k) => catalog(ws, k, links, views, { now })),
    queues,
    records,
    services,
    calendar: { current: schedule.current, months: schedule.months.map((m) => schedule.month(m)) },
    knownErrors: knownErrors(ws, links),
    knowledge: knowledgeBase(ws, links, now),
    reports: null,
    status: statusPage(status, links),
    reviews: reviews.page(),
    schemas: publishedSchemas(readSchemas().documents, packageVersion()),
    feeds: feeds(ws, links, status).map((f) => ({
      name: f.name,
      title: f.title,
      xml: atomXml(f, links.page(`feeds/${f.name}`), links.home, ws.settings.name),
    })),
    api: apiDocuments(ws, related, views, links),
    diagnostics: [],
    sla,
  };
}

/** Every record's page and name, for the IDs a body mentions. */
function recordLinks(ws: Workspace, links: SiteLinks): RecordLinks {
  return new Map(ws.records.map((r) => [r.id, { href: links.record(r.id), title: displayName(r) }]));
}

/** The static API: a JSON twin of every record and one list per kind. */
function apiDocuments(ws: Workspace, related: ReturnType<typeof linkIndex>, views: Map<string, SlaView>, links: SiteLinks): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const byKind = new Map<Kind, AnyRecord[]>();
  for (const rec of ws.records) {
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
    (byKind.get(rec.kind) ?? byKind.set(rec.kind, []).get(rec.kind)!).push(rec);
  }
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
