import { describe, expect, it } from 'vitest';
import { siteLinks } from '../../../src/core/site/links.ts';
import { reviewViews } from '../../../src/core/site/reviews.ts';
import { recordsOf } from '../../../src/core/model.ts';
import { FIXTURE_NOW } from '../../site/fixture.ts';
import { REVIEW_FILES } from '../../site/reviews-fixture.ts';
import { fixtureWorkspace } from './helpers.ts';

const links = siteLinks('/itsm/');
const ws = fixtureWorkspace((f) => Object.assign(f, REVIEW_FILES));
const views = reviewViews(ws, links, FIXTURE_NOW);
const incident = (id: string) => recordsOf(ws, 'incident').find((r) => r.id === id)!;

describe('post-incident reviews on the site', () => {
  it('list every review overdue first, then due, then held, with where each stands', () => {
    const page = views.page();
    expect(page.reviews.map((r) => `${r.id} ${r.review.text} ${r.openActions}`)).toEqual([
      'INC-0005 overdue since 2026-11-15 0',
      'INC-0004 due by 2026-11-21 0',
      'INC-0006 held on 2026-11-05 2',
    ]);
    expect(page.counts).toEqual({ held: 1, due: 1, overdue: 1, openActions: 2, overdueActions: 1 });
    expect(page.dueDays).toBe(5);
  });

  it('list the open actions across reviews, earliest due first, overdue ones marked, owners by name', () => {
    expect(views.page().openActions.map((a) => `${a.due} ${a.title} ${a.ownerName} ${a.incident.id} ${a.overdue} ${a.refs.map((r) => r.id).join()}`)).toEqual([
      '2026-11-18 Rewrite the renewal runbook Carol Chen INC-0006 true PRB-0001',
      '2026-12-01 Automate the renewal Bob Brown INC-0006 false CHG-0002',
    ]);
  });

  it("give a major incident's page its review, and nothing to other incidents", () => {
    const { pir, review } = views.incident(incident('INC-0006'));
    expect(review).toEqual({ state: 'held', text: 'held on 2026-11-05', due: '2026-11-07' });
    expect(pir).toMatchObject({
      heldAt: '2026-11-05',
      attendees: [
        { handle: 'carol', name: 'Carol Chen' },
        { handle: 'alice', name: 'Alice Adams' },
      ],
      factors: ['Nobody watched the expiry date of the gateway certificate.', 'The renewal runbook was out of date.'],
    });
    expect(pir!.actions.map((a) => [a.title, a.done, a.overdue])).toEqual([
      ['Alert 30 days before a certificate expires', true, false],
      ['Rewrite the renewal runbook', false, true],
      ['Automate the renewal', false, false],
    ]);
    expect(views.incident(incident('INC-0004'))).toEqual({ review: { state: 'due', text: 'due by 2026-11-21', due: '2026-11-21' } });
    expect(views.incident(incident('INC-0001'))).toEqual({});
    expect(views.incident(incident('INC-0002'))).toEqual({});
  });

  it('take the due days from the workspace settings', () => {
    const longer = fixtureWorkspace((f) => {
      Object.assign(f, REVIEW_FILES);
      f['itsm.yaml'] += 'major_incidents: { pir_due_days: 14 }\n';
    });
    expect(
      reviewViews(longer, links, FIXTURE_NOW)
        .page()
        .reviews.map((r) => r.review.text),
    ).toEqual(['due by 2026-11-24', 'due by 2026-11-30', 'held on 2026-11-05']);
  });
});
