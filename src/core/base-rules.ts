/**
 * Rules that compare the workspace with its base (a pull request's target), for `itsm validate --base`:
 * status transitions follow each kind's table, closed records stay closed unless reopened, IDs are never
 * reused or renumbered, record files are never deleted, timelines are append-only.
 * Pure: the caller loads both workspaces; positions come from each diagnostic's pointer.
 */
import type { PendingDiagnostic } from './diagnostic.ts';
import { diffRecord, jsonPointer, sameValue, type FieldChange } from './diff.ts';
import { boundedIdNumber, formatNumberedId, KIND_INFO, type Kind } from './ids.ts';
import { kindDefinition } from './kinds/index.ts';
import type { AnyRecord } from './model.ts';
import { isAllowedTransition, isLocked, LIFECYCLES } from './transitions.ts';

export interface BaseComparison {
  /** Valid records at the base revision. */
  base: readonly AnyRecord[];
  /** Valid records in the working tree. */
  head: readonly AnyRecord[];
  /** Every file present in the working tree, valid or not: a file that fails validation is not deleted. */
  headFiles: ReadonlySet<string>;
  /** How to name the base in fixes, e.g. `origin/main`. */
  baseRev?: string;
}

type Fields = Record<string, unknown>;

/** Every breach of the base-branch rules, in base file order. */
export function checkAgainstBase(input: BaseComparison): PendingDiagnostic[] {
  const baseRev = input.baseRev ?? '<base>';
  const headById = new Map(input.head.map((r) => [r.id, r]));
  const baseIds = new Set(input.base.map((r) => r.id));
  const takenIds = new Set([...baseIds, ...headById.keys()]);
  const newInHead = input.head.filter((r) => !baseIds.has(r.id));
  const out: PendingDiagnostic[] = [];
  for (const base of [...input.base].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const head = headById.get(base.id);
    if (head) {
      if (isDifferentRecord(base, head)) out.push(idReused(base, head, takenIds, baseRev));
      else out.push(...compareVersions(base, head));
      continue;
    }
    // The ID is gone. A file that is still there but fails validation is reported by validation itself.
    if (input.headFiles.has(base.file)) continue;
    const successor = newInHead.find((r) => r.kind === base.kind && isSameRecord(base, r));
    out.push(successor ? renumbered(base, successor) : deleted(base, baseRev));
  }
  return out;
}

/**
 * The rules for one record present on both sides under the same ID (and so at the same path: the
 * loader only accepts content/<kind folder>/<ID>.md).
 */
function compareVersions(base: AnyRecord, head: AnyRecord): PendingDiagnostic[] {
  const out: PendingDiagnostic[] = [];
  const label = KIND_INFO[base.kind].label;
  const from = String(fields(base).status ?? '');
  const to = String(fields(head).status ?? '');
  const diff = diffRecord({ data: fields(base), body: base.body }, { data: fields(head), body: head.body });
  if (from !== to && !isAllowedTransition(base.kind, from, to) && !timelineWalksTo(base.kind, from, to, diff.timelineAppended)) {
    const next = LIFECYCLES[base.kind].transitions[from] ?? [];
    out.push({
      file: head.file,
      rule: 'base/transition',
      severity: 'error',
      pointer: '/status',
      message: `${base.id} cannot go from \`${from}\` to \`${to}\`: ${next.length ? `${withArticle(label)} in \`${from}\` may move only to ${orList(next)}` : `\`${from}\` is final for ${withArticle(label)}`}.`,
      hint: next.length
        ? `Set \`status: ${next[0]}\` (or another allowed step) now and the next step in a later change, or record each step in the timeline. The allowed steps are listed in docs/history.md.`
        : `Restore \`status: ${from}\`; to do more work, open a new ${label} and link it to ${base.id}.`,
    });
  }
  if (from === to && isLocked(base.kind, from)) out.push(...lockedEdits(base, head, diff.changes, diff.bodyChanged));
  if (diff.timelineRewrittenAt !== null) out.push(timelineRewritten(base, head, diff.timelineRewrittenAt));
  return out;
}

/** Whether the statuses of the timeline entries this change appends form allowed steps from `from` to `to`. */
function timelineWalksTo(kind: Kind, from: string, to: string, appended: readonly unknown[]): boolean {
  let at = from;
  for (const entry of appended) {
    const status = (entry as Fields | null)?.status;
    if (typeof status !== 'string' || status === at) continue;
    if (!isAllowedTransition(kind, at, status)) return false;
    at = status;
  }
  return at !== from && isAllowedTransition(kind, at, to);
}

function lockedEdits(base: AnyRecord, head: AnyRecord, changes: readonly FieldChange[], bodyChanged: boolean): PendingDiagnostic[] {
  const status = String(fields(base).status);
  const label = KIND_INFO[base.kind].label;
  const reopen = LIFECYCLES[base.kind].transitions[status] ?? [];
  const hint = reopen.length
    ? `Undo the edit, or reopen the ${label} in the same change: set \`status: ${reopen[0]}\` (from \`${status}\` it may move to ${orList(reopen)}).`
    : `Undo the edit; to continue the work, open a new ${label} and link it to ${base.id}.`;
  const seen = new Set<string>();
  const out: PendingDiagnostic[] = [];
  const followUp = kindDefinition(base.kind).followUp ?? [];
  for (const c of changes) {
    if (followUp.some((f) => c.field === f || c.field.startsWith(`${f}.`))) continue;
    const top = c.field.split('.')[0]!;
    if (seen.has(top)) continue;
    seen.add(top);
    out.push({
      file: head.file,
      rule: 'base/immutable',
      severity: 'error',
      // A removed field has no line of its own in the new version: point at the status that locks it.
      pointer: c.kind === 'removed' ? '/status' : c.pointer,
      message: `${base.id} is ${status}, so it cannot change: ${describeChange(c)}.`,
      hint,
    });
  }
  if (bodyChanged) {
    out.push({
      file: head.file,
      rule: 'base/immutable',
      severity: 'error',
      pointer: '/status',
      message: `${base.id} is ${status}, so its text cannot change, but the Markdown body was edited.`,
      hint,
    });
  }
  return out;
}

function timelineRewritten(base: AnyRecord, head: AnyRecord, index: number): PendingDiagnostic {
  const oldEntry = (fields(base).timeline as unknown[])[index] as Fields | undefined;
  const headTimeline = fields(head).timeline;
  const stillThere = Array.isArray(headTimeline) && index < headTimeline.length;
  const what = stillThere ? 'was edited, removed or reordered' : 'was removed';
  const at = oldEntry && typeof oldEntry.at === 'string' ? ` (at ${oldEntry.at})` : '';
  return {
    file: head.file,
    rule: 'base/timeline-rewritten',
    severity: 'error',
    pointer: stillThere ? jsonPointer(['timeline', index]) : Array.isArray(headTimeline) ? '/timeline' : '/status',
    message: `Timeline entry ${index + 1} of ${base.id}${at} ${what}; timeline entries are append-only.`,
    hint: 'Restore the entries exactly as they are on the base, and add a new entry at the end that states the correction.',
  };
}

function idReused(base: AnyRecord, head: AnyRecord, taken: ReadonlySet<string>, baseRev: string): PendingDiagnostic {
  const label = KIND_INFO[base.kind].label;
  const free = nextFreeId(base.kind, base.id, taken);
  return {
    file: head.file,
    rule: 'base/id-reused',
    severity: 'error',
    pointer: '/id',
    message: `${base.id} is already another ${label} on the base (${identityText(base)}); this file gives the ID to a different one (${identityText(head)}). IDs are never reused.`,
    hint: `Give this ${label} a free ID with \`itsm renumber ${base.id} ${free}\`, then bring back the base's record with \`git checkout ${baseRev} -- ${base.file}\`.`,
  };
}

function renumbered(base: AnyRecord, successor: AnyRecord): PendingDiagnostic {
  return {
    file: successor.file,
    rule: 'base/renumbered',
    severity: 'error',
    pointer: '/id',
    message: `${successor.id} is ${base.id} renumbered (same ${identity(base.kind).join(' and ')}); IDs are permanent, since links, commits and reports use them.`,
    hint: `Give it back its ID: \`itsm renumber ${successor.id} ${base.id}\`.`,
  };
}

function deleted(base: AnyRecord, baseRev: string): PendingDiagnostic {
  const retire = LIFECYCLES[base.kind].retire;
  return {
    file: base.file,
    rule: 'base/deleted',
    severity: 'error',
    message: `${base.id} (${identityText(base)}) was deleted; records are never deleted, so that history and links keep working.`,
    hint: `Restore it with \`git checkout ${baseRev} -- ${base.file}\` and set \`status: ${retire}\` instead.`,
  };
}

function isDifferentRecord(a: AnyRecord, b: AnyRecord): boolean {
  const compared = comparedIdentity(a, b);
  return compared.length >= 2 && compared.every((f) => !sameValue(fields(a)[f], fields(b)[f])) && !shareText(a.body, b.body);
}

/**
 * Whether two bodies have a line of substance in common: a record that was renamed and rescheduled
 * in one go still keeps most of its text, while another record under the same ID does not.
 */
function shareText(a: string, b: string): boolean {
  // Headings and comments come from templates, which every new record shares: they say nothing.
  const lines = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length >= 20 && !l.startsWith('#') && !l.startsWith('<!--'));
  const seen = new Set(lines(a));
  return lines(b).some((l) => seen.has(l));
}

function isSameRecord(a: AnyRecord, b: AnyRecord): boolean {
  const compared = comparedIdentity(a, b);
  return compared[0] === identity(a.kind)[0] && compared.every((f) => sameValue(fields(a)[f], fields(b)[f]));
}

function comparedIdentity(a: AnyRecord, b: AnyRecord): string[] {
  return identity(a.kind).filter((f) => fields(a)[f] !== undefined && fields(b)[f] !== undefined);
}

function identityText(r: AnyRecord): string {
  return identity(r.kind)
    .filter((f) => fields(r)[f] !== undefined)
    .map((f, i) => (i === 0 ? `"${String(fields(r)[f])}"` : `${f} ${String(fields(r)[f])}`))
    .join(', ');
}

/** The next ID nobody holds: one past the highest number of the kind, or the slug with a suffix. */
function nextFreeId(kind: Kind, id: string, taken: ReadonlySet<string>): string {
  if (KIND_INFO[kind].numbered) {
    let max = 0n;
    for (const t of taken) {
      const n = t.startsWith(KIND_INFO[kind].prefix) ? boundedIdNumber(t) : undefined;
      if (n !== undefined && n > max) max = n;
    }
    return formatNumberedId(kind, max + 1n);
  }
  for (let n = 2; ; n++) if (!taken.has(`${id}-${n}`)) return `${id}-${n}`;
}

function describeChange(c: FieldChange): string {
  if (c.kind === 'added') return `\`${c.field}\` was added`;
  if (c.kind === 'removed') return `\`${c.field}\` was removed`;
  return `\`${c.field}\` changed from ${short(c.from)} to ${short(c.to)}`;
}

function short(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 60 ? `\`${text.slice(0, 57)}...\`` : `\`${text}\``;
}

function withArticle(label: string): string {
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}

function orList(items: readonly string[]): string {
  const quoted = items.map((s) => `\`${s}\``);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** The fields that say which record a file is (see `KindDefinition.identity`). */
function identity(kind: Kind): readonly string[] {
  return kindDefinition(kind).identity;
}

function fields(r: AnyRecord): Fields {
  return r.data as unknown as Fields;
}
