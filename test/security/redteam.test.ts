/**
 * Red team of issue 13: attacks tried on the finished work that still got through, one `describe`
 * per area. Each test failed on main before its fix.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/core/approvals/format.ts';
import { renderMarkdown } from '../../src/io/markdown.ts';
import { approvePr, BASE_FILES, changeFile } from '../helpers/approval-pr.ts';
import { INCIDENT, minimalWorkspace } from '../helpers/fixtures.ts';
import { gitRepo } from '../helpers/git-repo.ts';
import { makeWorkspace, REPO_ROOT, runMain } from '../helpers/workspace.ts';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

describe('approvals: what the check prints cannot issue workflow commands', () => {
  // A file name may hold a line break (git allows any byte but NUL and /). Printed raw after the
  // annotations, a line starting with :: is a workflow command for the runner: a forged notice,
  // an ::add-mask:: that hides the log, a ::stop-commands::.
  it.each([
    ['a gate file', 'src/x\n::notice title=Approved::All approvals present.ts'],
    ['a workflow file', '.github/workflows/a\r\n::add-mask::approvals.yml'],
    ['a package file', 'tools/\n::stop-commands::x/package.json'],
  ])('%s whose name holds a line break', async (_label, path) => {
    const r = await approvePr({ pr: { [path]: 'x\n' }, args: ['--format', 'github'] });
    expect(r.code).toBe(1);
    const commands = r.stdout.split(/\r?\n/).filter((l) => l.startsWith('::'));
    expect(commands.length).toBeGreaterThan(0);
    for (const line of commands) expect(line).toMatch(/^::(error|warning) (file=[^,]*,)?title=/);
    expect(r.stdout).toContain('\\n::');
  });

  it('the pretty output shows the break escaped, and the JSON keeps the exact path', async () => {
    const path = 'src/x\n::error::forged.ts';
    const pretty = await approvePr({ pr: { [path]: 'x\n' }, args: ['--format', 'pretty'] });
    expect(pretty.stdout.split('\n').some((l) => l.startsWith('::'))).toBe(false);
    const json = await approvePr({ pr: { [path]: 'x\n' } });
    expect(json.subject('policy')!.triggers.join(' ')).toContain(path);
  });

  it('the job summary keeps each explanation on its line (no Markdown smuggled in after a break)', async () => {
    const path = 'src/x\n\n# Approved by the CAB\n\n![ok](https://evil.example/pixel.png).ts';
    const r = await approvePr({ pr: { [path]: 'x\n' } });
    const summary = formatSummary(r.result!, [`error in ${path}`]);
    expect(summary.split('\n').filter((l) => l.startsWith('# Approved') || l.startsWith('![ok]'))).toEqual([]);
    expect(summary).toContain('\\n# Approved by the CAB');
  });
});

describe('site: a record body nested too deep renders as plain text, never stalls or crashes the build', () => {
  // All well under the 1 MiB record limit. On main the containers overflowed the stack (the build
  // died with a stack trace) and the brackets took the parser tens of seconds.
  it.each([
    ['5000 nested blockquotes', '>'.repeat(5000) + ' x'],
    ['5000 list markers on one line', '- '.repeat(5000) + 'x'],
    ['mixed containers on one line', '- > 1. '.repeat(1000) + 'x'],
    ['a list nested 300 levels by indentation', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n')],
    ['2500 nested images (15 kB)', '!['.repeat(2500) + 'x' + '](y)'.repeat(2500)],
    ['20000 nested links', '['.repeat(20000) + 'x' + ']'.repeat(20000)],
  ])('%s', (_label, body) => {
    const started = performance.now();
    const html = renderMarkdown(body + '\n<script>alert(1)</script>');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(html.startsWith('<pre class="markdown-plain">')).toBe(true);
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('ordinary nesting still renders as Markdown', () => {
    const body = [
      '> '.repeat(8) + 'quoted',
      '',
      '- a\n  - b\n    - c',
      '',
      '[a [link](https://example.com)] and ![img](/x.png)',
      '',
      '| a | b |\n|---|---|\n| 1 | 2 |',
    ].join('\n');
    const html = renderMarkdown(body);
    expect(html).not.toContain('markdown-plain');
    expect(html.match(/<blockquote>/g)).toHaveLength(8);
    expect(html).toContain('<table>');
    expect(html).toContain('<a href="https://example.com">link</a>');
  });
});

describe('workspace boundary: itsm import makes no folder through a link', () => {
  const CSV = join(REPO_ROOT, 'test/fixtures/import/servicenow-incident.csv');
  const importInto = (root: string) =>
    runMain(['import', 'servicenow', '--table', 'incident', CSV, '--tz', 'UTC', '--default', 'service=SVC-shop'], { cwd: root });

  it('a content/ that links to a folder outside: nothing is created there', async () => {
    const root = makeWorkspace(minimalWorkspace());
    temps.push(root);
    const outside = tempDir('itsm-outside-');
    rmSync(join(root, 'content/incidents'), { recursive: true });
    renameSync(join(root, 'content'), join(outside, 'content'));
    symlinkSync(join(outside, 'content'), join(root, 'content'));
    const r = await importInto(root);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('is a symlink');
    // On main: content/incidents/ appeared in the linked folder.
    expect(readdirSync(join(outside, 'content')).sort()).not.toContain('incidents');
  });

  it('a record folder that is a dangling link: a clear refusal, not an internal error', async () => {
    const root = makeWorkspace(minimalWorkspace());
    temps.push(root);
    const outside = tempDir('itsm-outside-');
    rmSync(join(root, 'content/incidents'), { recursive: true });
    symlinkSync(join(outside, 'incidents'), join(root, 'content/incidents'));
    const r = await importInto(root);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stdout + r.stderr).toContain('content/incidents is a symlink');
    expect(existsSync(join(outside, 'incidents'))).toBe(false);
  });
});

describe('workspace boundary: itsm as-of writes into no link', () => {
  const repoWithHistory = () => {
    const repo = gitRepo('itsm-redteam-asof-');
    temps.push(repo.dir);
    repo.commit('Start', minimalWorkspace(), { date: '2026-03-01T09:00:00+00:00' });
    return repo;
  };

  it('a dangling link committed under the default output name: refused, nothing created where it points', async () => {
    const repo = repoWithHistory();
    const target = join(tempDir('itsm-outside-'), 'loot');
    symlinkSync(target, join(repo.dir, 'as-of-2026-03-31'));
    const r = await runMain(['as-of', '2026-03-31'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a symlink');
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(target)).toBe(false);
  });

  it('--out a link to an empty folder elsewhere: refused, nothing written there', async () => {
    const repo = repoWithHistory();
    const target = tempDir('itsm-outside-');
    symlinkSync(target, join(repo.dir, 'snapshot'));
    const r = await runMain(['as-of', '2026-03-31', '--out', 'snapshot'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(readdirSync(target)).toEqual([]);
  });

  it('--out below a file: a clear message, not an internal error', async () => {
    const repo = repoWithHistory();
    writeFileSync(join(repo.dir, 'notes'), 'x\n');
    const r = await runMain(['as-of', '2026-03-31', '--out', 'notes/snapshot'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot create the folder');
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});

describe('workspace boundary: itsm notify reads and writes its state through no link', () => {
  // In the notify workflow the state file sits in the checkout, so a merged commit could place a link there.
  it.each([
    [
      'the state file is a link',
      (root: string, secret: string) => {
        mkdirSync(join(root, '.itsm-notify'));
        symlinkSync(secret, join(root, '.itsm-notify/state.json'));
      },
    ],
    ['its folder is a link', (root: string, secret: string) => symlinkSync(dirname(secret), join(root, '.itsm-notify'))],
  ])('%s: refused, and the linked file is neither quoted nor touched', async (_label, link) => {
    const root = makeWorkspace(minimalWorkspace());
    temps.push(root);
    const secret = join(tempDir('itsm-outside-'), 'state.json');
    writeFileSync(secret, 'SECRET-TOKEN-0123456789');
    link(root, secret);
    const r = await runMain(['notify', '--state', '.itsm-notify/state.json', '--dry-run', '--now', '2026-03-05T10:00:00Z'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('symlink');
    expect(r.stdout + r.stderr).not.toContain('SECRET');
    expect(readFileSync(secret, 'utf8')).toBe('SECRET-TOKEN-0123456789');
  });
});

describe('approvals: a timestamp the schema accepts is one the decision can read', () => {
  // ISO 8601 (and ajv's date-time) allow a leap second, 23:59:60; Date.parse reads it as NaN, so a
  // change planned from one compared as outside every freeze and window and met no ECAB requirement.
  const FREEZE = `freezes:\n  - { name: Year-end, start: '2026-12-20T00:00:00Z', end: '2027-01-02T00:00:00Z' }\n`;
  const base = {
    ...BASE_FILES,
    'content/policies/change-policy.yaml': BASE_FILES['content/policies/change-policy.yaml']!.replace(/^rules:/m, `${FREEZE}rules:`),
  };
  const inFreeze = (start: string, end: string) => ({ 'content/changes/CHG-0001.md': changeFile('CHG-0001', { planned_start: start, planned_end: end }) });

  it('the same change with ordinary times needs the ECAB (the freeze is hit)', async () => {
    const r = await approvePr({ base, pr: inFreeze('2026-12-24T22:00:00Z', '2026-12-25T02:00:00Z'), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    expect(r.subject('CHG-0001')!.decision).toBe('pending');
    expect(r.code).toBe(1);
  });

  it.each([
    ['a leap second in UTC', '2026-12-24T23:59:60Z', '2026-12-25T02:00:00Z'],
    ['a leap second with an offset', '2026-12-25T00:59:60+01:00', '2026-12-25T02:00:00+01:00'],
    ['a leap second at the end', '2026-12-24T22:00:00Z', '2026-12-24T23:59:60Z'],
  ])('%s does not slip past the freeze', async (_label, start, end) => {
    const r = await approvePr({ base, pr: inFreeze(start, end), reviews: [{ login: 'paula', state: 'APPROVED' }] });
    expect(r.code).toBe(1);
    expect(['pending', 'rejected']).toContain(r.subject('CHG-0001')!.decision);
  });

  it('itsm validate refuses a leap second in any timestamp', async () => {
    const root = makeWorkspace({
      ...minimalWorkspace(),
      'content/incidents/INC-0001.md': INCIDENT.replace('reported_at: 2026-03-02T09:10:00+01:00', 'reported_at: 2026-03-01T23:59:60Z'),
    });
    temps.push(root);
    const r = await runMain(['validate', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('reported_at');
  });
});
