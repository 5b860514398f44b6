/**
 * A site built once per test file from fixture files, read as HTML: the set-up and the small readers
 * (`html`, `text`, `element`, `rows`) the built-HTML tests share.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildSite } from '../../src/io/site-build.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { FIXTURE_NOW } from './fixture.ts';

export interface BuiltSite {
  /** The workspace the site was built from (set once the build has run). */
  root: string;
  /** A built page's HTML, by its path under the site (`incidents/INC-0001`). */
  html: (path: string) => string;
  /** Any built file's text, by its path under the site (`api/INC-0001.json`). */
  file: (path: string) => string;
}

/** Builds the site of `files` under /itsm/ as of FIXTURE_NOW before the file's tests, removing both folders after. */
export function builtSite(files: Record<string, string>, prefix: string): BuiltSite {
  let out = '';
  const site: BuiltSite = {
    root: '',
    html: (path) => readFileSync(join(out, path, 'index.html'), 'utf8'),
    file: (path) => readFileSync(join(out, path), 'utf8'),
  };
  beforeAll(async () => {
    site.root = makeWorkspace(files, `${prefix}-`);
    out = mkdtempSync(join(tmpdir(), `${prefix}-out-`));
    const built = await buildSite({ root: site.root, out, base: '/itsm/', now: FIXTURE_NOW });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  }, 240_000);
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(site.root, { recursive: true, force: true });
  });
  return site;
}

/** The text of an element's content, tags dropped, apostrophes decoded and white space collapsed. */
export const text = (fragment: string) =>
  fragment
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** The first element carrying `attribute`, as HTML. */
export function element(page: string, attribute: string): string {
  const start = page.indexOf(attribute);
  expect(start, attribute).toBeGreaterThan(-1);
  const open = page.lastIndexOf('<', start);
  const tag = /^<(\w+)/.exec(page.slice(open))![1]!;
  return page.slice(open, page.indexOf(`</${tag}>`, start) + tag.length + 3);
}

/** A table's body rows, each as its text. */
export const rows = (table: string) => [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => text(m[1]!));
