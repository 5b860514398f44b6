import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/core/history.ts';
import { forgeLinks } from '../../../src/core/forge.ts';
import { siteLinks } from '../../../src/core/site/links.ts';
import { recordPage, searchFacets } from '../../../src/core/site/record-page.ts';
import { slaViews } from '../../../src/core/site/sla-view.ts';
import { linkIndex } from '../../../src/core/relations.ts';
import { computeSla } from '../../../src/core/sla/index.ts';
import { FIXTURE_NOW } from '../../site/fixture.ts';
import { withSlaFiles } from '../../site/sla-fixture.ts';
import { fixtureWorkspace } from './helpers.ts';

describe('a record page', () => {
  const ws = fixtureWorkspace();
  const links = siteLinks('/itsm');
  const forge = forgeLinks(ws.settings.repo_url, 'main');
  const related = linkIndex(ws.records);
  const sla = slaViews(computeSla(ws, FIXTURE_NOW));
  const page = (id: string, history: HistoryEntry[] | null = null) =>
    recordPage({ ws, rec: ws.byId.get(id)!, links, forge, related: related.get(id) ?? [], sla: sla.get(id), history });

  it('shows fields in the workspace zone with references linked by title', () => {
    const p = page('INC-0001');
    expect(p.title).toBe('Card payments time out');
    expect(p.fields.find((f) => f.key === 'reported_at')!.value).toEqual({ type: 'time', iso: '2026-11-19T09:00:00+01:00', text: '2026-11-19 09:00 CET' });
    expect(p.fields.find((f) => f.key === 'service')!.value).toEqual({
      type: 'refs',
      refs: [{ id: 'SVC-payments', kind: 'service', title: 'Payments', href: '/itsm/services/SVC-payments/', status: 'active' }],
    });
    expect(p.fields.map((f) => f.key)).not.toContain('timeline');
    expect(p.timeline.map((t) => t.status)).toEqual(['new', 'acknowledged', 'in progress']);
  });

  it('lists related records both ways: the problem names the incident, the KB names the problem', () => {
    const groups = (id: string) => Object.fromEntries(page(id).related.map((g) => [`${g.direction} ${g.label}`, g.refs.map((r) => r.id)]));
    const problem = groups('PRB-0001');
    expect(problem['out explains incidents']).toEqual(['INC-0001']);
    expect(problem['in articles']).toEqual(['KB-0001']);
    // INC-0001 names the problem too: shown once, as the problem's own link.
    expect(problem['in incidents']).toBeUndefined();
    const db = groups('CI-pg-main');
    expect(db['in incidents']).toEqual(['INC-0001']);
    expect(db['in required by']).toEqual(['CI-payments-api', 'CI-pg-replica']);
    expect(db['in changes']).toEqual(['CHG-0003', 'CHG-0002']);
  });

  it('flags a major P1 incident and a known error in the header', () => {
    expect(page('INC-0001').badges).toEqual([
      { text: 'P1', tone: 'bad' },
      { text: 'major incident', tone: 'bad' },
    ]);
    expect(page('PRB-0001').badges).toEqual([{ text: 'known error', tone: 'warn' }]);
    expect(page('CHG-0002').badges).toEqual([{ text: 'normal · medium risk', tone: '' }]);
  });

  it('links to the forge editor for the record file', () => {
    expect(page('INC-0001').editHref).toBe('https://github.com/fixture/itsm/edit/main/content/incidents/INC-0001.md');
    expect(forgeLinks(undefined).edit('content/x.md')).toBeUndefined();
    expect(forgeLinks('https://github.com/a/b/', 'main').create('incident', 'INC-NEW.md')).toBe(
      'https://github.com/a/b/new/main/content/incidents?filename=INC-NEW.md',
    );
  });

  it('shows SLA clocks with targets and breach times', () => {
    const p = page('INC-0001');
    expect(p.sla!.policy).toBe('critical-services');
    const resolution = p.sla!.clocks.find((c) => c.clock === 'resolution')!;
    expect(resolution).toMatchObject({ state: 'breached', target: '4h 00m', remaining: 'over by 21h 00m', breachAt: '2026-11-19 13:00 CET' });
  });

  it("shows a team's OLA clock beside the customer SLA's, as one more clock", () => {
    const sla0 = ws.policies.sla!.policies;
    const ola = {
      id: 'resolver-ola',
      name: 'Resolver teams',
      applies_to: { kind: 'incident' as const },
      scope: 'team' as const,
      calendar: 'always-on',
      targets: { P1: { resolution: '8h' } },
    };
    const withOla = { ...ws, policies: { ...ws.policies, sla: { policies: [...sla0, ola] as typeof sla0 } } };
    const views = slaViews(computeSla(withOla, FIXTURE_NOW));
    const p = recordPage({
      ws,
      rec: ws.byId.get('INC-0001')!,
      links,
      forge,
      related: related.get('INC-0001') ?? [],
      sla: views.get('INC-0001'),
      history: null,
    });
    expect(p.sla!.policy).toBe('critical-services');
    expect(p.sla!.clocks.map((c) => c.clock)).toEqual(['response', 'resolution', 'ola-resolution']);
  });

  describe('every clock of a reopened incident now on hold (test/site/sla-fixture.ts)', () => {
    const wiki = fixtureWorkspace((files) => Object.assign(files, withSlaFiles(files)));
    const p = recordPage({
      ws: wiki,
      rec: wiki.byId.get('INC-0101')!,
      links,
      forge,
      related: [],
      sla: slaViews(computeSla(wiki, FIXTURE_NOW)).get('INC-0101'),
      history: null,
      now: FIXTURE_NOW,
    });
    const clock = (name: string) => p.sla!.clocks.find((c) => c.clock === name)!;

    it('shows the customer SLA and the OLA side by side, each with its policy', () => {
      expect(p.sla!.clocks.map((c) => `${c.label}: ${c.state}`)).toEqual(['response: met', 'resolution: paused', 'OLA resolution: paused']);
      expect(p.sla!.policies).toEqual([
        { policy: 'wiki-desk', calendar: 'always-on', clocks: ['response', 'resolution'] },
        { policy: 'wiki-ola', calendar: 'always-on', clocks: ['OLA resolution'] },
      ]);
      expect(clock('ola-resolution').team?.id).toBe('TEAM-payments');
      expect(clock('resolution').team).toBeNull();
    });

    it('says since when a paused clock stands still, and keeps its due time as if it resumed now', () => {
      // Reopened Fri 08:00, on hold from 09:15: 1h 15m used of 4h, 2h 45m left from 10:00 = 12:45.
      expect(clock('resolution')).toMatchObject({
        pausedSince: 'paused since 2026-11-20 09:15 CET',
        percent: '31%',
        remaining: '2h 45m',
        due: '2026-11-20 12:45 CET',
      });
      expect(clock('resolution').live).toMatchObject({ paused: true, left: 'paused', at: '2026-11-20T11:45:00Z' });
      // The OLA: 1h 15m of 2h, 45m left from 10:00.
      expect(clock('ola-resolution')).toMatchObject({ pausedSince: 'paused since 2026-11-20 09:15 CET', due: '2026-11-20 10:45 CET' });
      expect(clock('response').pausedSince).toBe('');
    });

    it('lists the completed cycles: met by its due time for the record, breached for the first team', () => {
      // Thu 09:00 to 12:00 is 3h: within 4h (due 13:00), over the OLA's 2h (due 11:00).
      expect(clock('resolution').cycles).toEqual([
        {
          started: '2026-11-19 09:00 CET',
          stopped: '2026-11-19 12:00 CET',
          elapsed: '3h 00m',
          state: 'met',
          due: '2026-11-19 13:00 CET',
          priority: 'P3',
          team: null,
        },
      ]);
      expect(clock('ola-resolution').cycles).toMatchObject([
        {
          started: '2026-11-19 09:00 CET',
          stopped: '2026-11-19 12:00 CET',
          elapsed: '3h 00m',
          state: 'breached',
          due: '2026-11-19 11:00 CET',
          team: { id: 'TEAM-platform' },
        },
      ]);
      expect(clock('response').cycles).toEqual([]);
    });
  });

  it('shows history newest first, with the pull request linked', () => {
    const entry: HistoryEntry = {
      commit: 'abcdef0123456789',
      author: 'Carol Chen',
      email: 'c@example.com',
      date: '2026-11-19T09:30:00+01:00',
      pr: 12,
      subject: 'INC-0001: work started',
      path: 'content/incidents/INC-0001.md',
      event: 'edited',
      changes: [
        { field: 'status', from: 'acknowledged', to: 'in_progress' },
        { field: 'timeline.2', from: null, to: { at: '2026-11-19T09:20:00+01:00', status: 'in_progress', by: 'carol' } },
      ],
      body_changed: false,
    };
    const p = page('INC-0001', [entry]);
    expect(p.history).toEqual([
      expect.objectContaining({
        commitShort: 'abcdef01',
        prHref: 'https://github.com/fixture/itsm/pull/12',
        dateText: '2026-11-19 09:30 CET',
        changes: [
          { field: 'status', from: 'acknowledged', to: 'in_progress' },
          { field: 'timeline.2', from: '', to: '2026-11-19 09:20 CET, in progress (carol)' },
        ],
      }),
    ]);
    expect(page('INC-0001', null).history).toBeNull();
  });

  it('gives Pagefind the kind, status, services, priority and team', () => {
    expect(searchFacets(ws.byId.get('INC-0001')!)).toEqual({
      kind: 'incident',
      status: 'in progress',
      service: ['SVC-payments'],
      priority: 'P1',
      team: ['TEAM-payments'],
    });
    expect(searchFacets(ws.byId.get('SVC-payments')!)).toMatchObject({ kind: 'service', service: ['SVC-payments'], team: ['TEAM-payments'] });
  });
});

describe('links that start a record in the forge', () => {
  it('"Report an incident" opens the next free ID with a starting record', async () => {
    const { newRecordLinks } = await import('../../../src/core/site/new-record-links.ts');
    const ws = fixtureWorkspace();
    const links = newRecordLinks(ws, forgeLinks(ws.settings.repo_url, 'main'), FIXTURE_NOW);
    const url = new URL(links.incident!);
    expect(url.origin + url.pathname).toBe('https://github.com/fixture/itsm/new/main/content/incidents');
    expect(url.searchParams.get('filename')).toBe('INC-0004.md');
    expect(url.searchParams.get('value')).toContain('id: INC-0004\n');
    expect(url.searchParams.get('value')).toContain('reported_at: 2026-11-20T10:00:00+01:00');
    expect(new URL(links.change!).searchParams.get('filename')).toBe('CHG-0004.md');
  });
});

describe('the source of an imported record', () => {
  it('reads as the system and its ID, linked only to an http(s) address', async () => {
    const { sourceValue } = await import('../../../src/core/site/record-page.ts');
    expect(sourceValue({ system: 'servicenow', id: 'INC0010001' })).toEqual({ type: 'link', text: 'ServiceNow INC0010001', href: null });
    expect(sourceValue({ system: 'github-issue', id: '42', url: 'https://github.com/northwind/itsm/issues/42' })).toEqual({
      type: 'link',
      text: 'GitHub issue #42',
      href: 'https://github.com/northwind/itsm/issues/42',
    });
    expect(sourceValue({ system: 'jira', id: 'ITSM-7', url: 'javascript:alert(1)' })).toEqual({ type: 'link', text: 'Jira ITSM-7', href: null });
  });

  it('is shown that way on the record page', () => {
    const ws = fixtureWorkspace((f) => {
      f['content/incidents/INC-0001.md'] = f['content/incidents/INC-0001.md']!.replace(
        '\n---\n',
        '\nsource: { system: servicenow, id: INC0010001, url: "https://acme.service-now.com/nav_to.do?uri=incident.do" }\n---\n',
      );
    });
    const p = recordPage({ ws, rec: ws.byId.get('INC-0001')!, links: siteLinks('/'), forge: forgeLinks(undefined), related: [] });
    expect(p.fields.find((f) => f.key === 'source')!.value).toEqual({
      type: 'link',
      text: 'ServiceNow INC0010001',
      href: 'https://acme.service-now.com/nav_to.do?uri=incident.do',
    });
  });
});

describe('a team page', () => {
  it('lists each member by handle, with their other logins and email, each row an anchor for links to the person', () => {
    const ws = fixtureWorkspace((files) => {
      files['content/teams/TEAM-platform.md'] = files['content/teams/TEAM-platform.md']!.replace(
        '{ name: Alice Adams, login: alice }',
        '{ name: Alice Adams, login: alice, other_logins: [alice-bot], email: alice@example.org }',
      );
    });
    const p = recordPage({
      ws,
      rec: ws.byId.get('TEAM-platform')!,
      links: siteLinks('/'),
      forge: forgeLinks(undefined),
      related: linkIndex(ws.records).get('TEAM-platform') ?? [],
    });
    expect(p.members).toEqual([
      { name: 'Alice Adams', login: 'alice', otherLogins: ['alice-bot'], email: 'alice@example.org', role: '', anchor: 'person-alice' },
      { name: 'Bob Brown', login: 'bob', otherLogins: [], email: '', role: '', anchor: 'person-bob' },
    ]);
    expect(p.fields.find((f) => f.key === 'roles')!.value).toEqual({ type: 'list', items: ['cab'] });
    expect(p.related.find((g) => g.label === 'owns CIs')!.refs.map((r) => r.id)).toEqual(['CI-pg-main', 'CI-pg-replica', 'CI-web-frontend']);
  });
});

describe('people on a record page', () => {
  it("shows the assignee and a caller from the team files by name, linked to their row on their team's page; an external caller by name and email", () => {
    const ws = fixtureWorkspace((files) => {
      files['content/incidents/INC-0003.md'] = files['content/incidents/INC-0003.md']!.replace(
        'team: TEAM-payments',
        'team: TEAM-payments\nassignee: carol\ncaller: bob',
      );
      files['content/incidents/INC-0002.md'] = files['content/incidents/INC-0002.md']!.replace(
        'team: TEAM-platform',
        'team: TEAM-platform\ncaller: { name: Dana Doe, email: dana@example.org }',
      );
    });
    const show = (id: string) => recordPage({ ws, rec: ws.byId.get(id)!, links: siteLinks('/itsm'), forge: forgeLinks(undefined), related: [] }).fields;
    const inc3 = show('INC-0003');
    expect(inc3.find((f) => f.key === 'assignee')!.value).toEqual({
      type: 'person',
      name: 'Carol Chen',
      handle: 'carol',
      href: '/itsm/teams/TEAM-payments/#person-carol',
    });
    expect(inc3.find((f) => f.key === 'caller')!.value).toEqual({
      type: 'person',
      name: 'Bob Brown',
      handle: 'bob',
      href: '/itsm/teams/TEAM-platform/#person-bob',
    });
    expect(show('INC-0002').find((f) => f.key === 'caller')!.value).toEqual({
      type: 'pairs',
      pairs: [
        { label: 'Name', text: 'Dana Doe' },
        { label: 'Email', text: 'dana@example.org' },
      ],
    });
  });

  it('marks the public timeline entries, the ones the status page shows', () => {
    const ws = fixtureWorkspace((files) => {
      files['content/incidents/INC-0001.md'] = files['content/incidents/INC-0001.md']!.replace(
        'status: in_progress }',
        'status: in_progress, note: We are on it, visibility: public }',
      );
    });
    const p = recordPage({ ws, rec: ws.byId.get('INC-0001')!, links: siteLinks('/'), forge: forgeLinks(undefined), related: [] });
    expect(p.timeline.map((t) => t.public)).toEqual([false, false, true]);
  });

  it('names the person in the timeline', () => {
    const ws = fixtureWorkspace();
    const p = recordPage({ ws, rec: ws.byId.get('INC-0001')!, links: siteLinks('/'), forge: forgeLinks(undefined), related: [] });
    expect(p.timeline.map((t) => t.by)).toEqual(['', 'Carol Chen', '']);
    expect(p.timeline.map((t) => t.public)).toEqual([false, false, false]);
  });
});

describe('related records of a busy service', () => {
  it('lists the latest 30 incidents and links to a search for the rest', () => {
    const ws = fixtureWorkspace((f) => {
      for (let n = 10; n < 50; n++) f[`content/incidents/INC-00${n}.md`] = f['content/incidents/INC-0003.md']!.replace('INC-0003', `INC-00${n}`);
    });
    const p = recordPage({
      ws,
      rec: ws.byId.get('SVC-payments')!,
      links: siteLinks('/'),
      forge: forgeLinks(undefined),
      related: linkIndex(ws.records).get('SVC-payments') ?? [],
    });
    const incidents = p.related.find((g) => g.label === 'incidents')!;
    expect(incidents.refs).toHaveLength(30);
    expect(incidents.refs[0]!.id).toBe('INC-0049');
    expect(incidents.more).toBe(12);
    expect(incidents.moreHref).toBe('/search/?service=SVC-payments&kind=incident');
  });
});
