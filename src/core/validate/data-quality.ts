/**
 * Data-quality warnings about the CMDB and the knowledge base: things that are valid but will
 * mislead someone later. `itsm validate` shows them as warnings (`--strict` makes them errors).
 * Pure: `today` (YYYY-MM-DD, in the workspace zone) is a parameter, or a function that gives it: asked
 * only when a published article has a review date (working out the date in a time zone loads the
 * zone data, a cost every run without articles would pay for nothing).
 */
import type { PendingDiagnostic } from '../diagnostic.ts';
import { KIND_INFO } from '../ids.ts';
import type { AnyRecord, Workspace } from '../model.ts';
import { referencesOf } from '../relations.ts';
import { isOpen } from '../kinds/index.ts';

/** CI relations along which a service needs a CI (so reaching one reaches the other). */
const NEEDS = ['depends_on', 'runs_on', 'connects_to'] as const;

export function dataQuality(workspace: Pick<Workspace, 'records'>, today: string | (() => string)): PendingDiagnostic[] {
  let day: string | undefined;
  const todayIs = () => (day ??= typeof today === 'string' ? today : today());
  const out: PendingDiagnostic[] = [];
  const cis = workspace.records.filter((r): r is Extract<AnyRecord, { kind: 'ci' }> => r.kind === 'ci');
  const services = workspace.records.filter((r): r is Extract<AnyRecord, { kind: 'service' }> => r.kind === 'service');
  const ciById = new Map(cis.map((c) => [c.id, c]));

  for (const ci of cis) {
    if (ci.data.status === 'retired' || ci.data.owner) continue;
    out.push({
      file: ci.file,
      pointer: '',
      rule: 'quality/ci-without-owner',
      severity: 'warning',
      message: `${ci.id} has no owner: nobody is asked when it breaks or changes.`,
      hint: 'Add `owner: TEAM-...` with the team that looks after it.',
    });
  }

  const reached = new Set<string>();
  const queue: string[] = [];
  const reach = (id: string): void => {
    if (!reached.has(id)) {
      reached.add(id);
      queue.push(id);
    }
  };
  for (const s of services) if (s.data.status === 'active') for (const id of s.data.cis ?? []) reach(id);
  while (queue.length) {
    const ci = ciById.get(queue.pop()!);
    for (const field of NEEDS) for (const id of ci?.data[field] ?? []) reach(id);
  }
  for (const ci of cis) {
    // Staging and test items serve no service by design; a production item nobody reaches is a gap.
    if (ci.data.status === 'retired' || ci.data.environment !== 'production' || reached.has(ci.id)) continue;
    out.push({
      file: ci.file,
      pointer: '',
      rule: 'quality/ci-unreached',
      severity: 'warning',
      message: `No service reaches the production item ${ci.id}: no active service lists it in \`cis\`, nor anything those CIs depend on, run on or connect to.`,
      hint: `Add ${ci.id} to the \`cis\` of the service it supports (or to \`depends_on\` of a CI that needs it); if it is gone, set \`status: retired\`.`,
    });
  }

  const retired = new Set(cis.filter((c) => c.data.status === 'retired').map((c) => c.id));
  for (const rec of workspace.records) {
    const status = (rec.data as { status?: string }).status ?? '';
    // Records still in flight (or in force): naming a retired CI there means someone will go looking for it.
    if (!isOpen(rec.kind, status) || rec.kind === 'ci') continue;
    for (const ref of referencesOf(rec.kind, rec.data as unknown as Record<string, unknown>)) {
      if (ref.relation.to !== 'ci' || !retired.has(ref.target)) continue;
      const what = rec.kind === 'kb' ? 'This published article' : `This ${status.replace(/_/g, ' ')} ${KIND_INFO[rec.kind].label}`;
      out.push({
        file: rec.file,
        pointer: ref.pointer,
        rule: 'quality/retired-ci-named',
        severity: 'warning',
        message: `${what} names ${ref.target}, which is retired.`,
        hint: `Replace ${ref.target} with the CI that took over from it, or remove it from \`${ref.relation.field}\`.`,
      });
    }
  }

  for (const kb of workspace.records) {
    if (kb.kind !== 'kb' || kb.data.status !== 'published' || !kb.data.review_by || kb.data.review_by >= todayIs()) continue;
    out.push({
      file: kb.file,
      pointer: '/review_by',
      rule: 'quality/kb-review-overdue',
      severity: 'warning',
      message: `${kb.id} was due for review on ${kb.data.review_by}; readers may be following outdated steps.`,
      hint: 'Check the article is still right, then move `review_by` forward (or set `status: retired`).',
    });
  }

  for (const s of services) {
    if (s.data.status !== 'active' || s.data.support_calendar) continue;
    out.push({
      file: s.file,
      pointer: '',
      rule: 'quality/service-without-calendar',
      severity: 'warning',
      message: `${s.id} has no support calendar, so nobody can tell when it is supported, and SLAs that use the service's calendar cannot be computed for it.`,
      hint: 'Add `support_calendar:` with a calendar id from content/policies/calendars.yaml.',
    });
  }
  return out;
}
