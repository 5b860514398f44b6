/**
 * The change calendar: a month grid (Monday first) of planned changes in the workspace's zone, with
 * freezes shaded and schedule conflicts flagged. A conflict is two changes that may still run,
 * planned at overlapping times on a shared CI or affected service (the approval check's rule).
 */
import { decisionInputs } from '../approvals/inputs.ts';
import { reachOf } from '../approvals/scope.ts';
import { freezesHit } from '../approvals/windows.ts';
import { recordsOf, type ItsmRecord, type Workspace } from '../model.ts';
import { formatInstant, localDate } from '../format.ts';
import type { SiteLinks } from './links.ts';
import { refOf, type RecordRef } from './refs.ts';

/** Statuses of changes that will not run, so they cannot collide with anything (as in approvals). */
const INACTIVE = new Set(['draft', 'cancelled', 'completed', 'failed', 'rolled_back']);

export interface CalendarChange extends RecordRef {
  start: string;
  end: string;
  /** Set for a change proposed in an open pull request (not merged): the PR's number. */
  proposed?: number;
  /** "09:00-11:00", or "from 22:00" / "until 04:00" on the days a change spans. */
  when: string;
  type: string;
  risk: string;
  conflicts: string[];
  freezes: string[];
}

export interface CalendarDay {
  date: string;
  day: number;
  inMonth: boolean;
  today: boolean;
  freezes: string[];
  changes: CalendarChange[];
}

export interface CalendarMonth {
  /** YYYY-MM */
  month: string;
  title: string;
  href: string;
  prev: string | null;
  next: string | null;
  weeks: CalendarDay[][];
  freezes: Array<{ name: string; text: string; services: string[] }>;
  conflicts: Array<{ a: RecordRef; b: RecordRef; shared: string[] }>;
  changeCount: number;
  /** Changes proposed in open pull requests planned in the month. */
  proposedCount: number;
}

export interface ChangeSchedule {
  /** Months with something in them, plus the current month, oldest first. */
  months: string[];
  current: string;
  month(ym: string): CalendarMonth;
  /** Findings for one change (its record page shows them). */
  findings(id: string): { conflicts: Array<{ ref: RecordRef; shared: string[] }>; freezes: string[] };
}

/**
 * A change proposed in an open pull request, from `itsm collisions --out FILE`: shown beside the
 * approved ones, marked proposed, linked to its pull request (`href`).
 */
export interface ProposedChange {
  pr: number;
  id: string;
  title: string;
  type: string;
  risk?: string;
  planned_start: string;
  planned_end: string;
  href: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function changeSchedule(ws: Workspace, now: string, links: SiteLinks, maxMonths = 36, proposed: readonly ProposedChange[] = []): ChangeSchedule {
  const tz = ws.settings.time_zone;
  const policy = ws.policies.changePolicy;
  // The same reach as the approval check, so the calendar shows the freezes the check applies.
  const affectedOf = reachOf(decisionInputs(ws));
  const changes = recordsOf(ws, 'change').filter((c) => c.data.status !== 'cancelled');
  const affected = new Map(changes.map((c) => [c.id, affectedOf(c.data)]));
  const conflicts = findConflicts(changes, affected);
  const freezesOf = new Map(changes.map((c) => [c.id, policy ? freezesHit(c.data, affected.get(c.id)!, policy).map((f) => f.name) : []]));

  /** local date -> changes touching it. */
  const byDay = new Map<string, CalendarChange[]>();
  /** Puts a change on every local day its planned window touches. */
  const place = (base: Omit<CalendarChange, 'when'>) => {
    const start = Date.parse(base.start);
    const end = Date.parse(base.end);
    if (!Number.isFinite(start) || !Number.isFinite(end)) return;
    const first = localDate(start, tz);
    const last = localDate(Math.max(start, end - 1), tz);
    let day = first;
    for (let guard = 0; guard < 62; guard++) {
      const when =
        first === last
          ? `${hhmm(base.start, tz)}-${hhmm(base.end, tz)}`
          : day === first
            ? `from ${hhmm(base.start, tz)}`
            : day === last
              ? `until ${hhmm(base.end, tz)}`
              : 'all day';
      push(byDay, day, { ...base, when });
      if (day >= last) break;
      day = addDays(day, 1);
    }
  };
  for (const c of changes) {
    place({
      ...refOf(c, links),
      start: c.data.planned_start,
      end: c.data.planned_end,
      type: c.data.type,
      risk: c.data.risk,
      conflicts: [...(conflicts.get(c.id)?.keys() ?? [])].sort(),
      freezes: freezesOf.get(c.id) ?? [],
    });
  }
  // Proposed changes: their collisions are on the pull request; here they are only shown.
  for (const p of proposed) {
    place({
      id: p.id,
      kind: 'change',
      title: p.title,
      href: p.href,
      start: p.planned_start,
      end: p.planned_end,
      type: p.type,
      risk: p.risk ?? '',
      conflicts: [],
      freezes: [],
      proposed: p.pr,
    });
  }
  for (const list of byDay.values()) list.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));

  const freezes = (policy?.freezes ?? []).map((f) => ({ ...f, first: localDate(Date.parse(f.start), tz), last: localDate(Date.parse(f.end) - 1, tz) }));
  const current = localDate(Date.parse(now), tz).slice(0, 7);
  const monthSet = new Set<string>([current]);
  for (const d of byDay.keys()) monthSet.add(d.slice(0, 7));
  for (const f of freezes) for (let m = f.first.slice(0, 7); m <= f.last.slice(0, 7); m = addMonths(m, 1)) monthSet.add(m);
  // Keep the calendar to a window around today: years of history add pages nobody opens.
  const lo = addMonths(current, -Math.floor((maxMonths * 2) / 3));
  const hi = addMonths(current, Math.ceil(maxMonths / 3));
  const months = [...monthSet].filter((m) => m >= lo && m <= hi).sort();
  const today = localDate(Date.parse(now), tz);
  const monthHref = (ym: string) => links.page(`calendar/${ym}/`);

  return {
    months,
    current,
    month(ym) {
      const idx = months.indexOf(ym);
      const [y, m] = ym.split('-').map(Number) as [number, number];
      const firstDay = `${ym}-01`;
      const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
      const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const cells = Math.ceil((lead + daysInMonth) / 7) * 7;
      const weeks: CalendarDay[][] = [];
      let date = addDays(firstDay, -lead);
      const count = new Set<string>();
      const proposedCount = new Set<string>();
      for (let i = 0; i < cells; i++) {
        if (i % 7 === 0) weeks.push([]);
        const inMonth = date.slice(0, 7) === ym;
        const dayChanges = byDay.get(date) ?? [];
        if (inMonth) for (const c of dayChanges) if (c.proposed === undefined) count.add(c.id);
        if (inMonth) for (const c of dayChanges) if (c.proposed !== undefined) proposedCount.add(`${c.proposed} ${c.id}`);
        weeks[weeks.length - 1]!.push({
          date,
          day: Number(date.slice(8)),
          inMonth,
          today: date === today,
          freezes: freezes.filter((f) => f.first <= date && date <= f.last).map((f) => f.name),
          changes: dayChanges,
        });
        date = addDays(date, 1);
      }
      const monthEnd = `${ym}-${String(daysInMonth).padStart(2, '0')}`;
      const monthFreezes = freezes
        .filter((f) => f.first <= monthEnd && f.last >= firstDay)
        .map((f) => ({ name: f.name, text: `${formatInstant(f.start, tz)} to ${formatInstant(f.end, tz)}`, services: f.services ?? [] }));
      const pairs: CalendarMonth['conflicts'] = [];
      for (const [id, others] of conflicts) {
        const a = ws.byId.get(id)!;
        if (!inMonthRange(a as ItsmRecord<'change'>, ym, tz)) continue;
        for (const [other, shared] of others) if (id < other) pairs.push({ a: refOf(a, links), b: refOf(ws.byId.get(other)!, links), shared });
      }
      pairs.sort((p, q) => p.a.id.localeCompare(q.a.id) || p.b.id.localeCompare(q.b.id));
      return {
        month: ym,
        title: `${MONTHS[m - 1]} ${y}`,
        href: monthHref(ym),
        prev: idx > 0 ? monthHref(months[idx - 1]!) : null,
        next: idx >= 0 && idx < months.length - 1 ? monthHref(months[idx + 1]!) : null,
        weeks,
        freezes: monthFreezes,
        conflicts: pairs,
        changeCount: count.size,
        proposedCount: proposedCount.size,
      };
    },
    findings(id) {
      const mine = conflicts.get(id);
      return {
        conflicts: mine
          ? [...mine].sort((a, b) => a[0].localeCompare(b[0])).map(([other, shared]) => ({ ref: refOf(ws.byId.get(other)!, links), shared }))
          : [],
        freezes: freezesOf.get(id) ?? [],
      };
    },
  };
}

/**
 * Pairs of active changes with overlapping planned windows sharing a CI or affected service. A sweep
 * over start times compares each change only with those still running when it starts.
 */
export function findConflicts(changes: ReadonlyArray<ItsmRecord<'change'>>, affected: ReadonlyMap<string, string[]>): Map<string, Map<string, string[]>> {
  const active = changes
    .filter((c) => !INACTIVE.has(c.data.status))
    .map((c) => ({
      id: c.id,
      start: Date.parse(c.data.planned_start),
      end: Date.parse(c.data.planned_end),
      touches: new Set([...(c.data.cis ?? []), ...(affected.get(c.id) ?? [])]),
    }))
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  const out = new Map<string, Map<string, string[]>>();
  const running: typeof active = [];
  for (const c of active) {
    for (let i = running.length - 1; i >= 0; i--) if (running[i]!.end <= c.start) running.splice(i, 1);
    for (const r of running) {
      const shared = [...c.touches].filter((x) => r.touches.has(x)).sort();
      if (shared.length === 0) continue;
      link(out, c.id, r.id, shared);
      link(out, r.id, c.id, shared);
    }
    running.push(c);
  }
  return out;
}

function link(out: Map<string, Map<string, string[]>>, a: string, b: string, shared: string[]): void {
  let m = out.get(a);
  if (!m) out.set(a, (m = new Map<string, string[]>()));
  m.set(b, shared);
}

function inMonthRange(c: ItsmRecord<'change'>, ym: string, tz: string): boolean {
  const first = localDate(Date.parse(c.data.planned_start), tz).slice(0, 7);
  const last = localDate(Date.parse(c.data.planned_end) - 1, tz).slice(0, 7);
  return first <= ym && ym <= last;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function hhmm(iso: string, tz: string): string {
  return formatInstant(iso, tz).slice(11, 16);
}

/** Calendar arithmetic on YYYY-MM-DD (zone-free dates). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}
