/**
 * The kinds' timed rules (a post-incident review that is due, then overdue), run on the records'
 * facts at every validation given --now: the same file can be fine today and wrong next week, so
 * their outcome is never cached with the record.
 */
import type { PendingDiagnostic } from '../diagnostic.ts';
import { REGISTRY } from '../kinds/index.ts';
import type { KindRegistry } from '../kinds/registry.ts';
import type { WorkspaceSettings } from '../model.ts';
import type { FileOutcome } from './workspace-checks.ts';

export function timedChecks(
  outcomes: readonly FileOutcome<string>[],
  now: Date,
  settings: WorkspaceSettings,
  registry: KindRegistry = REGISTRY,
): PendingDiagnostic[] {
  const out: PendingDiagnostic[] = [];
  for (const o of outcomes) {
    if (!o.facts?.schemaValid) continue;
    const timed = registry.get(o.kind).timed;
    // The summary holds the fields the kind asked for, from a record its schema vouched for.
    if (timed) out.push(...timed.rules(o.facts.summary as never, { file: o.file, now, settings }));
  }
  return out;
}
