/** Argument parsing shared by every command (node:util parseArgs), with friendly errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw usageError(`itsm ${command}: ${message}\nRun \`itsm ${command} --help\` for the options.`);
  }
}

export function rootDir(io: CliIO, root: string | undefined): string {
  return resolve(io.cwd, root ?? '.');
}

export function oneOf<T extends string>(command: string, flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`itsm ${command}: --${flag} must be one of ${allowed.join(', ')}; got "${value}".`);
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses a command's options, adding `--help`/`-h`: prints the command's help and returns undefined
 * when asked for it, so a command reads `const parsed = parseCommand(...); if (!parsed) return EXIT.ok;`.
 */
export function parseCommand<O extends Options>(command: string, args: string[], options: O, help: string, io: CliIO) {
  const parsed = parse(command, args, { ...options, ...HELP_OPTION });
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(help);
    return undefined;
  }
  return parsed;
}
