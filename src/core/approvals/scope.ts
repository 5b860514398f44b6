/** What a change touches: the services it names plus the services built from the CIs it names. */
import type { Change, Service } from '../model.ts';

/**
 * Services a change affects. Naming a CI brings in every service built from it, so a change cannot
 * leave its real service owner out of the approval by leaving the service unnamed.
 */
export function affectedServices(change: Change, services: readonly Service[]): string[] {
  const out = new Set(change.services ?? []);
  const cis = new Set(change.cis ?? []);
  if (cis.size > 0) {
    for (const s of services) if ((s.cis ?? []).some((ci) => cis.has(ci))) out.add(s.id);
  }
  return [...out].sort();
}
