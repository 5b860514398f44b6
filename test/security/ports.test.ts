/**
 * Threat: `itsm demo` on a port that is in use, or on a port that is not a port, ran the whole
 * validate + SLA + build first and then died with "internal error" and a stack trace. `itsm serve`
 * read ports with Number(), so "", "0x10", "1e3" and " 80" were taken for ports. Both commands now
 * read --port strictly (a whole number 0..65535; 0 picks a free port) and check that they can
 * listen before any work, with exit 2 and a message that says how to fix it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, runMain } from '../helpers/workspace.ts';

let busy: Server;
let busyPort: number;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((done) => busy.close(() => done())));

const NOT_PORTS = ['abc', '-1', '65536', '1.5', '', '0x10', '1e3', ' 80', '80 ', '+80', '99999999999999999999'];

function builtSite(): string {
  const dir = makeWorkspace({});
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist/index.html'), '<html data-base="/"><body>site</body></html>');
  return dir;
}

describe('itsm demo --port', () => {
  it.each(NOT_PORTS)(
    'refuses %j before building anything, exit 2',
    async (port) => {
      const dir = makeWorkspace(minimalWorkspace());
      const r = await runMain(['demo', `--port=${port}`, '--now', '2026-03-04T08:15:00Z'], { cwd: dir });
      expect(r.stderr).toBe(`itsm demo: --port must be a whole number from 0 to 65535 (0 picks a free port); got "${port}".\n`);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(existsSync(join(dir, 'dist'))).toBe(false);
    },
    60_000,
  );

  it('refuses a port that is in use before building anything, exit 2, no stack trace', async () => {
    const dir = makeWorkspace(minimalWorkspace());
    const r = await runMain(['demo', '--port', String(busyPort), '--now', '2026-03-04T08:15:00Z'], { cwd: dir });
    expect(r.stderr).toBe(
      `itsm demo: cannot listen on 127.0.0.1:${busyPort}: the port is in use. Stop what is using it, or pick another with --port N (0 picks a free port).\n`,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  }, 120_000);

  it('with --no-serve still refuses a malformed port, but does not need a free one', async () => {
    const dir = makeWorkspace(minimalWorkspace());
    const r = await runMain(['demo', '--no-serve', '--port', 'http', '--now', '2026-03-04T08:15:00Z'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--port must be a whole number/);
  });
});

describe('itsm serve --port', () => {
  it.each(NOT_PORTS)(
    'refuses %j, exit 2',
    async (port) => {
      const r = await runMain(['serve', `--port=${port}`], { cwd: builtSite() });
      expect(r.stderr).toBe(`itsm serve: --port must be a whole number from 0 to 65535 (0 picks a free port); got "${port}".\n`);
      expect(r.code).toBe(2);
    },
    10_000,
  );

  it('refuses a port that is in use, exit 2, no stack trace', async () => {
    const r = await runMain(['serve', '--port', String(busyPort)], { cwd: builtSite() });
    expect(r.stderr).toBe(
      `itsm serve: cannot listen on 127.0.0.1:${busyPort}: the port is in use. Stop what is using it, or pick another with --port N (0 picks a free port).\n`,
    );
    expect(r.code).toBe(2);
  }, 10_000);

  it.each(['', ' '])(
    'refuses an empty --host %j (Node would listen on every interface), exit 2',
    async (host) => {
      const r = await runMain(['serve', '--port', '0', `--host=${host}`], { cwd: builtSite() });
      expect(r.stderr).toBe('itsm serve: --host is empty; give an address of this machine such as 127.0.0.1 (the default).\n');
      expect(r.code).toBe(2);
    },
    10_000,
  );

  it('refuses a host that is not an address of this machine, exit 2', async () => {
    const r = await runMain(['serve', '--port', '0', '--host', '192.0.2.1'], { cwd: builtSite() });
    expect(r.stderr).toMatch(/^itsm serve: cannot listen on 192\.0\.2\.1:0: .*--host/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
  }, 10_000);
});
