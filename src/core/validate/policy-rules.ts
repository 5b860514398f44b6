/** Rules on the policy files beyond their schemas: references between them and to records, sane calendars. */
import type { PendingDiagnostic } from '../diagnostic.ts';
import { lifecycle } from '../kinds/index.ts';
import type { Policies, SlaCondition, SlaPolicy } from '../model.ts';
import { isKnownTimeZone } from '../time-zone.ts';

export const POLICY_PATHS = {
  priorityMatrix: 'content/policies/priority-matrix.yaml',
  sla: 'content/policies/sla.yaml',
  calendars: 'content/policies/calendars.yaml',
  changePolicy: 'content/policies/change-policy.yaml',
} as const;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** The error for a time zone name that no tz database knows (calendars, maintenance windows, itsm.yaml). */
export function unknownTimeZone(file: string, rule: string, pointer: string, zone: string): PendingDiagnostic {
  return {
    file,
    rule,
    severity: 'error',
    pointer,
    message: `"${zone}" is not a known IANA time zone.`,
    hint: 'Use a name from the tz database, e.g. Europe/Berlin, America/New_York, Asia/Tokyo or UTC.',
  };
}

/** `ids` holds every record ID in the workspace, to check services named by policies. */
export function policyRules(policies: Policies, ids: ReadonlySet<string>): PendingDiagnostic[] {
  const out: PendingDiagnostic[] = [];
  const calendars = policies.calendars?.calendars ?? [];
  const calendarIds = new Set<string>();
  calendars.forEach((c, i) => {
    const file = POLICY_PATHS.calendars;
    if (calendarIds.has(c.id))
      out.push({
        file,
        rule: 'calendar/duplicate-id',
        severity: 'error',
        pointer: `/calendars/${i}/id`,
        message: `Calendar "${c.id}" is defined twice.`,
        hint: 'Give each calendar its own id.',
      });
    calendarIds.add(c.id);
    if (!isKnownTimeZone(c.time_zone)) out.push(unknownTimeZone(file, 'calendar/time-zone', `/calendars/${i}/time_zone`, c.time_zone));
    if (c.hours !== '24x7') {
      for (const [day, intervals] of Object.entries(c.hours)) {
        let previousEnd = -1;
        (intervals ?? []).forEach((iv, j) => {
          const [from, to] = iv.split('-') as [string, string];
          const start = minutes(from);
          const end = minutes(to);
          const pointer = `/calendars/${i}/hours/${day}/${j}`;
          if (end <= start)
            out.push({
              file,
              rule: 'calendar/interval',
              severity: 'error',
              pointer,
              message: `Interval ${iv} on ${day} ends before it starts.`,
              hint: 'Write start-end within one day, e.g. 09:00-17:00; use 24:00 for midnight at the end of the day.',
            });
          else if (start < previousEnd)
            out.push({
              file,
              rule: 'calendar/overlap',
              severity: 'error',
              pointer,
              message: `Interval ${iv} on ${day} overlaps the one before it.`,
              hint: "List the day's intervals in order without overlaps, e.g. 09:00-12:00, 13:00-17:00.",
            });
          previousEnd = Math.max(previousEnd, end);
        });
      }
    }
  });
  (policies.sla?.policies ?? []).forEach((p, i) => {
    const file = POLICY_PATHS.sla;
    if (p.calendar !== 'service' && policies.calendars && !calendarIds.has(p.calendar)) {
      out.push({
        file,
        rule: 'sla/unknown-calendar',
        severity: 'error',
        pointer: `/policies/${i}/calendar`,
        message: `SLA policy "${p.id}" uses calendar "${p.calendar}", which is not defined.`,
        hint: `Use one of: ${[...calendarIds].join(', ')}, or \`service\` for the service's support calendar.`,
      });
    }
    (p.applies_to.services ?? []).forEach((s, j) => {
      if (!ids.has(s))
        out.push({
          file,
          rule: 'ref/unknown-id',
          severity: 'error',
          pointer: `/policies/${i}/applies_to/services/${j}`,
          message: `SLA policy "${p.id}" names service ${s}, which does not exist.`,
          hint: `Check the ID, or add content/services/${s}.md.`,
        });
    });
    (p.applies_to.teams ?? []).forEach((t, j) => {
      const pointer = `/policies/${i}/applies_to/teams/${j}`;
      if (p.scope !== 'team')
        out.push({
          file,
          rule: 'sla/teams-need-team-scope',
          severity: 'error',
          pointer,
          message: `SLA policy "${p.id}" names teams but measures whole records: applies_to.teams limits an OLA.`,
          hint: "Add `scope: team` to make the policy an OLA on those teams' part of the work, or remove `teams`.",
        });
      else if (!ids.has(t))
        out.push({
          file,
          rule: 'ref/unknown-id',
          severity: 'error',
          pointer,
          message: `SLA policy "${p.id}" names team ${t}, which does not exist.`,
          hint: `Check the ID, or add content/teams/${t}.md.`,
        });
    });
    for (const [pointer, condition] of conditionsOf(p)) out.push(...conditionRules(p, `/policies/${i}${pointer}`, condition, ids));
  });
  const change = policies.changePolicy;
  if (change) {
    const file = POLICY_PATHS.changePolicy;
    (change.freezes ?? []).forEach((fz, i) => {
      if (Date.parse(fz.end) <= Date.parse(fz.start))
        out.push({
          file,
          rule: 'change-policy/freeze-window',
          severity: 'error',
          pointer: `/freezes/${i}/end`,
          message: `Freeze "${fz.name}" ends before it starts.`,
          hint: 'Make `end` later than `start`.',
        });
      (fz.services ?? []).forEach((s, j) => {
        if (!ids.has(s))
          out.push({
            file,
            rule: 'ref/unknown-id',
            severity: 'error',
            pointer: `/freezes/${i}/services/${j}`,
            message: `Freeze "${fz.name}" names service ${s}, which does not exist.`,
            hint: `Check the ID, or add content/services/${s}.md.`,
          });
      });
    });
    (change.maintenance_windows ?? []).forEach((w, i) => {
      if (!isKnownTimeZone(w.time_zone)) out.push(unknownTimeZone(file, 'calendar/time-zone', `/maintenance_windows/${i}/time_zone`, w.time_zone));
      for (const field of ['services', 'cis'] as const) {
        (w[field] ?? []).forEach((s, j) => {
          if (!ids.has(s))
            out.push({
              file,
              rule: 'ref/unknown-id',
              severity: 'error',
              pointer: `/maintenance_windows/${i}/${field}/${j}`,
              message: `Maintenance window "${w.id}" names ${s}, which does not exist.`,
              hint: 'Check the ID.',
            });
        });
      }
    });
  }
  return out;
}

/** Every condition a policy names (start, stop per clock, pause_when), with its JSON pointer below the policy. */
function conditionsOf(p: SlaPolicy): Array<[string, SlaCondition]> {
  const out: Array<[string, SlaCondition]> = [];
  if (p.start) out.push(['/start', p.start]);
  for (const metric of ['response', 'resolution'] as const) {
    const c = p.stop?.[metric];
    if (c) out.push([`/stop/${metric}`, c]);
  }
  (p.pause_when ?? []).forEach((c, j) => out.push([`/pause_when/${j}`, c]));
  return out;
}

/** A condition that can never hold is a typo: a status the kind does not have, a team that does not exist. */
function conditionRules(p: SlaPolicy, pointer: string, c: SlaCondition, ids: ReadonlySet<string>): PendingDiagnostic[] {
  const file = POLICY_PATHS.sla;
  if ('status' in c) {
    const statuses = lifecycle(p.applies_to.kind).statuses;
    return c.status.flatMap((status, j) =>
      statuses.includes(status)
        ? []
        : [
            {
              file,
              rule: 'sla/unknown-status',
              severity: 'error' as const,
              pointer: `${pointer}/status/${j}`,
              message: `SLA policy "${p.id}" names status "${status}", which ${p.applies_to.kind}s never have, so the condition never holds.`,
              hint: `Use one of: ${statuses.join(', ')}.`,
            },
          ],
    );
  }
  if (c.field === 'team' && !ids.has(c.equals))
    return [
      {
        file,
        rule: 'ref/unknown-id',
        severity: 'error',
        pointer: `${pointer}/equals`,
        message: `SLA policy "${p.id}" names team ${c.equals}, which does not exist.`,
        hint: `Check the ID, or add content/teams/${c.equals}.md.`,
      },
    ];
  return [];
}
