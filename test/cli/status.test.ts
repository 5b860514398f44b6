import { expect, describe, it } from 'vitest';
import { cmdbWorkspace } from '../helpers/cmdb-fixture.ts';
import { makeWorkspace, record, runCli, runMain } from '../helpers/workspace.ts';
import { atomXml, feeds } from '../../src/core/site/feeds.ts';
import { siteLinks } from '../../src/core/site/links.ts';
import { statusPage } from '../../src/core/site/status-page.ts';
import { statusReport, type StatusReport } from '../../src/core/status.ts';
import { loadWorkspace } from '../../src/io/workspace.ts';

describe('itsm status', () => {
  it('end to end: prints the board: status, availability, open incidents, maintenance', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    const r = runCli(['status', '--now', '2026-03-05T12:00:00+01:00'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Test Org: major outage (2026-03-05 12:00 Europe/Berlin)

        Service     Status             30 days    90 days
        SVC-shop    ok Operational      99.92%     99.97%
        SVC-portal  !! Major outage     99.72%     99.91%

      Open incidents:
        SVC-portal  INC-0002  Major outage  since 2026-03-05 10:00  We are investigating an issue affecting Partner portal.

      Upcoming maintenance:
        2026-03-14 22:00 -> 2026-03-14 23:00  CHG-0002  [SVC-shop]
      "
    `);
    const json = JSON.parse((await runMain(['status', '--format', 'json'], { cwd: dir, env: { ITSM_NOW: '2026-03-05T11:00:00Z' } })).stdout);
    expect(json.services.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ['SVC-shop', 'operational'],
      ['SVC-portal', 'major_outage'],
    ]);
    const bad = await runMain(['status', '--now', 'yesterday'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--now must be an instant with an offset');
  });

  it('shows what the valid records say, names the files left out, and exits 1 on an invalid workspace', async () => {
    const dir = makeWorkspace({ ...cmdbWorkspace(), 'content/incidents/INC-0099.md': '---\nid: INC-0099\ntitle: No dates\nstatus: new\n---\n' });
    const r = await runMain(['status', '--now', '2026-03-05T12:00:00+01:00'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('SVC-portal  !! Major outage');
    expect(r.stderr).toContain('itsm status: 1 file has errors and is left out (exit 1)');
    const impact = await runMain(['impact', 'CI-db', '--format', 'json'], { cwd: dir });
    expect(impact.stderr).toContain('itsm impact: 1 file has errors and is left out (exit 1)');
    expect(impact.code).toBe(1);
    expect(JSON.parse(impact.stdout)).toMatchObject({ target: { id: 'CI-db' } });
  });
});

describe('itsm status SVC-ID...', () => {
  it('shows only the services given, and their worst status as the overall one', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    const r = await runMain(['status', 'SVC-shop', '--format', 'json', '--now', '2026-03-05T12:00:00+01:00'], { cwd: dir });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { overall: string; services: Array<{ id: string }> };
    expect(json.services.map((s) => s.id)).toEqual(['SVC-shop']);
    expect(json.overall).toBe('operational');
  });

  it('refuses an ID that is not an active service (exit 2), with a "did you mean"', async () => {
    const dir = makeWorkspace(cmdbWorkspace());
    const r = await runMain(['status', 'SVC-shop', 'SVC-portl'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('itsm status: no active service SVC-portl. Did you mean SVC-portal?');
    expect(r.stdout).toBe('');
  });
});

describe('the public status page shows public text only', () => {
  // An incident whose title, CI and internal notes name an internal host, and a maintenance window on it.
  const HOST = 'db-host-07.corp.internal';
  const incident = (extra = '') =>
    record(`id: INC-0002
title: Portal login fails, ${HOST} out of connections
status: in_progress
service: SVC-portal
cis: [CI-host]
impact: high
urgency: high
priority: P1
reported_at: 2026-03-05T10:00:00+01:00
acknowledged_at: 2026-03-05T10:05:00+01:00
team: TEAM-ops
assignee: grace
${extra}timeline:
  - { at: 2026-03-05T10:00:00+01:00, status: new, note: 'Pool exhausted on ${HOST}', by: ada }
  - { at: 2026-03-05T10:05:00+01:00, status: acknowledged, note: 'Restarting pgbouncer on ${HOST}', by: grace }
  - { at: 2026-03-05T10:20:00+01:00, status: in_progress, note: 'Some partners cannot sign in. We are working on it.', visibility: public, by: grace }
  - { at: 2026-03-05T10:30:00+01:00, note: 'Grace is on ${HOST} now', visibility: internal, by: grace }`);
  const workspace = (extra = '') => {
    const files = cmdbWorkspace();
    files['content/incidents/INC-0002.md'] = incident(extra);
    files['content/changes/CHG-0002.md'] = files['content/changes/CHG-0002.md']!.replace('Patch the database host', `Patch ${HOST}`);
    return makeWorkspace(files);
  };

  it('itsm status: the public summary and public updates, never the title, host names, internal notes or assignee', async () => {
    const dir = workspace('public_summary: Some partners cannot sign in to the portal.\n');
    const pretty = await runMain(['status', '--now', '2026-03-05T12:00:00+01:00'], { cwd: dir });
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toContain('INC-0002  Major outage  since 2026-03-05 10:00  Some partners cannot sign in to the portal.\n');
    expect(pretty.stdout).toContain('2026-03-05 10:20  Some partners cannot sign in. We are working on it.\n');
    const json = await runMain(['status', '--format', 'json', '--now', '2026-03-05T12:00:00+01:00'], { cwd: dir });
    const portal = (JSON.parse(json.stdout) as StatusReport).services.find((s) => s.id === 'SVC-portal')!;
    expect(portal.openIncidents[0]).toMatchObject({
      summary: 'Some partners cannot sign in to the portal.',
      updates: [{ at: '2026-03-05T10:20:00+01:00', note: 'Some partners cannot sign in. We are working on it.' }],
    });
    for (const out of [pretty.stdout, json.stdout]) {
      expect(out).not.toContain(HOST);
      expect(out).not.toContain('out of connections');
      expect(out).not.toContain('CI-host');
      expect(out).not.toContain('grace');
      expect(out).not.toContain('Patch');
    }
  });

  it('without a public summary, a neutral sentence naming the service', async () => {
    const r = await runMain(['status', '--now', '2026-03-05T12:00:00+01:00'], { cwd: workspace() });
    expect(r.stdout).toContain('since 2026-03-05 10:00  We are investigating an issue affecting Partner portal.\n');
    expect(r.stdout).not.toContain(HOST);
  });

  it("the site's status page and status feed say the same and nothing more", async () => {
    const dir = workspace();
    const { workspace: ws } = await loadWorkspace(dir);
    const report = statusReport(ws.records, { now: '2026-03-05T12:00:00+01:00', timeZone: ws.settings.time_zone });
    const page = statusPage(report, siteLinks('/'));
    const portal = page.services.find((s) => s.id === 'SVC-portal')!;
    expect(portal.openIncidents).toEqual([
      expect.objectContaining({
        summary: 'We are investigating an issue affecting Partner portal.',
        updates: [{ at: '2026-03-05 10:20 CET', note: 'Some partners cannot sign in. We are working on it.' }],
      }),
    ]);
    expect(page.services.find((s) => s.id === 'SVC-shop')!.maintenance).toEqual([expect.objectContaining({ summary: 'Planned maintenance of Web shop.' })]);
    const status = feeds(ws, siteLinks('/'), report).find((f) => f.name === 'status.xml')!;
    for (const text of [JSON.stringify(page), atomXml(status, '/feeds/status.xml', '/', 'Test Org')]) {
      expect(text).not.toContain(HOST);
      expect(text).not.toContain('out of connections');
      expect(text).not.toContain('grace');
    }
  });
});
