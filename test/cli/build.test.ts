import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtBase, serveSite } from '../../src/io/serve.ts';
import { spawn } from 'node:child_process';
import { CLI, makeWorkspace, runCli, runMain } from '../helpers/workspace.ts';
import { FIXTURE_NOW, fixtureFiles } from '../site/fixture.ts';

describe('itsm build', () => {
  it('end to end: refuses to build a workspace with errors, printing what `itsm validate` prints', async () => {
    const files = fixtureFiles();
    files['content/incidents/INC-0003.md'] = files['content/incidents/INC-0003.md']!.replace('service: SVC-payments', 'service: SVC-nope');
    const ws = makeWorkspace(files);
    const out = join(ws, 'site');
    const built = runCli(['build', '--root', ws, '--out', out, '--now', FIXTURE_NOW], { cwd: ws });
    const validated = await runMain(['validate', '--root', ws, '--no-cache', '--now', FIXTURE_NOW], { cwd: ws });
    expect(built.code).toBe(1);
    expect(validated.code).toBe(1);
    expect(built.stdout).toBe(validated.stdout);
    expect(built.stdout).toContain('SVC-nope');
    expect(built.stderr).toContain('no site was built');
    expect(existsSync(out)).toBe(false);
    rmSync(ws, { recursive: true, force: true });
  });

  it('builds a site outside git, under a base path, that `itsm serve` serves with the right types', async () => {
    const ws = makeWorkspace(fixtureFiles());
    const out = mkdtempSync(join(tmpdir(), 'itsm-build-out-'));
    const r = await runMain(['build', '--root', ws, '--out', out, '--base', 'ops/itsm', '--now', FIXTURE_NOW], { cwd: ws });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Warnings are shown as `itsm validate` shows them, and do not stop the build.
    expect(r.stdout).toContain('warning  No service reaches the production item CI-pg-replica');
    expect(r.stdout).toMatch(/^Built \d+ pages from 18 records into /m);
    expect(builtBase(out)).toBe('/ops/itsm/');
    const page = readFileSync(join(out, 'incidents/INC-0001/index.html'), 'utf8');
    expect(page).toContain('No git history available for this build.');
    expect(page).toContain('href="/ops/itsm/services/SVC-payments/"');
    const served = await serveSite({ dir: out });
    try {
      const get = (p: string) => fetch(new URL(p, served.url));
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ops\/itsm\/$/);
      expect((await get('incidents/INC-0001/')).headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect((await get('pagefind/wasm.unknown.pagefind')).status).toBe(200);
      expect((await get('pagefind/pagefind.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect((await get('api/INC-0001.json')).headers.get('content-type')).toBe('application/json; charset=utf-8');
      const redirect = await fetch(new URL('incidents', served.url), { redirect: 'manual' });
      expect(redirect.status).toBe(301);
      expect((await fetch(new URL('/ops/itsm/%2e%2e/%2e%2e/etc/passwd', served.url))).status).toBe(404);
      const missing = await get('nope/');
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('There is no page here.');
    } finally {
      await served.close();
      rmSync(ws, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("fails with Pagefind's own message when the search index cannot be built", async () => {
    const { runPagefind, SiteBuildError } = await import('../../src/io/site-build.ts');
    const empty = mkdtempSync(join(tmpdir(), 'itsm-empty-site-'));
    const err = await runPagefind(empty, () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SiteBuildError);
    expect((err as Error).message).toMatch(/^pagefind failed \(exit 1\):\n.*not able to build an index/s);
    rmSync(empty, { recursive: true, force: true });
  });

  it('refuses an output folder that would replace the workspace or sit among its records', async () => {
    const ws = makeWorkspace(fixtureFiles());
    for (const out of ['.', '..', 'content/site']) {
      const r = await runMain(['build', '--root', ws, '--out', out], { cwd: ws });
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/the output folder .* ((is|contains) the workspace|is inside content\/)/);
    }
    expect(existsSync(join(ws, 'content/incidents/INC-0001.md'))).toBe(true);
    rmSync(ws, { recursive: true, force: true });
  });

  it('end to end: `itsm serve` prints the address of the site and serves it until stopped', async () => {
    const ws = makeWorkspace(fixtureFiles());
    const out = join(ws, 'dist');
    expect((await runMain(['build', '--root', ws, '--now', FIXTURE_NOW, '--base', '/itsm/'], { cwd: ws })).code).toBe(0);
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { cwd: ws, env: { ...process.env, NO_COLOR: '1' } });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let text = '';
        child.stdout.on('data', (c) => {
          text += c;
          const m = /Serving .* at (http:\/\/127\.0\.0\.1:\d+\/itsm\/)/.exec(text);
          if (m) resolveUrl(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${text}`)));
      });
      const home = await fetch(url);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Fixture Corp: service dashboard');
      expect(existsSync(join(out, 'pagefind'))).toBe(true);
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('explains itself', async () => {
    const r = await runMain(['build', '--help'], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: itsm build');
    const s = await runMain(['serve', '--out', join(tmpdir(), 'no-such-site')], { cwd: tmpdir() });
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('Run `itsm build` first');
  });
});
