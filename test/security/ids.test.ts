/**
 * Threat: one record with a numeric ID past 2^53 (`INC-9007199254740993`) made every later
 * `itsm new` and `intake` compute a colliding ID (Number() rounds it down, +1 lands on it), so
 * nobody could file an incident. IDs are compared and incremented exactly, and the schema bounds
 * numbered IDs to at most 9 digits, so such a record is a validation error rather than the new high.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idNumber, isValidId, MAX_ID_DIGITS } from '../../src/core/ids.ts';
import { nextNumberedId } from '../../src/core/new-record.ts';
import { compareIds } from '../../src/core/site/catalog.ts';
import { cmdbWorkspace } from '../helpers/cmdb-fixture.ts';
import { minimalWorkspace, INCIDENT } from '../helpers/fixtures.ts';
import { makeWorkspace, runMain } from '../helpers/workspace.ts';

const NOW = { ITSM_NOW: '2026-03-04T08:15:00Z' };
const HUGE = 'INC-9007199254740993'; // 2^53 + 1: Number() reads it as 2^53

function hugeIncident(id = HUGE): Record<string, string> {
  return { [`content/incidents/${id}.md`]: INCIDENT.replace('id: INC-0001', `id: ${id}`) };
}

describe('numbered IDs', () => {
  it('are read exactly, whatever their length', () => {
    expect(idNumber(HUGE)).toBe(9007199254740993n);
    expect(idNumber('INC-123456789012345678901234567890')).toBe(123456789012345678901234567890n);
    expect(idNumber('INC-0042')).toBe(42n);
  });

  it('are bounded to 9 digits by the ID grammar', () => {
    expect(MAX_ID_DIGITS).toBe(9);
    expect(isValidId('INC-999999999')).toBe(true);
    expect(isValidId('INC-1000000000')).toBe(false);
    expect(isValidId(HUGE)).toBe(false);
    expect(isValidId('CHG-0001')).toBe(true);
  });

  it('the next ID is one past the highest within the bound, exactly', () => {
    expect(nextNumberedId('incident', ['INC-0001', HUGE])).toBe('INC-0002');
    expect(nextNumberedId('incident', ['INC-0001', 'INC-99999999999999999999'])).toBe('INC-0002');
    expect(nextNumberedId('incident', ['INC-999999998'])).toBe('INC-999999999');
    expect(nextNumberedId('change', ['CHG-000000041', 'CHG-0040'])).toBe('CHG-000000042');
    // Past the bound the next ID is honest about it: validation refuses it with the bound.
    expect(nextNumberedId('incident', ['INC-999999999'])).toBe('INC-1000000000');
  });

  it('sort numerically and exactly, past 2^53 too', () => {
    const ids = ['INC-9007199254740993', 'INC-10000', 'INC-9007199254740992', 'INC-0002', 'INC-9999'];
    expect([...ids].sort(compareIds)).toEqual(['INC-0002', 'INC-9999', 'INC-10000', 'INC-9007199254740992', 'INC-9007199254740993']);
  });

  it('`itsm new` still works in a workspace holding a record with a huge ID', async () => {
    const dir = makeWorkspace({ ...minimalWorkspace(), ...hugeIncident() });
    const r = await runMain(['new', 'incident', '--title', 'Search is slow', 'service=SVC-shop', '--no-edit'], { cwd: dir, env: NOW });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('content/incidents/INC-0002.md\n');
    expect(readFileSync(join(dir, 'content/incidents/INC-0002.md'), 'utf8')).toContain('id: INC-0002\n');
  });

  it.each(['INC-9007199254740993', 'INC-9007199254740992', 'INC-18446744073709551617', 'INC-1000000000'])(
    '`itsm intake` still works next to %s',
    async (id) => {
      const event = JSON.stringify({
        issue: {
          number: 7,
          title: '[Incident]: Cannot pay',
          created_at: '2026-03-04T08:15:00Z',
          user: { login: 'lin' },
          labels: [{ name: 'intake:incident' }, { name: 'intake:accepted' }],
          body: '### Service\n\nWeb shop (SVC-shop)\n\n### What is happening?\n\nIt fails.\n\n### Impact\n\nLow: one person or a workaround exists\n\n### Urgency\n\nHigh: work has stopped',
        },
      });
      const dir = makeWorkspace({ ...cmdbWorkspace(), ...hugeIncident(id), 'event.json': event });
      const r = await runMain(['intake', '--issue', 'event.json'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^content\/incidents\/INC-\d{4}\.md\n$/);
      expect(existsSync(join(dir, r.stdout.trim()))).toBe(true);
    },
  );

  it('`itsm validate` refuses a numbered ID past the bound and says what the bound is', async () => {
    const dir = makeWorkspace({ ...minimalWorkspace(), ...hugeIncident() });
    const r = await runMain(['validate', '--format', 'json', '--no-cache'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; rule: string; message: string; hint: string }> };
    const mine = out.diagnostics.filter((d) => d.file === `content/incidents/${HUGE}.md`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((d) => `${d.message} ${d.hint}`).join('\n')).toMatch(/at most 9 digits/);
  });

  it('`itsm validate` refuses a reference to an ID past the bound', async () => {
    const dir = makeWorkspace({
      ...minimalWorkspace(),
      'content/incidents/INC-0001.md': INCIDENT.replace('team: TEAM-ops', 'team: TEAM-ops\nproblem: PRB-9007199254740993'),
    });
    const r = await runMain(['validate', '--format', 'json', '--no-cache'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/at most 9 digits/);
  });
});

describe('an ID past the bound given by hand', () => {
  it.each([
    [
      ['new', 'incident', '--no-edit', 'id=INC-9007199254740993'],
      'itsm new: "INC-9007199254740993" is not an incident ID: expected INC- then 4 to 9 digits, e.g. INC-0042.\n',
    ],
    [
      ['renumber', 'INC-0001', 'INC-1000000000'],
      'itsm renumber: "INC-1000000000" is not an incident ID; INC-0001 can only become another incident ID: INC- then 4 to 9 digits, e.g. INC-0042.\n',
    ],
  ])('itsm %j is refused with the bound, exit 2, nothing written', async (args, message) => {
    const dir = makeWorkspace(minimalWorkspace());
    const r = await runMain(args, { cwd: dir, env: NOW });
    expect(r.stderr).toBe(message);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'content/incidents/INC-0001.md'))).toBe(true);
  });
});
