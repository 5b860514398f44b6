import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/io/markdown.ts';
import { renderMarkdownBatch } from '../../src/io/markdown-batch.ts';

describe('record bodies to HTML', () => {
  it('renders GitHub-flavoured Markdown: tables, task lists, autolinks', () => {
    const html = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nSee www.example.com\n');
    expect(html).toContain('<table>');
    expect(html).toContain('<input type="checkbox" checked disabled>');
    expect(html).toContain('<a href="http://www.example.com">www.example.com</a>');
  });

  it('drops raw HTML, event handlers and javascript: links, so nothing in a body can run', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<a href="#" onclick="alert(1)">y</a>\n',
    );
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:/i);
    expect(html).toContain('<a>x</a>');
  });

  it('turns images from other hosts into links, so reading a record requests nothing elsewhere', () => {
    const html = renderMarkdown('![graph](https://tracker.example/pixel.png) and ![local](diagram.png)\n');
    expect(html).toContain('<a href="https://tracker.example/pixel.png" class="external-image">image: graph</a>');
    expect(html).toContain('<img src="diagram.png" alt="local">');
    expect(html).not.toContain('<img src="https:');
  });

  it("prefixes heading ids so a body cannot clobber the page's own ids", () => {
    expect(renderMarkdown('[^1]\n\n[^1]: note\n')).toContain('id="md-');
  });
});

describe('record IDs in bodies', () => {
  const records = new Map([
    ['KB-0002', { href: '/itsm/kb/KB-0002/', title: 'Restart the "web" tier' }],
    ['INC-0042', { href: '/itsm/incidents/INC-0042/', title: 'Checkout down' }],
    ['SVC-payments', { href: '/itsm/services/SVC-payments/', title: 'Payments' }],
    ['TEAM-platform', { href: '/itsm/teams/TEAM-platform/', title: 'Platform' }],
  ]);

  it('link to the records they name, titled with the record name', () => {
    const html = renderMarkdown('Same as INC-0042; follow KB-0002 and call TEAM-platform about SVC-payments.\n', records);
    expect(html).toBe(
      '<p>Same as <a href="/itsm/incidents/INC-0042/" title="Checkout down">INC-0042</a>; follow <a href="/itsm/kb/KB-0002/" title="Restart the &#x22;web&#x22; tier">KB-0002</a> and call <a href="/itsm/teams/TEAM-platform/" title="Platform">TEAM-platform</a> about <a href="/itsm/services/SVC-payments/" title="Payments">SVC-payments</a>.</p>',
    );
  });

  it('leave an unknown ID, an ID inside a longer word, code and existing links as they are', () => {
    const html = renderMarkdown(
      'INC-0043 is unknown; XINC-0042, INC-00420 and SVC-payments-eu are other words.\n\n`INC-0042` in code\n\n```\nKB-0002\n```\n\n[the runbook](https://wiki.example/KB-0002) and [INC-0042](https://other.example/)\n',
      records,
    );
    expect(html).not.toContain('/itsm/');
    expect(html).toContain('<p>INC-0043 is unknown; XINC-0042, INC-00420 and SVC-payments-eu are other words.</p>');
    expect(html).toContain('<code>INC-0042</code>');
    expect(html).toContain('<pre><code>KB-0002\n</code></pre>');
    expect(html).toContain('<a href="https://other.example/">INC-0042</a>');
  });

  it('link IDs in headings, lists and emphasis, and stay sanitized around them', () => {
    const html = renderMarkdown('## After INC-0042\n\n- **KB-0002** first\n\n<script>INC-0042</script> <b onclick="x()">SVC-payments</b>\n', records);
    expect(html).toContain('<h2>After <a href="/itsm/incidents/INC-0042/" title="Checkout down">INC-0042</a></h2>');
    expect(html).toContain('<strong><a href="/itsm/kb/KB-0002/"');
    expect(html).not.toMatch(/<script|onclick/);
  });

  it('link in a batch large enough to render on a worker thread', async () => {
    const html = await renderMarkdownBatch(
      Array.from({ length: 2500 }, (_, i) => `Body ${i} mentions INC-0042.`),
      records,
    );
    expect(html).toHaveLength(2500);
    expect(html[2499]).toBe('<p>Body 2499 mentions <a href="/itsm/incidents/INC-0042/" title="Checkout down">INC-0042</a>.</p>');
  });

  it('link nothing without the list of records', () => {
    expect(renderMarkdown('See INC-0042.\n')).toBe('<p>See INC-0042.</p>');
  });
});
