/**
 * `itsm upgrade-check` decided: what a new version of itsm reports on a workspace that the old one
 * did not (new rules, stricter schemas), what it no longer reports, and the renamed fields the
 * workspace still uses. The runs themselves happen in io/upgrade-check.ts.
 */
import { compareDiagnostics, type Diagnostic } from './diagnostic.ts';

export interface RunFindings {
  version: string;
  records: number;
  diagnostics: Diagnostic[];
}

export interface FindingsDiff {
  /** Reported by the new version only. */
  added: Diagnostic[];
  /** Reported by the old version only. */
  gone: Diagnostic[];
}

/**
 * A finding is the same in both runs when it is about the same place under the same rule with the
 * same severity; its wording may differ between versions (messages improve).
 */
export function diffFindings(before: readonly Diagnostic[], after: readonly Diagnostic[]): FindingsDiff {
  const key = (d: Diagnostic) => `${d.file}\0${d.line}\0${d.column}\0${d.rule}\0${d.severity}`;
  const count = (list: readonly Diagnostic[]) => {
    const m = new Map<string, number>();
    for (const d of list) m.set(key(d), (m.get(key(d)) ?? 0) + 1);
    return m;
  };
  const only = (list: readonly Diagnostic[], other: Map<string, number>) => {
    const left = new Map(other);
    return list.filter((d) => {
      const n = left.get(key(d)) ?? 0;
      if (n > 0) left.set(key(d), n - 1);
      return n === 0;
    });
  };
  return { added: only(after, count(before)).sort(compareDiagnostics), gone: only(before, count(after)).sort(compareDiagnostics) };
}
