/**
 * itsm.yaml's reference_time: the instant a workspace is judged at when a command gets no --now
 * (the demo's records do not move with the calendar). --now always wins; without the setting,
 * commands run at the current time.
 */
import { describe, expect, it } from 'vitest';
import { isOpenClock, type SlaResult } from '../../src/core/sla/index.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, record, REPO_ROOT, runMain } from '../helpers/workspace.ts';

/** Tue 2026-03-03 11:00 in Berlin, inside the minimal workspace's office hours. */
const REFERENCE = '2026-03-03T11:00:00+01:00';
const NOTE = "as of 2026-03-03 11:00 Europe/Berlin (the workspace's reference time; --now to change)";

// Reported Tue 09:00, still new: at 11:00 the P1 resolution clock has run 2h of 4h (50%).
const OPEN_P1 = record(`
id: INC-0002
title: Shop is down
status: new
service: SVC-shop
cis: [CI-web]
impact: high
urgency: high
priority: P1
reported_at: 2026-03-03T09:00:00+01:00
`);

function workspace(settings: string, extra: Record<string, string> = {}): string {
  return makeWorkspace({ ...minimalWorkspace(), 'itsm.yaml': settings, 'content/incidents/INC-0002.md': OPEN_P1, ...extra });
}

const WITH_REFERENCE = `name: Test Org\ntime_zone: Europe/Berlin\nreference_time: ${REFERENCE}\n`;

describe('reference_time in itsm.yaml', () => {
  const root = workspace(WITH_REFERENCE);

  it('is the now of `itsm sla` when no --now is given, and the pretty output says so', async () => {
    const json = await runMain(['sla', '--format', 'json'], { cwd: root });
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout) as { now: string; results: SlaResult[] };
    expect(out.now).toBe('2026-03-03T10:00:00.000Z');
    expect(out.results.find((r) => r.record === 'INC-0002' && r.metric === 'resolution')?.percent).toBe(50);

    const pretty = await runMain(['sla'], { cwd: root });
    expect(pretty.stdout.split('\n')[0]).toBe(NOTE);
    expect(pretty.stdout).toContain('SLA at 2026-03-03T10:00:00.000Z');
  });

  it('gives way to --now, and then is not mentioned', async () => {
    const json = await runMain(['sla', '--format', 'json', '--now', '2026-03-03T12:00:00+01:00'], { cwd: root });
    expect(JSON.parse(json.stdout).now).toBe('2026-03-03T11:00:00.000Z');
    const pretty = await runMain(['sla', '--now', '2026-03-03T12:00:00+01:00'], { cwd: root });
    expect(pretty.stdout).not.toContain('reference time');
    expect(pretty.stdout).toContain('SLA at 2026-03-03T11:00:00.000Z');
  });

  it('is the now of `itsm status`; --now and ITSM_NOW win over it', async () => {
    const pretty = await runMain(['status'], { cwd: root });
    expect(pretty.stdout.split('\n')[0]).toBe(NOTE);
    expect(pretty.stdout).toContain('(2026-03-03 11:00 Europe/Berlin)');
    expect(JSON.parse((await runMain(['status', '--format', 'json'], { cwd: root })).stdout).now).toBe(REFERENCE);
    const given = await runMain(['status', '--now', '2026-03-04T09:00:00+01:00'], { cwd: root });
    expect(given.stdout).not.toContain('reference time');
    expect(given.stdout).toContain('(2026-03-04 09:00 Europe/Berlin)');
    const env = await runMain(['status', '--format', 'json'], { cwd: root, env: { ITSM_NOW: '2026-03-05T09:00:00+01:00' } });
    expect(JSON.parse(env.stdout).now).toBe('2026-03-05T09:00:00+01:00');
  });

  it('is the now of `itsm report`', async () => {
    const r = await runMain(['report', '--format', 'json'], { cwd: root });
    expect(JSON.parse(r.stdout).period.now).toBe('2026-03-03T10:00:00.000Z');
  });

  it('is the day `itsm validate` judges review dates against, unless --now says otherwise', async () => {
    const kb = minimalWorkspace()['content/kb/KB-0001.md']!.replace('status: published', 'status: published\nreview_by: 2026-03-10');
    const ws = workspace(WITH_REFERENCE, { 'content/kb/KB-0001.md': kb });
    const rules = async (args: string[]) =>
      (
        JSON.parse((await runMain(['validate', '--format', 'json', '--no-cache', ...args], { cwd: ws })).stdout) as { diagnostics: Array<{ rule: string }> }
      ).diagnostics.map((d) => d.rule);
    expect(await rules([])).not.toContain('quality/kb-review-overdue');
    expect(await rules(['--now', '2026-03-11T12:00:00+01:00'])).toContain('quality/kb-review-overdue');
  });

  it('is an error when it is not an instant with an offset, and then is not used', async () => {
    const ws = workspace('name: Test Org\ntime_zone: Europe/Berlin\nreference_time: 2026-03-03T11:00:00\n');
    const r = await runMain(['validate', '--format', 'json', '--no-cache'], { cwd: ws });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('reference_time');
    expect((await runMain(['sla'], { cwd: ws })).code).toBe(1);
  });

  it('without it, commands run at the current time', async () => {
    const ws = workspace('name: Test Org\ntime_zone: Europe/Berlin\n');
    const before = Date.now();
    const r = await runMain(['sla', '--format', 'json'], { cwd: ws });
    expect(Math.abs(Date.parse(JSON.parse(r.stdout).now) - before)).toBeLessThan(60_000);
    expect((await runMain(['sla'], { cwd: ws })).stdout).not.toContain('reference time');
  });
});

describe("the demo workspace's reference time", () => {
  it('shows running clocks, open records at risk, and no open clock over 500%', async () => {
    const r = await runMain(['sla', '--open', '--format', 'json'], { cwd: REPO_ROOT });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { now: string; results: SlaResult[] };
    expect(out.now.slice(0, 10)).toBe('2026-11-26');
    const open = out.results.filter(isOpenClock);
    expect(open.filter((c) => c.state === 'in_progress').length).toBeGreaterThan(0);
    expect(open.filter((c) => c.at_risk).length).toBeGreaterThan(0);
    expect(open.filter((c) => (c.percent ?? 0) > 500).map((c) => `${c.record} ${c.metric} ${c.percent}%`)).toEqual([]);
    expect((await runMain(['sla', '--open'], { cwd: REPO_ROOT })).stdout).toMatch(
      /^as of 2026-11-26 \d\d:\d\d Europe\/Berlin \(the workspace's reference time/,
    );
  });

  it('has no clock over 400%, open or closed, and still a handful of breaches', async () => {
    const r = await runMain(['sla', '--format', 'json'], { cwd: REPO_ROOT });
    const out = JSON.parse(r.stdout) as { results: SlaResult[] };
    expect(out.results.filter((c) => (c.percent ?? 0) > 400).map((c) => `${c.record} ${c.metric} ${c.percent}%`)).toEqual([]);
    const breached = out.results.filter((c) => c.state === 'breached');
    expect(breached.length).toBeGreaterThan(5);
    expect(breached.filter(isOpenClock).length).toBeGreaterThan(0);
  });
});
