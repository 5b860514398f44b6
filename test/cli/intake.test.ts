import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmdbWorkspace } from '../helpers/cmdb-fixture.ts';
import { makeWorkspace, runCli, runMain } from '../helpers/workspace.ts';

/** The `issues.labeled` webhook event a workflow finds at $GITHUB_EVENT_PATH. */
function event(title: string, body: string): string {
  return JSON.stringify({
    action: 'labeled',
    label: { name: 'intake:accepted' },
    issue: {
      number: 7,
      title,
      body,
      created_at: '2026-03-04T08:15:00Z',
      html_url: 'https://github.com/northwind/itsm/issues/7',
      user: { login: 'lin' },
      labels: [{ name: 'intake:incident' }, { name: 'intake:accepted' }],
    },
  });
}

const BODY =
  '### Service\n\nWeb shop (SVC-shop)\n\n### What is happening?\n\n$(touch /tmp/pwned) `touch /tmp/pwned2`\n\n### Impact\n\nLow: one person or a workaround exists\n\n### Urgency\n\nHigh: work has stopped';

describe('itsm intake', () => {
  it('end to end: writes the record from a webhook event and tells the workflow where it is', async () => {
    const dir = makeWorkspace({ ...cmdbWorkspace(), 'event.json': event('[Incident]: Cannot pay ${{ secrets.TOKEN }}', BODY) });
    writeFileSync(join(dir, 'out.txt'), 'earlier=1\n');
    const r = runCli(['intake', '--issue', 'event.json', '--github-output', 'out.txt'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('content/incidents/INC-0003.md\n');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('earlier=1\nfile=content/incidents/INC-0003.md\nid=INC-0003\n');
    const text = readFileSync(join(dir, 'content/incidents/INC-0003.md'), 'utf8');
    expect(text).toMatch(/^title: '?Cannot pay \$\{\{ secrets\.TOKEN \}\}'?$/m);
    expect(text).toContain('priority: P3\n');
    expect(text).toContain("source:\n  system: github-issue\n  id: '7'\n  url: https://github.com/northwind/itsm/issues/7\n---\n");
    expect((await runMain(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('does not take the same issue in twice', async () => {
    const dir = makeWorkspace({ ...cmdbWorkspace(), 'event.json': event('Cannot pay', BODY) });
    expect((await runMain(['intake', '--issue', 'event.json'], { cwd: dir })).code).toBe(0);
    const again = await runMain(['intake', '--issue', 'event.json'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('itsm intake: issue #7 was already taken in as content/incidents/INC-0003.md; nothing was written.\n');
    expect(existsSync(join(dir, 'content/incidents/INC-0004.md'))).toBe(false);
  });

  it('knows an issue taken in before the source field existed by its old tag, and one whose record has an error', async () => {
    const dir = makeWorkspace({ ...cmdbWorkspace(), 'event.json': event('Cannot pay', BODY) });
    expect((await runMain(['intake', '--issue', 'event.json'], { cwd: dir })).code).toBe(0);
    const file = join(dir, 'content/incidents/INC-0003.md');
    const written = readFileSync(file, 'utf8');
    // As an older version wrote it: a github-issue-7 tag, no source field.
    writeFileSync(file, written.replace(/^source:\n( {2}.*\n)+/m, 'tags: [github-issue-7]\n'));
    expect(readFileSync(file, 'utf8')).not.toContain('source:');
    expect((await runMain(['intake', '--issue', 'event.json'], { cwd: dir })).stderr).toBe(
      'itsm intake: issue #7 was already taken in as content/incidents/INC-0003.md; nothing was written.\n',
    );
    // Edited by hand into a record that does not validate: still taken in.
    writeFileSync(file, written.replace('impact: low\n', 'impact: enormous\n'));
    const again = await runMain(['intake', '--issue', 'event.json'], { cwd: dir });
    expect(again.stderr).toBe('itsm intake: issue #7 was already taken in as content/incidents/INC-0003.md; nothing was written.\n');
    expect(existsSync(join(dir, 'content/incidents/INC-0004.md'))).toBe(false);
  });

  it('prints the record with --dry-run and writes nothing', async () => {
    const dir = makeWorkspace({ ...cmdbWorkspace(), 'event.json': event('Cannot pay', BODY) });
    const r = await runMain(['intake', '--issue', 'event.json', '--dry-run'], { cwd: dir });
    expect(r.stdout.startsWith('---\nid: INC-0003\n')).toBe(true);
    expect(existsSync(join(dir, 'content/incidents/INC-0003.md'))).toBe(false);
  });

  it('explains why an issue cannot become a record, and writes nothing', async () => {
    const dir = makeWorkspace({ ...cmdbWorkspace(), 'event.json': event('Cannot pay', BODY.replace('Web shop (SVC-shop)', 'Mainframe (SVC-mainframe)')) });
    const before = readdirSync(join(dir, 'content/incidents'));
    const r = await runMain(['intake', '--issue', 'event.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('issue #7 cannot become a record; nothing was written');
    expect(r.stderr).toContain('the service "Mainframe (SVC-mainframe)" is not one of the form\'s options');
    expect(readdirSync(join(dir, 'content/incidents'))).toEqual(before);
  });

  it.each([
    [['intake'], 'give the issue with --issue FILE.json'],
    [['intake', '--issue', 'missing.json'], 'cannot read missing.json as JSON'],
  ])('answers %j with a usage error', async (args, message) => {
    const r = await runMain(args, { cwd: makeWorkspace(cmdbWorkspace()) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
