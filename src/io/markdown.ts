/**
 * Record bodies to HTML through our own unified pipeline (GFM), with raw HTML sanitized: bodies come
 * from anyone who can open a pull request, so nothing they write may run in a reader's browser.
 * Raw HTML is parsed (rehype-raw is not used): remark-rehype drops it, and rehype-sanitize's GitHub
 * schema then strips any event handler, script, style or javascript: URL that GFM could produce.
 */
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { remarkRecordLinks, type RecordLinks } from './markdown-record-links.ts';

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
  value?: string;
}

/**
 * Images from other hosts become links: the site makes no request to another host (a tracking pixel
 * in a record would tell its owner who reads it), and the reader can still open the image.
 */
function imagesFromOtherHostsToLinks() {
  const visit = (node: HastNode) => {
    node.children = node.children?.map((child) => {
      const src = child.tagName === 'img' ? String(child.properties?.src ?? '') : '';
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) {
        const alt = String(child.properties?.alt ?? '') || src;
        return {
          type: 'element',
          tagName: 'a',
          properties: { href: src, className: ['external-image'] },
          children: [{ type: 'text', value: `image: ${alt}` }],
        };
      }
      visit(child);
      return child;
    });
  };
  return (tree: HastNode) => visit(tree);
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRecordLinks)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, { ...defaultSchema, clobberPrefix: 'md-' })
  .use(imagesFromOtherHostsToLinks)
  .use(rehypeStringify)
  .freeze();

/**
 * Deeper than any document needs. The parser recurses once per nested container (blockquote, list:
 * `- - - x` or `> > > x`, a few thousand overflow the stack) and takes polynomial time over nested
 * brackets (`![![![x](y)](y)](y)`: 15 kB took 27 s), so a body nested deeper is shown as plain text.
 */
const MAX_NESTING = 32;
/** Leading indentation (columns) beyond which a line counts as too deep: 32 list levels of 4. */
const MAX_INDENT = 4 * MAX_NESTING;
const CONTAINER_MARKER = /[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/y;

/** True when the body nests containers or brackets deeper than MAX_NESTING. Linear time. */
export function nestedTooDeep(markdown: string): boolean {
  let brackets = 0;
  for (const line of markdown.split('\n')) {
    // A blank line ends every paragraph, so no bracket stays open across it.
    if (line.trim() === '') brackets = 0;
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    if (indent > MAX_INDENT) return true;
    let markers = 0;
    CONTAINER_MARKER.lastIndex = 0;
    while (CONTAINER_MARKER.lastIndex < line.length && CONTAINER_MARKER.test(line)) if (++markers > MAX_NESTING) return true;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 91 /* [ */ && ++brackets > MAX_NESTING) return true;
      if (c === 93 /* ] */ && brackets > 0) brackets--;
    }
  }
  return false;
}

function plainText(markdown: string): string {
  const escaped = markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<pre class="markdown-plain">${escaped}</pre>`;
}

/**
 * Safe HTML for a Markdown body (GitHub-flavoured: tables, task lists, autolinks, strikethrough).
 * IDs of the records in `records` become links to them. A body nested too deep to render in good
 * time, or that the parser fails on, is shown as plain text.
 */
export function renderMarkdown(markdown: string, records?: RecordLinks): string {
  if (nestedTooDeep(markdown)) return plainText(markdown);
  try {
    return String(processor.processSync({ value: markdown, data: { recordLinks: records } }));
  } catch {
    return plainText(markdown);
  }
}
