/**
 * `itsm approvals --backtest BASE`: every pull request merged in the last N days, decided again with
 * its recorded approvals under BASE's change policy and under the working tree's; the changes
 * decided differently are listed. Everything is read as data: evidence notes, files at commits.
 */
import { backtestMarkdown, backtestText } from '../core/approvals/backtest-format.ts';
import { backtestApprovals } from '../io/approvals-backtest.ts';
import { EXIT, ExitError } from './exit-error.ts';
import { colorOn, type CliIO } from './io.ts';
import { workspaceRoot } from './options.ts';
import { formatDiagnostics, summarize } from './reporter.ts';

export interface BacktestOptions {
  base: string;
  days: number;
  format: 'pretty' | 'json' | 'markdown';
  root: string | undefined;
  /** --now; null: the workspace's reference_time, else the current time. */
  now: Date | null;
}

export async function runBacktest(o: BacktestOptions, io: CliIO): Promise<number> {
  const root = workspaceRoot('approvals', io, o.root);
  const r = await backtestApprovals(root, o.base, o.now, o.days);
  const diagnosticsFormat = o.format === 'json' ? 'json' : 'pretty';
  if (!r.ok) {
    io.stderr(formatDiagnostics(r.diagnostics, diagnosticsFormat, summarize(0, r.diagnostics), { color: colorOn(io) }));
    const which = r.side === 'base' ? `at ${o.base} (${r.commit!.slice(0, 7)})` : 'in the working tree';
    throw new ExitError(EXIT.failed, `itsm approvals: the change policy ${which} does not validate (above), so nothing can be decided under it.`);
  }
  if (r.warnings.length > 0) io.stderr(formatDiagnostics(r.warnings, diagnosticsFormat, summarize(0, r.warnings), { color: colorOn(io) }));
  const frame = {
    base: `${o.base} (${r.base.commit.slice(0, 7)})`,
    head: 'the working tree',
    days: r.days,
    now: r.now,
    from: r.from,
    withoutEvidence: r.withoutEvidence.map((m) => m.pr),
  };
  if (o.format === 'json')
    io.stdout(
      JSON.stringify(
        { base: r.base, head: 'working tree', now: r.now, days: r.days, from: r.from, ...r.result, without_evidence: r.withoutEvidence },
        null,
        2,
      ) + '\n',
    );
  else io.stdout(o.format === 'markdown' ? backtestMarkdown(r.result, frame) : backtestText(r.result, frame));
  return EXIT.ok;
}
