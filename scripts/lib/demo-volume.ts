/**
 * The seeded volume of the demo: the everyday incidents, drawn from the scenarios in
 * demo-scenarios.ts, and the service requests, drawn from demo-requests.ts. Pure: the organisation
 * (people, teams, support calendars, priority matrix) comes in as `Org`, read from the hand-written
 * records, and the same seed always gives the same records.
 *
 * "Now" for the demo is Thursday 26 November 2026, 08:45 in Berlin: everything before is history.
 */
import { makeRng, type Rng } from './demo-random.ts';
import { BERLIN, DAY, HOUR, MINUTE, NEW_YORK, iso, isoDate, parseIso, toMinute, wallClock } from './demo-time.ts';
import { SCENARIOS, type Level, type Scenario, type Story } from './demo-scenarios.ts';
import { REQUESTERS, REQUEST_TEMPLATES } from './demo-requests.ts';
import { fill, localTime } from './demo-support.ts';
import type { Data, Out } from './demo-content.ts';

/** What the volume needs to know about the hand-written organisation. */
export interface Org {
  matrix: Record<Level, Record<Level, string>>;
  /** Full name by forge login. */
  people: Map<string, string>;
  /** Team name by team ID. */
  teams: Map<string, string>;
  /** Support calendar by service ID. */
  calendars: Map<string, string | undefined>;
}

export interface VolumeOptions {
  seed: number;
  incidents: number;
  requests: number;
  /** Record numbers held by hand-written files, by prefix (INC, REQ): the volume takes the others. */
  taken: Map<string, Set<number>>;
}

/** The organisation as the hand-written teams and services describe it. */
export function orgOf(records: Iterable<Out>, matrix: Org['matrix']): Org {
  const org: Org = { matrix, people: new Map(), teams: new Map(), calendars: new Map() };
  for (const r of records) {
    if (r.folder === 'teams') {
      org.teams.set(r.id, String(r.data.name));
      for (const m of r.data.members as { name: string; login: string }[]) if (!org.people.has(m.login)) org.people.set(m.login, m.name);
    }
    if (r.folder === 'services') org.calendars.set(r.id, r.data.support_calendar as string | undefined);
  }
  return org;
}

export function generateVolume(org: Org, opts: VolumeOptions): Out[] {
  const drafts = buildIncidents(org, opts.seed + 1, opts.incidents);
  const ids = freeIds('INC', drafts.length, opts.taken.get('INC'));
  const incidents = drafts.map((d, i): Out => ({ folder: 'incidents', id: ids[i]!, data: d.data, body: d.body }));
  return [...incidents, ...buildRequests(org, opts.seed + 3, opts.requests, opts.taken.get('REQ'))];
}

/** The `count` lowest record numbers that no hand-written file holds, in order. */
function freeIds(prefix: string, count: number, taken = new Set<number>()): string[] {
  const out: string[] = [];
  for (let n = 1; out.length < count; n++) if (!taken.has(n)) out.push(`${prefix}-${String(n).padStart(4, '0')}`);
  return out;
}

const NOW = localTime('2026-11-26T08:45');
const START = localTime('2025-11-26T09:00');

const zoneName = (z: 'berlin' | 'new-york' | undefined): string => (z === 'new-york' ? NEW_YORK : BERLIN);
const nameOf = (org: Org, login: string): string => org.people.get(login) ?? login;

/** Drops undefined fields and empty arrays so the front matter stays tidy. */
function tidy(data: Data): Data {
  const out: Data = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------- incidents

interface Step {
  at: number;
  status?: string;
  note: string;
  /** A person from the team files; absent when monitoring or an external requester did it. */
  by?: string;
}

/** What an incident is about, by the team that works it (itsm.yaml lists the categories). */
const CATEGORY_BY_TEAM: Record<string, string> = {
  'TEAM-warehouse-systems': 'application',
  'TEAM-integration': 'integration',
  'TEAM-network': 'network',
  'TEAM-identity': 'access',
  'TEAM-commerce': 'application',
  'TEAM-payments': 'application',
  'TEAM-data': 'data',
  'TEAM-workplace': 'workplace',
  'TEAM-platform': 'infrastructure',
};

type Requester = (typeof REQUESTERS)[number];

/** A colleague outside IT as an external contact: name, company address, department. */
function contactOf(who: Requester): Data {
  const local = who.name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z ]/g, '')
    .replace(/ /g, '.');
  return { name: who.name, email: `${local}@northwind-logistics.example`, organisation: who.dept };
}

/**
 * The colleague who called about an incident: someone in the reporter's time zone, chosen from the
 * report time (not from the random stream, so adding callers left every other draw as it was).
 */
function callerOf(reported: number, zone: string): Data {
  const near = REQUESTERS.filter((q) => zoneName(q.zone) === zone);
  return contactOf(near[Math.floor(reported / MINUTE) % near.length]!);
}

/** How an incident ended, from what the generator knows about it. */
function closeCodeOf(status: string | undefined, team: string, problem: string | undefined): string | undefined {
  if (status === 'cancelled') return 'duplicate';
  if (status !== 'resolved' && status !== 'closed') return undefined;
  if (problem !== undefined) return 'solved-workaround';
  return team === 'TEAM-workplace' ? 'solved-remotely' : 'solved-permanently';
}

interface IncidentDraft {
  reported: number;
  data: Data;
  body: string;
}

/** Builds the milestone fields from the timeline, so the two always agree. */
function milestones(steps: Step[], zone: string): Data {
  const firstAt = (status: string): number | undefined => steps.find((s) => s.status === status)?.at;
  const lastAt = (status: string): number | undefined => [...steps].reverse().find((s) => s.status === status)?.at;
  const ack = firstAt('acknowledged');
  const resolved = lastAt('resolved');
  const closed = lastAt('closed');
  const status = [...steps].reverse().find((s) => s.status)?.status;
  return {
    status,
    ack: ack === undefined ? undefined : iso(ack, zone),
    resolved: resolved === undefined || (status !== 'resolved' && status !== 'closed') ? undefined : iso(resolved, zone),
    closed: closed === undefined || status !== 'closed' ? undefined : iso(closed, zone),
  };
}

function timelineOut(steps: Step[], zone: string): Data[] {
  return steps.map((s) => tidy({ at: iso(s.at, zone), status: s.status, note: s.note, by: s.by }));
}

function incidentData(
  org: Org,
  d: {
    title: string;
    service: string;
    cis: string[];
    impact: Level;
    urgency: Level;
    reported: number;
    zone: string;
    team: string;
    caller?: Data;
    category?: string;
    assignee?: string;
    problem?: string;
    resolution?: string;
    kb?: string[];
    steps: Step[];
    tags?: string[];
  },
): Data {
  const m = milestones(d.steps, d.zone);
  const done = m.status === 'resolved' || m.status === 'closed';
  return tidy({
    title: d.title,
    caller: d.caller,
    category: d.category,
    status: m.status,
    service: d.service,
    cis: d.cis,
    impact: d.impact,
    urgency: d.urgency,
    priority: org.matrix[d.impact][d.urgency],
    reported_at: iso(d.reported, d.zone),
    acknowledged_at: m.ack,
    resolved_at: m.resolved,
    closed_at: m.closed,
    team: d.team,
    assignee: d.assignee,
    problem: d.problem,
    resolution: done ? d.resolution : undefined,
    close_code: closeCodeOf(m.status as string | undefined, d.team, d.problem),
    kb: d.kb,
    timeline: timelineOut(d.steps, d.zone),
    tags: d.tags,
  });
}

const inRange = (s: Scenario, day: string): boolean => (!s.from || day >= s.from) && (!s.until || day <= s.until);

/** Busier in peak season (late November to Christmas) and slightly busier on Mondays. */
function seasonWeight(ms: number): number {
  const w = wallClock(ms, BERLIN);
  let f = 1;
  if ((w.month === 11 && w.day >= 20) || (w.month === 12 && w.day <= 23)) f *= 1.8;
  if (w.month === 8) f *= 0.8;
  if (w.weekday === 1) f *= 1.2;
  if (w.weekday === 0 || w.weekday === 6) f *= 0.6;
  return f;
}

/** A report time: office hours in the reporter's zone, or any hour for monitoring alerts at night. */
function reportTime(r: Rng, from: number, to: number, zone: string, night: boolean): number {
  for (;;) {
    const t = toMinute(from + r.next() * (to - from));
    if (r.next() * 2 > seasonWeight(t)) continue;
    const w = wallClock(t, zone);
    const workday = w.weekday >= 1 && w.weekday <= 5;
    if (night && r.chance(0.35)) return t;
    if (workday && w.hour >= 7 && w.hour < 19) return t;
    if (r.chance(0.08)) return t;
  }
}

const ACK_MINUTES: Record<string, [number, number]> = { P1: [2, 8], P2: [4, 25], P3: [8, 100], P4: [20, 300], P5: [60, 1200] };
const WORK_MINUTES: Record<string, [number, number]> = { P1: [30, 200], P2: [60, 420], P3: [90, 1300], P4: [180, 2600], P5: [1000, 9000] };

/** The next moment inside office hours (Mon-Fri 08:00-18:00) in the zone, plus a few minutes if it had to move. */
function nextOffice(t: number, zone: string, r: Rng): number {
  let x = toMinute(t);
  for (let i = 0; i < 200; i++) {
    const w = wallClock(x, zone);
    if (w.weekday >= 1 && w.weekday <= 5 && w.hour >= 8 && w.hour < 18) return i === 0 ? x : x + r.int(3, 75) * MINUTE;
    x += 30 * MINUTE;
    x -= x % (30 * MINUTE);
  }
  return x;
}

/** Services supported in office hours only: nobody picks up their P3-P5 outside those hours. */
function nextSupported(org: Org, t: number, service: string, zone: string, r: Rng): number {
  if (!org.calendars.has(service)) return t;
  const calendar = org.calendars.get(service);
  if (calendar === 'always-on') return t;
  const svcZone = calendar === 'new-york-extended' ? NEW_YORK : zone;
  const [open, close] = calendar === 'new-york-extended' ? [7, 20] : [8, 18];
  let x = t;
  for (let i = 0; i < 96; i++) {
    const w = wallClock(x, svcZone);
    if (w.weekday >= 1 && w.weekday <= 5 && w.hour >= open && w.hour < close) return x;
    x = toMinute(x + 30 * MINUTE);
  }
  return x + r.int(2, 20) * MINUTE;
}

const GENERIC_HOLD = [
  'Waiting for the reporter to be available for a remote session.',
  'Waiting for the vendor to answer our support case.',
  'Waiting for a replacement part.',
];

/** How many days before "now" the last step of a still-open record may lie, by its status. */
const OPEN_DAYS_BACK: Record<string, number> = { new: 0, acknowledged: 0, in_progress: 1, on_hold: 3, resolved: 2, closed: 4, approved: 1, fulfilled: 3 };

/**
 * Cuts a full lifecycle at the first time it reaches `target` (keeping the notes that follow) and
 * moves it so that this step lies shortly before "now": the incident is caught mid-flight.
 */
function cutAt(r: Rng, steps: Step[], target: string): Step[] {
  let end = steps.findIndex((s) => s.status === target);
  if (end < 0) end = steps.findIndex((s) => s.status === 'in_progress');
  while (end + 1 < steps.length && steps[end + 1]!.status === undefined) end++;
  const kept = steps.slice(0, end + 1);
  // Whole days keep every step at its time of day (office hours stay office hours).
  const back = OPEN_DAYS_BACK[kept[end]!.status ?? 'in_progress'] ?? 1;
  const days = Math.ceil((kept[end]!.at - NOW) / DAY) + r.int(0, back);
  return kept.map((s) => ({ ...s, at: s.at - days * DAY }));
}

const ACK_NOTES = ['{name} picked up.', 'Assigned to {team}; {name} looking.', 'Acknowledged by {name}.', '{name} on it.'];
const RESUME_NOTES = ['Back on it.', 'Resumed with the information received.', 'Vendor answered; continuing.', 'Picked up again.'];

interface GenOptions {
  /** Leave the incident open in this status, shortly before "now". */
  target?: string;
  /** A given scenario at a given local time (to make sure a story is told at least once). */
  fixed?: { scenario: string; at: string; story?: number };
}

function generatedIncident(org: Org, r: Rng, window: [number, number], opts: GenOptions = {}): IncidentDraft {
  const { target } = opts;
  const forceOpen = target !== undefined;
  let sc: Scenario;
  let reported: number;
  let day: string;
  if (opts.fixed) {
    sc = SCENARIOS.find((x) => x.key === opts.fixed!.scenario)!;
    reported = localTime(opts.fixed.at, zoneName(sc.zone));
    day = isoDate(reported);
  } else {
    // Pick the time first (in Berlin), then a scenario that fits that date.
    const probe = reportTime(r, window[0], window[1], BERLIN, false);
    day = isoDate(probe);
    const candidates = SCENARIOS.filter((x) => x.weight > 0 && inRange(x, day));
    sc = r.weighted(candidates, (x) => x.weight);
    reported = reportTime(r, window[0], window[1], zoneName(sc.zone), sc.night === true);
    // Keep the scenario's date window after re-drawing the time.
    for (let i = 0; i < 20 && !inRange(sc, isoDate(reported)); i++) reported = reportTime(r, window[0], window[1], zoneName(sc.zone), sc.night === true);
    if (!inRange(sc, isoDate(reported))) reported = probe;
  }
  const zone = zoneName(sc.zone);

  const story = opts.fixed?.story !== undefined ? sc.stories![opts.fixed.story]! : pickStory(r, sc);
  // Nobody leaves an urgent incident untouched: the ones still "new" are the least pressing.
  const priorityOf = (impact: Level, urgency: Level): string => org.matrix[impact][urgency];
  const leastUrgent = [...sc.levels].sort((a, b) => priorityOf(b[0], b[1]).localeCompare(priorityOf(a[0], a[1])))[0]!;
  const [impact, urgency] = target === 'new' ? leastUrgent : r.chance(0.7) ? sc.levels[0]! : r.pick(sc.levels);
  const priority = priorityOf(impact, urgency);
  const who = r.pick(sc.assignees);
  const ctx = fillContext(r);
  const f = (s: string): string => fill(s, ctx);

  const steps: Step[] = [];
  // The service desk in New York or in Berlin.
  const reporter = sc.zone === 'new-york' ? r.pick(['mjohnson-ny', 'mjohnson-ny', 'rgoldberg']) : r.pick(['alehmann', 'mschmitt', 'lhartmann', 'ydemir']);
  const reportNote = f(r.pick(sc.reported));
  // Alerts are opened by the monitoring, everything else by the service desk.
  const fromAlert = reportNote.startsWith('Alert');
  steps.push({ at: reported, status: 'new', note: reportNote, ...(!fromAlert && { by: reporter }) });

  const cancelled = !forceOpen && r.chance(0.04);
  const urgent = priority === 'P1' || priority === 'P2';
  let t = reported;
  // P1/P2 are worked around the clock where the service is; the rest waits for office hours.
  const advance = (minutes: number): number => {
    const raw = toMinute(t + minutes * MINUTE);
    t = urgent ? nextSupported(org, raw, sc.service, zone, r) : nextOffice(raw, zone, r);
    return t;
  };
  const [a0, a1] = ACK_MINUTES[priority]!;
  steps.push({
    at: advance(r.int(a0, a1)),
    status: 'acknowledged',
    note: fill(r.pick(ACK_NOTES), { ...ctx, name: nameOf(org, who).split(' ')[0]!, team: org.teams.get(sc.team)! }),
    by: who,
  });

  if (cancelled) {
    steps.push({
      at: advance(r.int(5, 90)),
      status: 'cancelled',
      note: 'Duplicate of an incident already open for the same problem; cancelled and linked there.',
      by: who,
    });
  } else {
    steps.push({ at: advance(r.int(1, 30)), status: 'in_progress', note: f(story.work[0]!), by: who });
    const [w0, w1] = WORK_MINUTES[priority]!;
    let work = r.int(w0, w1);
    for (const note of story.work.slice(1)) {
      steps.push({ at: advance(Math.floor(work * r.next() * 0.4) + 1), note: f(note), by: who });
      work = Math.floor(work * 0.6);
    }
    const holdChance = forceOpen ? 0.45 : urgent ? 0.08 : 0.25;
    const hold = story.hold ?? sc.hold ?? (target === 'on_hold' ? GENERIC_HOLD : undefined);
    if (hold && (target === 'on_hold' || r.chance(holdChance))) {
      steps.push({ at: advance(Math.floor(work * 0.3) + 1), status: 'on_hold', note: f(r.pick(hold)), by: who });
      steps.push({ at: advance(r.int(3 * 60, 3 * 24 * 60)), status: 'in_progress', note: r.pick(RESUME_NOTES), by: who });
    }
    steps.push({ at: advance(work), status: 'resolved', note: f(story.resolution), by: who });
    if (!forceOpen && r.chance(0.045)) {
      // Reopened: the fix did not hold.
      steps.push({ at: advance(r.int(90, 2 * 24 * 60)), status: 'in_progress', note: 'Reopened: the reporter says the problem is back.', by: reporter });
      steps.push({ at: advance(r.int(45, 8 * 60)), status: 'resolved', note: `Fixed again. ${f(story.resolution)}`, by: who });
    }
    if (r.chance(0.6)) {
      t += 72 * HOUR;
      steps.push({ at: t, status: 'closed', note: 'Closed automatically after 72 hours without a reply.', by: who });
    } else {
      const warehouse = sc.service === 'SVC-warehouse';
      const note = r.pick(
        warehouse
          ? ['Confirmed by the shift lead, closing.', 'Shift lead confirmed; closing.']
          : ['Reporter confirmed it works; closing.', 'Confirmed with the reporter; closing.', 'No recurrence; closed.'],
      );
      steps.push({ at: nextOffice(t + r.int(2 * 60, 48 * 60) * MINUTE, zone, r), status: 'closed', note, by: r.chance(0.5) ? who : reporter });
    }
  }

  // Whatever lies after "now" has not happened yet.
  const kept = target ? cutAt(r, steps, target) : steps.filter((s) => s.at <= NOW);
  reported = kept[0]!.at;
  const problem = sc.problem && !story.noProblem && (!sc.problemFrom || day >= shiftDate(sc.problemFrom, -30)) ? sc.problem : undefined;

  const lastStatus = [...kept].reverse().find((s) => s.status)?.status;
  const title = f(r.pick(story.titles));
  const resolution = [...kept].reverse().find((s) => s.status === 'resolved')?.note;
  const data = incidentData(org, {
    title,
    caller: fromAlert ? undefined : callerOf(reported, zone),
    category: CATEGORY_BY_TEAM[sc.team],
    service: sc.service,
    cis: sc.cis,
    impact,
    urgency,
    reported,
    zone,
    team: sc.team,
    assignee: lastStatus === 'new' ? undefined : who,
    problem,
    resolution,
    kb: sc.kb && r.chance(0.7) ? sc.kb : undefined,
    steps: kept,
    tags: sc.tags,
  });
  const body = incidentBody(org, r, story, f, kept, lastStatus, reporter, impact);
  return { reported, data, body };
}

/** One coherent story of the scenario: a distinct story, or the shared wording with variations. */
function pickStory(r: Rng, sc: Scenario): Story {
  if (sc.stories && sc.stories.length > 0) return r.pick(sc.stories);
  return {
    titles: sc.titles ?? [],
    description: r.pick(sc.description ?? []),
    work: (sc.work ?? []).slice(0, r.int(1, Math.max(1, (sc.work ?? []).length))),
    resolution: r.pick(sc.resolutions ?? []),
  };
}

function shiftDate(day: string, days: number): string {
  return isoDate(parseIso(`${day}T12:00:00Z`) + days * DAY);
}

const IMPACT_LINES: Record<Level, string[]> = {
  high: ['Many users affected; parts of the business could not work.', 'Widespread: a whole site or most customers affected.'],
  medium: ['One team or one site affected.', 'Several users affected, with a workaround for some of them.'],
  low: ['One user or a handful of users affected.', 'Minor: a few users, work could continue.'],
};

/** The incident's body, in one of a few shapes people actually use. */
function incidentBody(
  org: Org,
  r: Rng,
  story: Story,
  f: (s: string) => string,
  steps: Step[],
  status: string | undefined,
  reporter: string,
  impact: Level,
): string {
  const description = f(story.description);
  const channel = r.pick(['phone', 'Teams', 'the service desk portal', 'e-mail']);
  const fromAlert = steps[0]!.note.startsWith('Alert');
  const taken = fromAlert ? 'Raised by monitoring.' : `Taken by ${nameOf(org, reporter)} via ${channel}.`;
  const done = status === 'resolved' || status === 'closed';
  const resolution = [...steps].reverse().find((s) => s.status === 'resolved')?.note;
  const findings = steps
    .filter((s) => (!s.status || s.status === 'in_progress') && !RESUME_NOTES.includes(s.note) && !s.note.startsWith('Reopened'))
    .map((s) => s.note);
  if (status === 'cancelled') return `${description}\n\n${taken}\n\n## Outcome\n\nDuplicate report; cancelled. Work continued in the original incident.`;
  const reopened = steps.some((s) => s.note.startsWith('Reopened'));
  const open =
    status === 'on_hold'
      ? 'On hold: see the last timeline entry for what we are waiting for.'
      : status === 'new'
        ? 'Not picked up yet.'
        : status === 'acknowledged'
          ? 'Acknowledged; investigation starting.'
          : 'Being worked on; updates in the timeline.';
  const shape = r.int(0, 2);
  if (shape === 0) {
    const parts = [description, taken];
    if (findings.length) parts.push(`## Diagnosis\n\n${findings.map((n) => `- ${n}`).join('\n')}`);
    parts.push(done ? `## Resolution\n\n${resolution}${reopened ? '\n\nReopened once after the first fix; see the timeline.' : ''}` : `## Status\n\n${open}`);
    return parts.join('\n\n');
  }
  if (shape === 1) {
    const parts = [
      description,
      `**Impact:** ${r.pick(IMPACT_LINES[impact])}  \n**Reported:** ${fromAlert ? 'monitoring alert' : `${nameOf(org, reporter)}, ${channel}`}`,
    ];
    if (findings.length) parts.push(`## What we found\n\n${findings.join(' ')}`);
    parts.push(done ? `## Fix\n\n${resolution}` : `## Next steps\n\n${open}`);
    return parts.join('\n\n');
  }
  return `${description} ${taken}\n\n${done ? `Fixed: ${resolution}` : open}`;
}

const PARTNERS = [
  'Harbor & Pine',
  'Lakeshore Outfitters',
  'Fieldstone Home',
  'Bright Basket Co.',
  'Northgate Retail',
  'Maple & Main',
  'Cedar Ridge Supply',
  'Blue Heron Stores',
];
const DOMAINS = ['web.de', 'gmx.net', 't-online.de', 'wp.pl', 'onet.pl', 'freenet.de'];
const BRANDS = ['Nordlicht', 'Gartenwelt Hansen', 'Casa Verde', 'Baltic Oak', 'Kiez Kids'];
const TERMS = ['Gartenstuhl', 'Regal', 'Kinderbett', 'Lichterkette', 'Sonnenschirm', 'Schreibtisch'];
const MAILBOXES = ['purchasing@', 'returns-spandau@', 'partners-us@', 'carrier-claims@', 'invoices@'];
const USERS = [
  'Jana Köhler',
  'Laura Vogt',
  'Tim Brandt',
  'Nora Peters',
  'Sven Albrecht',
  'Emily Carter',
  'Jason Lee',
  'Olivia Martinez',
  'Frank Wendt',
  'Elif Aksoy',
];

function fillContext(r: Rng): Record<string, string> {
  const aisle = r.int(40, 50);
  const t1 = r.int(5, 9);
  return {
    aisle: `${aisle}-${aisle + r.int(1, 2)}`,
    zone: r.pick(['C', 'D', 'E']),
    count: String(r.int(3, 60)),
    pct: String(r.int(6, 40)),
    asset: `SCN-SPD-${String(r.int(1, 180)).padStart(3, '0')}`,
    asset2: `SCN-SPD-${String(r.int(1, 180)).padStart(3, '0')}`,
    ap: String(r.int(10, 96)),
    shiftlead: r.pick(['Markus Sommer', 'Dana Fuchs', 'Ali Şahin']),
    station: `${r.int(1, 20)}-${r.int(21, 30)}`,
    line: String(r.int(1, 4)),
    minutes: String(r.int(12, 55)),
    time: `${String(t1).padStart(2, '0')}:${String(r.int(0, 5) * 10).padStart(2, '0')}`,
    time2: `${String(t1 + r.int(1, 2)).padStart(2, '0')}:${String(r.int(0, 5) * 10).padStart(2, '0')}`,
    shift: r.pick(['early', 'late']),
    case: String(r.int(10000000, 99999999)),
    partner: r.pick(PARTNERS),
    domain: r.pick(DOMAINS),
    voucher: r.pick(['HERBST15', 'WELCOME10', 'GARTEN20', 'BLACKWEEK25', 'FREESHIP']),
    latency: String(r.int(28, 95) * 100),
    brand: r.pick(BRANDS),
    term: r.pick(TERMS),
    wave: r.pick(['afternoon', 'evening']),
    driver: `${r.pick(['Kemal', 'Sandra', 'Marek', 'Olga', 'Dirk'])} (van B-NW ${r.int(100, 999)})`,
    dashboard: r.pick(['Daily operations', 'Margin by category', 'Carrier cost per parcel']),
    mailbox: r.pick(MAILBOXES),
    user: r.pick(USERS),
    node: `ip-10-40-${r.int(1, 60)}-${r.int(2, 250)}.eu-central-1.compute.internal`,
    app: r.pick(['storefront', 'cart-service', 'tracking-api', 'route-optimizer', 'erp-connector']),
    host: r.pick(['grafana.nw.internal', 'vault.nw.internal', 'wms-api.nw.internal', 'argocd.nw.internal']),
  };
}

/** The incidents in the order of their report times, which is the order of their numbers. */
function buildIncidents(org: Org, seed: number, total: number): IncidentDraft[] {
  const r = makeRng(seed);
  const generated: IncidentDraft[] = [];
  // The last ones are caught mid-flight: the service desk's open queue on the morning of "now".
  const open = ['new', 'new', 'acknowledged', 'in_progress', 'in_progress', 'in_progress', 'on_hold', 'on_hold', 'resolved', 'resolved', 'resolved', 'closed'];
  // Stories that must be told at least once (their problem records point at them).
  const fixed = [
    { scenario: 'scanner-roaming', at: '2026-02-09T07:15' },
    { scenario: 'label-printer-stall', at: '2026-02-23T06:30' },
    { scenario: 'airflow-nightly', at: '2026-03-02T07:35' },
    { scenario: 'dhl-rate-limit', at: '2026-05-04T06:08' },
    { scenario: 'keycloak-logout', at: '2026-07-14T02:10' },
    { scenario: 'm365-outlook', at: '2026-08-12T10:30', story: 0 },
    { scenario: 'vpn-macos', at: '2026-10-01T09:40' },
    { scenario: 'paypal-timeout', at: '2026-10-27T20:41' },
    { scenario: 'opensearch-heap', at: '2026-10-21T01:20' },
    { scenario: 'route-plan-timeout', at: '2026-09-29T14:52' },
    { scenario: 'route-plan-timeout', at: '2026-11-12T14:47' },
    { scenario: 'zendesk-order360', at: '2026-11-09T10:20' },
    { scenario: 'zendesk-order360', at: '2026-11-13T15:05' },
  ];
  for (const f of fixed) generated.push(generatedIncident(org, r, [START, NOW], { fixed: f }));
  for (let i = fixed.length; i < total - open.length; i++) generated.push(generatedIncident(org, r, [START, NOW - 10 * DAY]));
  for (const target of open) generated.push(generatedIncident(org, r, [NOW - 6 * DAY, NOW - 2 * HOUR], { target }));
  return generated.sort((a, b) => a.reported - b.reported);
}

function buildRequests(org: Org, seed: number, count: number, taken?: Set<number>): Out[] {
  const r = makeRng(seed);
  const drafts: { at: number; out: Omit<Out, 'id'> }[] = [];
  const openTargets = ['new', 'new', 'approved', 'in_progress', 'in_progress', 'on_hold', 'fulfilled', 'fulfilled', 'fulfilled'];
  for (let i = 0; i < count; i++) {
    // Every offering template at least once, then by how often people ask for it.
    const tpl = i < REQUEST_TEMPLATES.length ? REQUEST_TEMPLATES[i]! : r.weighted(REQUEST_TEMPLATES, (t) => t.weight);
    const target = i >= count - openTargets.length ? openTargets[i - (count - openTargets.length)] : undefined;
    const candidates = REQUESTERS.filter((q) => !tpl.depts || tpl.depts.some((d) => q.dept.includes(d)));
    const who = r.pick(candidates);
    const zone = zoneName(who.zone);
    const recent = target !== undefined;
    const from = recent ? NOW - 8 * DAY : NOW - 200 * DAY;
    const to = recent ? NOW - HOUR : NOW - 9 * DAY;
    const at = nextOffice(reportTime(r, from, to, zone, false), zone, r);
    const ctx = {
      ...fillContext(r),
      joiner: r.pick(['Lea Schuster', 'Max Engel', 'Zofia Lewandowska', 'Ryan Cooper', 'Hanna Roth', 'Deniz Arslan', 'Paula Weiß', 'Tom Hartwig', 'Grace Kim']),
      start: isoDate(at + r.int(7, 20) * DAY, zone),
      end: isoDate(at + r.int(20, 80) * DAY, zone),
      dept: who.dept,
      customer: `K-${r.int(1000000, 9999999)}`,
      ticket: `#${r.int(400000, 499999)}`,
    };
    const f = (s: string): string => fill(s, ctx);
    const item = r.pick(tpl.items);
    const assignee = r.pick(tpl.assignees);
    const workerZone = zoneName(tpl.zone);
    const assigneeName = nameOf(org, assignee).split(' ')[0]!;
    // Requests are worked in office hours of the fulfilling team.
    const next = (from: number, minutes: number): number => nextOffice(from + minutes * MINUTE, workerZone, r);
    const steps: Step[] = [
      {
        at,
        status: 'new',
        note: r.pick(['Submitted in the service portal.', 'Submitted in the service portal.', 'Raised by the service desk after a call.']),
      },
    ];
    let t = at;
    const rejected = !target && tpl.reject !== undefined && r.chance(0.3);
    const cancelled = !target && !rejected && r.chance(0.05);
    if (tpl.approval) {
      t = next(t, r.int(60, 24 * 60));
      if (rejected) steps.push({ at: t, status: 'rejected', note: tpl.reject!, by: assignee });
      else steps.push({ at: t, status: 'approved', note: tpl.approval, by: assignee });
    } else if (rejected) {
      t = next(t, r.int(20, 240));
      steps.push({ at: t, status: 'rejected', note: tpl.reject!, by: assignee });
    }
    if (!rejected) {
      if (cancelled) {
        t = next(t, r.int(60, 48 * 60));
        steps.push({ at: t, status: 'cancelled', note: 'Requester withdrew the request: no longer needed.' });
      } else {
        t = next(t, r.int(10, 300));
        steps.push({
          at: t,
          status: 'in_progress',
          note: `${assigneeName} ${r.pick(['working on it.', 'picked it up.', 'on it; will confirm with the requester.'])}`,
          by: assignee,
        });
        if (target === 'on_hold' || (!target && r.chance(0.2))) {
          t = next(t, r.int(60, 8 * 60));
          steps.push({
            at: t,
            status: 'on_hold',
            note: r.pick([
              'Waiting for the requester to confirm the details.',
              'Device on order, delivery expected this week.',
              'Waiting for the licence to be purchased.',
            ]),
            by: assignee,
          });
          t = next(t, r.int(1, 6) * 24 * 60);
          steps.push({ at: t, status: 'in_progress', note: r.pick(['Continuing.', 'Received what we needed; continuing.']), by: assignee });
        }
        t = next(t, r.int(2, 50) * 60);
        steps.push({
          at: t,
          status: 'fulfilled',
          note: r.pick(['Done, requester informed.', 'Delivered and confirmed by the requester.', 'Set up and tested with the requester.']),
          by: assignee,
        });
      }
    }
    const kept = target ? cutAt(r, steps, target) : steps.filter((s) => s.at <= NOW);
    const status = [...kept].reverse().find((s) => s.status)!.status!;
    const approved = kept.find((s) => s.status === 'approved');
    const firstTouch = kept[1];
    const fulfilled = kept.find((s) => s.status === 'fulfilled');
    const data = tidy({
      title: f(item[0]),
      service: tpl.service,
      offering: tpl.offering,
      requester: contactOf(who),
      status,
      priority: r.chance(0.15) ? 'P3' : 'P4',
      requested_at: iso(kept[0]!.at, zone),
      acknowledged_at: firstTouch ? iso(firstTouch.at, zone) : undefined,
      approved_at: approved ? iso(approved.at, zone) : undefined,
      fulfilled_at: fulfilled ? iso(fulfilled.at, zone) : undefined,
      team: tpl.team,
      assignee: status === 'new' ? undefined : assignee,
      close_code: status === 'fulfilled' || status === 'rejected' ? status : undefined,
      timeline: timelineOut(kept, zone),
    });
    drafts.push({ at: kept[0]!.at, out: { folder: 'requests', data, body: `${f(item[1])}\n\n${who.name}, ${who.dept}` } });
  }
  drafts.sort((a, b) => a.at - b.at);
  const ids = freeIds('REQ', drafts.length, taken);
  return drafts.map((d, i) => ({ ...d.out, id: ids[i]! }));
}
