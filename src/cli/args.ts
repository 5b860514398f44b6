/** Argument parsing shared by every command (node:util parseArgs), with friendly errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { packageVersion } from '../io/version.ts';
import { usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The workspace folder: --root, else the ITSM_ROOT environment variable (`./dev itsm` sets it to the
 * demo's own repository), else the current directory.
 */
export function rootDir(io: CliIO, root: string | undefined): string {
  return resolve(io.cwd, root ?? (io.env.ITSM_ROOT || '.'));
}

export function oneOf<T extends string>(command: string, flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`itsm ${command}: --${flag} must be one of ${allowed.join(', ')}; got "${value}".`);
}

const COMMON_OPTIONS = { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } } as const;

/** `itsm <command> --version` and `itsm --version` print this line. */
export function versionLine(): string {
  return `itsm ${packageVersion()}\n`;
}

/**
 * Parses a command's options, adding `--help`/`-h` and `--version`: prints the command's help (or the
 * version) and returns undefined when asked for it, so a command reads
 * `const parsed = parseCommand(...); if (!parsed) return EXIT.ok;`. An option the command does not
 * have, or one missing its value, is a usage error that prints the command's own help.
 */
export function parseCommand<O extends Options>(command: string, args: string[], options: O, help: string, io: CliIO) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, ...COMMON_OPTIONS }, allowPositionals: true, strict: true });
  } catch (err) {
    throw usageError(`itsm ${command}: ${parserProblem(err)}\n\n${help}`);
  }
  const values = parsed.values as { help?: boolean; version?: boolean };
  if (values.help) {
    io.stdout(help);
    return undefined;
  }
  if (values.version) {
    io.stdout(versionLine());
    return undefined;
  }
  return parsed;
}

/** What was wrong with the command line, in our words rather than node:util's. */
function parserProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing/.test(message) ? `option ${option} needs a value.` : `option ${option} takes no value.`;
  }
  return message;
}
