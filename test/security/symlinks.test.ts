/**
 * A pull request can commit symlinks. If itsm followed them, a link named itsm.yaml or
 * content/policies/sla.yaml pointing at a CI secret would be read and its content quoted in a
 * diagnostic, in the job log. No link under the workspace is followed: each is a `file/symlink`
 * error naming the link, in every command that reads the workspace. And a diagnostic quotes a value
 * only as a short, escaped excerpt.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateOnDisk } from '../../src/io/validate-run.ts';
import { loadWorkspace } from '../../src/io/workspace.ts';
import { excerpt } from '../../src/core/excerpt.ts';
import { INCIDENT, minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, runMain } from '../helpers/workspace.ts';

const SECRET = 'ghp_SeCrEt0123456789abcdefSeCrEt0123456789';
/** Secret files as a CI machine has them: a bare token, a YAML-ish env file, a record-shaped file. */
const SECRET_FILES: Record<string, string> = {
  'token.txt': `${SECRET}\n`,
  'env.yaml': `GITHUB_TOKEN: ${SECRET}\nname: ${SECRET}\n`,
  'record.md': `---\nid: INC-0002\ntitle: ${SECRET}\nstatus: ${SECRET}\n---\n${SECRET}\n`,
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A valid workspace plus a folder of secrets outside it. */
function setup(): { ws: string; secrets: string } {
  const ws = makeWorkspace(minimalWorkspace());
  const secrets = mkdtempSync(join(tmpdir(), 'itsm-secrets-'));
  dirs.push(ws, secrets);
  for (const [name, text] of Object.entries(SECRET_FILES)) writeFileSync(join(secrets, name), text);
  mkdirSync(join(secrets, 'kb'));
  writeFileSync(join(secrets, 'kb/KB-0009.md'), SECRET_FILES['record.md']!);
  return { ws, secrets };
}

/** Replaces a workspace path with a symlink to `target`. */
function link(ws: string, rel: string, target: string): void {
  rmSync(join(ws, rel), { recursive: true, force: true });
  symlinkSync(target, join(ws, rel));
}

const LINKS: Array<[string, string, (secrets: string) => string]> = [
  ['itsm.yaml to a bare token', 'itsm.yaml', (s) => join(s, 'token.txt')],
  ['itsm.yaml to an env file', 'itsm.yaml', (s) => join(s, 'env.yaml')],
  ['a policy file to an env file', 'content/policies/sla.yaml', (s) => join(s, 'env.yaml')],
  ['a policy file to a bare token', 'content/policies/change-policy.yaml', (s) => join(s, 'token.txt')],
  ['a record to a record-shaped secret', 'content/incidents/INC-0002.md', (s) => join(s, 'record.md')],
  ['a record through a relative link', 'content/incidents/INC-0002.md', (s) => `relative:${join(s, 'record.md')}`],
  ['a record folder to a folder of secrets', 'content/kb', (s) => join(s, 'kb')],
  ['content/ itself', 'content', (s) => s],
];

describe('a symlink in the workspace is an error naming the link; its target is never read', () => {
  for (const [label, rel, target] of LINKS) {
    it(`itsm validate: ${label}`, async () => {
      const { ws, secrets } = setup();
      const to = target(secrets);
      link(ws, rel, to.startsWith('relative:') ? relative(dirname(join(ws, rel)), to.slice('relative:'.length)) : to);
      for (const format of ['pretty', 'json', 'github']) {
        const r = await runMain(['validate', '--root', ws, '--no-cache', '--format', format], { cwd: ws });
        expect(r.code, format).toBe(1);
        expect(r.stdout + r.stderr).not.toContain('SeCrEt');
        expect(r.stdout).toContain('file/symlink');
        expect(r.stdout).toContain(rel);
      }
    });
  }

  it('every command that reads the workspace refuses the link the same way', async () => {
    const { ws, secrets } = setup();
    link(ws, 'itsm.yaml', join(secrets, 'env.yaml'));
    link(ws, 'content/policies/sla.yaml', join(secrets, 'env.yaml'));
    link(ws, 'content/incidents/INC-0002.md', join(secrets, 'record.md'));
    const runs = [
      ['validate', '--root', ws],
      ['validate', '--root', ws], // warm: from the cache
      ['sla', '--root', ws, '--now', '2026-03-10T00:00:00Z'],
      ['report', '--root', ws, '--now', '2026-03-10T00:00:00Z'],
      ['status', '--root', ws, '--now', '2026-03-10T00:00:00Z'],
      ['impact', 'CI-web', '--root', ws],
      ['build', '--root', ws, '--out', join(secrets, 'site')],
    ];
    for (const args of runs) {
      const r = await runMain(args, { cwd: ws });
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain('SeCrEt');
      // Every command fails on the invalid workspace; status and impact still show what they can.
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout + r.stderr, args.join(' ')).toMatch(/file\/symlink|no site was built|has errors|files have errors and are left out \(exit 1\)/);
    }
  });

  it('the worker threads of a large validate read no link either', async () => {
    const { ws, secrets } = setup();
    link(ws, 'content/incidents/INC-0002.md', join(secrets, 'record.md'));
    link(ws, 'content/kb', join(secrets, 'kb'));
    const r = await validateOnDisk(ws, { cache: false, workers: 1, parallelThreshold: 1 });
    expect(r.diagnostics.filter((d) => d.rule === 'file/symlink').map((d) => d.file)).toEqual(['content/incidents/INC-0002.md', 'content/kb']);
    expect(JSON.stringify(r.diagnostics)).not.toContain('SeCrEt');
  });

  it('the in-memory loader (sla, status, build) reports links too, and loads the rest', async () => {
    const { ws, secrets } = setup();
    link(ws, 'content/policies/sla.yaml', join(secrets, 'env.yaml'));
    const loaded = await loadWorkspace(ws);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.rule}`)).toEqual(['content/policies/sla.yaml file/symlink']);
    expect(loaded.workspace.policies.sla).toBeUndefined();
    expect(loaded.workspace.byId.has('INC-0001')).toBe(true);
  });

  it('a link to a file inside the workspace is refused too (links are not files of the workspace)', async () => {
    const { ws } = setup();
    symlinkSync('INC-0001.md', join(ws, 'content/incidents/INC-0003.md'));
    const r = await runMain(['validate', '--root', ws, '--no-cache'], { cwd: ws });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/content\/incidents\/INC-0003\.md\n.*error.*symlink.*file\/symlink/);
    unlinkSync(join(ws, 'content/incidents/INC-0003.md'));
  });
});

describe('commands that write records write through no link', () => {
  it('itsm new refuses a symlinked record folder and a symlinked template, writing nothing outside', async () => {
    const { ws, secrets } = setup();
    const target = mkdtempSync(join(tmpdir(), 'itsm-link-target-'));
    dirs.push(target);
    link(ws, 'content/kb', target);
    const env = { ITSM_NOW: '2026-03-10T09:00:00Z' };
    const r = await runMain(['new', 'kb', '--title', 'How to restart', '--no-edit'], { cwd: ws, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/content\/kb\/KB-0001\.md: refusing to write .* is a symlink/);
    expect(readdirSync(target)).toEqual([]);
    mkdirSync(join(ws, 'content/.templates'));
    symlinkSync(join(secrets, 'record.md'), join(ws, 'content/.templates/incident.md'));
    const t = await runMain(['new', 'incident', '--title', 'x', '--no-edit'], { cwd: ws, env });
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/content\/\.templates\/incident\.md is a symlink/);
    expect(t.stdout + t.stderr).not.toContain('SeCrEt');
  });
});

describe('itsm renumber', () => {
  it('refuses a symlinked record instead of copying its target into the workspace', async () => {
    const { ws, secrets } = setup();
    symlinkSync(join(secrets, 'record.md'), join(ws, 'content/incidents/INC-0002.md'));
    const r = await runMain(['renumber', 'INC-0002', 'INC-0003', '--root', ws], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/content\/incidents\/INC-0002\.md is not a regular file/);
    expect(existsSync(join(ws, 'content/incidents/INC-0003.md'))).toBe(false);
  });
});

describe('diagnostics quote values as short, escaped excerpts', () => {
  it('a long value is cut to 60 characters and its escape sequences are shown, not sent', async () => {
    const ws = makeWorkspace({
      ...minimalWorkspace(),
      'content/incidents/INC-0001.md': INCIDENT.replace('status: resolved', `status: "\\e]0;pwned\\a\\e[2J${'A'.repeat(500)}"`),
    });
    dirs.push(ws);
    const r = await runMain(['validate', '--root', ws, '--no-cache', '--format', 'json'], { cwd: ws });
    expect(r.code).toBe(1);
    const messages = (JSON.parse(r.stdout) as { diagnostics: Array<{ message: string; rule: string }> }).diagnostics
      .filter((d) => d.rule === 'schema/enum')
      .map((d) => d.message);
    // 55 characters of the value (14 of them escaped), then an ellipsis: nothing reaches the terminal raw.
    expect(messages).toEqual([`\`status\` is "\\u001b]0;pwned\\u0007\\u001b[2J${'A'.repeat(41)}...", which is not one of the allowed values.`]);
  });

  it('an unknown key, a bad first line and a YAML error are cut short too', async () => {
    const long = 'k'.repeat(300);
    const ws = makeWorkspace({
      ...minimalWorkspace(),
      'itsm.yaml': `name: Test Org\n${long}: 1\n`,
      'content/incidents/INC-0001.md': `--- ${'x'.repeat(300)}\n`,
      'content/incidents/INC-0002.md': `---\nid: INC-0002\ntitle: !${'t'.repeat(300)} x\n---\n`,
    });
    dirs.push(ws);
    const r = await runMain(['validate', '--root', ws, '--no-cache', '--format', 'json'], { cwd: ws });
    const messages = (JSON.parse(r.stdout) as { diagnostics: Array<{ message: string }> }).diagnostics.map((d) => d.message);
    for (const m of messages) expect(m.length, m).toBeLessThan(260);
    expect(messages.some((m) => m.includes('kkk...'))).toBe(true);
  });

  it('a policy file that is one bare value is not quoted at all (it may be a secret)', async () => {
    const ws = makeWorkspace({ ...minimalWorkspace(), 'content/policies/sla.yaml': `${SECRET}\n` });
    dirs.push(ws);
    const r = await runMain(['validate', '--root', ws, '--no-cache'], { cwd: ws });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('SeCrEt');
    expect(r.stdout).toContain('should be a set of fields, but is a single text value');
  });

  it.each([
    ['plain', 'open', '"open"'],
    ['a quote', 'a"b', '"a\\"b"'],
    ['ESC and CSI', '\x1b[31mred\x9b0m', '"\\u001b[31mred\\u009b0m"'],
    ['bidi override', 'abc\u202Eevil', '"abc\\u202eevil"'],
    ['line separator', 'a\u2028b\nc', '"a\\u2028b\\nc"'],
    ['long', 'x'.repeat(100), `"${'x'.repeat(55)}..."`],
    ['astral, not split', '😀'.repeat(100), `"${'😀'.repeat(55)}..."`],
    ['a number', 42, '42'],
    ['a list', ['a', 'b'], '["a","b"]'],
  ])('excerpt: %s', (_label, value, shown) => {
    expect(excerpt(value)).toBe(shown);
  });
});
