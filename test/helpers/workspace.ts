/**
 * Builds small real workspaces in temp dirs, and runs the real CLI on them: in-process through
 * main (runMain, the usual way), or as a process (runCli, runCliAsync) for the few end-to-end runs.
 */
import { spawnSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(REPO_ROOT, 'src/cli/main.ts');

/** Writes files (path -> content) into a fresh temp dir and returns its path. */
export function makeWorkspace(files: Record<string, string | Uint8Array>, prefix = 'itsm-ws-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `itsm <args>` as a user would, as a process of the current Node: for end-to-end tests. */
export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    // No command reads stdin; an empty one ends at once.
    input: '',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Like runCli, without blocking the test process (for servers the command talks to). */
export function runCliAsync(args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.stdin.end();
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A record file from front-matter lines and a body. */
export function record(frontMatter: string, body = 'Some text.\n'): string {
  return `---\n${frontMatter.trim()}\n---\n\n${body}`;
}

/**
 * Runs `itsm <args>` in this process through `main(argv, io)`, capturing what it prints: the fast
 * way to test a command (no Node start-up). Use runCli for the few true end-to-end runs.
 */
export async function runMain(args: string[], opts: { cwd: string; env?: Record<string, string | undefined>; isTTY?: boolean }): Promise<CliResult> {
  const { main } = await import('../../src/cli/main.ts');
  let stdout = '';
  let stderr = '';
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: opts.cwd,
    env,
    isTTY: opts.isTTY ?? false,
  });
  return { code, stdout, stderr };
}
