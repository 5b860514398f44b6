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
        return { type: 'element', tagName: 'a', properties: { href: src, className: ['external-image'] }, children: [{ type: 'text', value: `image: ${alt}` }] };
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
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, { ...defaultSchema, clobberPrefix: 'md-' })
  .use(imagesFromOtherHostsToLinks)
  .use(rehypeStringify)
  .freeze();

/** Safe HTML for a Markdown body (GitHub-flavoured: tables, task lists, autolinks, strikethrough). */
export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
