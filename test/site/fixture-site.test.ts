/**
 * The built site in a real browser: a small workspace (in git, so pages have history) built under a
 * GitHub Pages base path, served on 127.0.0.1, and used the way a service desk would use it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../src/core/schema-ids.ts';
import { buildSite } from '../../src/io/site-build.ts';
import { readSchemas } from '../../src/io/schemas.ts';
import { packageVersion } from '../../src/io/version.ts';
import { serveSite, type Served } from '../../src/io/serve.ts';
import type { GitRepo } from '../helpers/git-repo.ts';
import { runMain } from '../helpers/workspace.ts';
import { launch, type Watched } from './browser.ts';
import { FIXTURE_NOW, fixtureRepo } from './fixture.ts';

let repo: GitRepo;
let out: string;
let served: Served;
let b: Watched;
let page: Page;

beforeAll(async () => {
  repo = fixtureRepo();
  out = mkdtempSync(join(tmpdir(), 'itsm-site-out-'));
  const built = await buildSite({ root: repo.dir, out, base: '/itsm/', now: FIXTURE_NOW });
  expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  served = await serveSite({ dir: out, base: '/itsm/' });
  b = await launch();
  page = await b.newPage();
});

afterAll(async () => {
  await b?.close();
  await served?.close();
  rmSync(out, { recursive: true, force: true });
  repo?.remove();
});

const go = async (path: string) => {
  const res = await page.goto(served.url + path);
  expect(res?.status(), path).toBe(200);
};
const text = async (sel: string) => ((await page.locator(sel).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const count = (sel: string) => page.locator(sel).count();
const figure = (name: string) => page.locator(`[data-figure="${name}"]`).first().textContent();

describe('the site of a small workspace, in a browser', () => {
  it('the home page shows the figures `itsm sla` and `itsm report` compute', async () => {
    const sla = JSON.parse((await runMain(['sla', '--root', repo.dir, '--now', FIXTURE_NOW, '--format', 'json'], { cwd: repo.dir })).stdout);
    const report = JSON.parse((await runMain(['report', '--root', repo.dir, '--now', FIXTURE_NOW, '--format', 'json'], { cwd: repo.dir })).stdout);
    await go('');
    expect(await page.title()).toBe('Dashboard · Fixture Corp');
    expect(await figure('sla-breached')).toBe(String(sla.summary.open_breaches));
    expect(await figure('sla-at-risk')).toBe(String(sla.summary.at_risk));
    expect(await figure('open-incidents')).toBe('2');
    expect(await figure('open-P1')).toBe('1');
    expect(await figure('upcoming-changes')).toBe('2');
    expect(await figure('mttr-wall-clock')).toBe(String(Math.round((report.mttr.wall.mean_seconds / 3600) * 10) / 10));
    expect(await figure('change-failure-rate')).toBe(String(report.change_failure_rate.percent));
    expect(await text('[data-sla="breached"]')).toContain('INC-0001');
    await b.screenshot(page, 'home');
  });

  it('keyboard users reach the skip link, then the search box, with Tab', async () => {
    await go('');
    const focused: string[] = [];
    for (let i = 0; i < 6 && focused.at(-1) !== 'site-search'; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ''));
    }
    expect(focused[0]).toBe('Skip to content');
    expect(focused).toContain('site-search');
    await page.keyboard.type('zebra');
    await page.keyboard.press('Enter');
    await page.waitForURL(/search\/\?q=zebra/);
    await page.waitForSelector('#search-results li');
    expect(await page.locator('#search-results li').first().getAttribute('data-id')).toBe('INC-0003');
  });

  it('searching a word finds the record that says it, and only that one', async () => {
    await go('search/?q=zebra');
    await page.waitForSelector('#search-results li');
    expect(await page.locator('#search-results li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))).toEqual(['INC-0003']);
    expect(await text('#search-status')).toBe('1 record found.');
  });

  it('typing an ID finds that record first', async () => {
    await go('search/');
    await page.waitForSelector('#search-form[data-ready]');
    await page.fill('#q', 'PRB-0001');
    await page.waitForSelector('#search-results li');
    expect(await page.locator('#search-results li').first().getAttribute('data-id')).toBe('PRB-0001');
    await page.locator('#search-results li a').first().click();
    await page.waitForURL(/\/itsm\/problems\/PRB-0001\/$/);
    await go('search/?q=PRB-0001');
    await page.waitForSelector('#search-results li');
    await b.screenshot(page, 'search');
  });

  it('a filter narrows the results to one kind', async () => {
    await go('search/?q=payments');
    await page.waitForSelector('#search-results li');
    const all = await page.locator('#search-results li').count();
    await page.selectOption('select[name=kind]', 'incident');
    await expect.poll(async () => page.locator('#search-results li').count()).toBeLessThan(all);
    const ids = await page.locator('#search-results li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
    expect(ids.sort()).toEqual(['INC-0001', 'INC-0003']);
    expect(page.url()).toContain('kind=incident');
    // Filters alone, as a service page's "and N more" link uses them.
    await go('search/?service=SVC-payments&kind=incident');
    await page.waitForSelector('#search-results li');
    expect((await page.locator('#search-results li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))).sort()).toEqual([
      'INC-0001',
      'INC-0003',
    ]);
  });

  it('the incident catalog filters by priority and sorts by a column', async () => {
    await go('incidents/#all');
    const visible = () => page.locator('table[data-catalog] tbody tr:not([hidden])').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
    expect(await visible()).toEqual(['INC-0003', 'INC-0002', 'INC-0001']);
    await page.selectOption('form[data-filters-for] select[name=priority]', 'P1');
    expect(await visible()).toEqual(['INC-0001']);
    await page.click('button[type=reset]');
    await expect.poll(visible).toEqual(['INC-0003', 'INC-0002', 'INC-0001']);
    await page.click('th[data-key=reported_at] button');
    await page.click('th[data-key=reported_at] button');
    expect(await visible()).toEqual(['INC-0003', 'INC-0001', 'INC-0002']);
    expect(await page.locator('th[data-key=reported_at]').getAttribute('aria-sort')).toBe('descending');
    await b.screenshot(page, 'incidents');
    await go('incidents/?status=open');
    expect(await visible()).toEqual(['INC-0003', 'INC-0001']);
  });

  it('a record page shows its fields, related records both ways, SLA and git history', async () => {
    await go('incidents/INC-0001/');
    expect(await text('h1')).toBe('INC-0001 Card payments time out');
    const related = await text('[data-related]');
    expect(related).toContain('PRB-0001 Database connection pool too small for peak load');
    expect(related).toContain('SVC-payments Payments');
    expect(await text('tr[data-clock=resolution]')).toContain('breached');
    const latest = await text('[data-history] li');
    expect(latest).toContain('PR #12');
    expect(latest).toContain('status: acknowledged → in_progress');
    expect(await text('[data-history]')).toContain('created');
    // The assignee by name, linked to their row on their team's page (handle, other logins, email).
    const assignee = page.locator('dd[data-field=assignee] a');
    expect(await assignee.textContent()).toBe('Carol Chen');
    await assignee.click();
    expect(page.url()).toBe(served.url + 'teams/TEAM-payments/#person-carol');
    expect(await text('tr#person-carol')).toContain('carol');
    await go('incidents/INC-0001/');
    expect(await page.locator('a', { hasText: 'Propose a change to this record' }).getAttribute('href')).toBe(
      'https://github.com/fixture/itsm/edit/main/content/incidents/INC-0001.md',
    );
    await b.screenshot(page, 'record-incident');
    await go('problems/PRB-0001/');
    expect(await count('[data-related] dd[data-direction=in]')).toBeGreaterThan(0);
    expect(await text('[data-related]')).toContain('KB-0001');
  });

  it('a change page shows the pull request that approved it, by whom', async () => {
    await go('changes/CHG-0002/');
    const approvals = await text('[data-approvals]');
    expect(approvals).toContain('approved in PR #12');
    expect(approvals).toContain('Approved by carol');
    expect(approvals).toContain('1 from service-owner of SVC-payments: carol');
    expect(await text('main')).toContain('conflict CHG-0003');
  });

  it('a CI page draws its relationship graph and names the services that fail with it', async () => {
    await go('cis/CI-pg-main/');
    expect(await count('svg.graph a')).toBe(3);
    expect(await count('svg.graph a[href="/itsm/cis/CI-payments-api/"]')).toBe(1);
    expect(await page.locator('[data-impact] li').allTextContents()).toEqual([
      expect.stringContaining('SVC-checkout'),
      expect.stringContaining('SVC-payments'),
    ]);
    await b.screenshot(page, 'cmdb-ci');
  });

  it('the reports page has SVG charts and downloads for each table', async () => {
    await go('reports/');
    expect(await page.locator('svg.chart').count()).toBeGreaterThan(3);
    expect(await text('svg.chart title')).toBe('Incident volume by month');
    const csv = await page.request.get(served.url + 'reports/top-cis.csv');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(/^CI,Name,Incidents\r\n/);
    const json = await page.request.get(served.url + 'reports/top-cis.json');
    expect((await json.json()).rows.length).toBeGreaterThan(0);
    await b.screenshot(page, 'reports');
  });

  it('the change calendar shows the month with the conflicting changes flagged', async () => {
    await go('calendar/');
    expect(await text('h1')).toBe('Change calendar: November 2026');
    expect(await count('td[data-date="2026-11-24"] li.conflict')).toBe(2);
    expect(await text('[data-conflicts]')).toContain('CHG-0002');
    await b.screenshot(page, 'calendar');
  });

  it('the service catalog, known errors and knowledge base render', async () => {
    await go('services/');
    expect(await count('article.card')).toBe(3);
    await b.screenshot(page, 'services');
    await go('known-errors/');
    expect(await text('article')).toContain('Restart the payments API pods');
    await go('kb/');
    expect(await text('#cat-how-to')).toContain('How-to guides');
    const api = await page.request.get(served.url + 'api/INC-0001.json');
    expect((await api.json()).data.priority).toBe('P1');
  });

  it('the status page rolls incidents up per service, and feeds and schemas are published', async () => {
    await go('status/');
    expect(await page.locator('[data-overall]').getAttribute('data-overall')).toBe('major_outage');
    expect(await page.locator('[data-service="SVC-payments"] [data-status]').getAttribute('data-status')).toBe('major_outage');
    expect(await count('[data-service="SVC-payments"] svg.uptime rect')).toBe(90);
    // Public text only: a neutral sentence instead of the internal title.
    const payments = await text('[data-service="SVC-payments"]');
    expect(payments).toContain('We are investigating an issue affecting Payments.');
    expect(payments).not.toContain('Card payments time out');
    await b.screenshot(page, 'status');
    const feed = await page.request.get(served.url + 'feeds/incidents.xml');
    expect(feed.headers()['content-type']).toBe('application/xml; charset=utf-8');
    expect(await feed.text()).toContain('<link rel="alternate" href="/itsm/incidents/INC-0003/"/>');
    const schema = await page.request.get(served.url + 'schemas/incident.schema.json');
    expect((await schema.json()).title ?? (await schema.json()).$id).toBeTruthy();
  });

  it("publishes every schema as the latest and under its version, each at its `$id`'s path", async () => {
    const version = schemaVersion(packageVersion());
    const names = Object.keys(readSchemas().documents);
    const published = readdirSync(join(out, 'schemas'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    expect(published.sort()).toEqual([...names.map((n) => `${n}.schema.json`), ...names.map((n) => `${version}/${n}.schema.json`)].sort());
    for (const file of published.filter((f) => f.startsWith(`${version}/`))) {
      const { $id } = JSON.parse(readFileSync(join(out, 'schemas', file), 'utf8')) as { $id: string };
      expect(new URL($id).pathname).toBe(`/schemas/${file}`);
    }
    // Served under the site's base path, the versioned address is the `$id`'s path.
    const res = await page.request.get(served.url + `schemas/${version}/incident.schema.json`);
    expect(res.status()).toBe(200);
    expect(new URL((await res.json()).$id).pathname).toBe(`/schemas/${version}/incident.schema.json`);
  });

  it('a body with <script> and onerror= renders inert', async () => {
    await go('incidents/INC-0002/');
    expect(await text('.markdown')).toContain('Checkout failed for some users.');
    // Script and onerror handlers would have run by the load event (an image's error comes before it).
    await page.waitForLoadState('load');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('.markdown script, .markdown [onerror], .markdown [onclick]').count()).toBe(0);
    expect(await page.locator('.markdown a[href^="javascript:"]').count()).toBe(0);
    await page.locator('.markdown a', { hasText: 'click me' }).click();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(b.dialogs).toEqual([]);
  });

  it('pages have landmarks, one h1, labelled controls; dark mode, print and phone layouts work', async () => {
    for (const path of ['', 'incidents/', 'incidents/INC-0001/', 'search/', 'calendar/', 'reports/', 'status/']) {
      await go(path);
      const audit = await page.evaluate(() => ({
        h1: document.querySelectorAll('h1').length,
        main: document.querySelectorAll('main').length,
        nav: document.querySelectorAll('nav[aria-label]').length,
        lang: document.documentElement.lang,
        unlabelled: [...document.querySelectorAll('input, select, button')].filter((c) => {
          const el = c as HTMLInputElement;
          return !(
            el.labels?.length ||
            el.getAttribute('aria-label') ||
            (el.tagName === 'BUTTON' && el.textContent?.trim()) ||
            el.type === 'hidden' ||
            el.closest('[hidden]')
          );
        }).length,
        unnamedSvg: [...document.querySelectorAll('svg.chart, svg.graph, svg.uptime')].filter((svg) => !svg.getAttribute('aria-label')).length,
      }));
      expect(audit, path).toEqual({ h1: 1, main: 1, nav: audit.nav, lang: 'en', unlabelled: 0, unnamedSvg: 0 });
      expect(audit.nav, path).toBeGreaterThan(0);
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await go('incidents/INC-0001/');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(20, 23, 28)');
    await b.screenshot(page, 'record-incident-dark');
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    expect(await page.locator('nav[aria-label=Main]').isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of ['', 'incidents/INC-0001/', 'cis/CI-pg-main/']) {
      await go(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(1);
    }
    await b.screenshot(page, 'record-ci-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('catalogs and record pages are complete without JavaScript', async () => {
    const noJs = await b.browser.newContext({ javaScriptEnabled: false });
    await noJs.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    const p = await noJs.newPage();
    await p.goto(served.url + 'incidents/');
    expect(await p.locator('table[data-catalog] tbody tr').count()).toBe(3);
    expect(await p.locator('form[data-filters-for]').isVisible()).toBe(false);
    await p.goto(served.url + 'reports/');
    expect(await p.locator('svg.chart').count()).toBeGreaterThan(3);
    await p.goto(served.url + 'search/');
    expect(await p.locator('noscript').count()).toBe(1);
    await noJs.close();
  });

  it('text keeps a contrast of at least 4.5:1 in light and dark mode', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of ['', 'incidents/INC-0001/', 'status/']) {
        await go(path);
        const worst = await page.evaluate(() => {
          const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
          const lum = ([r, g, b]: number[]) => {
            const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
          };
          const background = (el: Element | null): number[] => {
            for (; el; el = el.parentElement) {
              const c = rgb(getComputedStyle(el).backgroundColor);
              if (c.length === 3 || (c.length === 4 && c[3]! > 0.5)) return c.slice(0, 3);
            }
            return [255, 255, 255];
          };
          let min = { ratio: 21, what: '' };
          for (const el of document.querySelectorAll('main p, main a, main td, main th, main dt, main dd, .badge, nav a, .site-footer p')) {
            if (!(el as HTMLElement).offsetParent || !el.textContent?.trim()) continue;
            const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            if (ratio < min.ratio) min = { ratio, what: `${el.tagName}.${el.className}: ${el.textContent.trim().slice(0, 30)}` };
          }
          return min;
        });
        expect(worst.ratio, `${scheme} ${path}: ${worst.what}`).toBeGreaterThanOrEqual(4.5);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it("a team's queue lists its open records, soonest due first, with due times and time left", async () => {
    const cli = JSON.parse(
      (await runMain(['queue', '--root', repo.dir, '--now', FIXTURE_NOW, '--team', 'payments', '--format', 'json'], { cwd: repo.dir })).stdout,
    );
    await go('teams/TEAM-payments/');
    expect(await text('[data-queue-link]')).toBe('Queue: 2 open');
    await page.click('[data-queue-link]');
    await page.waitForURL(/\/itsm\/queues\/TEAM-payments\/$/);
    expect(await text('h1')).toBe('Queue of Payments team');
    const rows = page.locator('table[data-queue] tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((r) => (r as HTMLElement).dataset.id))).toEqual(cli.rows.map((r: { id: string }) => r.id));
    expect(cli.rows.map((r: { id: string }) => r.id)).toEqual(['INC-0001', 'INC-0003']);
    // INC-0001's resolution clock ran out at 13:00 the day before; INC-0003 must be answered by tomorrow 08:00.
    expect(await rows.nth(0).locator('[data-sla-due] time').getAttribute('datetime')).toBe(cli.rows[0].sla.due_at);
    expect(await text('table[data-queue] tbody tr:nth-child(1) [data-sla-due]')).toBe('2026-11-19 13:00 CET overdue 21h 00m');
    expect(await text('table[data-queue] tbody tr:nth-child(2) [data-sla-due]')).toBe('2026-11-21 08:00 CET 22h 00m left');
    expect(await text('table[data-queue] tbody tr:nth-child(1)')).toContain('carol');
    expect(await text('main')).toContain('as of 2026-11-20 10:00 CET');
    await b.screenshot(page, 'queue-team');
  });

  it('the unassigned queue lists open work nobody has taken, reached from the navigation and the dashboard', async () => {
    await go('');
    expect(await figure('unassigned')).toBe('1');
    expect(await page.locator('[data-list="urgent"] li').evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.id))).toEqual(['INC-0001']);
    expect(await page.locator('[data-list="next-breaches"] li').evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.id))).toEqual(['INC-0003']);
    await page.click('nav[aria-label=Main] a:text("Queues")');
    await page.waitForURL(/\/itsm\/queues\/$/);
    expect(await page.locator('[data-queue-key]').evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.queueKey))).toEqual([
      'unassigned',
      'TEAM-payments',
      'TEAM-platform',
    ]);
    await page.click('[data-queue-key=unassigned] a');
    await page.waitForURL(/\/itsm\/queues\/unassigned\/$/);
    // INC-0001 is carol's; the problem and the changes are assigned to their team (they have no assignee field).
    expect(await page.locator('table[data-queue] tbody tr').evaluateAll((trs) => trs.map((r) => (r as HTMLElement).dataset.id))).toEqual(['INC-0003']);
    expect(await text('table[data-queue] tbody tr')).toContain('TEAM-payments');
    await go('queues/TEAM-platform/');
    expect(await page.locator('table[data-queue] tbody tr').evaluateAll((trs) => trs.map((r) => (r as HTMLElement).dataset.id))).toEqual([
      'PRB-0001',
      'CHG-0002',
      'CHG-0003',
    ]);
  });

  it('catalogs show the open records first, with a switch to all, with and without JavaScript', async () => {
    const visible = () => page.locator('table[data-catalog] tbody tr:visible').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
    await go('incidents/');
    expect(await visible()).toEqual(['INC-0003', 'INC-0001']);
    expect(await text('[data-count]')).toBe('2 of 3 records');
    await page.click('a[data-show=all]');
    await expect.poll(visible).toEqual(['INC-0003', 'INC-0002', 'INC-0001']);
    expect(page.url()).toMatch(/#all$/);
    await page.click('a[data-show=open]');
    await expect.poll(visible).toEqual(['INC-0003', 'INC-0001']);
    // Services have no open statuses: no switch, everything listed.
    await go('services/');
    expect(await count('a[data-show]')).toBe(0);

    const noJs = await b.browser.newContext({ javaScriptEnabled: false });
    await noJs.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    const p = await noJs.newPage();
    const shown = () => p.locator('table[data-catalog] tbody tr:visible').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
    await p.goto(served.url + 'incidents/');
    expect(await shown()).toEqual(['INC-0003', 'INC-0001']);
    await p.click('a[data-show=all]');
    expect(await shown()).toEqual(['INC-0003', 'INC-0002', 'INC-0001']);
    await p.click('a[data-show=open]');
    expect(await shown()).toEqual(['INC-0003', 'INC-0001']);
    await noJs.close();
  });

  it('the assignee column is a facet of the incident catalog', async () => {
    await go('incidents/#all');
    expect(await page.locator('table[data-catalog] thead th').allTextContents()).toContain('Assignee');
    await page.selectOption('form[data-filters-for] select[name=assignee]', 'carol');
    const visible = () => page.locator('table[data-catalog] tbody tr:visible').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
    await expect.poll(visible).toEqual(['INC-0001']);
    expect(page.url()).toContain('assignee=carol');
    await go('incidents/?assignee=carol');
    expect(await visible()).toEqual(['INC-0001']);
  });

  it('time left counts down in the browser from the due time', async () => {
    const p = await b.newPage();
    await p.clock.install({ time: new Date('2026-12-01T12:00:00Z') });
    await p.goto(served.url + 'queues/TEAM-payments/');
    const left = (n: number) => p.locator(`table[data-queue] tbody tr:nth-child(${n}) [data-countdown]`).textContent();
    // Built as of FIXTURE_NOW: the countdown starts there, whatever the reader's clock says.
    expect(await left(1)).toBe('overdue 21h 00m');
    expect(await left(2)).toBe('22h 00m left');
    await p.clock.runFor('30:00');
    expect(await left(1)).toBe('overdue 21h 30m');
    expect(await left(2)).toBe('21h 30m left');
    // The catalog's SLA cells and the record page count down too.
    await p.goto(served.url + 'incidents/INC-0003/');
    expect(await p.locator('[data-clock=response] [data-countdown]').textContent()).toBe('22h 00m left');
    await p.clock.runFor('01:00:00');
    expect(await p.locator('[data-clock=response] [data-countdown]').textContent()).toBe('21h 00m left');
    await p.close();
  });

  it("a site built at the current time counts down from the reader's clock", async () => {
    const p = await b.newPage();
    // The same page as a build without --now would serve it: data-live="true".
    await p.route('**/queues/TEAM-payments/', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: (await res.text()).replace('data-live="false"', 'data-live="true"') });
    });
    await p.clock.install({ time: new Date('2026-11-20T12:00:00+01:00') });
    await p.goto(served.url + 'queues/TEAM-payments/');
    // Two hours after the build: INC-0003's response is due at 08:00 tomorrow.
    expect(await p.locator('table[data-queue] tbody tr:nth-child(2) [data-countdown]').textContent()).toBe('20h 00m left');
    await p.clock.runFor('21:00:00');
    expect(await p.locator('table[data-queue] tbody tr:nth-child(2) [data-countdown]').textContent()).toBe('overdue 1h 00m');
    await p.close();
  });

  it('no page asked another host for anything, logged an error or hit a broken link', async () => {
    expect(b.requests.length).toBeGreaterThan(20);
    expect(b.requests.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(b.failed).toEqual([]);
  });
});
