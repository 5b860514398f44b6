/**
 * Files a workspace can hold that used to crash or mislead `itsm validate`: a cache with the right
 * top-level shape but wrong entries (or one committed to git, forged to hide an error), a folder
 * under content/ that cannot be listed, and a file name that is not UTF-8. Each is now a clean
 * rebuild or a diagnostic.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INCIDENT, minimalWorkspace } from '../helpers/fixtures.ts';
import { gitRepo } from '../helpers/git-repo.ts';
import { makeWorkspace, runMain } from '../helpers/workspace.ts';

const CACHE = '.itsm-cache/validate-v1.json';
const INC = 'content/incidents/INC-0001.md';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    // chmod and rm walk relative to each folder: they also remove trees too deep for one path.
    execFileSync('chmod', ['-R', 'u+rwx', d]);
    execFileSync('rm', ['-rf', d]);
  }
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function validate(ws: string, ...extra: string[]) {
  const r = await runMain(['validate', '--root', ws, '--format', 'json', '--now', '2026-03-10T09:00:00Z', ...extra], { cwd: ws });
  return { code: r.code, stderr: r.stderr, diagnostics: r.code === 70 ? undefined : (JSON.parse(r.stdout) as { diagnostics: Json[] }).diagnostics };
}

/** A workspace with one warning-free error, so a misleading cache would show. */
function workspace(): string {
  const ws = makeWorkspace({
    ...minimalWorkspace(),
    'content/incidents/INC-0002.md': INCIDENT.replace('INC-0001', 'INC-0002').replace('status: resolved', 'status: bogus'),
  });
  dirs.push(ws);
  return ws;
}

const TAMPER: Array<[string, (cache: Json) => void]> = [
  ['an outcome whose diagnostics are text', (c) => (c.entries[INC].outcome.diagnostics = 'oops')],
  ['an outcome that is null', (c) => (c.entries[INC].outcome = null)],
  ['an entry without its outcome', (c) => delete c.entries[INC].outcome],
  ['a diagnostic of an unknown severity', (c) => (c.entries['content/incidents/INC-0002.md'].outcome.diagnostics[0].severity = 'fatal')],
  ['a diagnostic without a message', (c) => delete c.entries['content/incidents/INC-0002.md'].outcome.diagnostics[0].message],
  ['an entry filed under another file', (c) => (c.entries[INC].outcome.file = 'content/incidents/INC-0009.md')],
  ['an outcome of an unknown kind', (c) => (c.entries[INC].outcome.kind = 'spaceship')],
  ['facts that are a list', (c) => (c.entries[INC].outcome.facts = [])],
  ['facts whose summary is null', (c) => (c.entries[INC].outcome.facts.summary = null)],
  ['policy diagnostics that are not a list', (c) => (c.policy.diagnostics = {})],
  ['a policy without settings', (c) => delete c.policy.settings],
  ['settings with a time zone that does not exist', (c) => (c.policy.settings.time_zone = 'Mars/Olympus_Mons')],
];

describe('a cache with the right top-level shape but wrong entries is ignored as a whole', () => {
  for (const [label, tamper] of TAMPER) {
    it(label, async () => {
      const ws = workspace();
      const fresh = await validate(ws, '--no-cache');
      expect(fresh.code).toBe(1);
      await validate(ws); // writes the cache
      const cache = JSON.parse(readFileSync(join(ws, CACHE), 'utf8')) as Json;
      tamper(cache);
      writeFileSync(join(ws, CACHE), JSON.stringify(cache));
      const again = await validate(ws);
      expect(again.stderr).not.toMatch(/at .*\.ts:\d+/);
      expect(again.code).toBe(1);
      expect(again.diagnostics).toEqual(fresh.diagnostics);
      // ...and the next run writes a sound cache again.
      expect((await validate(ws)).diagnostics).toEqual(fresh.diagnostics);
    });
  }

  it('a cache committed to git, forged to call a broken record clean, is not trusted', async () => {
    const repo = gitRepo();
    dirs.push(repo.dir);
    const ws = repo.dir;
    const broken = INCIDENT.replace('status: resolved', 'status: bogus');
    repo.commit('Start', { ...minimalWorkspace(), [INC]: broken });
    await validate(ws);
    const cache = JSON.parse(readFileSync(join(ws, CACHE), 'utf8')) as Json;
    const entry = cache.entries[INC];
    entry.hash = hash('sha1', broken);
    entry.outcome.diagnostics = [];
    writeFileSync(join(ws, CACHE), JSON.stringify(cache));
    repo.git('add', '-f', CACHE);
    repo.git('commit', '-q', '-m', 'Add a cache');
    const r = await validate(ws);
    expect(r.code).toBe(1);
    expect(r.diagnostics!.map((d) => `${d.file} ${d.rule}`)).toEqual([`${CACHE} cache/committed`, `${INC} schema/enum`]);
    // Not rewritten either: the committed file stays as committed.
    expect(repo.git('status', '--porcelain')).toBe('');
  });
});

describe('a folder under content/ that cannot be listed is a diagnostic, not a crash', () => {
  it('a folder too deep to open (ENAMETOOLONG): what root cannot list either', async () => {
    const ws = workspace();
    // Each name is 200 characters: past the 4096-byte path limit after about 20 levels. Built with
    // relative `cd`s in a shell, since no absolute path that long can be created directly.
    const name = 'd'.repeat(200);
    execFileSync('bash', ['-c', `cd content/kb && for i in $(seq 1 22); do mkdir ${name} && cd ${name} || exit 1; done`], { cwd: ws });
    const r = await validate(ws, '--no-cache');
    expect(r.code).toBe(1);
    const problems = r.diagnostics!.filter((d) => d.rule === 'file/unreadable');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^The folder cannot be listed \(ENAMETOOLONG\)/);
    expect(r.diagnostics!.some((d) => d.file === 'content/incidents/INC-0002.md' && d.rule === 'schema/enum')).toBe(true);
  });

  it('a folder without permissions (chmod 000) is a diagnostic for a user, and still no crash for root', async () => {
    const ws = workspace();
    mkdirSync(join(ws, 'content/kb/locked'));
    writeFileSync(join(ws, 'content/kb/locked/KB-0009.md'), 'x');
    chmodSync(join(ws, 'content/kb/locked'), 0o000);
    const r = await validate(ws, '--no-cache');
    expect(r.code).toBe(1);
    const root = process.getuid?.() === 0;
    const rules = r.diagnostics!.filter((d) => d.file.startsWith('content/kb/locked')).map((d) => d.rule);
    // root lists the folder anyway and finds a record in a subfolder (a misplaced record); anyone else cannot list it.
    expect(rules).toEqual(root ? ['file/misplaced-record'] : ['file/unreadable']);
  });
});

describe('a file name that is not UTF-8', () => {
  it('is named as such, not reported as a missing file', async () => {
    const ws = workspace();
    const bytes = Buffer.concat([Buffer.from(join(ws, 'content/incidents/INC-')), Buffer.from([0xff, 0xfe]), Buffer.from('.md')]);
    writeFileSync(bytes, INCIDENT);
    for (const extra of [['--no-cache'], []]) {
      const r = await validate(ws, ...extra);
      expect(r.code).toBe(1);
      const named = r.diagnostics!.filter((d) => d.rule === 'file/name');
      expect(named).toHaveLength(1);
      expect(named[0]!.message).toBe('This file name cannot be read: it is not valid UTF-8.');
      expect(JSON.stringify(r.diagnostics)).not.toContain('ENOENT');
    }
    // status shows the valid records, names the file left out, and fails like every command: no crash.
    const status = await runMain(['status', '--root', ws, '--now', '2026-03-10T09:00:00Z'], { cwd: ws });
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/files? ha(s|ve) errors and (is|are) left out \(exit 1\)/);
    expect(status.stderr).not.toContain('internal error');
  });

  it('a name with a control character is refused too (it would reach the terminal raw)', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'content/incidents/INC-\x1b[2J.md'), INCIDENT);
    const r = await validate(ws, '--no-cache');
    expect(r.diagnostics!.filter((d) => d.rule === 'file/name').map((d) => [d.file, d.message])).toEqual([
      ['content/incidents/INC-\x1b[2J.md', 'This file name cannot be read: it holds a control character.'],
    ]);
    const pretty = await runMain(['validate', '--root', ws, '--no-cache'], { cwd: ws });
    expect(pretty.stdout).not.toContain('\x1b');
  });
});
