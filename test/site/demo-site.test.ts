/**
 * The demo workspace's site (content/ of this repository), as the README's demo command builds it:
 * its dashboard agrees with `itsm sla` and `itsm report`, its pages load without errors or foreign
 * requests, and the demo incident whose body carries <script> and onerror= renders inert.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/io/site-build.ts';
import { serveSite, type Served } from '../../src/io/serve.ts';
import { REPO_ROOT, runMain } from '../helpers/workspace.ts';
import { launch, type Watched } from './browser.ts';

const NOW = '2026-11-26T09:00:00+01:00';
let out: string;
let served: Served;
let b: Watched;
let page: Page;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'itsm-demo-site-'));
  const built = await buildSite({ root: REPO_ROOT, out, now: NOW });
  expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(built.pages).toBeGreaterThan(built.records);
  served = await serveSite({ dir: out });
  b = await launch();
  page = await b.newPage();
});

afterAll(async () => {
  await b?.close();
  await served?.close();
  rmSync(out, { recursive: true, force: true });
});

const go = async (path: string) => {
  const res = await page.goto(served.url + path);
  expect(res?.status(), path).toBe(200);
};
const figure = async (name: string) => (await page.locator(`[data-figure="${name}"]`).first().textContent())?.trim();

/** The incident in the demo whose body tries to run script. */
function scriptIncident(): string {
  const dir = join(REPO_ROOT, 'content/incidents');
  const hit = readdirSync(dir).find((f) => /<script|onerror=/i.test(readFileSync(join(dir, f), 'utf8')));
  if (!hit) throw new Error('the demo has no incident with <script> or onerror= in its body');
  return hit.replace(/\.md$/, '');
}

describe('the demo site, in a browser', () => {
  it('the dashboard shows what `itsm sla` and `itsm report` compute for the same instant', async () => {
    const sla = JSON.parse((await runMain(['sla', '--root', REPO_ROOT, '--now', NOW, '--format', 'json'], { cwd: REPO_ROOT })).stdout);
    const report = JSON.parse((await runMain(['report', '--root', REPO_ROOT, '--now', NOW, '--format', 'json'], { cwd: REPO_ROOT })).stdout);
    await go('');
    expect(await figure('sla-breached')).toBe(String(sla.summary.open_breaches));
    expect(await figure('sla-at-risk')).toBe(String(sla.summary.at_risk));
    const hours = (s: number | null) => (s === null ? '—' : String(Math.round((s / 3600) * 10) / 10));
    expect(await figure('mtta-business-time')).toBe(hours(report.mtta.business.mean_seconds));
    expect(await figure('mttr-wall-clock')).toBe(hours(report.mttr.wall.mean_seconds));
    const pct = (v: number | null) => (v === null ? '—' : String(Math.round(v * 10) / 10));
    expect(await figure('change-success-rate')).toBe(pct(report.change_success_rate.percent));
    expect(await figure('change-failure-rate')).toBe(pct(report.change_failure_rate.percent));
    expect(await figure('open-problems')).toBe(String(report.problem_backlog.open));
    await b.screenshot(page, 'demo-home');
  });

  it('an incident whose body carries <script> and onerror= renders inert', async () => {
    const id = scriptIncident();
    await go(`incidents/${id}/`);
    // Script and onerror handlers would have run by the load event (an image's error comes before it).
    await page.waitForLoadState('load');
    expect(await page.locator('.markdown script, .markdown [onerror]').count()).toBe(0);
    expect(b.dialogs).toEqual([]);
    await b.screenshot(page, 'demo-script-incident');
  });

  it('searching an ID of the demo finds it', async () => {
    await go('search/?q=' + encodeURIComponent('KB-0001'));
    await page.waitForSelector('#search-results li');
    expect(await page.locator('#search-results li').first().getAttribute('data-id')).toBe('KB-0001');
  });

  it('the main pages load with no console errors, broken links or requests to other hosts', async () => {
    for (const [path, name] of [
      ['services/', 'demo-services'],
      ['incidents/', 'demo-incidents'],
      ['changes/', 'demo-changes'],
      ['calendar/', 'demo-calendar'],
      ['cis/', 'demo-cmdb'],
      ['known-errors/', 'demo-known-errors'],
      ['kb/', 'demo-kb'],
      ['reports/', 'demo-reports'],
    ] as const) {
      await go(path);
      await b.screenshot(page, name);
    }
    await go('cis/');
    const ci = await page.locator('table[data-catalog] tbody tr a').first().getAttribute('href');
    await page.goto(new URL(ci!, served.url).href);
    expect(await page.locator('svg.graph').count()).toBe(1);
    await b.screenshot(page, 'demo-ci');
    expect(b.requests.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(b.failed).toEqual([]);
  });
});
