/**
 * A remark plugin: record IDs written in a body ("rolled back by CHG-0007, see KB-0002") become links
 * to those records' pages. Only IDs of records that exist are linked (anything else stays text, so a
 * typo or a ServiceNow number is not turned into a broken link); code spans, code blocks and text that
 * is already a link are left alone. It runs before sanitizing, so the links pass the same sanitizer
 * as everything the author wrote.
 */
import { idMentionPattern } from '../core/ids.ts';

/** The records a body may link to: ID -> the page's address and the record's name (the link's title). */
export type RecordLinks = ReadonlyMap<string, { href: string; title: string }>;

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  title?: string | null;
  children?: MdNode[];
}

/** Nodes whose text is already a link: an ID inside them is not linked again. */
const LINKS = new Set(['link', 'linkReference']);

function linkText(value: string, records: RecordLinks, pattern: RegExp): MdNode[] | undefined {
  let out: MdNode[] | undefined;
  let last = 0;
  for (const m of value.matchAll(pattern)) {
    const target = records.get(m[0]);
    if (!target) continue;
    out ??= [];
    if (m.index > last) out.push({ type: 'text', value: value.slice(last, m.index) });
    out.push({ type: 'link', url: target.href, title: target.title, children: [{ type: 'text', value: m[0] }] });
    last = m.index + m[0].length;
  }
  if (out && last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}

/** The plugin; the records come with each file, as `file.data.recordLinks`. */
export function remarkRecordLinks() {
  const pattern = idMentionPattern();
  const visit = (node: MdNode, records: RecordLinks): void => {
    if (!node.children || LINKS.has(node.type)) return;
    node.children = node.children.flatMap((child) => {
      // Code (inline or block) has a value but no text children, so it is never looked into.
      if (child.type === 'text' && child.value) return linkText(child.value, records, pattern) ?? [child];
      visit(child, records);
      return [child];
    });
  };
  return (tree: MdNode, file: { data: object }) => {
    const records = (file.data as { recordLinks?: RecordLinks }).recordLinks;
    if (records && records.size > 0) visit(tree, records);
  };
}
