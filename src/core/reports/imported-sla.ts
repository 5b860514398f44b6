/**
 * The old tool's verdict next to ours: records imported with ServiceNow's `made_sla` (kept in their
 * `imported` block) compared with this workspace's resolution SLA for the same ticket, so a
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

/** Compares each imported record's made_sla with its resolution clock here (met or breached, started in the period). */
export function importedSlaComparison(records: readonly Imported[], sla: readonly SlaResult[], ctx: ReportContext): ImportedSlaComparison {
  const resolution = new Map<string, SlaResult>();
  for (const r of sla) if (r.metric === 'resolution') resolution.set(r.record, r);
  const out: ImportedSlaComparison = { compared: 0, agree: 0, percent: null, differing: [] };
  for (const rec of records) {
    const made = rec.data.imported?.made_sla;
    if (typeof made !== 'boolean') continue;
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
