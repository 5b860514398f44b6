/**
 * `itsm init` behind the command: reads what the package ships (its demo workspace, templates,
 * schemas and workflows), plans the new workspace (core/starter.ts), writes it into an empty
 * folder and makes the first commit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { renderIssueForms } from '../core/intake.ts';
import { demoContent, starterContent, workspaceScaffold, type FileSet } from '../core/starter.ts';
import { gitEnvironment } from './git-env.ts';
import { packagePath } from './package-root.ts';
import { outputFolderState } from './paths.ts';
import { readSchemas } from './schemas.ts';
import { packageVersion } from './version.ts';
import { loadWorkspaceFromFiles } from './workspace.ts';

/** The folder cannot take a new workspace: nothing was written. */
export class InitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InitError';
  }
}

export interface InitOptions {
  /** The folder to create the workspace in (created if missing; must be empty). */
  dir: string;
  /** The whole demo instead of one example per kind. */
  demo: boolean;
  /** The instant the examples are stamped with. */
  now: string;
}

export interface InitResult {
  dir: string;
  files: string[];
  version: string;
  /** The first commit, or why there is none. */
  commit: { sha: string } | { error: string };
}

export function initWorkspace(o: InitOptions): InitResult {
  const dir = resolve(o.dir);
  const state = outputFolderState(dir);
  if (state === 'not-empty') throw new InitError(`${dir} is not empty; \`itsm init\` only writes into a new or empty folder.`);
  if (state === 'file' || state === 'symlink') throw new InitError(`${dir} is a ${state === 'file' ? 'file' : 'symlink'}, not a folder.`);

  const demo = shippedDemo();
  const name = titleOf(basename(dir));
  const schemas = readSchemas().documents;
  const content = o.demo ? demoContent(demo) : starterContent({ demo, schemas, now: o.now, name });
  const loaded = loadWorkspaceFromFiles(content);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`the starter workspace does not validate: ${errors.map((d) => `${d.file}: ${d.message}`).join('; ')}`);
  const version = packageVersion();
  const files: FileSet = new Map([
    ...content,
    ...workspaceScaffold({
      folder: basename(dir),
      name,
      version,
      workflows: shippedWorkflows(),
      issueForms: renderIssueForms(loaded.workspace.records),
      schemas,
    }),
  ]);

  for (const [rel, text] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text, { flag: 'wx' });
  }
  return { dir, files: [...files.keys()].sort(), version, commit: firstCommit(dir, version) };
}

/** The demo workspace in the package: content/ (records, policies, templates) and itsm.yaml. */
function shippedDemo(): Map<string, string> {
  const files = new Map<string, string>();
  files.set('itsm.yaml', readFileSync(packagePath('itsm.yaml'), 'utf8'));
  const content = packagePath('content');
  for (const rel of readdirSync(content, { recursive: true, encoding: 'utf8', withFileTypes: false }).sort()) {
    const path = join(content, rel);
    if (/\.(md|ya?ml)$/.test(rel)) files.set(`content/${rel.split('\\').join('/')}`, readFileSync(path, 'utf8'));
  }
  return files;
}

function shippedWorkflows(): Map<string, string> {
  const dir = packagePath('.github/workflows');
  return new Map(
    readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

/** "service-desk" -> "Service desk". */
function titleOf(folder: string): string {
  const words = folder.replace(/[-_.]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'ITSM workspace';
}

/** `git init` and the first commit; a machine without a git identity commits as "itsm init". */
function firstCommit(dir: string, version: string): InitResult['commit'] {
  const git = (args: string[]) => execFileSync('git', args, { cwd: dir, env: gitEnvironment(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  try {
    git(['init', '--quiet', '--initial-branch=main']);
    git(['add', '--all']);
    let identity: string[] = [];
    try {
      git(['config', 'user.email']);
    } catch {
      identity = ['-c', 'user.name=itsm init', '-c', 'user.email=itsm-init@localhost'];
    }
    git([...identity, 'commit', '--quiet', '--no-verify', '-m', `Start the ITSM workspace (itsm ${version})`]);
    return { sha: git(['rev-parse', 'HEAD']) };
  } catch (err) {
    return { error: (err as { stderr?: string }).stderr?.toString().trim() || (err as Error).message };
  }
}
