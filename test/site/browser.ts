/**
 * Browser-test plumbing: Debian's chromium driven by playwright-core, every request recorded (and
 * anything not on 127.0.0.1 refused and remembered), console errors and page errors collected,
 * screenshots saved under test-results/screenshots/ as artifacts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../helpers/workspace.ts';

export const SCREENSHOTS = join(REPO_ROOT, 'test-results/screenshots');

export interface Watched {
  browser: Browser;
  context: BrowserContext;
  /** Every URL the pages asked for. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Dialogs (alert, confirm) opened by any page: script that ran. */
  dialogs: string[];
  /** Responses with status 400 or more (broken links, missing assets). */
  failed: string[];
  newPage(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function launch(): Promise<Watched> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  const failed: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    const host = new URL(url).hostname;
    if (host === '127.0.0.1') return route.continue();
    return route.abort('blockedbyclient');
  });
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    page.on('dialog', (d) => {
      dialogs.push(`${page.url()}: ${d.type()} ${d.message()}`);
      void d.dismiss();
    });
  };
  context.on('page', watch);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    browser,
    context,
    requests,
    errors,
    dialogs,
    failed,
    newPage: () => context.newPage(),
    screenshot: async (page, name) => void (await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })),
    close: () => browser.close(),
  };
}
