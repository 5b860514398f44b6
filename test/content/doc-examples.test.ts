/**
 * Every example in README.md and docs/*.md runs, and exits as documented, on a fresh clone: the
 * commands of fenced blocks (`./dev itsm ...`, `itsm ...`, `npx itsm ...`, `node src/cli/main.ts ...`)
 * and the `./dev itsm ...` examples of tables. They run in-process (runMain) as `./dev itsm` runs
 * them: in the demo's own git repository (ITSM_ROOT), generated from the demo content.
 *
 * Conventions the docs follow:
 * - an example exits 0 unless its line ends with a comment `# exit N`;
 * - a line with `[...]` or `<...>` placeholders is a synopsis, not an example;
 * - examples that write records (`new`, `intake`, `import`, `renumber`, `update` and its shortcuts,
 *   without `--dry-run`) run in a scratch copy of the demo repository, one per document, in the
 *   order written (so `itsm renumber INC-0151 INC-0152` finds the incident `itsm new` just made);
 * - they run as a member of the demo's team files (git's user.email), as `itsm update` expects;
 * - a path under /tmp/ is moved into the test's own temp folder; `> file` redirections are dropped.
 * Examples that cannot run here are in SKIPPED below, each with its reason.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoRepo } from '../../src/io/demo-repo.ts';
import { REPO_ROOT, runMain } from '../helpers/workspace.ts';

interface Example {
  file: string;
  line: number;
  command: string;
  /** Which occurrence of the same command in the same file (1-based). */
  occurrence: number;
  args: string[];
  exit: number;
}

/** Examples that do not run here, by file and command (and occurrence when a file repeats one). */
const SKIPPED: Array<{ file: string; command: string; occurrence?: number; reason: string }> = [
  { file: 'README.md', command: './dev itsm validate', occurrence: 2, reason: 'runs after the `sed` that breaks a record (exit 1); test/io/demo-repo.test.ts covers a broken record in the demo' },
  { file: 'README.md', command: 'GITHUB_TOKEN=... ./dev itsm approvals', reason: 'needs GitHub and a token' },
  { file: 'README.md', command: './dev itsm intake --issue event-issue.json', reason: "a GitHub `issues` event payload, which the intake workflow gets from GitHub ($GITHUB_EVENT_PATH)" },
  { file: 'README.md', command: './dev itsm build', reason: 'a full site build (about a minute): test/cli/build.test.ts and the browser tests build the site' },
  { file: 'README.md', command: './dev itsm serve', reason: 'serves until Ctrl-C: test/io/serve.test.ts' },
  { file: 'README.md', command: './dev itsm demo', reason: 'builds the whole site (about a minute): test/cli/build.test.ts' },
  { file: 'docs/approvals.md', command: 'node src/cli/main.ts approvals --pr', reason: 'needs GitHub and a token' },
  { file: 'docs/site.md', command: 'itsm build', reason: 'a full site build (about a minute): test/cli/build.test.ts' },
  { file: 'docs/site.md', command: 'itsm serve', reason: 'serves until Ctrl-C: test/io/serve.test.ts' },
  { file: 'docs/commands.md', command: 'itsm import servicenow --table incident incidents.csv', reason: "the reader's own ServiceNow export (the README's example imports docs/examples/incidents.csv)" },
  { file: 'docs/commands.md', command: 'itsm import servicenow --table change_request changes.csv', reason: "the reader's own ServiceNow export (docs/examples/incidents.csv shows the format)" },
  { file: 'docs/commands.md', command: 'itsm import servicenow --table cmdb_ci cmdb_ci_server.json', reason: "the reader's own ServiceNow export" },
  { file: 'docs/commands.md', command: 'itsm import servicenow --table kb_knowledge kb.json', reason: "the reader's own ServiceNow export" },
  { file: 'docs/commands.md', command: 'itsm import jira JSM-export.csv', reason: "the reader's own Jira export" },
  { file: 'docs/commands.md', command: 'itsm notify --state', reason: 'posts to the webhook in ITSM_WEBHOOK_URL' },
  { file: 'README.md', command: 'npx itsm init .', reason: "makes the reader's own new workspace repository: test/package/package.e2e.test.ts packs the package, installs it and runs init, validate, build" },
  { file: 'README.md', command: 'npx itsm validate && npx itsm build', reason: 'in the workspace `npx itsm init` made: test/package/package.e2e.test.ts' },
  { file: 'docs/adopting.md', command: 'npx itsm init', reason: "makes the reader's own new workspace repository: test/package/package.e2e.test.ts" },
  {
    file: 'docs/adopting.md',
    command: 'npx itsm upgrade-check --from 0.1.0',
    reason: 'downloads a release from the npm registry: test/cli/upgrade-check.test.ts runs it against a registry stand-in on 127.0.0.1',
  },
  { file: 'docs/commands.md', command: 'itsm import servicenow --table incident incident_event_log.csv', reason: "the reader's own ServiceNow event log: test/cli/import-history.test.ts imports a written export of that shape" },
  { file: 'docs/migration.md', command: 'itsm import servicenow --table incident incident_event_log.csv', reason: "the reader's own ServiceNow event log: test/cli/import-history.test.ts imports a written export of that shape" },
];

/** Whose git identity the writing examples run with: a person of the demo's team files. */
const READER = 'marie.schwarz@northwind-logistics.example';

const PREFIXES = ['./dev itsm ', 'npx itsm ', 'node src/cli/main.ts ', 'itsm '];
/** Commands that write records (or commit them): they run in a scratch copy of the demo repository. */
const WRITES = (args: string[]) =>
  ['new', 'intake', 'import', 'renumber', 'update', 'assign', 'resolve', 'close', 'reopen'].includes(args[0]!) && !args.includes('--dry-run');

function docFiles(): string[] {
  return [
    'README.md',
    ...readdirSync(join(REPO_ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ];
}

/** The examples of one Markdown file. */
function examplesIn(file: string, text: string): Example[] {
  const out: Example[] = [];
  const seen = new Map<string, number>();
  const add = (line: number, raw: string) => {
    const { command, exit } = withoutComment(raw.trim());
    const prefix = PREFIXES.find((p) => command.replace(/^([A-Z_]+=\S+ )+/, '').startsWith(p));
    if (!prefix || /\[[^\]]*\]|<[A-Za-z]/.test(command)) return;
    const n = (seen.get(command) ?? 0) + 1;
    seen.set(command, n);
    const words = shellWords(command.replace(/^([A-Z_]+=\S+ )+/, '').slice(prefix.length));
    const redirect = words.indexOf('>');
    out.push({ file, line, command, occurrence: n, args: redirect === -1 ? words : words.slice(0, redirect), exit });
  };
  const lines = text.split('\n');
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\s*```/.test(l)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      let joined = l;
      while (/\\\s*$/.test(joined) && i + 1 < lines.length) joined = joined.replace(/\\\s*$/, ' ') + lines[++i]!.trim();
      add(i + 1, joined);
    } else if (l.startsWith('|')) {
      for (const m of l.matchAll(/`((?:[A-Z_]+=\S+ )*\.\/dev itsm [^`]*)`/g)) add(i + 1, m[1]!);
    }
  }
  return out;
}

/** The command without a trailing `# comment`; `# exit N` says the documented exit code. */
function withoutComment(line: string): { command: string; exit: number } {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      const exit = /^#\s*exit (\d+)/.exec(line.slice(i));
      return { command: line.slice(0, i).trim(), exit: exit ? Number(exit[1]) : 0 };
    }
  }
  return { command: line, exit: 0 };
}

/** Splits a command line into words as a POSIX shell would (quotes, no expansions). */
function shellWords(s: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote = '';
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = '';
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}

function skipOf(e: Example) {
  return SKIPPED.find((s) => s.file === e.file && e.command.startsWith(s.command) && (s.occurrence === undefined || s.occurrence === e.occurrence));
}

const examples = docFiles().flatMap((f) => examplesIn(f, readFileSync(join(REPO_ROOT, f), 'utf8')));

let demo: string;
let tmp: string;
const scratch = new Map<string, string>();

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'itsm-examples-'));
  demo = join(tmp, 'demo-workspace');
  await ensureDemoRepo(REPO_ROOT, demo);
}, 60_000);

describe('the examples in README.md and docs/', () => {
  it('are found, and every skipped one is still in the docs', () => {
    expect(examples.length).toBeGreaterThan(30);
    for (const s of SKIPPED) expect(examples.some((e) => skipOf(e) === s), `${s.file}: ${s.command}`).toBe(true);
  });

  it.each(examples.filter((e) => !skipOf(e)).map((e) => [`${e.file}:${e.line}  ${e.command}`, e] as const))('%s', async (_, e) => {
    let root = demo;
    if (WRITES(e.args)) {
      if (!scratch.has(e.file)) {
        const copy = join(mkdtempSync(join(tmpdir(), 'itsm-examples-scratch-')), 'demo');
        cpSync(demo, copy, { recursive: true });
        // The reader is a member of the team files (`itsm update` finds who by git's user.email).
        execFileSync('git', ['config', 'user.email', READER], { cwd: copy });
        execFileSync('git', ['config', 'user.name', 'Marie Schwarz'], { cwd: copy });
        scratch.set(e.file, copy);
      }
      root = scratch.get(e.file)!;
    }
    const args = e.args.map((a) => a.replace(/^\/tmp\//, `${tmp}/`));
    const r = await runMain(args, { cwd: REPO_ROOT, env: { ITSM_ROOT: root, GITHUB_TOKEN: undefined, ITSM_WEBHOOK_URL: undefined } });
    expect(r.code, `${e.command}\n${r.stderr}${r.stdout.slice(0, 2000)}`).toBe(e.exit);
  }, 30_000);
});
