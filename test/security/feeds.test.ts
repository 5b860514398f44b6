/**
 * Hostile record values cannot break what the site publishes: every Atom feed stays well-formed XML
 * 1.0, the status page's SVG too, and the Slack and Teams payloads carry them as inert text.
 */
import { describe, expect, it } from 'vitest';
import { buildMessage, selectNews } from '../../src/core/notify.ts';
import { atomXml, feeds } from '../../src/core/site/feeds.ts';
import { siteLinks } from '../../src/core/site/links.ts';
import { statusPage } from '../../src/core/site/status-page.ts';
import { computeSla } from '../../src/core/sla/index.ts';
import { statusReport } from '../../src/core/status.ts';
import type { Workspace } from '../../src/core/model.ts';
import { fixtureWorkspace } from '../core/site/helpers.ts';
import { FIXTURE_NOW } from '../site/fixture.ts';

/** Every character XML 1.0 forbids, and the ones a terminal or a reader would act on. */
const HOSTILE =
  '\u0000\u0001\u0008\u000b\u000c\u001b[2J\u001b]8;;https://evil.example\u0007x\u001b]8;;\u0007\u007f\u0085\u009b\u202e\u2066\u2028\ud800\udfff\ufffe\uffff</title><x>&amp;&#1;]]>';
/**
 * The fixture with hostile values in every field a feed or the status page shows. Validation refuses
 * them today, so they are set on the loaded workspace: the feed must hold even when a value got past.
 */
function hostileWorkspace(): Workspace {
  const ws = fixtureWorkspace();
  ws.settings.name = HOSTILE;
  const data = (id: string) => ws.byId.get(id)!.data as unknown as Record<string, unknown>;
  data('INC-0001').title = HOSTILE;
  data('INC-0002').resolution = HOSTILE;
  data('CHG-0002').title = HOSTILE;
  data('SVC-payments').name = HOSTILE;
  return ws;
}

/** XML 1.0 `Char`: what may appear in a document at all, raw or as a reference. */
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/**
 * A strict well-formedness check for the XML we write (no DTD, no comments, no CDATA): every
 * character allowed, every reference a known entity or an allowed character, tags balanced,
 * attribute values quoted without `<`. Returns the problems found.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (!XML_CHAR.test(xml)) problems.push('a character XML 1.0 forbids');
  for (const m of xml.matchAll(/&([^;]*);?/g)) {
    const ref = m[1]!;
    if (!m[0].endsWith(';')) problems.push(`a bare & at ${m.index}`);
    else if (/^#x[0-9a-fA-F]+$/.test(ref) || /^#\d+$/.test(ref)) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (cp > 0x10ffff || !XML_CHAR.test(String.fromCodePoint(cp))) problems.push(`a reference to a forbidden character: ${m[0]}`);
    } else if (!['amp', 'lt', 'gt', 'quot', 'apos'].includes(ref)) problems.push(`an unknown entity ${m[0]}`);
  }
  const body = xml.replace(/^<\?xml[^?]*\?>\n/, '');
  const stack: string[] = [];
  for (const m of body.matchAll(/<([^>]*)>|>/g)) {
    const tag = m[1];
    if (tag === undefined) {
      problems.push(`a bare > at ${m.index}`);
      continue;
    }
    const t = /^(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)$/.exec(tag);
    if (!t) problems.push(`a malformed tag <${tag}>`);
    else if (t[1]) {
      if (stack.pop() !== t[2]) problems.push(`a closing tag </${t[2]}> that closes nothing open`);
    } else if (!t[4]) stack.push(t[2]!);
  }
  if (stack.length) problems.push(`unclosed <${stack.join('>, <')}>`);
  if (/[<>]/.test(body.replace(/<[^<>]*>/g, ''))) problems.push('markup characters in text');
  return problems;
}

describe('Atom feeds and the status page on hostile records', () => {
  const ws = hostileWorkspace();
  const links = siteLinks('/itsm/');
  const report = statusReport(ws.records, { now: FIXTURE_NOW, timeZone: ws.settings.time_zone });

  it('the checker itself refuses what a real parser refuses', () => {
    expect(xmlProblems('<a>ok &amp; fine</a>')).toEqual([]);
    expect(xmlProblems('<a>\u001b</a>')).not.toEqual([]);
    expect(xmlProblems('<a>&#1;</a>')).not.toEqual([]);
    expect(xmlProblems('<a>\ud800</a>')).not.toEqual([]);
    expect(xmlProblems('<a>\uffff</a>')).not.toEqual([]);
    expect(xmlProblems('<a><b></a>')).not.toEqual([]);
  });

  it('every feed is well-formed XML 1.0, whatever the titles, names and resolutions hold', () => {
    const all = feeds(ws, links, report);
    expect(all.map((f) => f.name)).toEqual(['incidents.xml', 'changes.xml', 'knowledge.xml', 'status.xml']);
    for (const feed of all) {
      const xml = atomXml(feed, links.page(`feeds/${feed.name}`), links.home, ws.settings.name);
      expect(xmlProblems(xml), feed.name).toEqual([]);
    }
  });

  it('keeps the readable part of a hostile title, with markup as text', () => {
    const incidents = feeds(ws, links, report)[0]!;
    const xml = atomXml(incidents, '/itsm/feeds/incidents.xml', '/itsm/', ws.settings.name);
    expect(xml).toContain('&lt;/title&gt;&lt;x&gt;&amp;amp;&amp;#1;]]&gt;');
    expect(xml).toContain('\uFFFD[2J');
  });

  it("the status page's uptime SVG is well-formed XML with a hostile service name", () => {
    const payments = statusPage(report, links).services.find((s) => s.id === 'SVC-payments')!;
    expect(xmlProblems(payments.uptimeSvg)).toEqual([]);
    // The SVG goes into the page as HTML: the name's markup is text in it.
    expect(payments.uptimeSvg).not.toContain('<x>');
    expect(payments.uptimeSvg).toContain('&lt;/title&gt;&lt;x&gt;');
  });
});

describe('notify payloads on hostile records', () => {
  const ws = hostileWorkspace();
  const sla = computeSla(ws, FIXTURE_NOW);
  const items = selectNews(ws, sla, { since: new Date('2026-11-01T00:00:00Z'), now: new Date(FIXTURE_NOW) }, { siteUrl: 'https://x.example/itsm/' });

  it.each(['slack-teams', 'teams-workflow'] as const)('the %s payload is exact JSON in which the hostile title stays text', (flavor) => {
    expect(items.some((i) => i.title === HOSTILE)).toBe(true);
    const { payload } = buildMessage(items, { name: ws.settings.name, timeZone: ws.settings.time_zone }, flavor);
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
    // Slack's header block is plain_text (nothing in it is markup); everything else is mrkdwn or
    // Markdown, where the title's `<` must not open a tag, a mention or a link.
    const rendered = JSON.stringify({
      ...payload,
      blocks: ((payload as { blocks?: Array<{ type: string }> }).blocks ?? []).filter((b) => b.type !== 'header'),
    });
    expect(rendered).not.toContain('</title><x>');
    expect(rendered).toMatch(/&lt;\/title&gt;&lt;x&gt;|<\u200b\/title>/);
  });
});
