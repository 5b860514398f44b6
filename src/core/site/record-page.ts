/**
 * The data of one record's page: its fields ready to show, related records both ways, SLA clocks,
 * git history and the facets Pagefind filters on. The body's HTML is added by src/io (Markdown).
 */
import { KIND_INFO, type Kind } from '../ids.ts';
import type { HistoryEntry } from '../history.ts';
import type { AnyRecord, Workspace } from '../model.ts';
import { relationsFrom, type Link } from '../relations.ts';
import { fieldLabel, formatInstant, formatSeconds, statusLabel } from '../format.ts';
import { displayName, REGISTRY } from '../kinds/index.ts';
import { peopleFrom, type People } from '../people.ts';
import type { ForgeLinks } from '../forge.ts';
import type { SiteLinks } from './links.ts';
import { httpUrl } from '../urls.ts';
import { compareIds } from './catalog.ts';
import { refOfId, type RecordRef } from './refs.ts';
import { dueView, type DueView, type SlaView } from './sla-view.ts';
import { clockLabel } from '../reports/index.ts';

export type FieldValue =
  | { type: 'text'; text: string }
  | { type: 'longtext'; text: string }
  | { type: 'time'; iso: string; text: string }
  | { type: 'refs'; refs: RecordRef[] }
  | { type: 'list'; items: string[] }
  | { type: 'pairs'; pairs: Array<{ label: string; text: string }> }
  | { type: 'link'; text: string; href: string | null }
  /** A person from the team files: their name, linked to their entry on their team's page. */
  | { type: 'person'; name: string; handle: string; href: string | null };

export interface FieldRow {
  key: string;
  label: string;
  value: FieldValue;
}

export interface RelatedGroup {
  label: string;
  direction: 'out' | 'in';
  /** Numbered records newest first; at most RELATED_SHOWN of them. */
  refs: RecordRef[];
  /** How many more there are, and where to find them all (a search for this record's ID). */
  more: number;
  moreHref?: string;
}

/** Per group: a service with hundreds of incidents lists the latest, then links to the rest. */
export const RELATED_SHOWN = 30;

export interface TimelineRow {
  at: string;
  atText: string;
  status: string;
  note: string;
  by: string;
  /** A customer-visible entry (`visibility: public`), shown on the status page; the rest are work notes. */
  public: boolean;
}

export interface HistoryRow {
  commit: string;
  commitShort: string;
  commitHref?: string;
  date: string;
  dateText: string;
  author: string;
  pr: number | null;
  prHref?: string;
  subject: string;
  event: string;
  changes: Array<{ field: string; from: string; to: string }>;
  bodyChanged: boolean;
}

export interface SlaRow {
  clock: string;
  /** For people: "response", "OLA resolution". */
  label: string;
  /** OLAs: the team whose part of the work the clock measures. */
  team: RecordRef | null;
  state: string;
  atRisk: boolean;
  percent: string;
  target: string;
  remaining: string;
  breachAt: string;
  due: string;
  /** A live clock (running or paused): its due time and the time left, for the countdown. */
  live?: DueView;
  /** A paused clock: "paused since 2026-11-26 10:15 CET"; else empty. */
  pausedSince: string;
  /** Earlier, completed cycles of this clock, oldest first. */
  cycles: SlaCycleRow[];
}

/** A completed cycle of a clock, as its row in the record page's cycles table. */
export interface SlaCycleRow {
  started: string;
  stopped: string;
  elapsed: string;
  state: string;
  due: string;
  priority: string;
  team: RecordRef | null;
}

/** What Pagefind filters on: kind, status, service, priority, team. */
export interface SearchFacets {
  kind: string;
  status: string;
  service: string[];
  priority: string;
  team: string[];
}

export interface RecordPage {
  id: string;
  kind: Kind;
  kindLabel: string;
  title: string;
  status: string;
  /** Short flags for the header: priority, major incident, known error, overdue review. */
  badges: Array<{ text: string; tone: 'bad' | 'warn' | 'good' | '' }>;
  file: string;
  editHref?: string;
  fields: FieldRow[];
  timeline: TimelineRow[];
  /** Team pages: the people, by handle (their primary login) with their other logins and email. */
  members: Array<{ name: string; login: string; otherLogins: string[]; email: string; role: string; anchor: string }>;
  related: RelatedGroup[];
  sla: {
    policy: string | null;
    calendar: string | null;
    /** Each policy the clocks follow (the customer SLA, an OLA), with its calendar and clocks' labels. */
    policies: Array<{ policy: string; calendar: string; clocks: string[] }>;
    reason: string;
    clocks: SlaRow[];
  } | null;
  /** null when the workspace has no git history to read. */
  history: HistoryRow[] | null;
  facets: SearchFacets;
}

export interface RecordPageInput {
  ws: Workspace;
  rec: AnyRecord;
  links: SiteLinks;
  forge: ForgeLinks;
  related: readonly Link[];
  sla?: SlaView;
  history?: readonly HistoryEntry[] | null;
  /** The build instant: live clocks get their time left as of it. */
  now?: string;
}

/** Fields shown elsewhere on the page (header, own sections), not in the field list. */
const OWN_SECTIONS = new Set(['id', 'title', 'name', 'timeline', 'offerings', 'members', 'pir']);
const LONG_TEXT = new Set([
  'implementation_plan',
  'test_plan',
  'rollback_plan',
  'root_cause',
  'workaround',
  'resolution',
  'priority_override_reason',
  'summary',
]);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function recordPage({ ws, rec, links, forge, related, sla, history, now }: RecordPageInput): RecordPage {
  const tz = ws.settings.time_zone;
  const data = rec.data as unknown as Record<string, unknown>;
  const refFields = new Set(relationsFrom(rec.kind).map((r) => r.field));
  const personFields = new Set((REGISTRY.get(rec.kind).people ?? []).map((p) => p.field));
  const people = peopleOf(ws);
  const team = typeof data.team === 'string' ? data.team : undefined;
  const fields: FieldRow[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (OWN_SECTIONS.has(key) || value === undefined || value === null) continue;
    const person = personFields.has(key) && typeof value === 'string' ? personValue(value, people, links, team) : undefined;
    fields.push({ key, label: fieldLabel(key), value: person ?? showValue(key, value, refFields.has(key), ws, links, tz) });
  }
  const editHref = forge.edit(rec.file);
  return {
    id: rec.id,
    kind: rec.kind,
    kindLabel: KIND_INFO[rec.kind].label,
    title: displayName(rec),
    status: String(data.status ?? ''),
    badges: badgesOf(rec),
    file: rec.file,
    ...(editHref ? { editHref } : {}),
    fields,
    timeline: timelineRows(data.timeline, tz, people),
    members: Array.isArray(data.members)
      ? (data.members as Array<{ name: string; login: string; other_logins?: string[]; email?: string; role?: string }>).map((m) => ({
          name: m.name,
          login: m.login,
          otherLogins: m.other_logins ?? [],
          email: m.email ?? '',
          role: m.role ?? '',
          anchor: personAnchor(people.personOf(m.login).handle),
        }))
      : [],
    related: relatedGroups(related, ws, links, rec.id),
    sla: sla
      ? {
          policy: sla.policy,
          calendar: sla.calendar,
          policies: policiesOf(sla),
          reason: sla.reason,
          clocks: sla.clocks.map((c) => slaRow(c, ws, links, tz, now === undefined ? NaN : Date.parse(now))),
        }
      : null,
    history: history ? history.map((h) => historyRow(h, forge, tz)) : null,
    facets: searchFacets(rec),
  };
}

const SOURCE_SYSTEMS: Record<string, (id: string) => string> = {
  servicenow: (id) => `ServiceNow ${id}`,
  jira: (id) => `Jira ${id}`,
  'github-issue': (id) => `GitHub issue #${id}`,
};

/**
 * Where an imported record came from, e.g. "ServiceNow INC0010001", linked to its URL. The URL is
 * content from a pull request: only http(s) addresses become links (never javascript: or data:).
 */
export function sourceValue(source: { system: string; id: string; url?: string }): FieldValue {
  const name = SOURCE_SYSTEMS[source.system]?.(source.id) ?? `${source.system} ${source.id}`;
  const href = httpUrl(source.url) ?? null;
  return { type: 'link', text: name, href };
}

function showValue(key: string, value: unknown, isRef: boolean, ws: Workspace, links: SiteLinks, tz: string): FieldValue {
  if (key === 'source' && typeof value === 'object' && value !== null && 'system' in value && 'id' in value) {
    return sourceValue(value as { system: string; id: string; url?: string });
  }
  if (isRef) {
    const ids = Array.isArray(value) ? value.map(String) : [String(value)];
    return { type: 'refs', refs: ids.map((id) => refOfId(id, ws.byId, links)) };
  }
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return { type: 'time', iso: value, text: formatInstant(value, tz) };
    if (LONG_TEXT.has(key) || value.includes('\n')) return { type: 'longtext', text: value };
    return { type: 'text', text: key === 'status' ? statusLabel(value) : value };
  }
  if (typeof value === 'boolean') return { type: 'text', text: value ? 'yes' : 'no' };
  if (typeof value === 'number') return { type: 'text', text: String(value) };
  if (Array.isArray(value)) return { type: 'list', items: value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))) };
  if (typeof value === 'object') {
    return {
      type: 'pairs',
      pairs: Object.entries(value as Record<string, unknown>).map(([k, v]) => ({
        label: fieldLabel(k),
        text: typeof v === 'string' && INSTANT.test(v) ? formatInstant(v, tz) : String(v),
      })),
    };
  }
  return { type: 'text', text: String(value) };
}

function timelineRows(timeline: unknown, tz: string, people: People): TimelineRow[] {
  if (!Array.isArray(timeline)) return [];
  return timeline.map((e: { at?: string; status?: string; note?: string; by?: string; visibility?: string }) => ({
    at: e.at ?? '',
    atText: e.at ? formatInstant(e.at, tz) : '',
    status: e.status ? statusLabel(e.status) : '',
    note: e.note ?? '',
    by: e.by ? (people.known(e.by)?.name ?? e.by) : '',
    public: e.visibility === 'public',
  }));
}

const PEOPLE = new WeakMap<Workspace, People>();

/** The people of the workspace's team files, resolved once per workspace. */
function peopleOf(ws: Workspace): People {
  let people = PEOPLE.get(ws);
  if (!people) PEOPLE.set(ws, (people = peopleFrom(ws.records.flatMap((r) => (r.kind === 'team' ? [r.data] : [])))));
  return people;
}

/** The id of a person's row on a team page. */
export function personAnchor(handle: string): string {
  return `person-${handle.toLowerCase()}`;
}

/**
 * A person field as the person's name, linked to their row on a team page: the record's team when
 * they are in it, else the first team that lists them. Someone no team lists is shown as written.
 */
function personValue(login: string, people: People, links: SiteLinks, team: string | undefined): FieldValue {
  const person = people.known(login);
  if (!person) return { type: 'text', text: login };
  const teams = people.teamsOf(login);
  const home = team !== undefined && teams.includes(team) ? team : teams[0];
  return { type: 'person', name: person.name, handle: person.handle, href: home ? `${links.record(home)}#${personAnchor(person.handle)}` : null };
}

/**
 * Links grouped by their label, outgoing first; each group in ID order. A record both named by this
 * one and naming it back (an incident's problem that lists the incident) is shown once, outgoing.
 */
export function relatedGroups(related: readonly Link[], ws: Workspace, links: SiteLinks, self?: string): RelatedGroup[] {
  const outgoing = new Set(related.filter((l) => l.direction === 'out').map((l) => l.id));
  const groups = new Map<string, { label: string; direction: Link['direction']; refs: RecordRef[]; seen: Set<string> }>();
  for (const link of related) {
    if (link.direction === 'in' && outgoing.has(link.id)) continue;
    const key = `${link.direction}\u0000${link.label}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { label: link.label, direction: link.direction, refs: [], seen: new Set() }));
    if (g.seen.has(link.id)) continue;
    g.seen.add(link.id);
    g.refs.push(refOfId(link.id, ws.byId, links));
  }
  return [...groups.values()]
    .map(({ label, direction, refs }) => {
      const numbered = refs.every((r) => KIND_INFO[r.kind].numbered);
      const sorted = refs.sort((a, b) => (numbered ? compareIds(b.id, a.id) : compareIds(a.id, b.id)));
      const more = Math.max(0, sorted.length - RELATED_SHOWN);
      const group: RelatedGroup = { label, direction, refs: sorted.slice(0, RELATED_SHOWN), more };
      if (more > 0 && self) group.moreHref = searchFor(self, KIND_INFO[sorted[0]!.kind].label, links);
      return group;
    })
    .sort((a, b) => (a.direction === b.direction ? 0 : a.direction === 'out' ? -1 : 1));
}

/** A search for every record of a kind that names `id`: by facet for services and teams, else by text. */
function searchFor(id: string, kindLabel: string, links: SiteLinks): string {
  const facet = id.startsWith('SVC-') ? 'service' : id.startsWith('TEAM-') ? 'team' : null;
  const kind = `kind=${encodeURIComponent(kindLabel)}`;
  return facet ? `${links.search()}?${facet}=${encodeURIComponent(id)}&${kind}` : `${links.search(id)}&${kind}`;
}

function policiesOf(sla: SlaView): Array<{ policy: string; calendar: string; clocks: string[] }> {
  const out: Array<{ policy: string; calendar: string; clocks: string[] }> = [];
  for (const c of sla.clocks) {
    if (c.policy === null || c.calendar === null) continue;
    const label = clockLabel(c.clock);
    const same = out.find((p) => p.policy === c.policy && p.calendar === c.calendar);
    if (same) same.clocks.push(label);
    else out.push({ policy: c.policy, calendar: c.calendar, clocks: [label] });
  }
  return out;
}

function slaRow(c: SlaView['clocks'][number], ws: Workspace, links: SiteLinks, tz: string, nowMs: number): SlaRow {
  const live = c.live && c.dueAt && !Number.isNaN(nowMs) ? dueView({ metric: c.clock, paused: c.paused, dueAt: c.dueAt, atRisk: c.atRisk }, nowMs, tz) : null;
  const teamRef = (id: string | null | undefined) => (id ? refOfId(id, ws.byId, links) : null);
  return {
    clock: c.clock,
    label: clockLabel(c.clock),
    team: teamRef(c.team),
    state: statusLabel(c.state),
    atRisk: c.atRisk,
    percent: c.percent === null ? '' : `${Math.floor(c.percent)}%`,
    target: c.targetSeconds === null ? '' : formatSeconds(c.targetSeconds),
    remaining: c.remainingSeconds === null ? '' : c.remainingSeconds < 0 ? `over by ${formatSeconds(-c.remainingSeconds)}` : formatSeconds(c.remainingSeconds),
    breachAt: c.breachAt ? formatInstant(c.breachAt, tz) : '',
    due: c.dueAt ? formatInstant(c.dueAt, tz) : '',
    ...(live ? { live } : {}),
    pausedSince: c.pausedSince ? `paused since ${formatInstant(c.pausedSince, tz)}` : '',
    cycles: c.cycles.map((y) => ({
      started: formatInstant(y.started_at, tz),
      stopped: y.stopped_at ? formatInstant(y.stopped_at, tz) : '',
      elapsed: formatSeconds(y.elapsed_seconds),
      state: statusLabel(y.state),
      due: y.due_at ? formatInstant(y.due_at, tz) : '',
      priority: y.priority,
      team: teamRef(y.team),
    })),
  };
}

function historyRow(h: HistoryEntry, forge: ForgeLinks, tz: string): HistoryRow {
  const commitHref = forge.commit(h.commit);
  const prHref = h.pr === null ? undefined : forge.pullRequest(h.pr);
  return {
    commit: h.commit,
    commitShort: h.commit.slice(0, 8),
    ...(commitHref ? { commitHref } : {}),
    date: h.date,
    dateText: formatInstant(h.date, tz),
    author: h.author,
    pr: h.pr,
    ...(prHref ? { prHref } : {}),
    subject: h.subject,
    event: h.event,
    changes: h.changes.map((c) => ({ field: c.field, from: showChange(c.from, tz), to: showChange(c.to, tz) })),
    bodyChanged: h.body_changed,
  };
}

/** A changed value as text; a timeline entry reads "2026-11-19 09:20 CET, in progress: note". */
function showChange(v: unknown, tz: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return INSTANT.test(v) ? formatInstant(v, tz) : v;
  const e = v as { at?: unknown; status?: unknown; note?: unknown; by?: unknown };
  if (typeof e === 'object' && typeof e.at === 'string') {
    const what = [typeof e.status === 'string' ? statusLabel(e.status) : '', typeof e.note === 'string' ? e.note : ''].filter(Boolean).join(': ');
    return `${formatInstant(e.at, tz)}${what ? `, ${what}` : ''}${typeof e.by === 'string' ? ` (${e.by})` : ''}`;
  }
  return JSON.stringify(v);
}

/** The values Pagefind's filters offer for a record. */
export function searchFacets(rec: AnyRecord): SearchFacets {
  const d = rec.data as unknown as Record<string, unknown>;
  const list = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.map(String) : []);
  const service = rec.kind === 'service' ? [rec.id] : [...list(d.service), ...list(d.services)];
  const team = rec.kind === 'team' ? [rec.id] : [...list(d.team), ...list(d.owner)];
  return { kind: KIND_INFO[rec.kind].label, status: statusLabel(String(d.status ?? '')), service, priority: String(d.priority ?? ''), team };
}

/** The flags a reader should see first. */
export function badgesOf(rec: AnyRecord): RecordPage['badges'] {
  const d = rec.data as unknown as Record<string, unknown>;
  const out: RecordPage['badges'] = [];
  if (typeof d.priority === 'string') out.push({ text: d.priority, tone: d.priority === 'P1' ? 'bad' : d.priority === 'P2' ? 'warn' : '' });
  if (d.major === true) out.push({ text: 'major incident', tone: 'bad' });
  if (rec.kind === 'problem' && (d.known_error === true || d.status === 'known_error')) out.push({ text: 'known error', tone: 'warn' });
  if (rec.kind === 'change') out.push({ text: `${String(d.type)} · ${String(d.risk)} risk`, tone: d.risk === 'high' ? 'warn' : '' });
  return out;
}
