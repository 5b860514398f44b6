/**
 * The options every command reads the same way: --root (a workspace with a content/ folder),
 * --now (an instant with an offset), --format (pretty by default) and the loading of a workspace that must be valid.
 */
import type { Workspace, WorkspaceSettings } from '../core/model.ts';
import { resolveNow, type ResolvedNow } from '../core/reference-time.ts';
import { unknownIds } from '../core/suggest.ts';
import { hasContentFolder } from '../io/paths.ts';
import { loadWorkspace } from '../io/workspace.ts';
import { oneOf, rootDir } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import { colorOn, type CliIO } from './io.ts';
import { formatDiagnostics, summarize, type Format } from './reporter.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** --format: one of the command's formats, pretty when absent. */
export function parseFormat<const F extends string>(command: string, value: string | undefined, formats: readonly ('pretty' | F)[]): 'pretty' | F {
  return oneOf(command, 'format', value, formats, 'pretty');
}

/** Reads --now (an ISO instant with an offset); the current time when absent. */
export function parseNow(command: string, text: string | undefined, flag = 'now'): Date {
  // Whole seconds: figures read better, and every timestamp in a workspace has whole seconds too.
  if (text === undefined) return new Date(Math.floor(Date.now() / 1000) * 1000);
  const ms = INSTANT.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms))
    throw usageError(`itsm ${command}: --${flag} must be an instant with an offset, e.g. 2026-03-04T09:15:00+01:00 or 2026-03-04T08:15:00Z; got "${text}".`);
  return new Date(ms);
}

/**
 * The instant a command judges the workspace at: --now when given (checked by parseNow), else
 * itsm.yaml's reference_time, else the current time.
 */
export function nowOrReference(command: string, text: string | undefined, settings: Pick<WorkspaceSettings, 'reference_time'>): ResolvedNow {
  const given = text === undefined ? undefined : { now: parseNow(command, text), text };
  return resolveNow(given, settings.reference_time, parseNow(command, undefined));
}

/** --now checked by parseNow, kept as the text given (it is echoed back), or the current instant. */
export function parseNowText(command: string, text: string | undefined): string {
  const now = parseNow(command, text);
  return text ?? now.toISOString();
}

/** The workspace folder from --root; stops with exit 2 when it has no content/ folder. */
export function workspaceRoot(command: string, io: CliIO, rootOption: string | undefined): string {
  const root = rootDir(io, rootOption);
  if (!hasContentFolder(root)) throw usageError(`itsm ${command}: ${root} has no content/ folder. Run it in a workspace, or pass --root DIR.`);
  return root;
}

/**
 * Loads the workspace; if it has errors, prints them through the reporter on stderr (as annotations
 * with --format github) and stops with exit 1 (figures computed from half a workspace would mislead).
 */
export async function loadValidWorkspace(command: string, io: CliIO, rootOption: string | undefined, format: Format): Promise<Workspace> {
  const loaded = await loadWorkspace(workspaceRoot(command, io, rootOption));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    io.stderr(formatDiagnostics(errors, format, summarize(loaded.records, errors), { color: colorOn(io) }));
    throw new ExitError(EXIT.failed, `itsm ${command}: the workspace has errors (above); fix them first (\`itsm validate\` checks).`);
  }
  return loaded.workspace;
}

/**
 * Stops with exit 2 when an ID given on the command line is not among `known`, with a "did you
 * mean" for each; `what` names what the IDs should be, e.g. "incident or request".
 */
export function refuseUnknownIds(command: string, given: readonly string[], known: readonly string[], what: string): void {
  const unknown = unknownIds(given, known);
  if (unknown.length === 0) return;
  const lines = unknown.map(({ id, near }) => `itsm ${command}: no ${what} ${id}.${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`);
  throw usageError(lines.join('\n'));
}

/** The window of the back-tests (--days) when none is given: a quarter. */
const DEFAULT_DAYS = 90;

/** --days: a whole number of days from 1 to 3660; DEFAULT_DAYS when absent. */
export function parseDays(command: string, text: string | undefined): number {
  if (text === undefined) return DEFAULT_DAYS;
  const n = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 3660)) throw usageError(`itsm ${command}: --days must be a whole number of days from 1 to 3660, e.g. --days 90; got "${text}".`);
  return n;
}
