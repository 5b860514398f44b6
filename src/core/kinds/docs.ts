/**
 * The documentation's kind tables (README "Record kinds", the transition tables in README and
 * docs/history.md), printed from the registry so the docs say what the validator enforces.
 * `scripts/gen-docs.ts` writes them between marker comments.
 */
import { MAX_ID_DIGITS } from './definition.ts';
import type { KindRegistry } from './registry.ts';

/** One row per kind: folder, ID shape, lifecycle and schema. */
export function kindsTableMarkdown(registry: KindRegistry): string {
  const rows = registry.definitions.map((d) => {
    const id = d.numbered ? `\`${d.prefix}<n>\`` : `\`${d.prefix}<slug>\``;
    return `| ${d.label} | \`${d.folder}/\` | ${id} | ${d.lifecycle.statuses.join(', ')} | [${d.schema}](schemas/${d.schema}.schema.json) |`;
  });
  const note = `\n\`<n>\`: 4 to ${MAX_ID_DIGITS} digits (\`INC-0042\`); \`<slug>\`: lowercase words joined by hyphens (\`SVC-payments-api\`).`;
  return ['| kind | folder | ID | lifecycle | schema |', '|---|---|---|---|---|', ...rows, note].join('\n') + '\n';
}

/** The transition tables, one per kind, with locked and "instead of deleting" statuses noted. */
export function transitionTablesMarkdown(registry: KindRegistry): string {
  const sections = registry.definitions.map((d) => {
    const life = d.lifecycle;
    const rows = life.statuses.map((s) => {
      const next = life.transitions[s] ?? [];
      const notes = [life.locked.includes(s) ? 'locked' : '', s === life.retire ? 'instead of deleting' : ''].filter(Boolean).join(', ');
      return `| \`${s}\` | ${next.length ? next.map((n) => `\`${n}\``).join(', ') : '(final)'} | ${notes} |`;
    });
    return [`### ${capitalize(d.label)} (\`${d.prefix}\`)`, '', '| from | may move to | notes |', '|---|---|---|', ...rows].join('\n');
  });
  return sections.join('\n\n') + '\n';
}

/**
 * Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` with `content`.
 * Returns undefined when the document has no such markers (a doc that lost them is a mistake to report).
 */
export function replaceGenerated(doc: string, name: string, content: string): string | undefined {
  const open = `<!-- generated:${name} (node scripts/gen-docs.ts) -->`;
  const close = `<!-- /generated:${name} -->`;
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start < 0 || end < start) return undefined;
  return `${doc.slice(0, start + open.length)}\n${content}${doc.slice(end)}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
