/** `itsm as-of <DATE>`: writes out the workspace as it stood at a moment, so reports and the site can be rebuilt for it. */
import { relative, resolve } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { readWorkspaceAt, workspaceTimeZone, writeWorkspaceCopy } from '../io/as-of.ts';
import { createFolder, outputFolderState } from '../io/paths.ts';
import { UnsafePathError } from '../io/safe-fs.ts';
import { parseCommand, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { parseFormat } from './options.ts';

const HELP = `Usage: itsm as-of <DATE> [--out DIR] [--root DIR] [--rev REV] [--format pretty|json]

Writes the workspace (content/ and itsm.yaml) as it stood at DATE: the last commit on the
main line of history (first parents of REV, default HEAD) made at or before that moment.
Validate it, report on it or build the site from it like any workspace.

DATE is either a day, 2026-03-31, meaning the end of that day in the workspace's time zone
(itsm.yaml time_zone), or a moment with its offset, 2026-03-31T12:00:00+02:00.

Examples:
  itsm as-of 2026-03-31
  itsm as-of 2026-03-31T12:00:00+02:00 --out /tmp/q1
  itsm report --root as-of-2026-03-31

Options:
  --out DIR      where to write (default: ./as-of-<DATE>); must not exist or be empty
  --root DIR     the workspace (default: the current directory)
  --rev REV      the branch or commit whose history to look back in (default: HEAD)
  --format F     pretty (default) or json: {"commit","date","author","subject","out","files"}

Exit codes: 0 written, 2 bad date, no commit before it, output folder not empty, or not in git.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'as-of',
    args,
    {
      out: { type: 'string' },
      root: { type: 'string' },
      rev: { type: 'string' },
      format: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const format = parseFormat('as-of', values.format, ['pretty', 'json']);
  const [date, ...extra] = positionals;
  if (!date || extra.length) throw usageError('itsm as-of: give one date, e.g. `itsm as-of 2026-03-31`.');
  const root = rootDir(io, values.root);
  const timeZone = workspaceTimeZone(root);
  const moment = parseMoment(date, timeZone);
  const out = resolve(io.cwd, values.out ?? `as-of-${date.replace(/[:+]/g, '-')}`);
  const state = outputFolderState(out);
  // A link (even a dangling one, e.g. committed under the default name) would send the files elsewhere.
  if (state === 'symlink') throw usageError(`itsm as-of: ${out} is a symlink; choose a real folder for --out (the files would land wherever it points).`);
  if (state === 'file') throw usageError(`itsm as-of: ${out} is a file, not a folder; choose another --out.`);
  if (state === 'not-empty') throw usageError(`itsm as-of: ${out} already exists and is not empty; choose another --out or remove it first.`);

  // A GitError (no such revision, no commit before the moment, not a clone) is reported by main.ts.
  const at = await readWorkspaceAt(root, values.rev ?? 'HEAD', moment.epochMilliseconds);
  try {
    createFolder(out);
  } catch (err) {
    throw usageError(`itsm as-of: cannot create the folder ${out}: ${(err as Error).message}. Choose another --out.`);
  }
  try {
    writeWorkspaceCopy(out, at);
  } catch (err) {
    if (!(err instanceof UnsafePathError)) throw err;
    throw new ExitError(EXIT.usage, `itsm as-of: ${err.message}; nothing was written outside ${out}.`);
  }
  const { commit, files } = at;
  const shown = relative(io.cwd, out) || '.';
  if (format === 'json') {
    io.stdout(
      JSON.stringify({ commit: commit.sha, date: commit.date, author: commit.author, subject: commit.subject, out, files: files.size }, null, 2) + '\n',
    );
  } else {
    io.stdout(
      `Wrote the workspace as of ${moment.label} to ${shown}/: ${files.size.toLocaleString('en')} file${files.size === 1 ? '' : 's'}.\n` +
        `Commit ${commit.sha.slice(0, 8)} "${commit.subject}" by ${commit.author}, ${commit.date}.\n` +
        `Next: itsm validate --root ${shown}   or   itsm report --root ${shown}\n`,
    );
  }
  return EXIT.ok;
}

interface Moment {
  epochMilliseconds: number;
  /** How the moment reads back to the user. */
  label: string;
}

/** A day means the end of that day in the workspace's zone; a timestamp must carry its offset. */
export function parseMoment(text: string, timeZone: string): Moment {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    let day: Temporal.PlainDate;
    try {
      day = Temporal.PlainDate.from(text, { overflow: 'reject' });
    } catch {
      throw usageError(`itsm as-of: ${text} is not a calendar date.`);
    }
    const nextMidnight = day.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds;
    return { epochMilliseconds: nextMidnight - 1, label: `the end of ${text} (${timeZone})` };
  }
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text)) {
    throw usageError(`itsm as-of: ${text} has no time-zone offset; add one, e.g. ${text}+01:00 or ${text}Z.`);
  }
  try {
    return { epochMilliseconds: Temporal.Instant.from(text).epochMilliseconds, label: text };
  } catch {
    throw usageError(`itsm as-of: "${text}" is not a date; write 2026-03-31 or 2026-03-31T12:00:00+02:00.`);
  }
}
