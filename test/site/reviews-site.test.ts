/**
 * The built site's post-incident reviews, read as HTML: the reviews page (linked from the navigation
 * and the dashboard), the review on a major incident's page, and record IDs in a body turned into
 * links. The site fixture plus three major incidents (test/site/reviews-fixture.ts), built as of
 * FIXTURE_NOW: one review overdue (which `itsm validate` fails, but the site still shows), one due,
 * one held with an action overdue and one ahead.
 */
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/workspace.ts';
import { builtSite, element, rows, text } from './built-html.ts';
import { FIXTURE_NOW, fixtureFiles } from './fixture.ts';
import { REVIEW_FILES } from './reviews-fixture.ts';

const site = builtSite({ ...fixtureFiles(), ...REVIEW_FILES }, 'itsm-reviews');
const html = site.html;

describe('post-incident reviews on the built site', () => {
  it('`itsm validate` fails the overdue review the site still shows', async () => {
    const r = await runMain(['validate', '--now', FIXTURE_NOW, '--format', 'json'], { cwd: site.root });
    const found = (JSON.parse(r.stdout) as { diagnostics: Array<{ rule: string; file: string }> }).diagnostics.filter((d) => d.rule.startsWith('major/'));
    expect(found.map((d) => `${d.rule} ${d.file}`)).toEqual(['major/pir-due content/incidents/INC-0004.md', 'major/pir-overdue content/incidents/INC-0005.md']);
  });

  it('the reviews page lists overdue, due and held reviews, then the open actions earliest first', () => {
    const page = html('reviews');
    expect(text(element(page, 'data-figure="reviews-overdue"'))).toBe('1');
    expect(rows(element(page, 'data-reviews'))).toEqual([
      'INC-0005 Invoices sent twice P1 2026-11-10 12:00 CET overdue since 2026-11-15 0',
      'INC-0004 Refunds stuck in the queue P1 2026-11-16 12:00 CET due by 2026-11-21 0',
      'INC-0006 Card terminals offline in the shops P1 2026-11-02 12:00 CET held on 2026-11-05 2',
    ]);
    expect(rows(element(page, 'data-open-actions'))).toEqual([
      '2026-11-18 overdue Rewrite the renewal runbook Carol Chen carol INC-0006 PRB-0001',
      '2026-12-01 Automate the renewal Bob Brown bob INC-0006 CHG-0002',
    ]);
    expect(page).toContain('<a href="/itsm/incidents/INC-0006/"><span class="id">INC-0006</span></a>');
    expect(page).toContain('href="/itsm/changes/CHG-0002/"');
  });

  it('the navigation and the dashboard lead to the reviews page', () => {
    const home = html('');
    expect(element(home, 'aria-label="Main"')).toContain('<a href="/itsm/reviews/">Reviews</a>');
    expect(text(element(home, 'data-figure="reviews-due"'))).toBe('1');
    expect(text(element(home, 'data-figure="review-actions-open"'))).toBe('2');
    expect(home).toContain('<a href="/itsm/reviews/">Reviews and their actions</a>');
    expect(element(html('reviews'), 'aria-label="Main"')).toMatch(/<a href="\/itsm\/reviews\/" aria-current="page">Reviews<\/a>/);
  });

  it("a major incident's page shows its review: summary, factors, and actions with owner, due, done and links", () => {
    const section = element(html('incidents/INC-0006'), 'data-pir');
    expect(text(element(section, 'data-review-state'))).toBe('held on 2026-11-05');
    expect(text(element(section, 'data-pir-summary'))).toBe('An expired certificate on the terminal gateway took every card terminal offline.');
    expect(text(section)).toContain('Attended by Carol Chen, Alice Adams.');
    expect(text(element(section, 'data-pir-factors'))).toBe('Nobody watched the expiry date of the gateway certificate. The renewal runbook was out of date.');
    expect(rows(element(section, 'data-pir-actions'))).toEqual([
      'Alert 30 days before a certificate expires Alice Adams alice 2026-11-10 yes',
      'Rewrite the renewal runbook Carol Chen carol 2026-11-18 overdue no PRB-0001',
      'Automate the renewal Bob Brown bob 2026-12-01 no CHG-0002',
    ]);
    expect(section).toContain(
      '<a href="/itsm/problems/PRB-0001/" title="Database connection pool too small for peak load"><span class="id">PRB-0001</span></a>',
    );
    // The related records name the review's problem and change too.
    expect(text(element(html('changes/CHG-0002'), 'data-related'))).toContain('carries out review actions of INC-0006');
  });

  it('a major incident still waiting for its review says until when; other incidents have no review section', () => {
    expect(text(element(html('incidents/INC-0004'), 'data-pir'))).toBe('Post-incident review due by 2026-11-21');
    expect(text(element(html('incidents/INC-0005'), 'data-review-state'))).toBe('overdue since 2026-11-15');
    expect(html('incidents/INC-0003')).not.toContain('data-pir');
  });

  it('IDs written in a body link to existing records, not in code and not when unknown', () => {
    const body = element(html('incidents/INC-0004'), 'class="markdown"');
    expect(body).toContain('<a href="/itsm/incidents/INC-0001/" title="Card payments time out">INC-0001</a>');
    expect(body).toContain('<a href="/itsm/kb/KB-0001/" title="How do I restart the payments API?">KB-0001</a>');
    expect(body).toContain('<code>INC-0001</code>');
    expect(body).toContain('INC-0999 does not exist');
    expect(body).not.toContain('/itsm/incidents/INC-0999/');
  });
});
