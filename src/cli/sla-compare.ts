/**
 * `itsm sla --compare BASE`: the working tree's records of the last N days judged under BASE's SLA
 * policies and under the working tree's, side by side. BASE's policy files are read as data from git
 * objects; nothing is checked out.
 */
import { compareSla } from '../core/sla/compare.ts';
import { comparisonMarkdown, comparisonText } from '../core/sla/compare-format.ts';
import { referenceNote } from '../core/reference-note.ts';
import { readPoliciesAt } from '../io/policies-at.ts';
import { EXIT, ExitError } from './exit-error.ts';
import { colorOn, type CliIO } from './io.ts';
import { loadValidWorkspace, nowOrReference, workspaceRoot } from './options.ts';
import { formatDiagnostics, summarize } from './reporter.ts';

export interface CompareOptions {
  base: string;
  days: number;
  format: 'pretty' | 'json' | 'markdown';
  root: string | undefined;
  now: string | undefined;
}

export async function runCompare(o: CompareOptions, io: CliIO): Promise<number> {
  const root = workspaceRoot('sla', io, o.root);
  const workspace = await loadValidWorkspace('sla', io, o.root, o.format === 'json' ? 'json' : 'pretty');
  const at = nowOrReference('sla', o.now, workspace.settings);
  const base = await readPoliciesAt(root, o.base, ['sla', 'calendars', 'priorityMatrix']);
  const errors = base.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    io.stderr(formatDiagnostics(errors, o.format === 'json' ? 'json' : 'pretty', summarize(0, errors), { color: colorOn(io) }));
    throw new ExitError(
      EXIT.failed,
      `itsm sla: the SLA policies at ${o.base} (${base.commit.slice(0, 7)}) do not validate (above), so nothing can be judged under them. Compare with a commit whose policies are valid.`,
    );
  }
  const comparison = compareSla({ workspace, base: base.policies, head: workspace.policies, now: at.now, days: o.days });
  const labels = { base: `${o.base} (${base.commit.slice(0, 7)})`, head: 'the working tree' };
  if (o.format === 'json') io.stdout(JSON.stringify({ base: { rev: o.base, commit: base.commit }, head: 'working tree', ...comparison }, null, 2) + '\n');
  else if (o.format === 'markdown') io.stdout(comparisonMarkdown(comparison, labels));
  else io.stdout((at.reference ? referenceNote(at.text, workspace.settings.time_zone) + '\n' : '') + comparisonText(comparison, labels));
  return EXIT.ok;
}
