/**
 * No setting or record can turn a link on the site, or in a chat message, into script or send it to
 * another host: repo_url and source.url are http(s) addresses, site_base is a plain path, in the
 * schemas, and again in every function that builds a link (in case a schema is bypassed).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordUrl } from '../../src/core/notify.ts';
import { forgeLinks } from '../../src/core/forge.ts';
import { siteLinks } from '../../src/core/site/links.ts';
import { sourceValue } from '../../src/core/site/record-page.ts';
import { BASE_PATH_PATTERN } from '../../src/core/urls.ts';
import { renderMarkdown } from '../../src/io/markdown.ts';
import { makeWorkspace, record, REPO_ROOT, runMain } from '../helpers/workspace.ts';
import { fixtureFiles } from '../site/fixture.ts';

/** Addresses that run script, leave for another host or hide the host they go to. */
const BAD_URLS = [
  'javascript:alert(document.cookie)',
  'JavaScript:alert(1)//https://github.com/acme/itsm',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/acme/itsm',
  '/\\evil.example/acme/itsm',
  'https:\\\\evil.example\\acme',
  'https://github.com@evil.example/acme/itsm',
  'https://user:pass@github.com/acme/itsm',
  'ftp://evil.example/acme',
  'https:evil.example/acme',
  'https://github.com/acme/itsm"onmouseover="alert(1)',
  'https://github.com/acme/it sm',
];
const GOOD_URLS = ['https://github.com/acme/itsm', 'http://git.internal:8080/acme/itsm', 'https://github.example.com/acme/itsm/'];

/** Base paths that would send every link on the site elsewhere, or are not a path at all. */
const BAD_BASES = [
  '/\\evil.example/',
  '//evil.example/',
  '/../',
  '/itsm/../',
  '/./',
  '/a//b/',
  'https://evil.example/',
  'javascript:alert(1)//',
  '/itsm?x=1',
  '/itsm#top',
  '/it sm/',
  '/itsm/\\',
];
const GOOD_BASES = ['/', '/docs/', '/itsm/', '/itsm', '/docs/v2/', '/my.site_1~x-y/'];

async function validateWith(edit: (files: Record<string, string>) => void) {
  const files = fixtureFiles();
  edit(files);
  const r = await runMain(['validate', '--format', 'json'], { cwd: makeWorkspace(files) });
  const diagnostics = (
    JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; severity: string; message: string; hint: string | null }> }
  ).diagnostics.filter((d) => d.severity === 'error');
  return { code: r.code, diagnostics };
}

const setting = (key: string, value: string) => (files: Record<string, string>) => {
  files['itsm.yaml'] = files['itsm.yaml']!.replace(/^repo_url: .*\n/m, '') + `${key}: ${JSON.stringify(value)}\n`;
};

describe('itsm.yaml repo_url', () => {
  it.each(BAD_URLS)('refuses %j', async (url) => {
    const { code, diagnostics } = await validateWith(setting('repo_url', url));
    expect(code).toBe(1);
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'itsm.yaml', message: expect.stringContaining('`repo_url`') })]);
  });

  it('refuses a query or fragment, which the edit links would append paths to', async () => {
    expect((await validateWith(setting('repo_url', 'https://github.com/acme/itsm?tab=1'))).diagnostics).toHaveLength(1);
    expect((await validateWith(setting('repo_url', 'https://github.com/acme/itsm#readme'))).diagnostics).toHaveLength(1);
  });

  it.each(GOOD_URLS)('accepts %j', async (url) => {
    expect((await validateWith(setting('repo_url', url))).diagnostics).toEqual([]);
  });
});

describe('itsm.yaml site_base', () => {
  it.each(BAD_BASES)('refuses %j', async (base) => {
    const { code, diagnostics } = await validateWith(setting('site_base', base));
    expect(code).toBe(1);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'itsm.yaml', message: expect.stringContaining('`site_base`'), hint: expect.stringContaining('plain path segments') }),
    ]);
  });

  it.each(GOOD_BASES)('accepts %j', async (base) => {
    expect((await validateWith(setting('site_base', base))).diagnostics).toEqual([]);
  });

  it('`itsm build --base` refuses the same, before building anything', async () => {
    const root = makeWorkspace(fixtureFiles());
    for (const base of ['/\\evil.example/', '//evil.example/', 'https://evil.example/', '/../']) {
      const r = await runMain(['build', '--base', base, '--out', `${root}/out`], { cwd: root });
      expect(r.code, base).toBe(2);
      expect(r.stderr).toContain('is not a plain path such as / or /itsm/');
    }
  });
});

describe("a record's source.url", () => {
  it.each(BAD_URLS)('refuses %j', async (url) => {
    const { code, diagnostics } = await validateWith((files) => {
      files['content/incidents/INC-0009.md'] = record(
        `id: INC-0009\ntitle: Imported\nstatus: new\nservice: SVC-payments\nimpact: low\nurgency: low\npriority: P4\nreported_at: 2026-11-19T09:00:00+01:00\nsource: { system: servicenow, id: INC0010001, url: ${JSON.stringify(url)} }`,
      );
    });
    expect(code).toBe(1);
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'content/incidents/INC-0009.md', message: expect.stringContaining('`source.url`') })]);
  });
});

describe('the link builders refuse the same, even when a schema is bypassed', () => {
  it.each(BAD_BASES)('site links with base %j stay on the site', (base) => {
    const links = siteLinks(base);
    expect(links.home).toBe('/');
    for (const href of [links.home, links.record('INC-0001'), links.page('reports/'), links.api('records'), links.search('x')])
      expect(href).toMatch(/^\/(?![/\\])/);
  });

  it.each(GOOD_BASES)('site links with base %j keep it', (base) => {
    expect(siteLinks(base).record('INC-0001')).toBe(`${base.endsWith('/') ? base : base + '/'}incidents/INC-0001/`);
  });

  it.each(BAD_URLS)('no edit, new-record, source or chat link from %j', (url) => {
    const forge = forgeLinks(url);
    expect(forge.edit('content/incidents/INC-0001.md')).toBeUndefined();
    expect(forge.create('incident', 'INC-0002.md')).toBeUndefined();
    expect(sourceValue({ system: 'servicenow', id: 'INC0010001', url })).toMatchObject({ href: null });
    expect(recordUrl({ id: 'INC-0001', kind: 'incident', file: 'content/incidents/INC-0001.md' }, { repoUrl: url })).toBeUndefined();
  });

  it('a good repository address still gives its links', () => {
    expect(forgeLinks('https://github.com/acme/itsm/').edit('content/incidents/INC-0001.md')).toBe(
      'https://github.com/acme/itsm/edit/main/content/incidents/INC-0001.md',
    );
    expect(recordUrl({ id: 'INC-0001', kind: 'incident', file: 'content/incidents/INC-0001.md' }, { repoUrl: 'https://github.com/acme/itsm' })).toBe(
      'https://github.com/acme/itsm/blob/main/content/incidents/INC-0001.md',
    );
  });

  it('the schema, the link builders and astro.config.mjs state one base-path rule', () => {
    const workspace = JSON.parse(readFileSync(`${REPO_ROOT}schemas/workspace.schema.json`, 'utf8')) as { properties: { site_base: { pattern: string } } };
    expect(workspace.properties.site_base.pattern).toBe(BASE_PATH_PATTERN);
    expect(readFileSync(`${REPO_ROOT}astro.config.mjs`, 'utf8')).toContain(`/${BASE_PATH_PATTERN.replace(/\//g, '\\/')}/.test(base)`);
  });
});

describe("links in a record's Markdown body", () => {
  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java&#09;script:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)'])(
    'a link or image to %j keeps its text and loses its address',
    (url) => {
      const html = renderMarkdown(`[click](${url}) ![img](${url}) <a href="${url}">raw</a>`);
      expect(html).not.toMatch(/(href|src)=/);
      expect(html).toContain('click');
    },
  );
});
