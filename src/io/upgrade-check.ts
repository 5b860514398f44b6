/**
 * `itsm upgrade-check` behind the command: runs `itsm validate` of the old package and of this one
 * on the workspace, each as its own process, and compares them (core/upgrade.ts); the renames
 * between the two versions come from this package's table (core/renames.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { planMigration, renamesBetween, type FieldRename, type MigrationPlan } from '../core/migrate.ts';
import { RENAMES } from '../core/renames.ts';
import { diffFindings, type FindingsDiff, type RunFindings } from '../core/upgrade.ts';
import { readRecordTexts } from './migrate.ts';
import { gitEnvironment } from './git-env.ts';
import { readLastRun } from './validate-cache.ts';
import { isExactVersion } from '../core/packument.ts';
import { packageName, packageVersion } from './version.ts';
import { dependencyFolder, packagePath } from './package-root.ts';
import { configuredRegistry, fetchPackage, RegistryError } from './registry.ts';

/** The old package cannot be found or run: a clear message, exit 2. */
export class UpgradeCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpgradeCheckError';
  }
}

export interface UpgradeCheckOptions {
  root: string;
  /**
   * The old itsm: a released version (0.3.0, fetched from the npm registry), its package folder
   * (e.g. node_modules/itsm of the base branch) or its npm tarball. Without it, the workspace's last
   * full validation (.itsm-cache/last-run.json) stands for the old version, when another version wrote it.
   */
  from?: string;
  /** The npm registry to fetch a version from (default: as npm is configured, see io/registry.ts). */
  registry?: string;
  /** The environment npm's settings are read from (npm_config_registry). */
  env?: NodeJS.ProcessEnv;
  /** The instant both versions judge the workspace at. */
  now: string;
  /** The renames table (default: this package's). */
  table?: readonly FieldRename[];
}

export interface UpgradeCheckResult extends FindingsDiff {
  /** The old version's findings: from running it, or from the workspace's last run. */
  before: RunFindings & { source: 'run' | 'last-run' };
  after: RunFindings;
  renames: FieldRename[];
  migration: MigrationPlan;
}

export async function upgradeCheck(o: UpgradeCheckOptions): Promise<UpgradeCheckResult> {
  let before: UpgradeCheckResult['before'];
  if (o.from === undefined) {
    const last = await readLastRun(o.root);
    const current = packageVersion();
    if (!last)
      throw new UpgradeCheckError(
        'this workspace has no record of an earlier `itsm validate` (.itsm-cache/last-run.json): give --from with the old package folder or tarball.',
      );
    if (last.version === current)
      throw new UpgradeCheckError(
        `the last \`itsm validate\` here already ran with itsm ${current}: give --from with the old package folder or tarball to compare with.`,
      );
    before = { ...last, source: 'last-run' };
  } else {
    const old = isExactVersion(o.from) && !existsSync(resolve(o.from)) ? await released(o.from, o) : oldPackage(o.from);
    try {
      before = { ...validateWith(old.dir, o.root, o.now), source: 'run' };
    } finally {
      old.remove();
    }
  }
  const after = validateWith(packagePath(), o.root, o.now);
  const renames = renamesBetween(o.table ?? RENAMES, before.version, after.version);
  const migration = planMigration(readRecordTexts(o.root), renames);
  return { before, after, ...diffFindings(before.diagnostics, after.diagnostics), renames, migration };
}

/** A released version, fetched from the registry into a temporary folder and unpacked like any tarball. */
async function released(version: string, o: UpgradeCheckOptions): Promise<{ dir: string; remove: () => void }> {
  const download = mkdtempSync(join(tmpdir(), 'itsm-upgrade-download-'));
  try {
    const registry = configuredRegistry(o.registry, o.env ?? process.env);
    const tarball = await fetchPackage(registry, packageName(), version, download);
    return oldPackage(tarball);
  } catch (err) {
    if (err instanceof RegistryError) throw new UpgradeCheckError(err.message);
    throw err;
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
}

/**
 * The old package as a folder. A tarball is unpacked into a temporary node_modules/itsm (the
 * compiled code runs only from under node_modules), whose own node_modules links to the folder that
 * holds this package's dependencies: the old code finds them the way Node finds them.
 */
function oldPackage(from: string): { dir: string; remove: () => void } {
  const path = resolve(from);
  if (!existsSync(path)) throw new UpgradeCheckError(`${from} does not exist: give the old itsm's package folder or its .tgz.`);
  if (statSync(path).isDirectory()) {
    checkPackage(path, from);
    return { dir: path, remove: () => {} };
  }
  if (!/\.(tgz|tar\.gz)$/.test(path)) throw new UpgradeCheckError(`${from} is neither a folder nor a .tgz package.`);
  const tmp = mkdtempSync(join(tmpdir(), 'itsm-upgrade-check-'));
  const dir = join(tmp, 'node_modules', 'itsm');
  const remove = () => rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', path, '-C', dir, '--strip-components=1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    checkPackage(dir, from);
    symlinkSync(dependencyFolder('ajv'), join(dir, 'node_modules'), 'junction');
  } catch (err) {
    remove();
    if (err instanceof UpgradeCheckError) throw err;
    throw new UpgradeCheckError(`cannot unpack ${from}: ${(err as Error).message}`);
  }
  return { dir, remove };
}

function checkPackage(dir: string, given: string): void {
  let name: unknown;
  try {
    name = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name;
  } catch {
    name = undefined;
  }
  if (name !== 'itsm' || !existsSync(join(dir, 'bin/itsm.js')))
    throw new UpgradeCheckError(`${given} is not an itsm package (no package.json named itsm with bin/itsm.js).`);
}

/** `itsm validate --format json` of the package in `dir`, as its own process. */
function validateWith(dir: string, root: string, now: string): RunFindings {
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  const run = spawnSync(process.execPath, [join(dir, 'bin/itsm.js'), 'validate', '--format', 'json', '--no-cache', '--root', root, '--now', now], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    // An older itsm would let an inherited GIT_DIR point its git calls at another repository.
    env: gitEnvironment(),
  });
  if (run.status !== 0 && run.status !== 1)
    throw new UpgradeCheckError(`itsm ${version} could not validate the workspace (exit ${run.status}):\n${(run.stderr || run.stdout).trim()}`);
  try {
    const report = JSON.parse(run.stdout) as { summary: { records: number }; diagnostics: Diagnostic[] };
    return { version, records: report.summary.records, diagnostics: report.diagnostics };
  } catch {
    throw new UpgradeCheckError(`itsm ${version} printed no validation report:\n${(run.stderr || run.stdout).trim()}`);
  }
}
