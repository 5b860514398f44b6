#!/usr/bin/env node
/** The `itsm` entry point: dispatches to a subcommand and is the only place that exits. */
import { versionLine } from './args.ts';
import { COMMANDS } from './commands.ts';
import { ExitError, EXIT } from './exit-error.ts';
import { processIO, terminalSafe, type CliIO } from './io.ts';

function help(io: CliIO): void {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  io.stdout(
    'itsm: an ITSM workspace that lives in git.\n\nUsage: itsm <command> [options]\n\nCommands:\n' +
      Object.entries(COMMANDS)
        .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
        .join('\n') +
      "\n\nRun `itsm <command> --help` for a command's options, `itsm --version` for the version. Exit codes: 0 ok, 1 check failed, 2 usage or input error.\n",
  );
}

export async function main(argv: string[], raw: CliIO): Promise<number> {
  // Every command prints through this: record values can never drive the terminal.
  const io = terminalSafe(raw);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version') {
    io.stdout(versionLine());
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`itsm: unknown command "${name}". Run \`itsm --help\` to see the commands.\n`);
    return EXIT.usage;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest, io);
  } catch (err) {
    if (err instanceof ExitError) {
      if (err.message) io.stderr(err.message.endsWith('\n') ? err.message : err.message + '\n');
      return err.code;
    }
    if (isIoFailure(err)) {
      io.stderr(`itsm ${name}: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

/**
 * Failures of the outside world that io reports as errors (git, GitHub, the site build, a webhook,
 * a state file): a usage or input error (exit 2), never a bug. Known by class name, so main.ts
 * loads none of the modules that throw them.
 */
const IO_FAILURES = new Set(['GitError', 'GitHubError', 'SiteBuildError', 'WebhookError', 'NotifyStateError']);

/** An error of one of those classes, or of a class derived from one (NotARepositoryError is a GitError). */
function isIoFailure(err: unknown): err is Error {
  if (!(err instanceof Error)) return false;
  for (let proto = Object.getPrototypeOf(err) as object | null; proto && proto !== Error.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    if (IO_FAILURES.has((proto as { constructor: { name: string } }).constructor.name)) return true;
  }
  return false;
}

/** Runs the command line of this process. */
export function cli(): Promise<void> {
  const raw = processIO();
  const io = terminalSafe(raw);
  return main(process.argv.slice(2), raw).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      io.stderr(`itsm: internal error (a bug, please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 70;
    },
  );
}

if (import.meta.main) await cli();
