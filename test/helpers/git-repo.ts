/**
 * Real git repositories in temp dirs, with pinned people and dates, for the history and base-branch
 * tests: commits, branches, "Merge pull request #N" merges, squash merges titled "Title (#N)",
 * renames and deletions. Git's own config is ignored so the tests behave the same on every machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Person {
  name: string;
  email: string;
}

export const ALICE: Person = { name: 'Alice Adams', email: 'alice@example.com' };
export const BOB: Person = { name: 'Bob Brown', email: 'bob@example.com' };
export const CAROL: Person = { name: 'Carol Chen', email: 'carol@example.com' };

/** Every commit after the first is an hour after the previous one, unless a date is given. */
const FIRST_DATE = Date.parse('2026-03-01T09:00:00Z');

export interface CommitOptions {
  author?: Person;
  /** ISO 8601 with offset; both author and committer date. */
  date?: string;
}

export interface GitRepo {
  dir: string;
  /** Runs git in the repo with the pinned environment; returns stdout. */
  git(...args: string[]): string;
  /** Writes files (null deletes one), stages everything and commits. Returns the commit SHA. */
  commit(message: string, files?: Record<string, string | null>, opts?: CommitOptions): string;
  /** `git mv` then commit. */
  rename(from: string, to: string, message: string, opts?: CommitOptions & { files?: Record<string, string | null> }): string;
  /** Creates a branch at HEAD (or `from`) and switches to it. */
  branch(name: string, from?: string): void;
  checkout(name: string): void;
  /** A GitHub-style merge commit of `branch` into the current branch: "Merge pull request #N from org/branch". */
  mergePullRequest(branch: string, pr: number, opts?: CommitOptions): string;
  /** A GitHub-style squash merge: one commit titled "Title (#N)" with the branch's changes. */
  squashPullRequest(branch: string, pr: number, title: string, opts?: CommitOptions): string;
  head(): string;
  remove(): void;
}

export function gitRepo(prefix = 'itsm-git-'): GitRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let clock = FIRST_DATE;
  const nextDate = (date?: string): string => {
    if (date) {
      clock = Date.parse(date);
      return date;
    }
    const d = new Date(clock).toISOString().replace('.000Z', '+00:00');
    clock += 3600_000;
    return d;
  };
  const run = (args: string[], who: Person = ALICE, date?: string): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: gitEnv(who, date ?? new Date(clock).toISOString()) });
  const write = (files: Record<string, string | null>): void => {
    for (const [rel, content] of Object.entries(files)) {
      const path = join(dir, rel);
      if (content === null) rmSync(path, { force: true });
      else {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      }
    }
  };
  const commitNow = (message: string, opts: CommitOptions = {}, extra: string[] = []): string => {
    const date = nextDate(opts.date);
    run(['commit', '-q', '--allow-empty', '-m', message, ...extra], opts.author ?? ALICE, date);
    return run(['rev-parse', 'HEAD']).trim();
  };
  run(['init', '-q', '-b', 'main']);
  return {
    dir,
    git: (...args) => run(args),
    commit(message, files = {}, opts) {
      write(files);
      run(['add', '-A']);
      return commitNow(message, opts);
    },
    rename(from, to, message, opts = {}) {
      mkdirSync(dirname(join(dir, to)), { recursive: true });
      run(['mv', from, to]);
      write(opts.files ?? {});
      run(['add', '-A']);
      return commitNow(message, opts);
    },
    branch(name, from) {
      run(['checkout', '-q', '-b', name, ...(from ? [from] : [])]);
    },
    checkout(name) {
      run(['checkout', '-q', name]);
    },
    mergePullRequest(branch, pr, opts = {}) {
      const date = nextDate(opts.date);
      run(['merge', '-q', '--no-ff', '--no-edit', '-m', `Merge pull request #${pr} from northwind/${branch}`, branch], opts.author ?? ALICE, date);
      return run(['rev-parse', 'HEAD']).trim();
    },
    squashPullRequest(branch, pr, title, opts = {}) {
      run(['merge', '-q', '--squash', branch]);
      return commitNow(`${title} (#${pr})`, opts);
    },
    head: () => run(['rev-parse', 'HEAD']).trim(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Pinned identity and dates; no user or system git config. */
export function gitEnv(who: Person, date: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    GIT_COMMITTER_DATE: date,
  };
}
