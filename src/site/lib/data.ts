/**
 * The site's single data source. `itsm build` gathers the data once (src/io/site-data.ts) and hands it
 * over in-process before Astro renders; a bare `astro build` gathers it here from ITSM_ROOT.
 * Never Astro's glob loader: it would parse YAML by other rules than `itsm validate`.
 */
import type { RecordPageData, RecordsData, SiteData } from '../../io/site-data.ts';

export const SITE_DATA_KEY = Symbol.for('itsm.site-data');

type Holder = { [SITE_DATA_KEY]?: Promise<RecordsData> };

/** What record pages and the page shell read: present in every build, sharded or not. */
export function recordsData(): Promise<RecordsData> {
  const g = globalThis as Holder;
  g[SITE_DATA_KEY] ??= gatherHere();
  return g[SITE_DATA_KEY];
}

/**
 * What the shared pages read. They are routed only in builds that gathered their data (unsharded, or
 * shard 1: src/io/site-build.ts), so asking for it elsewhere is a bug, said plainly.
 */
export async function siteData(): Promise<SiteData> {
  const d = await recordsData();
  if (!('dashboard' in d)) throw new Error(`A shared page was rendered by shard ${d.shard?.index}/${d.shard?.count}, which has no shared pages' data.`);
  return d as SiteData;
}

/**
 * The data of the record page at `index`. A build that renders each page once (`itsm build`, which
 * sets `renderOnce`) lets go of it here, so a shard does not hold every rendered page's data.
 */
export function takeRecordPage(d: RecordsData, index: number): RecordPageData {
  const page = d.records[index];
  if (!page) throw new Error(`The record page ${index} was asked for twice, or does not exist.`);
  if (d.renderOnce) (d.records as Array<RecordPageData | undefined>)[index] = undefined;
  return page;
}

async function gatherHere(): Promise<RecordsData> {
  // Loaded by Node at render time, not bundled by Vite: the loader reads files and runs git.
  const path = new URL('../../io/site-data.ts', `file://${process.env.ITSM_SOURCE ?? process.cwd()}/src/site/lib/`).href;
  const mod = (await import(/* @vite-ignore */ path)) as typeof import('../../io/site-data.ts');
  const got = await mod.gatherSiteData({ root: process.env.ITSM_ROOT ?? process.cwd(), base: import.meta.env.BASE_URL });
  if (!got.data) throw new Error('The workspace has validation errors: run `itsm validate`.');
  return got.data;
}
