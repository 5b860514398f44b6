/** Every command answers --version, and an option it does not have prints its own usage. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { REPO_ROOT, runMain } from '../helpers/workspace.ts';

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const NAMES = Object.keys(COMMANDS);

describe('--version', () => {
  it('itsm --version prints the package version', async () => {
    const r = await runMain(['--version'], { cwd: tmpdir() });
    expect(r).toMatchObject({ code: 0, stdout: `itsm ${VERSION}\n`, stderr: '' });
  });

  it.each(NAMES)('itsm %s --version prints the package version and does nothing else', async (name) => {
    const r = await runMain([name, '--version'], { cwd: tmpdir() });
    expect(r).toMatchObject({ code: 0, stdout: `itsm ${VERSION}\n`, stderr: '' });
  });

  it('itsm --help mentions --version', async () => {
    expect((await runMain(['--help'], { cwd: tmpdir() })).stdout).toContain('itsm --version');
  });
});

describe('an unknown option', () => {
  it.each(NAMES)("itsm %s --bogus exits 2 and prints the command's own usage", async (name) => {
    const r = await runMain([name, '--bogus'], { cwd: tmpdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`itsm ${name}: unknown option --bogus.`);
    expect(r.stderr).toContain(`Usage: itsm ${name}`);
    expect(r.stderr).not.toContain('To specify a positional argument');
    expect(r.stdout).toBe('');
  });

  it('an option missing its value says so, with the usage', async () => {
    const r = await runMain(['validate', '--root'], { cwd: tmpdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('itsm validate: option --root needs a value.');
    expect(r.stderr).toContain('Usage: itsm validate');
  });

  it('a value given to a flag that takes none says so', async () => {
    const r = await runMain(['validate', '--strict=yes'], { cwd: tmpdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('itsm validate: option --strict takes no value.');
  });
});
