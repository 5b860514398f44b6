/**
 * The SLA back-test for people: a plain-text report for the terminal and a Markdown one for a pull
 * request comment. Both show the same figures: attainment per priority and per service under the
 * base and the head policies, and the clocks whose outcome changed, with their due times.
 */
import { formatDuration } from '../duration.ts';
import { attainmentClocks, clockLabel } from '../reports/attainment.ts';
import type { AttainmentCell, AttainmentCells } from '../reports/types.ts';
import { CLOCK_NAMES, type SlaClockName } from './types.ts';
import type { ChangedClock, ClockOutcome, ComparedRow, SlaComparison } from './compare.ts';

/** What the two sides are, in words: "main (1a2b3c4)" and "the working tree". */
export interface SideLabels {
  base: string;
  head: string;
}

/** "50% (1 of 2)", or "-" when no clock was decided. */
function figure(c: AttainmentCell | undefined): string {
  if (!c || c.met + c.breached === 0) return '-';
  return `${c.percent}% (${c.met} of ${c.met + c.breached})`;
}

/** The clocks either side measured: response and resolution, and OLA clocks when there are any. */
function clocksOf(c: SlaComparison): SlaClockName[] {
  const base = new Set(attainmentClocks({ overall: c.overall.base }));
  const head = new Set(attainmentClocks({ overall: c.overall.head }));
  return CLOCK_NAMES.filter((n) => base.has(n) || head.has(n));
}

/** The rows of one attainment table: overall first, then one per key. */
function tableRows(c: SlaComparison, rows: readonly ComparedRow[]): string[][] {
  const clocks = clocksOf(c);
  const line = (key: string, base: AttainmentCells, head: AttainmentCells) => [key, ...clocks.flatMap((n) => [figure(base[n]), figure(head[n])])];
  return [line('all', c.overall.base, c.overall.head), ...rows.map((r) => line(r.key, r.base, r.head))];
}

function header(c: SlaComparison, first: string): string[] {
  return [first, ...clocksOf(c).flatMap((n) => [`${clockLabel(n)}, base`, `${clockLabel(n)}, head`])];
}

/** "met, due 2026-03-03T13:00:00+01:00 (P2, 4h)" */
function outcomeText(o: ClockOutcome): string {
  if (o.state === 'none') return 'not measured';
  const target = o.target_seconds === null ? null : formatDuration(o.target_seconds);
  const details = [o.priority, target, o.policy && `policy ${o.policy}`].filter(Boolean).join(', ');
  return `${o.state.replace('_', ' ')}${o.due_at ? `, due ${o.due_at}` : ''}${details ? ` (${details})` : ''}`;
}

function clockName(x: ChangedClock): string {
  return `${x.metric}${x.cycle > 1 ? ` (cycle ${x.cycle})` : ''}`;
}

function breachCounts(c: SlaComparison): string {
  const appear = c.changed.filter((x) => x.head.state === 'breached').length;
  const disappear = c.changed.filter((x) => x.base.state === 'breached').length;
  return `${appear} breach${appear === 1 ? '' : 'es'} appear, ${disappear} disappear`;
}

function intro(c: SlaComparison, labels: SideLabels): string {
  const n = c.records;
  return (
    `${n} incident${n === 1 ? '' : 's'} and request${n === 1 ? '' : 's'} opened in the ${c.days} days before ${c.now} (since ${c.from}), ` +
    `judged under the policies of ${labels.base} (base) and of ${labels.head} (head).`
  );
}

/** Plain text with aligned columns. */
export function comparisonText(c: SlaComparison, labels: SideLabels): string {
  const lines = [`SLA back-test: ${intro(c, labels)}`];
  for (const [title, first, rows] of [
    ['Attainment by priority', 'priority', c.by_priority],
    ['Attainment by service', 'service', c.by_service],
  ] as const) {
    const table = [header(c, first), ...tableRows(c, rows)];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    lines.push('', `${title}:`);
    for (const r of table) lines.push('  ' + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  }
  lines.push('', `Clocks decided differently (${c.changed.length}): ${breachCounts(c)}.`);
  if (c.changed.length === 0) lines.push('  None: every clock in the window ends the same under both policies.');
  const idWidth = Math.max(0, ...c.changed.map((x) => x.record.length));
  const clockWidth = Math.max(0, ...c.changed.map((x) => clockName(x).length));
  for (const x of c.changed) {
    lines.push(`  ${x.record.padEnd(idWidth)}  ${clockName(x).padEnd(clockWidth)}  ${x.base.state} -> ${x.head.state}`);
    lines.push(`      base: ${outcomeText(x.base)}`, `      head: ${outcomeText(x.head)}`);
  }
  return lines.join('\n') + '\n';
}

/** Markdown cells: no pipes or line breaks from data. */
function cell(text: string): string {
  return text.replace(/[|\r\n]+/g, ' ');
}

const MARKDOWN_ROWS = 200;

/** Markdown for a pull request comment or a job summary. */
export function comparisonMarkdown(c: SlaComparison, labels: SideLabels): string {
  const lines = ['## SLA back-test of this policy edit', '', intro(c, labels)];
  for (const [title, first, rows] of [
    ['Attainment by priority', 'Priority', c.by_priority],
    ['Attainment by service', 'Service', c.by_service],
  ] as const) {
    const head = header(c, first);
    lines.push(
      '',
      `### ${title}`,
      '',
      `| ${head.join(' | ')} |`,
      `|---|${head
        .slice(1)
        .map(() => '---:')
        .join('|')}|`,
    );
    for (const r of tableRows(c, rows)) lines.push(`| ${r.map(cell).join(' | ')} |`);
  }
  lines.push('', `### Clocks decided differently (${c.changed.length}): ${breachCounts(c)}`, '');
  if (c.changed.length === 0) lines.push('None: every clock in the window ends the same under both policies.');
  else {
    lines.push('| Record | Clock | Service | Change | Base | Head |', '|---|---|---|---|---|---|');
    for (const x of c.changed.slice(0, MARKDOWN_ROWS))
      lines.push(
        `| ${cell(x.record)} | ${clockName(x)} | ${cell(x.service ?? '')} | ${x.base.state} -> ${x.head.state} | ${cell(outcomeText(x.base))} | ${cell(outcomeText(x.head))} |`,
      );
    if (c.changed.length > MARKDOWN_ROWS)
      lines.push('', `... and ${c.changed.length - MARKDOWN_ROWS} more: run \`itsm sla --compare\` locally for the full list.`);
  }
  return lines.join('\n') + '\n';
}
