import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/io/markdown.ts';

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
