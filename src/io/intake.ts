/**
 * `itsm intake` behind the command: reads the issue and the workspace, makes the record
 * (core/intake.ts), checks it with the whole workspace, and writes it without overwriting.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { KIND_INFO } from '../core/ids.ts';
import { sourceKey } from '../core/import/source.ts';
import { intakeFromIssue, takenInAs, type IssueInput } from '../core/intake.ts';
import { readIssuePayload } from '../core/intake-payload.ts';
import { nextNumberedId } from '../core/new-record.ts';
import { listWorkspaceFiles } from './layout.ts';
import { writeFileInside } from './safe-fs.ts';
import { getValidators, loadWorkspaceFromFiles } from './workspace.ts';

/** The issue file cannot be read as an issue: nothing was written. */
export class IntakeInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntakeInputError';
  }
}

/** The record was made and checked, but the file cannot be written. */
export class IntakeWriteError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IntakeWriteError';
  }
}

export interface IntakeOptions {
  root: string;
  /** The issue or event JSON: its absolute path, and how the user named it (for messages). */
  issuePath: string;
  issueShown: string;
  dryRun: boolean;
  /** A workflow's $GITHUB_OUTPUT (absolute), to append file=... and id=... to. */
  githubOutput?: string;
}

export type IntakeOutcome = { number: number } & (
  | { status: 'written'; file: string; id: string }
  | { status: 'dry-run'; text: string }
  /** Taken in before, as this file. */
  | { status: 'taken'; earlier: string }
  /** The issue cannot become a record. */
  | { status: 'refused'; problems: string[] }
  /** The record made from it does not validate. */
  | { status: 'invalid'; diagnostics: Diagnostic[] }
);

/** Takes an issue in; throws IntakeInputError or IntakeWriteError. */
export function intakeIssue(o: IntakeOptions): IntakeOutcome {
  const issue = readIssue(o.issuePath, o.issueShown);
  const { number } = issue;
  const files = new Map<string, string>();
  for (const rel of listWorkspaceFiles(o.root)) files.set(rel, readFileSync(join(o.root, rel), 'utf8'));
  // With the workspace's own fields (schema overrides), as `itsm validate` checks it.
  const validators = getValidators(o.root);
  const loaded = loadWorkspaceFromFiles(files, validators);
  // Labelling the same issue twice must not make a second record.
  const earlier = takenInAs(loaded.workspace.records, files, sourceKey('github-issue', String(number)));
  if (earlier) return { number, status: 'taken', earlier };
  const taken = (folder: string) =>
    [...files.keys()].filter((f) => f.startsWith(`content/${folder}/`) && f.endsWith('.md')).map((f) => f.slice(`content/${folder}/`.length, -3));
  const result = intakeFromIssue(issue, {
    records: loaded.workspace.records,
    timeZone: loaded.workspace.settings.time_zone,
    ...(loaded.workspace.policies.priorityMatrix ? { matrix: loaded.workspace.policies.priorityMatrix } : {}),
    nextId: (kind) => nextNumberedId(kind, taken(KIND_INFO[kind].folder)),
  });
  if (!result.ok) return { number, status: 'refused', problems: result.problems };
  const check = new Map(files);
  check.set(result.file, result.text);
  const problems = loadWorkspaceFromFiles(check, validators).diagnostics.filter((d) => d.file === result.file && d.severity === 'error');
  if (problems.length) return { number, status: 'invalid', diagnostics: problems };
  if (o.dryRun) return { number, status: 'dry-run', text: result.text };
  try {
    writeFileInside(o.root, result.file, result.text);
  } catch (err) {
    throw new IntakeWriteError(`cannot write ${result.file}: ${(err as Error).message}`, { cause: err });
  }
  if (o.githubOutput) appendFileSync(o.githubOutput, `file=${result.file}\nid=${result.id}\n`);
  return { number, status: 'written', file: result.file, id: result.id };
}

/** The issue from an issue JSON, a webhook event, or `gh issue view --json` output. */
function readIssue(path: string, shown: string): IssueInput {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    throw new IntakeInputError(`cannot read ${shown} as JSON: ${(err as Error).message}`);
  }
  const read = readIssuePayload(doc);
  if (!read.ok) throw new IntakeInputError(`${shown} is not a GitHub issue: ${read.problem}.`);
  return read.issue;
}
