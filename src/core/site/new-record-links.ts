/**
 * "Report an incident" and "Propose a change": the forge's new-file editor opened on the next free ID
 * with a starting record, so someone without a checkout can open a pull request in a minute.
 */
import type { Workspace } from '../model.ts';
import { nextNumberedId, zonedTimestamp } from '../new-record.ts';
import type { ForgeLinks } from '../forge.ts';

export function newRecordLinks(ws: Workspace, forge: ForgeLinks, now: string): { incident?: string; change?: string } {
  const ids = ws.records.map((r) => r.id);
  const at = zonedTimestamp(now, ws.settings.time_zone);
  const service = ws.records.find((r) => r.kind === 'service')?.id ?? 'SVC-example';
  const incidentId = nextNumberedId('incident', ids);
  const changeId = nextNumberedId('change', ids);
  const incident = [
    '---',
    `id: ${incidentId}`,
    'title: What users experience, in a line',
    'status: new',
    `service: ${service}   # the affected service (see the service catalog)`,
    'impact: medium        # high: many users or a whole service; medium; low: one user',
    'urgency: medium       # high: work has stopped; medium; low',
    'priority: P3          # from impact x urgency (content/policies/priority-matrix.yaml)',
    `reported_at: ${at}   # when it started`,
    '---',
    '',
    'What happened, who is affected, since when, and what you already tried.',
    '',
  ].join('\n');
  const change = [
    '---',
    `id: ${changeId}`,
    'title: What changes, in a line',
    'type: normal          # standard (pre-approved template), normal, emergency',
    'risk: medium          # high, medium, low',
    'status: submitted',
    `services: [${service}]`,
    `planned_start: ${at}`,
    `planned_end: ${at}`,
    'test_plan: How success is verified.',
    'rollback_plan: How to undo it.',
    '---',
    '',
    'Why the change is needed and what it does.',
    '',
  ].join('\n');
  const out: { incident?: string; change?: string } = {};
  const inc = forge.create('incident', `${incidentId}.md`, incident);
  const chg = forge.create('change', `${changeId}.md`, change);
  if (inc) out.incident = inc;
  if (chg) out.change = chg;
  return out;
}

/** "Request this": the forge's new-file editor on the next free request ID, service and offering filled in. */
export function requestLink(
  ws: Workspace,
  forge: ForgeLinks,
  now: string,
  service: string,
  offering: { id: string; name: string },
  nextId: string,
): string | undefined {
  const at = zonedTimestamp(now, ws.settings.time_zone);
  const text = [
    '---',
    `id: ${nextId}`,
    `title: ${offering.name}`,
    `service: ${service}`,
    `offering: ${offering.id}`,
    'requester: your-login   # who asks',
    'status: new',
    `requested_at: ${at}`,
    '---',
    '',
    'What you need, for whom, and by when.',
    '',
  ].join('\n');
  return forge.create('request', `${nextId}.md`, text);
}
