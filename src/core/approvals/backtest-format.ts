/** The change policy back-test for people: plain text for a terminal, Markdown for a pull request comment. */
import { printable } from '../printable.ts';
import type { ChangePolicyBacktest, DecidedDifferently } from './backtest.ts';

/** What the back-test covered, for the headline. */
export interface BacktestFrame {
  /** "main (1a2b3c4)" */
  base: string;
  /** "the working tree" */
  head: string;
  days: number;
  now: string;
  from: string;
  /** Pull requests merged in the window without an evidence note, which could not be replayed. */
  withoutEvidence: readonly number[];
}

function name(d: DecidedDifferently): string {
  return d.change === 'policy' ? 'policy edits' : d.change;
}

/** "#3, #5", or the first ten and how many more. */
function listed(prs: readonly number[]): string {
  const shown = prs.slice(0, 10).map((n) => `#${n}`);
  return prs.length > 10 ? `${shown.join(', ')} and ${prs.length - 10} more` : shown.join(', ');
}

function intro(r: ChangePolicyBacktest, f: BacktestFrame): string {
  const prs = `${r.pull_requests} pull request${r.pull_requests === 1 ? '' : 's'}`;
  const missing = f.withoutEvidence.length;
  return (
    `${prs} merged in the ${f.days} days before ${f.now} (since ${f.from}) with approval evidence, ` +
    `${r.decisions} decision${r.decisions === 1 ? '' : 's'} made again with the recorded approvals under the change policy of ${f.base} (base) and of ${f.head} (head).` +
    (missing
      ? ` ${missing} merged pull request${missing === 1 ? '' : 's'} editing change records ${missing === 1 ? 'has' : 'have'} no evidence note and ${missing === 1 ? 'was' : 'were'} not replayed: ${listed(f.withoutEvidence)}.`
      : '')
  );
}

/** Plain text: the headline, then each change decided differently with the reason. */
export function backtestText(r: ChangePolicyBacktest, f: BacktestFrame): string {
  const lines = [`Change policy back-test: ${intro(r, f)}`, '', `Decided differently (${r.differences.length}):`];
  if (r.differences.length === 0) lines.push('  None: every merged change is decided the same under both policies.');
  for (const d of r.differences) {
    lines.push(printable(`  ${name(d)}  PR #${d.pr}  merged ${d.merged_at}  ${d.base.decision} -> ${d.head.decision}`));
    lines.push(printable(`      ${d.why}`));
  }
  return lines.join('\n') + '\n';
}

function cell(text: string): string {
  return printable(text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' '));
}

/** Markdown: the headline and one table row per change decided differently. */
export function backtestMarkdown(r: ChangePolicyBacktest, f: BacktestFrame): string {
  const lines = ['## Change policy back-test of this edit', '', intro(r, f), '', `### Decided differently (${r.differences.length})`, ''];
  if (r.differences.length === 0) lines.push('None: every merged change is decided the same under both policies.');
  else {
    lines.push('| Change | PR | Merged | Base | Head | Why |', '|---|---|---|---|---|---|');
    for (const d of r.differences)
      lines.push(`| ${cell(name(d))} | #${d.pr} | ${cell(d.merged_at)} | ${d.base.decision} | ${d.head.decision} | ${cell(d.why)} |`);
  }
  return lines.join('\n') + '\n';
}
