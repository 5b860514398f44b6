/**
 * Post-incident reviews of major incidents, as `itsm validate` reports them: due (a warning) until
 * the due day, overdue (an error) after it, an error when the incident is closed without one; the
 * review's actions reference problems and changes like any other reference field.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { validateOnDisk } from '../../../src/io/validate-run.ts';
import { INCIDENT, minimalWorkspace } from '../../helpers/fixtures.ts';
import { makeWorkspace } from '../../helpers/workspace.ts';

const INC = 'content/incidents/INC-0001.md';
const MAJOR = INCIDENT.replace('team: TEAM-ops', 'team: TEAM-ops\nmajor: true');
const PIR = `pir:
  held_at: 2026-03-04
  attendees: [ada, grace]
  summary: A config push without a canary took the web tier down.
  contributing_factors:
    - Config pushes skip the canary stage.
  actions:
    - { title: Canary stage for config pushes, owner: ada, due: 2026-03-20, done: false, change: CHG-0001 }
    - { title: Track the config drift, owner: grace, due: 2026-03-10, done: true, problem: PRB-0099 }
`;
const withPir = (text: string) => text.replace('timeline:', `${PIR}timeline:`);

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function validate(changes: Record<string, string>, now?: string, cache = false) {
  const dir = makeWorkspace({ ...minimalWorkspace(), ...changes }, 'itsm-pir-');
  dirs.push(dir);
  return run(dir, now, cache);
}
async function run(dir: string, now: string | undefined, cache = false) {
  const { diagnostics } = await validateOnDisk(dir, { cache, workers: 0, ...(now ? { now: new Date(now) } : {}) });
  return diagnostics.filter((d) => d.rule.startsWith('major/') || d.rule.startsWith('ref/'));
}

describe('post-incident reviews of major incidents', () => {
  it('warn while the review is due, naming the day: 5 days after the day of resolution', async () => {
    const found = await validate({ [INC]: MAJOR }, '2026-03-07T23:30:00+01:00');
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'major/pir-due',
        severity: 'warning',
        file: INC,
        line: 14,
        message: 'This major incident is resolved: its post-incident review is due by 2026-03-07.',
      }),
    ]);
    expect(found[0]!.hint).toContain('`pir:`');
  });

  it('fail once the due day has passed in the workspace zone', async () => {
    // 2026-03-08 00:30 in Berlin, still 2026-03-07 in UTC.
    expect(await validate({ [INC]: MAJOR }, '2026-03-07T23:30:00Z')).toEqual([
      expect.objectContaining({ rule: 'major/pir-overdue', severity: 'error', message: expect.stringContaining('was due on 2026-03-07') }),
    ]);
  });

  it('take the number of days from itsm.yaml', async () => {
    const settings = 'name: Test Org\ntime_zone: Europe/Berlin\nmajor_incidents:\n  pir_due_days: 10\n';
    expect(await validate({ 'itsm.yaml': settings, [INC]: MAJOR }, '2026-03-09T09:00:00+01:00')).toEqual([
      expect.objectContaining({ rule: 'major/pir-due', message: expect.stringContaining('due by 2026-03-12') }),
    ]);
  });

  it('fail a major incident closed without its review, at any instant', async () => {
    const closed = MAJOR.replace('status: resolved', 'status: closed').replace(
      'resolved_at: 2026-03-02T11:00:00+01:00',
      'resolved_at: 2026-03-02T11:00:00+01:00\nclosed_at: 2026-03-03T09:00:00+01:00',
    );
    expect((await validate({ [INC]: closed })).map((d) => d.rule)).toEqual(['major/pir-missing']);
  });

  it('say nothing of a review that is held, or of incidents that are not major', async () => {
    const held = withPir(MAJOR).replace('PRB-0099', 'PRB-0001');
    const problem = '---\nid: PRB-0001\ntitle: Config drift\nstatus: investigating\nopened_at: 2026-03-03T09:00:00+01:00\nincidents: [INC-0001]\n---\nNotes.\n';
    expect(await validate({ [INC]: held, 'content/problems/PRB-0001.md': problem }, '2026-04-01T09:00:00+02:00')).toEqual([]);
    expect(await validate({}, '2026-04-01T09:00:00+02:00')).toEqual([]);
  });

  it("check the actions' problems and changes as references, at their own line", async () => {
    const found = await validate({ [INC]: withPir(MAJOR) }, '2026-04-01T09:00:00+02:00');
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'ref/unknown-id',
        line: 24,
        message: '`pir.actions.problem` refers to PRB-0099, but no such problem exists.',
      }),
    ]);
  });

  it('judge again at every run: the cached outcome of a file does not keep an old verdict', async () => {
    const dir = makeWorkspace({ ...minimalWorkspace(), [INC]: MAJOR }, 'itsm-pir-');
    dirs.push(dir);
    expect((await run(dir, '2026-03-05T09:00:00+01:00', true)).map((d) => d.rule)).toEqual(['major/pir-due']);
    expect((await run(dir, '2026-03-10T09:00:00+01:00', true)).map((d) => d.rule)).toEqual(['major/pir-overdue']);
    expect(await run(dir, undefined, true)).toEqual([]);
  });
});
