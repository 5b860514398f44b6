/** The checks that need every record at once, run on the records' facts. */
import type { PendingDiagnostic } from '../diagnostic.ts';
import { REGISTRY } from '../kinds/index.ts';
import type { KindRegistry } from '../kinds/registry.ts';
import type { Policies } from '../model.ts';
import type { RecordFacts } from './check-record.ts';
import { crossChecks, type FileFacts } from './cross-checks.ts';
import { peopleChecks, personChecks } from './people-checks.ts';
import { policyRules } from './policy-rules.ts';

export interface FileOutcome<K extends string = FileFacts['folderKind']> {
  file: string;
  kind: K;
  /** Undefined when the file could not be parsed. */
  facts: RecordFacts<K> | undefined;
}

/** References, duplicates, cycles and offerings across records, people across team files, and the policies' references to records. */
export function workspaceChecks(outcomes: readonly FileOutcome<string>[], policies: Policies, registry: KindRegistry = REGISTRY): PendingDiagnostic[] {
  const facts: FileFacts<string>[] = [];
  for (const o of outcomes) if (o.facts) facts.push({ file: o.file, folderKind: o.kind, facts: o.facts });
  const ids = new Set<string>();
  for (const f of facts) if (f.facts.id) ids.add(f.facts.id);
  return [...crossChecks(facts, registry), ...peopleChecks(facts), ...personChecks(facts), ...policyRules(policies, ids)];
}
