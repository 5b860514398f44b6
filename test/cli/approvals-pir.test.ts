/** `itsm approvals` passes the current time (or --now) to the decision, for overdue reviews. */
import { describe, expect, it } from 'vitest';
import { approvePr, changeFile } from '../helpers/approval-pr.ts';

const emergency = (end: string) =>
  changeFile('CHG-0001', {
    type: 'emergency',
    status: 'completed',
    planned_start: '2020-01-10T22:00:00+01:00',
    planned_end: end,
    actual_start: '2020-01-10T22:00:00+01:00',
    actual_end: end,
    outcome: 'successful',
    pir: '{ due: 2020-01-12 }',
  });

describe('itsm approvals and overdue post-implementation reviews', () => {
  it('reports a review overdue as of --now, and still approves', async () => {
    const r = await approvePr({
      pr: { 'content/changes/CHG-0001.md': emergency('2020-01-11T01:00:00+01:00') },
      reviews: [{ login: 'frank', state: 'APPROVED' }],
      args: ['--now', '2020-01-15T12:00:00+01:00'],
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const windows = r.subject('CHG-0001')!.windows;
    expect(windows.map((w) => w.kind)).toEqual(['pir-overdue']);
    expect(windows[0]!.message).toContain('was due by 2020-01-12 and is 3 days overdue (no pir.completed_at as of 2020-01-15)');
  });

  it('judges against the real time without --now', async () => {
    const r = await approvePr({
      pr: { 'content/changes/CHG-0001.md': emergency('2020-01-11T01:00:00+01:00') },
      reviews: [{ login: 'frank', state: 'APPROVED' }],
    });
    expect(r.code).toBe(0);
    expect(r.subject('CHG-0001')!.windows.map((w) => w.kind)).toEqual(['pir-overdue']);
  });

  it('refuses a --now that is not an instant with an offset (exit 2)', async () => {
    const r = await approvePr({ pr: { 'content/changes/CHG-0001.md': emergency('2020-01-11T01:00:00+01:00') }, args: ['--now', '2020-01-15'] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--now must be an instant with an offset');
  });
});
