/**
 * Renders collisions for people: plain text for a terminal, Markdown for a pull request comment or
 * the job summary, and workflow-command annotations on the change files.
 */
import { ANNOTATIONS_PER_TYPE, escapeData, escapeProperty } from './approvals/format.ts';
import { linkText, whereText, type CollisionFinding, type PullCollisions } from './collisions.ts';
import { printable } from './printable.ts';

/** The hidden marker of the collisions comment on a pull request (see src/io/pr-comment.ts). */
export const COLLISIONS_MARKER = 'collisions';

const TITLE: Record<CollisionFinding['kind'], string> = {
  collision: 'collision',
  freeze: 'freeze',
  'same-change': 'edited in another PR',
  unreadable: 'unreadable change file',
};

function subject(f: CollisionFinding): string {
  return 'change' in f ? f.change : f.file;
}

/** One block per PR: its changes, then one line per finding; `none` when there is no PR to show. */
export function formatCollisionsPretty(pulls: readonly PullCollisions[], none: string): string {
  const lines: string[] = [];
  for (const p of pulls) {
    lines.push(printable(`#${p.pr}${p.title ? ` ${p.title}` : ''} (${p.headSha.slice(0, 7)}): ${p.changes.join(', ') || 'no readable change record'}`));
    if (p.findings.length === 0) lines.push('  no collisions');
    for (const f of p.findings) lines.push(`  ${TITLE[f.kind]}: ${printable(f.message)}`);
  }
  if (pulls.length === 0) lines.push(none);
  const count = pulls.reduce((n, p) => n + p.findings.length, 0);
  lines.push('', `${count} finding${count === 1 ? '' : 's'} in ${pulls.length} pull request${pulls.length === 1 ? '' : 's'}.`);
  return lines.join('\n') + '\n';
}

/** The lines `itsm approvals --collisions` prints under its decision. */
export function formatDecisionCollisions(collisions: { findings: readonly CollisionFinding[]; error?: string }): string {
  if (collisions.error) return printable(`Collisions could not be read (the decision stands): ${collisions.error}`) + '\n';
  if (collisions.findings.length === 0) return 'Collisions: none.\n';
  return (
    [
      `Collisions (informational, they do not change the decision): ${collisions.findings.length}`,
      ...collisions.findings.map((f) => `  ${TITLE[f.kind]}: ${printable(f.message)}`),
    ].join('\n') + '\n'
  );
}

/**
 * Escapes text from records and pull requests for GitHub Markdown: no HTML (so no forged hidden
 * marker), no formatting, links or tables, and no @mention that would notify someone.
 */
export function markdownText(text: string): string {
  return printable(text.replace(/\r?\n/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1')
    .replace(/@/g, '@&#8203;');
}

function findingMarkdown(f: CollisionFinding): string {
  if (f.kind !== 'collision') return `- **${TITLE[f.kind]}**: ${markdownText(f.message)}`;
  const other = `${markdownText(f.other.id)} ("${markdownText(f.other.title)}", ${whereText(f.other.where)})`;
  const why = f.links.map((l) => (l.kind === 'dependency' ? `\`${l.text.replace(/`/g, "'")}\`` : markdownText(linkText(l)))).join('; ');
  return `- **${markdownText(f.change)}** overlaps ${other} from ${markdownText(f.overlap.start)} to ${markdownText(f.overlap.end)}: ${why}`;
}

/**
 * Markdown for a comment or summary. For one PR (the comment), a heading saying whether it collides;
 * for several, a section per PR.
 */
export function formatCollisionsMarkdown(pulls: readonly PullCollisions[], options: { pr?: number } = {}): string {
  const out: string[] = [];
  if (options.pr !== undefined) {
    const p = pulls.find((x) => x.pr === options.pr);
    if (!p || p.findings.length === 0) {
      out.push(`## Change collisions: none`, '');
      out.push(
        p
          ? `No other change on the default branch or in an open pull request is planned at the same time on the same CI, service or CMDB dependency as ${markdownText(p.changes.join(', '))}, and none is in a freeze.`
          : `This pull request adds or edits no change record.`,
      );
    } else {
      out.push(`## Change collisions: ${p.findings.length}`, '', `At head \`${p.headSha.slice(0, 7)}\`:`, '', ...p.findings.map(findingMarkdown));
    }
    out.push('', '_Informational: collisions do not change the approval decision. Kept up to date by `itsm collisions` on every push._');
    return out.join('\n') + '\n';
  }
  out.push('## Change collisions across open pull requests', '');
  if (pulls.length === 0) out.push('No open pull request adds or edits a change record.');
  for (const p of pulls) {
    out.push(`### #${p.pr}${p.title ? ` ${markdownText(p.title)}` : ''}`, '');
    out.push(p.findings.length ? p.findings.map(findingMarkdown).join('\n') : 'No collisions.', '');
  }
  return out.join('\n').trimEnd() + '\n';
}

/** Warnings on the change files (paths made repository-relative with `pathPrefix`), at most ten. */
export function formatCollisionAnnotations(pulls: readonly PullCollisions[], pathPrefix = ''): string {
  const lines: string[] = [];
  for (const p of pulls)
    for (const f of p.findings) {
      if (lines.length >= ANNOTATIONS_PER_TYPE) break;
      lines.push(
        `::warning file=${escapeProperty(pathPrefix + f.file)},title=${escapeProperty(`#${p.pr} ${subject(f)}: ${TITLE[f.kind]}`)}::${escapeData(f.message)}`,
      );
    }
  return lines.length ? lines.join('\n') + '\n' : '';
}
