import { expect, describe, it } from 'vitest';
import { cmdbWorkspace } from '../helpers/cmdb-fixture.ts';
import { makeWorkspace, runCli, runMain } from '../helpers/workspace.ts';

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
        SVC-portal  INC-0002  Major outage  since 2026-03-05 10:00  Partner portal login fails

      Upcoming maintenance:
        2026-03-14 22:00 -> 2026-03-14 23:00  CHG-0002  Patch the database host  [SVC-shop]
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
