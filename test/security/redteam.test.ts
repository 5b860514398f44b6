/**
 * Red team of issue 13: attacks tried on the finished work that still got through, one `describe`
 * per area. Each test failed on main before its fix.
 */
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/core/approvals/format.ts';
import { renderMarkdown } from '../../src/io/markdown.ts';
import { approvePr } from '../helpers/approval-pr.ts';

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
    const body = ['> '.repeat(8) + 'quoted', '', '- a\n  - b\n    - c', '', '[a [link](https://example.com)] and ![img](/x.png)', '', '| a | b |\n|---|---|\n| 1 | 2 |'].join('\n');
    const html = renderMarkdown(body);
    expect(html).not.toContain('markdown-plain');
    expect(html.match(/<blockquote>/g)).toHaveLength(8);
    expect(html).toContain('<table>');
    expect(html).toContain('<a href="https://example.com">link</a>');
  });
});
