/** `itsm init [DIR] [--demo]`: a new workspace repository that runs the installed itsm package (see io/init.ts). */
import { relative, resolve } from 'node:path';
import { InitError, initWorkspace } from '../io/init.ts';
import { parseCommand } from './args.ts';
import { EXIT, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';

const HELP = `Usage: itsm init [DIR] [--demo]

Creates a workspace repository in DIR (default: the current directory), which must be new or empty:
  content/            one example record per kind, the default policies (SLA, calendars, priority
                      matrix, change policy) and the templates \`itsm new\` starts from
                      (--demo: the whole Northwind Logistics demo instead)
  itsm.yaml           the workspace's name and time zone
  package.json        depends on this version of itsm: an upgrade is a one-line version bump
  .github/            the workflows (validate, approvals, site, SLA, intake, notify), calling
                      \`npx itsm\`; the intake issue forms; CODEOWNERS for the policies
  README.md           how the team uses it
  frontmatter.json, .vscode/
                      editor settings: VS Code completes front matter (Front Matter CMS content
                      types) and the policy files (yaml.schemas -> node_modules/itsm/schemas/)
then runs \`git init\` and makes the first commit.

Next: cd DIR && npm install (commit package-lock.json), then \`npx itsm validate\`.

Environment: ITSM_NOW=2026-03-04T08:15:00Z sets "now" for the examples' templates.
Exit codes: 0 created, 2 DIR not empty or bad arguments (nothing written).
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('init', args, { demo: { type: 'boolean' } }, HELP, io);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw usageError(`itsm init: one folder at most; got ${positionals.length}.`);
  const dir = resolve(io.cwd, positionals[0] ?? '.');
  let result;
  try {
    result = initWorkspace({ dir, demo: values.demo === true, now: io.env.ITSM_NOW ?? new Date().toISOString() });
  } catch (err) {
    if (err instanceof InitError) throw usageError(`itsm init: ${err.message}`);
    throw err;
  }
  const rel = relative(io.cwd, result.dir);
  const shown = rel.startsWith('..') ? result.dir : rel || '.';
  io.stdout(`Created ${shown}: ${result.files.length} files, depending on itsm ${result.version}.\n`);
  if ('sha' in result.commit) io.stdout(`First commit ${result.commit.sha.slice(0, 12)}.\n`);
  else io.stderr(`The files are written, but git could not commit them: ${result.commit.error}\n`);
  io.stdout(`Next: cd ${shown} && npm install && git add package-lock.json && git commit -m "Lock itsm"\n      npx itsm validate\n`);
  return 'sha' in result.commit ? EXIT.ok : EXIT.failed;
}
