import { describe, expect, it } from 'vitest';
import { addDays, addMonths, changeSchedule } from '../../../src/core/site/calendar.ts';
import { siteLinks } from '../../../src/core/site/links.ts';
import { FIXTURE_NOW } from '../../site/fixture.ts';
import { fixtureWorkspace } from './helpers.ts';

describe('change calendar', () => {
  const ws = fixtureWorkspace();
  const schedule = changeSchedule(ws, FIXTURE_NOW, siteLinks('/'));
  const nov = schedule.month('2026-11');

  it('lays November 2026 out in Monday-first weeks', () => {
    expect(nov.title).toBe('November 2026');
    expect(nov.weeks[0]!.map((d) => d.date)).toEqual(['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01']);
    expect(nov.weeks.flat().filter((d) => d.inMonth)).toHaveLength(30);
    expect(nov.weeks.flat().find((d) => d.today)!.date).toBe('2026-11-20');
  });

  it('puts a change that crosses midnight on both days', () => {
    const day24 = nov.weeks.flat().find((d) => d.date === '2026-11-24')!;
    const day25 = nov.weeks.flat().find((d) => d.date === '2026-11-25')!;
    expect(day24.changes.map((c) => [c.id, c.when])).toEqual([
      ['CHG-0002', 'from 22:00'],
      ['CHG-0003', 'from 23:00'],
    ]);
    expect(day25.changes.map((c) => [c.id, c.when])).toEqual([
      ['CHG-0002', 'until 00:30'],
      ['CHG-0003', 'until 01:00'],
    ]);
  });

  it('flags two live changes on the same CI at overlapping times, not a finished one', () => {
    // Both reach, through the CMDB, the services built on what depends on CI-pg-main (issue 13).
    expect(nov.conflicts.map((c) => [c.a.id, c.b.id, c.shared])).toEqual([['CHG-0002', 'CHG-0003', ['CI-pg-main', 'SVC-checkout', 'SVC-payments']]]);
    expect(schedule.findings('CHG-0002').conflicts.map((c) => c.ref.id)).toEqual(['CHG-0003']);
    expect(schedule.findings('CHG-0001').conflicts).toEqual([]);
  });

  it('shades the year-end freeze and names changes planned inside it', () => {
    const frozen = fixtureWorkspace((f) => {
      f['content/changes/CHG-0003.md'] = f['content/changes/CHG-0003.md']!.replace('2026-11-24T23:00:00+01:00', '2026-12-15T23:00:00+01:00').replace(
        '2026-11-25T01:00:00+01:00',
        '2026-12-16T01:00:00+01:00',
      );
    });
    const s = changeSchedule(frozen, FIXTURE_NOW, siteLinks('/'));
    const dec = s.month('2026-12');
    expect(dec.freezes.map((f) => f.name)).toEqual(['Year-end trading freeze']);
    expect(dec.weeks.flat().find((d) => d.date === '2026-12-14')!.freezes).toEqual(['Year-end trading freeze']);
    expect(dec.weeks.flat().find((d) => d.date === '2026-12-13')!.freezes).toEqual([]);
    expect(s.findings('CHG-0003').freezes).toEqual(['Year-end trading freeze']);
    expect(s.months).toContain('2027-01');
    expect(s.month('2026-11').next).toBe('/calendar/2026-12/');
  });

  it('does calendar arithmetic on plain dates', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
});

describe('changes proposed in open pull requests', () => {
  const ws = fixtureWorkspace();
  const proposed = [
    {
      pr: 12,
      id: 'CHG-0042',
      title: 'Resize the cache',
      type: 'normal',
      risk: 'low',
      planned_start: '2026-11-24T21:00:00+01:00',
      planned_end: '2026-11-24T22:30:00+01:00',
      href: 'https://github.example/northwind/itsm/pull/12',
    },
  ];
  const nov = changeSchedule(ws, FIXTURE_NOW, siteLinks('/'), 36, proposed).month('2026-11');

  it('sit beside the approved ones, marked with their pull request and linked to it, counted apart', () => {
    const day24 = nov.weeks.flat().find((d) => d.date === '2026-11-24')!;
    expect(day24.changes.map((c) => [c.id, c.when, c.proposed, c.href])).toEqual([
      ['CHG-0042', '21:00-22:30', 12, 'https://github.example/northwind/itsm/pull/12'],
      ['CHG-0002', 'from 22:00', undefined, '/changes/CHG-0002/'],
      ['CHG-0003', 'from 23:00', undefined, '/changes/CHG-0003/'],
    ]);
    expect(nov.proposedCount).toBe(1);
    expect(nov.changeCount).toBe(changeSchedule(ws, FIXTURE_NOW, siteLinks('/')).month('2026-11').changeCount);
  });

  it('without them the calendar is as before', () => {
    expect(changeSchedule(ws, FIXTURE_NOW, siteLinks('/'), 36, []).month('2026-11')).toEqual(changeSchedule(ws, FIXTURE_NOW, siteLinks('/')).month('2026-11'));
  });
});
