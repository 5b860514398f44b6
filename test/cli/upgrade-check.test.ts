/**
 * `itsm upgrade-check --from OLD` and `itsm migrate`: before merging a version bump, the team sees
 * what the new version reports that the old one did not. The "old version" here is a stand-in
 * package whose `itsm validate` prints a fixed report; the real old-against-new run over npm
 * tarballs is in test/package/package.e2e.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.ts';
import { migrateWorkspace } from '../../src/io/migrate.ts';
import { upgradeCheck } from '../../src/io/upgrade-check.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, runMain } from '../helpers/workspace.ts';

const temp = mkdtempSync(join(tmpdir(), 'itsm-upgrade-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const NOW = '2026-06-01T10:00:00Z';

/** A package named itsm whose `validate --format json` prints these diagnostics. */
function oldPackage(version: string, diagnostics: Diagnostic[]): string {
  const dir = join(temp, `itsm-${version}`);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'itsm', version }));
  const report = JSON.stringify({ summary: { records: 8, errors: 0, warnings: 0 }, diagnostics });
  writeFileSync(join(dir, 'bin/itsm.js'), `process.stdout.write(${JSON.stringify(report)});\n`);
  return dir;
}

/** The minimal workspace with a knowledge article past its review date: a warning today. */
function workspace(): string {
  const files = minimalWorkspace();
  files['content/kb/KB-0001.md'] = files['content/kb/KB-0001.md']!.replace('status: published', 'status: published\nreview_by: 2026-01-01');
  return makeWorkspace(files);
}

describe('itsm upgrade-check', () => {
  it('lists what this version reports that the old one did not, and what it no longer reports', async () => {
    const ws = workspace();
    const stale: Diagnostic = { file: 'content/incidents/INC-0001.md', line: 3, column: 1, rule: 'old/rule', severity: 'warning', message: 'An old finding.' };
    const from = oldPackage('0.0.9', [stale]);
    const result = await runMain(['upgrade-check', '--from', from, '--now', NOW], { cwd: ws });
    expect(result.stdout).toContain('itsm 0.0.9 -> ');
    expect(result.stdout).toContain('New with ');
    expect(result.stdout).toContain('content/kb/KB-0001.md');
    expect(result.stdout).toContain('quality/kb-review-overdue');
    expect(result.stdout).toContain('No longer reported by');
    expect(result.stdout).toContain('old/rule');
    // Only warnings are new: the bump can be merged.
    expect(result.code).toBe(0);
  });

  it('says nothing is new when both versions report the same, and fails on new errors', async () => {
    const ws = workspace();
    const first = await runMain(['validate', '--format', 'json', '--now', NOW], { cwd: ws });
    const same = (JSON.parse(first.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
    const quiet = await runMain(['upgrade-check', '--from', oldPackage('0.0.8', same), '--now', NOW], { cwd: ws });
    expect(quiet.stdout).toContain('Nothing new');
    expect(quiet.code).toBe(0);

    writeFileSync(join(ws, 'content/incidents/INC-0002.md'), '---\nid: INC-0002\ntitle: Broken\n---\n');
    const strict = await runMain(['upgrade-check', '--from', oldPackage('0.0.7', same), '--now', NOW, '--format', 'json'], { cwd: ws });
    const report = JSON.parse(strict.stdout) as { from: string; added: Diagnostic[] };
    expect(report.from).toBe('0.0.7');
    expect(report.added.some((d) => d.file === 'content/incidents/INC-0002.md' && d.severity === 'error')).toBe(true);
    expect(strict.code).toBe(1);
  });

  it('lists the renamed fields the workspace still uses, from the renames between the two versions', async () => {
    const ws = workspace();
    const result = await upgradeCheck({
      root: ws,
      from: oldPackage('0.0.6', []),
      now: NOW,
      table: [
        { since: '0.0.7', kind: 'incident', from: 'resolution', to: 'resolution_notes' },
        { since: '0.0.5', kind: 'incident', from: 'title', to: 'headline' },
      ],
    });
    expect(result.migration.changes).toEqual([{ file: 'content/incidents/INC-0001.md', from: 'resolution', to: 'resolution_notes' }]);
  });

  it("without --from, compares with the workspace's last validate by an older version", async () => {
    const ws = workspace();
    expect((await runMain(['validate', '--now', NOW], { cwd: ws })).code).toBe(0);
    const same = await runMain(['upgrade-check', '--now', NOW], { cwd: ws });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('already ran with itsm');

    const file = join(ws, '.itsm-cache/last-run.json');
    const last = JSON.parse(readFileSync(file, 'utf8')) as { version: string; diagnostics: Diagnostic[] };
    last.version = '0.0.1';
    last.diagnostics.push({ file: 'content/kb/KB-0001.md', line: 2, column: 1, rule: 'old/rule', severity: 'warning', message: 'Gone in the new version.' });
    writeFileSync(file, JSON.stringify(last));
    const result = await runMain(['upgrade-check', '--now', NOW], { cwd: ws });
    expect(result.stdout).toContain('itsm 0.0.1 -> ');
    expect(result.stdout).toContain('its last `itsm validate` of this workspace');
    expect(result.stdout).toContain('Nothing new');
    expect(result.stdout).toContain('No longer reported by');
    expect(result.code).toBe(0);
  });

  it('refuses without --from, or with something that is not an itsm package (exit 2)', async () => {
    const ws = workspace();
    const none = await runMain(['upgrade-check'], { cwd: ws });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--from');
    const other = join(temp, 'not-itsm');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'package.json'), '{"name":"left-pad"}');
    const wrong = await runMain(['upgrade-check', '--from', other], { cwd: ws });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('is not an itsm package');
  });
});

/** `package/...` in a gzipped tar, as `npm pack` writes it. */
function tarball(dir: string): Buffer {
  const stage = mkdtempSync(join(temp, 'pack-'));
  cpSync(dir, join(stage, 'package'), { recursive: true });
  execFileSync('tar', ['-czf', join(stage, 'out.tgz'), '-C', stage, 'package']);
  return readFileSync(join(stage, 'out.tgz'));
}

/** A stand-in npm registry on 127.0.0.1 with one release of itsm, 0.0.5 (its checksum as given). */
async function registry(integrity?: (tgz: Buffer) => string): Promise<{ url: string; requests: string[]; server: Server }> {
  const tgz = tarball(oldPackage('0.0.5', [{ file: 'content/kb/KB-0001.md', line: 2, column: 1, rule: 'old/rule', severity: 'warning', message: 'Old.' }]));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/itsm') {
      const dist = {
        tarball: `${base}/itsm/-/itsm-0.0.5.tgz`,
        integrity: integrity ? integrity(tgz) : `sha512-${createHash('sha512').update(tgz).digest('base64')}`,
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ name: 'itsm', versions: { '0.0.4': { dist: { ...dist, tarball: `${base}/gone.tgz` } }, '0.0.5': { dist } } }));
    } else if (req.url === '/itsm/-/itsm-0.0.5.tgz') res.end(tgz);
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  afterAll(() => void server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, server };
}

describe('itsm upgrade-check --from VERSION', () => {
  it('downloads the release from the registry given, checks it, and compares with it', async () => {
    const reg = await registry();
    const result = await runMain(['upgrade-check', '--from', '0.0.5', '--registry', reg.url, '--now', NOW], { cwd: workspace() });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('itsm 0.0.5 -> ');
    expect(result.stdout).toContain('No longer reported by');
    expect(result.code).toBe(0);
    expect(reg.requests).toEqual(['/itsm', '/itsm/-/itsm-0.0.5.tgz']);
  });

  it('uses the registry npm is configured with in the environment (NPM_CONFIG_REGISTRY)', async () => {
    const reg = await registry();
    const result = await runMain(['upgrade-check', '--from', '0.0.5', '--now', NOW, '--format', 'json'], {
      cwd: workspace(),
      env: { npm_config_registry: undefined, NPM_CONFIG_REGISTRY: reg.url },
    });
    expect((JSON.parse(result.stdout) as { from: string }).from).toBe('0.0.5');
    expect(reg.requests).toContain('/itsm/-/itsm-0.0.5.tgz');
  });

  it('says clearly when the version is not there, the registry cannot be reached, or the tarball is not the one published (exit 2)', async () => {
    const reg = await registry();
    const missing = await runMain(['upgrade-check', '--from', '9.9.9', '--registry', reg.url], { cwd: workspace() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('itsm 9.9.9 is not on the registry (its latest versions: 0.0.4, 0.0.5)');

    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const unreachable = await runMain(['upgrade-check', '--from', '0.0.5', '--registry', `http://127.0.0.1:${port}/`], { cwd: workspace() });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain(`cannot reach the npm registry at http://127.0.0.1:${port}/`);
    expect(unreachable.stderr).toContain('ECONNREFUSED');

    const tampered = await registry(() => `sha512-${createHash('sha512').update('something else').digest('base64')}`);
    const bad = await runMain(['upgrade-check', '--from', '0.0.5', '--registry', tampered.url], { cwd: workspace() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("does not match the registry's checksum");

    const notUrl = await runMain(['upgrade-check', '--from', '0.0.5', '--registry', 'file:///etc'], { cwd: workspace() });
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toContain('is not an http(s) URL');
  });
});

describe('itsm migrate', () => {
  it('says there is nothing to migrate while no release has renamed a field', async () => {
    const ws = workspace();
    const result = await runMain(['migrate'], { cwd: ws });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nothing to migrate');
  });

  it('rewrites the records by a renames table, and --dry-run writes nothing', () => {
    const ws = workspace();
    const file = join(ws, 'content/incidents/INC-0001.md');
    const before = readFileSync(file, 'utf8');
    const table = [{ since: '0.0.1', kind: 'incident' as const, from: 'resolution', to: 'resolution_notes' }];
    const dry = migrateWorkspace({ root: ws, dryRun: true, table });
    expect(dry.changes).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(before);
    migrateWorkspace({ root: ws, table });
    expect(readFileSync(file, 'utf8')).toBe(before.replace('\nresolution: ', '\nresolution_notes: '));
  });
});
