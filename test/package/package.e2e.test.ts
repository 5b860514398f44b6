/**
 * End to end (SLOW, about a minute: it packs the package and builds a site): the npm package as a
 * team gets it. `npm pack` (which compiles src/ into dist-pkg/), an empty project that installs the
 * tarball, `npx itsm init ws`, then in the new workspace validate, build, `itsm new` and a commit;
 * then a newer build of the package (the version bumped in a copy) over it, and `upgrade-check`
 * against the last validation and from the old tarball.
 *
 * Installing: `npm install <tarball> --offline` first (the npm cache has the dependencies when
 * this machine installed them from the registry). Tests must not need the network, so when the
 * cache cannot serve them, the project gets the way npm lays a dependency out by hand: the tarball
 * unpacked into node_modules/itsm, node_modules/.bin/itsm, and the repository's own dependencies
 * linked beside it, one link per package (never a link to the repository's node_modules folder
 * itself, which npm would then write into).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/workspace.ts';

const temp = mkdtempSync(join(tmpdir(), 'itsm-package-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const env = { ...process.env, ITSM_NOW: '2026-12-01T09:00:00Z', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

function run(cmd: string, args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
function ok(cmd: string, args: string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** `npm pack` of `dir` into `out`; returns the tarball's path. */
function pack(dir: string, out: string, extra: string[] = []): string {
  mkdirSync(out, { recursive: true });
  const name = ok('npm', ['pack', '--silent', '--pack-destination', out, ...extra], dir)
    .trim()
    .split('\n')
    .pop()!;
  return join(out, name);
}

/**
 * Installs the tarball into the project: with npm from its cache when the project has no
 * node_modules yet or npm made it, else laid out by hand (see the top). npm never runs on a
 * laid-out node_modules: it would write through the links into the repository's packages.
 */
function install(project: string, tarball: string, how: 'npm' | 'linked' | undefined): 'npm' | 'linked' {
  const modules = join(project, 'node_modules');
  if (how !== 'linked' && (how === 'npm' || !existsSync(modules))) {
    if (run('npm', ['install', tarball, '--offline', '--ignore-scripts'], project).code === 0) return 'npm';
    if (how === 'npm') throw new Error('npm could install the old tarball from its cache but not the newer one');
    rmSync(modules, { recursive: true, force: true });
  }
  if (how === undefined) linkDependencies(modules);
  rmSync(join(modules, 'itsm'), { recursive: true, force: true });
  mkdirSync(join(modules, 'itsm'), { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', join(modules, 'itsm'), '--strip-components=1']);
  return 'linked';
}

/** One link per package of the repository's node_modules (scoped ones inside real scope folders), and the itsm bin. */
function linkDependencies(modules: string): void {
  const shared = realpathSync(join(REPO_ROOT, 'node_modules'));
  mkdirSync(join(modules, '.bin'), { recursive: true });
  for (const entry of readdirSync(shared)) {
    if (entry.startsWith('.') || entry === 'itsm') continue;
    if (!entry.startsWith('@')) {
      symlinkSync(join(shared, entry), join(modules, entry));
      continue;
    }
    mkdirSync(join(modules, entry));
    for (const scoped of readdirSync(join(shared, entry))) symlinkSync(join(shared, entry, scoped), join(modules, entry, scoped));
  }
  symlinkSync('../itsm/bin/itsm.js', join(modules, '.bin/itsm'));
}

describe('end to end: the npm package, installed from its tarball into an empty project', () => {
  const project = join(temp, 'project');
  const ws = join(project, 'ws');
  let tarball = '';
  let how: 'npm' | 'linked' | undefined;

  it('packs the compiled package with its site, schemas, templates and validators, without the tests', { timeout: 240_000 }, () => {
    tarball = pack(REPO_ROOT, join(temp, 'old'));
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    for (const f of [
      'bin/itsm.js',
      'dist-pkg/cli/main.js',
      'dist-pkg/cli/main.d.ts',
      'dist-pkg/core/generated/validators.js',
      'dist-pkg/core/validate/rfc3339.js',
      'astro.config.mjs',
      'src/site/pages/index.astro',
      'schemas/incident.schema.json',
      'content/.templates/incident.md',
      '.github/workflows/validate.yml',
    ])
      expect(files, f).toContain(`package/${f}`);
    expect(files.filter((f) => f.startsWith('package/test/') || f.startsWith('package/scripts/'))).toEqual([]);
  });

  it('installs into an empty project and `npx itsm init ws` creates a workspace that validates, builds and takes a new record', { timeout: 240_000 }, () => {
    mkdirSync(project, { recursive: true });
    ok('npm', ['init', '-y'], project);
    how = install(project, tarball, undefined);

    expect(ok('npx', ['itsm', 'init', 'ws'], project)).toContain(`depending on itsm ${version}`);
    // As `npm install` in the new workspace would: its dependency, from the project's install.
    symlinkSync(join(project, 'node_modules'), join(ws, 'node_modules'));

    expect(ok('npx', ['itsm', 'validate'], ws)).toContain('no errors');
    const built = ok('npx', ['itsm', 'build', '--out', 'dist'], ws);
    expect(built).toMatch(/Built \d+ pages from \d+ records/);
    expect(readFileSync(join(ws, 'dist/index.html'), 'utf8')).toContain('<html');
    expect(existsSync(join(ws, 'dist/pagefind/pagefind.js'))).toBe(true);

    const service = readdirSync(join(ws, 'content/services'))[0]!.replace(/\.md$/, '');
    const created = ok('npx', ['itsm', 'new', 'incident', '--title', 'Label printer jams', `service=${service}`, '--no-edit'], ws).trim();
    expect(created).toBe('content/incidents/INC-0002.md');
    expect(ok('npx', ['itsm', 'validate'], ws)).toContain('no errors');
    ok('git', ['add', 'content'], ws);
    ok('git', ['-c', 'user.name=Ada', '-c', 'user.email=ada@example.org', 'commit', '-q', '-m', 'INC-0002: label printer jams'], ws);
    expect(ok('git', ['log', '--format=%s'], ws).trim().split('\n')).toHaveLength(2);
  });

  it('a newer build installed over it: upgrade-check compares it with the old tarball', { timeout: 240_000 }, () => {
    const copy = join(temp, 'newer');
    mkdirSync(copy);
    execFileSync('tar', ['-xzf', tarball, '-C', copy, '--strip-components=1']);
    const pkg = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as { version: string };
    pkg.version = `${version}-next.1`;
    writeFileSync(join(copy, 'package.json'), JSON.stringify(pkg, null, 2));
    // The copy is compiled already (dist-pkg/), and has no build script to run.
    const newer = pack(copy, join(temp, 'new'), ['--ignore-scripts']);
    install(project, newer, how);
    expect(ok('npx', ['itsm', '--version'], ws)).toContain(`${version}-next.1`);

    // Against the last `itsm validate`, which the old version ran above.
    const lastRun = run('npx', ['itsm', 'upgrade-check'], ws);
    expect(lastRun.stdout).toContain(`itsm ${version} -> ${version}-next.1`);
    expect(lastRun.stdout).toContain('its last `itsm validate`');
    expect(lastRun.code).toBe(0);

    const check = run('npx', ['itsm', 'upgrade-check', '--from', tarball], ws);
    expect(check.stdout).toContain(`itsm ${version} -> ${version}-next.1`);
    expect(check.stdout).toContain('Nothing new');
    expect(check.code).toBe(0);
  });
});
