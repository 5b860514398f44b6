/**
 * The old tool's verdict next to ours: records imported with ServiceNow's `made_sla` or JSM's
 * `Time to resolution` (kept in their `imported` block) compared with this workspace's resolution SLA for the same ticket, so a
 * migration team can see where the two tools agree and which tickets they judge differently.
 */
import type { SlaResult } from '../sla/index.ts';
import { percentOf } from './periods.ts';
import { within } from './response-times.ts';
import type { ImportedSlaComparison, ReportContext } from './types.ts';

interface Imported {
  id: string;
  data: { imported?: Record<string, unknown>; source?: { id?: unknown } };
}

/**
 * The old tool's verdict on the resolution SLA: ServiceNow's made_sla, or JSM's Time to resolution
 * (the time left on the SLA when it stopped: negative, e.g. "-1h 20m", once breached).
 */
function oldVerdict(imported: Record<string, unknown> | undefined): boolean | undefined {
  if (typeof imported?.made_sla === 'boolean') return imported.made_sla;
  const left = imported?.time_to_resolution;
  if (typeof left === 'string' && /^-?\s*\d/.test(left.trim())) return !left.trim().startsWith('-');
  return undefined;
}

/** Compares each imported record's made_sla with its resolution clock here (met or breached, started in the period). */
export function importedSlaComparison(records: readonly Imported[], sla: readonly SlaResult[], ctx: ReportContext): ImportedSlaComparison {
  const resolution = new Map<string, SlaResult>();
  for (const r of sla) if (r.metric === 'resolution') resolution.set(r.record, r);
  const out: ImportedSlaComparison = { compared: 0, agree: 0, percent: null, differing: [] };
  for (const rec of records) {
    const made = oldVerdict(rec.data.imported);
    if (made === undefined) continue;
    const here = resolution.get(rec.id);
    if (!here || (here.state !== 'met' && here.state !== 'breached') || !within(ctx, Date.parse(here.started_at))) continue;
    out.compared++;
    if (made === (here.state === 'met')) out.agree++;
    else
      out.differing.push({
        record: rec.id,
        source: typeof rec.data.source?.id === 'string' ? rec.data.source.id : null,
        made_sla: made,
        here: here.state,
      });
  }
  out.percent = percentOf(out.agree, out.compared);
  out.differing.sort((a, b) => (a.record < b.record ? -1 : a.record > b.record ? 1 : 0));
  return out;
}
