/**
 * Post-incident reviews on the site: the review section of a major incident's page, and the reviews
 * page listing every review (held, due, overdue) with the action items still open across them.
 * Pure: `now` is a parameter; whether a review is due comes from src/core/pir.ts, as in validation.
 */
import { formatInstant, localDate } from '../format.ts';
import { isDone } from '../kinds/index.ts';
import { recordsOf, type Incident, type ItsmRecord, type Workspace } from '../model.ts';
import { peopleFrom, type People } from '../people.ts';
import { pirDueDate, pirDueDays, reviewState, type ReviewState } from '../pir.ts';
import type { SiteLinks } from './links.ts';
import { refOf, refOfId, type RecordRef } from './refs.ts';

export interface PirActionRow {
  title: string;
  /** The owner's handle, and their name from the team files. */
  owner: string;
  ownerName: string;
  due: string;
  done: boolean;
  /** Not done and past its due day. */
  overdue: boolean;
  /** The problem and the change that carry it, when named. */
  refs: RecordRef[];
}

export interface PirView {
  heldAt: string;
  attendees: Array<{ handle: string; name: string }>;
  summary: string;
  factors: string[];
  actions: PirActionRow[];
}

/** Where a major incident's review stands. */
export interface ReviewStatus {
  state: ReviewState;
  /** "held on 2026-03-04", "due by 2026-03-07", "overdue since 2026-03-07". */
  text: string;
  due: string;
}

export interface ReviewRow extends RecordRef {
  priority: string;
  resolved: string;
  review: ReviewStatus;
  openActions: number;
}

export interface OpenActionRow extends PirActionRow {
  incident: RecordRef;
}

export interface ReviewsPage {
  dueDays: number;
  /** Overdue first, then due (soonest first), then held (latest incident first). */
  reviews: ReviewRow[];
  /** Actions not done, across every review, the earliest due first. */
  openActions: OpenActionRow[];
  counts: { held: number; due: number; overdue: number; openActions: number; overdueActions: number };
}

interface Context {
  ws: Workspace;
  links: SiteLinks;
  people: People;
  today: string;
}

function context(ws: Workspace, links: SiteLinks, now: string): Context {
  const people = peopleFrom(recordsOf(ws, 'team').map((t) => t.data));
  return { ws, links, people, today: localDate(Date.parse(now), ws.settings.time_zone) };
}

function actionRows(pir: NonNullable<Incident['pir']>, c: Context): PirActionRow[] {
  return pir.actions.map((a) => ({
    title: a.title,
    owner: a.owner,
    ownerName: c.people.personOf(a.owner).name,
    due: a.due,
    done: a.done,
    overdue: !a.done && c.today > a.due,
    refs: [a.problem, a.change].filter((id): id is string => id !== undefined).map((id) => refOfId(id, c.ws.byId, c.links)),
  }));
}

function view(pir: NonNullable<Incident['pir']>, c: Context): PirView {
  return {
    heldAt: pir.held_at ?? '',
    attendees: (pir.attendees ?? []).map((handle) => ({ handle, name: c.people.personOf(handle).name })),
    summary: pir.summary,
    factors: pir.contributing_factors,
    actions: actionRows(pir, c),
  };
}

/** The review a major incident needs once resolved; undefined for any other incident. */
function status(d: Incident, c: Context): ReviewStatus | undefined {
  if (!d.major || !isDone('incident', d.status) || d.resolved_at === undefined) return undefined;
  const due = pirDueDate(d.resolved_at, pirDueDays(c.ws.settings), c.ws.settings.time_zone);
  const state = reviewState(d.pir !== undefined, due, c.today);
  return { state, text: state === 'held' ? heldText(d.pir!) : state === 'overdue' ? `overdue since ${due}` : `due by ${due}`, due };
}

function heldText(pir: NonNullable<Incident['pir']>): string {
  return pir.held_at ? `held on ${pir.held_at}` : 'held';
}

const ORDER: Record<ReviewState, number> = { overdue: 0, due: 1, held: 2 };

/**
 * The review views of a workspace as of `now`: each incident's review section, and the reviews page.
 * The people in the team files are read once for all of them.
 */
export function reviewViews(ws: Workspace, links: SiteLinks, now: string) {
  const c = context(ws, links, now);
  return {
    /** A major incident's review, and where it stands; nothing for another incident. */
    incident(rec: ItsmRecord<'incident'>): { pir?: PirView; review?: ReviewStatus } {
      const review = status(rec.data, c);
      return { ...(rec.data.pir ? { pir: view(rec.data.pir, c) } : {}), ...(review ? { review } : {}) };
    },
    page: () => reviewsPage(c),
  };
}

function reviewsPage(c: Context): ReviewsPage {
  const { ws, links } = c;
  const reviews: ReviewRow[] = [];
  const openActions: OpenActionRow[] = [];
  for (const rec of recordsOf(ws, 'incident')) {
    const review = status(rec.data, c);
    // A review held for an incident since reopened still shows, with its actions.
    if (!review && !rec.data.pir) continue;
    const ref = refOf(rec, links);
    const actions = rec.data.pir ? actionRows(rec.data.pir, c).filter((a) => !a.done) : [];
    openActions.push(...actions.map((a) => ({ ...a, incident: ref })));
    reviews.push({
      ...ref,
      priority: rec.data.priority,
      resolved: rec.data.resolved_at ? formatInstant(rec.data.resolved_at, ws.settings.time_zone) : '',
      review: review ?? { state: 'held', text: heldText(rec.data.pir!), due: '' },
      openActions: actions.length,
    });
  }
  reviews.sort(
    (a, b) =>
      ORDER[a.review.state] - ORDER[b.review.state] ||
      (a.review.state === 'held' ? b.id.localeCompare(a.id, 'en', { numeric: true }) : a.review.due.localeCompare(b.review.due) || a.id.localeCompare(b.id)),
  );
  openActions.sort((a, b) => a.due.localeCompare(b.due) || a.incident.id.localeCompare(b.incident.id, 'en', { numeric: true }));
  const count = (s: ReviewState) => reviews.filter((r) => r.review.state === s).length;
  return {
    dueDays: pirDueDays(ws.settings),
    reviews,
    openActions,
    counts: {
      held: count('held'),
      due: count('due'),
      overdue: count('overdue'),
      openActions: openActions.length,
      overdueActions: openActions.filter((a) => a.overdue).length,
    },
  };
}
