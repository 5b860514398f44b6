/**
 * The change calendar with the changes proposed in open pull requests (`itsm build --proposed FILE`,
 * the JSON `itsm collisions --out` writes), read as built HTML.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runMain } from '../helpers/workspace.ts';
import { text } from './built-html.ts';
import { FIXTURE_NOW, fixtureFiles } from './fixture.ts';

let root = '';
let out = '';
const html = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');

const PROPOSED = {
  repository: 'fixture/itsm',
  pulls: [],
  proposed: [
    {
      pr: 12,
      headSha: 'a'.repeat(40),
      id: 'CHG-0042',
      title: 'Resize the <cache>',
      type: 'normal',
      status: 'submitted',
      planned_start: '2026-11-24T21:00:00+01:00',
      planned_end: '2026-11-24T22:30:00+01:00',
      services: [],
      cis: ['CI-pg-main'],
    },
  ],
};

beforeAll(async () => {
  root = makeWorkspace(fixtureFiles(), 'itsm-proposed-site-');
  out = mkdtempSync(join(tmpdir(), 'itsm-proposed-out-'));
  writeFileSync(join(root, 'proposed.json'), JSON.stringify(PROPOSED));
  const r = await runMain(['build', '--root', root, '--out', out, '--base', '/itsm/', '--now', FIXTURE_NOW, '--proposed', 'proposed.json'], { cwd: root });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}, 240_000);

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
});

describe('the change calendar with proposed changes', () => {
  it('shows a proposed change beside the approved ones, marked proposed and linked to its pull request', () => {
    const page = html('calendar/2026-11');
    const day = page.slice(page.indexOf('data-date="2026-11-24"'), page.indexOf('data-date="2026-11-25"'));
    const items = [...day.matchAll(/<li([^>]*)>([\s\S]*?)<\/li>/g)].map((m) => ({ attrs: m[1]!, text: text(m[2]!) }));
    // (The link's title attribute holds a raw "<", which the tag-stripping reader cuts at: compare the end.)
    expect(items.map((i) => i.text)).toEqual([
      expect.stringMatching(/CHG-0042 Resize the &lt;cache&gt; 21:00-22:30 proposed #12$/),
      expect.stringMatching(/^CHG-0002 .* from 22:00 conflicts with CHG-0003$/),
      expect.stringMatching(/^CHG-0003 .* from 23:00 conflicts with CHG-0002$/),
    ]);
    expect(items[0]!.attrs).toContain('class="proposed"');
    expect(items[0]!.attrs).toContain('data-proposed="12"');
    expect(day).toContain('href="https://github.com/fixture/itsm/pull/12"');
    // The title is text, never markup.
    expect(day).toContain('Resize the &lt;cache&gt;');
    expect(items[1]!.attrs).not.toContain('proposed');
    expect(text(page)).toContain('and 1 proposed in open pull requests (marked proposed: not approved or merged yet)');
  });

  it('refuses a proposed-changes file it cannot read, before building', async () => {
    writeFileSync(join(root, 'bad.json'), JSON.stringify({ proposed: [{ pr: 'x' }] }));
    const r = await runMain(['build', '--root', root, '--out', join(out, '..', 'never'), '--proposed', 'bad.json'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read the proposed changes');
    expect(r.stderr).toContain('bad.json: entry 1 has no pull request number "pr"');
  });
});
