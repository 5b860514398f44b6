/**
 * `itsm build --incremental`: render only the record pages whose data changed since the previous
 * build in --out, take the others from it, and always render the shared pages (they list every
 * record), the JSON twins and the search index. The previous build is trusted only through its
 * manifest (`.itsm-incremental.json`, see src/core/site/page-digest.ts): missing, edited, of another
 * version, code, shell, instant or base path, a file it does not list, a page whose bytes changed
 * since: then the build is a full one, and says why.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { KIND_INFO } from '../core/ids.ts';
import {
  buildKey,
  pageDigest,
  parseManifest,
  planIncremental,
  sealManifest,
  restampPage,
  sha256,
  INCREMENTAL_FORMAT,
  type IncrementalManifest,
  type Stamp,
} from '../core/site/page-digest.ts';
import { dependencyFolder, packagePath } from './package-root.ts';
import type { RecordPageData, RecordsData, SiteShell } from './site-data.ts';
import { SiteBuildError } from './site-build.ts';
import { packageVersion } from './version.ts';

export const INCREMENTAL_MANIFEST = '.itsm-incremental.json';

/** How many record pages an incremental build rendered and reused, and why it was full if it was. */
export interface IncrementalSummary {
  rendered: number;
  /** The IDs of the record pages rendered when others were reused (empty in a full build). */
  renderedIds: string[];
  reused: number;
  /** Of those, the pages that now show the new instant the site is as of (the previous build's was another). */
  restamped: number;
  /** Pages of the previous build whose record is gone. */
  dropped: number;
  /** Why every page was rendered (no previous build to trust); absent when pages were reused. */
  fullBecause?: string;
}

export interface IncrementalBuild {
  /** What Astro renders: the shared pages' data, and only the record pages to render. */
  data: RecordsData;
  summary: IncrementalSummary;
  /**
   * Why the pages reused cannot go into the site Astro wrote, or undefined when they can: they link
   * the previous build's scripts and styles (`_astro/`, named by their content), so those must be
   * the same files. Any other version of a dependency that bundles them would change them.
   */
  assetsProblem(site: string): string | undefined;
  /** Gives up reusing pages: the caller renders every record page (after `assetsProblem`). */
  renderAll(reason: string): void;
  /** Puts the reused pages into the site Astro wrote (hard links to the previous build's files, else copies). */
  placeReused(site: string): void;
  /** Writes the manifest of the finished site (after the search index: it lists every file). */
  writeManifest(site: string): void;
}

/**
 * What the page shell renders on every page (src/site/layouts/Base.astro), picked out of the data it
 * shares an object with, but the instant (a reused page gets the new one: restampPage). Typed as
 * every other key of SiteShell: a field added there fails to compile here until it is added.
 * `links` holds functions (no JSON form): what they make follows from `base`.
 */
function shellOf(d: RecordsData): Record<Exclude<keyof SiteShell, keyof Stamp>, unknown> {
  return {
    name: d.name,
    timeZone: d.timeZone,
    live: d.live,
    base: d.base,
    links: { ...d.links },
    newIncidentHref: d.newIncidentHref,
    newChangeHref: d.newChangeHref,
    hasHistory: d.hasHistory,
    feedLinks: d.feedLinks,
  };
}

let code: string | undefined;

/**
 * A digest of the code that renders the pages: the package's version, its sources (src/, and the
 * compiled dist-pkg/ of an installed package), the Astro config and Astro's version. Any edit to
 * them, even without a new version (a checkout of this repository), means a full build.
 */
function codeDigest(): string {
  if (code !== undefined) return code;
  const parts: string[] = [packageVersion()];
  for (const dir of ['src', 'dist-pkg'].map((d) => packagePath(d)).filter((d) => existsSync(d))) {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
    for (const file of files) parts.push(relative(packagePath(), file), sha256(readFileSync(file)));
  }
  parts.push(sha256(readFileSync(packagePath('astro.config.mjs'))));
  parts.push(sha256(readFileSync(join(dependencyFolder('astro'), 'astro', 'package.json'))));
  return (code = sha256(parts.join('\0')));
}

/** Where a record's page is in the site. */
function pagePath(page: RecordPageData): string {
  return `${KIND_INFO[page.kind].folder}/${page.id}/index.html`;
}

/** Every file under `dir` (relative, `/`-separated, sorted) but the manifest, or the first entry that is no file or folder (a link). */
function listFiles(dir: string): string[] | { odd: string } {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (entry.isDirectory()) continue;
    if (!entry.isFile()) return { odd: path };
    if (path !== INCREMENTAL_MANIFEST) files.push(path);
  }
  return files.sort();
}

function readManifest(out: string): IncrementalManifest | { problem: string } {
  let text: string;
  try {
    text = readFileSync(join(out, INCREMENTAL_MANIFEST), 'utf8');
  } catch {
    return { problem: existsSync(out) ? `${out} holds no ${INCREMENTAL_MANIFEST} (it was not built with --incremental)` : `${out} does not exist yet` };
  }
  try {
    return parseManifest(JSON.parse(text));
  } catch {
    return { problem: 'the manifest is not valid JSON' };
  }
}

/**
 * Plans the build of `data` (the whole site's data) into `out`, whose current content is the
 * previous build. Reused pages are read and checked against the SHA-256 the manifest gives now,
 * before anything is rendered: a page that fails the check makes it a full build.
 */
export function startIncremental(out: string, data: RecordsData, log: (line: string) => void): IncrementalBuild {
  const t0 = Date.now();
  const key = buildKey({ code: codeDigest(), shell: shellOf(data) });
  const pages = data.records.map((page) => ({ path: pagePath(page), digest: pageDigest(key, page) }));
  const previous = readManifest(out);
  const listed = 'problem' in previous ? previous : listFiles(out);
  const files = 'odd' in listed ? { problem: `the previous site holds ${listed.odd}, which is neither a file nor a folder` } : listed;
  let plan = planIncremental(previous, key, pages, files);
  const stamp: Stamp = { now: data.now, nowText: data.nowText };
  // Reused pages by path: the SHA-256 of their bytes, and whether they get the new instant (then the
  // SHA-256 of the page as written replaces it).
  const reused = new Map<string, { sha: string; restamp: boolean }>();
  const restamp = !('problem' in previous) && (previous.stamp.now !== stamp.now || previous.stamp.nowText !== stamp.nowText);
  if (!plan.full && !('problem' in previous)) {
    for (const [path, expected] of plan.reuse) {
      let bytes: Buffer | undefined;
      try {
        bytes = readFileSync(join(out, path));
      } catch {
        // listed in the manifest's pages, not among its files: a forged manifest
      }
      if (!bytes || sha256(bytes) !== expected) {
        plan = { full: true, reason: `${path} differs from the page the previous build wrote` };
        break;
      }
      if (!restamp || restampPage(bytes.toString('utf8'), previous.stamp, stamp) !== undefined) reused.set(path, { sha: expected, restamp });
      else plan.render.add(path);
    }
  }
  if (plan.full) reused.clear();
  const render = plan.full ? null : plan.render;
  let summary: IncrementalSummary = plan.full
    ? { rendered: pages.length, renderedIds: [], reused: 0, restamped: 0, dropped: 0, fullBecause: plan.reason }
    : {
        rendered: render!.size,
        renderedIds: data.records.filter((page) => render!.has(pagePath(page))).map((page) => page.id),
        reused: reused.size,
        restamped: restamp ? reused.size : 0,
        dropped: plan.dropped,
      };
  const what = plan.full
    ? `full build, ${plan.reason}`
    : `rendering ${summary.rendered} of ${pages.length} record pages, reusing ${summary.reused} (${summary.restamped} as of the new instant), dropping ${summary.dropped}`;
  log(`incremental: ${what} (planned in ${Date.now() - t0} ms)`);
  return {
    data: render ? { ...data, records: data.records.filter((page) => render.has(pagePath(page))) } : data,
    get summary() {
      return summary;
    },
    assetsProblem(site) {
      if ('problem' in previous || reused.size === 0) return undefined;
      const before = previous.files.filter((f) => f.startsWith('_astro/'));
      const assets = existsSync(join(site, '_astro')) ? listFiles(join(site, '_astro')) : [];
      if ('odd' in assets) return `the site just built holds _astro/${assets.odd}, which is neither a file nor a folder`;
      const now = assets.map((f) => `_astro/${f}`);
      const same = before.length === now.length && before.every((f, i) => f === now[i]);
      return same ? undefined : `the scripts and styles the pages link (_astro/) are not those of the previous build`;
    },
    renderAll(reason) {
      reused.clear();
      summary = { rendered: pages.length, renderedIds: [], reused: 0, restamped: 0, dropped: 0, fullBecause: reason };
      log(`incremental: full build after all, ${reason}`);
    },
    placeReused(site) {
      // A link costs no copy, and outlives the previous site, which the new one replaces (same file
      // system: the build folder is beside --out). Copied where links are refused. A page as of
      // another instant is written with the new one (its bytes were checked when planned).
      for (const [path, page] of reused) {
        const to = join(site, path);
        mkdirSync(dirname(to), { recursive: true });
        if (page.restamp && !('problem' in previous)) {
          const bytes = readFileSync(join(out, path));
          const html = sha256(bytes) === page.sha ? restampPage(bytes.toString('utf8'), previous.stamp, stamp) : undefined;
          if (html === undefined) throw new SiteBuildError(`${join(out, path)} changed while the site was being built: build again.`);
          writeFileSync(to, html);
          reused.set(path, { sha: sha256(html), restamp: false });
          continue;
        }
        try {
          linkSync(join(out, path), to);
        } catch {
          copyFileSync(join(out, path), to);
        }
      }
    },
    writeManifest(site) {
      const t1 = Date.now();
      const written = listFiles(site);
      if ('odd' in written) throw new Error(`the site just built holds ${written.odd}, which is neither a file nor a folder`);
      const manifestPages: IncrementalManifest['pages'] = {};
      for (const { path, digest } of pages) manifestPages[path] = { digest, sha256: reused.get(path)?.sha ?? sha256(readFileSync(join(site, path))) };
      const manifest = sealManifest({ format: INCREMENTAL_FORMAT, key, stamp, pages: manifestPages, files: written });
      writeFileSync(join(site, INCREMENTAL_MANIFEST), JSON.stringify(manifest, null, 1) + '\n');
      log(`incremental: manifest of ${written.length} files written in ${Date.now() - t1} ms`);
    },
  };
}
