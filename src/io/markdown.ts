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

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, { ...defaultSchema, clobberPrefix: 'md-' })
  .use(rehypeStringify)
  .freeze();

/** Safe HTML for a Markdown body (GitHub-flavoured: tables, task lists, autolinks, strikethrough). */
export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
