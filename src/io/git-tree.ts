/**
 * Reads the files of a directory as they are at a git revision, in two subprocesses whatever the
 * number of files: `git ls-tree` lists them and one `git cat-file --batch` streams their contents.
 */
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { excerpt } from '../core/excerpt.ts';
import { unsafePathReason } from '../core/safe-path.ts';
import { gitEnvironment } from './git-env.ts';

const execFileP = promisify(execFile);

export class GitError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GitError';
  }
}

/** Runs git and returns stdout; throws GitError with git's own message. */
export async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileP('git', args, { cwd, env: gitEnvironment(), maxBuffer: 1 << 30, encoding: 'utf8' });
    return stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new GitError(stderr || (err instanceof Error ? err.message : String(err)), { cause: err });
  }
}

/** Resolves a revision to a commit SHA, or throws GitError saying it does not exist. */
export async function resolveCommit(cwd: string, rev: string): Promise<string> {
  try {
    return (await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).trim();
  } catch (err) {
    throw new GitError(`git revision "${rev}" was not found in ${cwd}; fetch it first (in CI: actions/checkout with fetch-depth: 0).`, { cause: err });
  }
}

/**
 * Returns path -> content (UTF-8) for every file under `prefixes` at `rev`.
 * Paths are relative to the repository root, with forward slashes. A crafted tree can hold paths
 * no checkout would write (`..`, `.git`, control characters): any such path is a GitError, before
 * anything is read.
 */
export async function readTreeAt(cwd: string, rev: string, prefixes: string[]): Promise<Map<string, string>> {
  const commit = await resolveCommit(cwd, rev);
  const listing = await git(cwd, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...prefixes]);
  const entries: Array<{ sha: string; path: string }> = [];
  for (const line of listing.split('\0')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const [, type, sha] = line.slice(0, tab).split(' ');
    const path = line.slice(tab + 1);
    const reason = unsafePathReason(path);
    if (reason)
      throw new GitError(
        `commit ${commit.slice(0, 12)} holds the path ${excerpt(path, 200)}, which itsm refuses to read because ${reason}. A checkout would never write it; the tree was crafted by hand.`,
      );
    // A symlink's blob is its target's path: read as text, never followed (a record that is a link fails to parse).
    if (type === 'blob') entries.push({ sha: sha!, path });
  }
  const blobs = await catFileBatch(
    cwd,
    entries.map((e) => e.sha),
  );
  const out = new Map<string, string>();
  entries.forEach((e, i) => out.set(e.path, blobs[i]!.toString('utf8')));
  return out;
}

/** Reads many objects in one `git cat-file --batch` process; results are in the order asked. */
export function catFileBatch(cwd: string, shas: string[]): Promise<Buffer[]> {
  if (shas.length === 0) return Promise.resolve([]);
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, env: gitEnvironment(), stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (err) => reject(new GitError(`could not run git: ${err.message}`, { cause: err })));
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(`git cat-file failed: ${stderr.trim()}`));
      const all = Buffer.concat(chunks);
      const out: Buffer[] = [];
      let pos = 0;
      for (let i = 0; i < shas.length; i++) {
        const nl = all.indexOf(10, pos);
        const header = all.subarray(pos, nl).toString();
        const parts = header.split(' ');
        if (parts[1] === 'missing') return reject(new GitError(`git object ${shas[i]} is missing (shallow clone?)`));
        const size = Number(parts[2]);
        out.push(all.subarray(nl + 1, nl + 1 + size));
        pos = nl + 1 + size + 1;
      }
      resolvePromise(out);
    });
    child.stdin.end(shas.join('\n') + '\n');
  });
}
