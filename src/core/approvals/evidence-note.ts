/**
 * Approval evidence that outlives the pull request: a git note on the commit a PR was merged as
 * (refs/notes/itsm-approvals), written after the merge by `itsm evidence record`, read by
 * `itsm history` and the site.
 *
 * Pure: the note's JSON shape, its serializer, a strict parser (a note is data anyone with push
 * access could write, so every field is checked and unknown versions are refused), and the matching
 * of evidence to the versions of a record that `itsm history` lists.
 */
import type { ApprovalResult, Decision } from './types.ts';

/** The notes ref the evidence lives under. */
export const EVIDENCE_NOTES_REF = 'refs/notes/itsm-approvals';

export const EVIDENCE_NOTE_VERSION = 1;

export interface EvidenceApprover {
  login: string;
  /** When the counted review was submitted (ISO 8601), null when the forge did not say. */
  at: string | null;
}

/** One requirement of the policy, as it was met. */
export interface EvidenceRequirement {
  role: string;
  /** For service-owner: whose owner team. */
  service?: string;
  count: number;
  /** Who filled the seats. */
  approvers: string[];
}

export interface EvidenceChange {
  /** A change ID, or "policy" for edits to content/policies/ or content/teams/. */
  change: string;
  decision: Decision;
  approvers: EvidenceApprover[];
  required: EvidenceRequirement[];
}

/** The note's content (version 1). */
export interface EvidenceNote {
  version: 1;
  pr: number;
  /** The PR's head commit: the commit the counted reviews were given on. */
  head_sha: string;
  /** When the evidence was recorded (after the merge), ISO 8601. */
  decided_at: string;
  changes: EvidenceChange[];
}

/** What the site and `itsm history` show for one change: one PR's approval of it. */
export interface Evidence {
  pr: number;
  /** The commit the note is on: the merge or squash commit on the default branch. */
  commit: string;
  head_sha: string;
  decided_at: string;
  decision: Decision;
  approvers: EvidenceApprover[];
  required: EvidenceRequirement[];
}

/** The evidence note for a decided pull request. `decidedAt` is a parameter: core has no clock. */
export function evidenceNote(result: ApprovalResult, decidedAt: string): EvidenceNote {
  return {
    version: 1,
    pr: result.pr,
    head_sha: result.headSha,
    decided_at: decidedAt,
    changes: result.subjects.map((s) => ({
      change: s.subject,
      decision: s.decision,
      approvers: s.approvers.map((a) => ({ login: a.login, at: a.at })),
      required: s.required.map((r) => ({
        role: r.role,
        ...(r.service !== undefined ? { service: r.service } : {}),
        count: r.count,
        approvers: [...r.approvers],
      })),
    })),
  };
}

/** The note's text: stable key order, one trailing newline (git notes keep text as given). */
export function serializeEvidenceNote(note: EvidenceNote): string {
  return JSON.stringify(note, null, 2) + '\n';
}

export type ParsedNote = { ok: true; note: EvidenceNote } | { ok: false; problem: string };

const DECISIONS: readonly string[] = ['approved', 'pending', 'rejected', 'not-required'];
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
/** An instant with its offset, as the forge and `toISOString` write it. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const SUBJECT = /^(CHG-[A-Za-z0-9-]+|policy|base|commits)$/;

/**
 * Reads a note's text. Never throws: anything but a well-formed version-1 note comes back as a
 * problem in words, so one bad note is reported and the others still count.
 */
export function parseEvidenceNote(text: string): ParsedNote {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `not JSON (${(err as Error).message})` };
  }
  try {
    return { ok: true, note: note(data) };
  } catch (err) {
    if (err instanceof ShapeError) return { ok: false, problem: err.message };
    throw err;
  }
}

class ShapeError extends Error {}

function fail(message: string): never {
  throw new ShapeError(message);
}

function object(v: unknown, where: string, keys: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${where} must be an object`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!keys.includes(k) && !optional.includes(k)) fail(`${where} has an unknown field "${k}"`);
  for (const k of keys) if (!(k in o)) fail(`${where} lacks "${k}"`);
  return o;
}

function string(v: unknown, where: string, pattern?: RegExp): string {
  if (typeof v !== 'string' || v === '' || (pattern && !pattern.test(v)))
    fail(`${where} must be ${pattern ? 'a string of the right form' : 'a non-empty string'}; got ${JSON.stringify(v)}`);
  return v;
}

function positiveInt(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(`${where} must be a positive whole number; got ${JSON.stringify(v)}`);
  return v;
}

function array(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) fail(`${where} must be a list`);
  return v;
}

function note(data: unknown): EvidenceNote {
  // The version first: a future format is refused by name, not by its first unfamiliar field.
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && 'version' in data && data.version !== EVIDENCE_NOTE_VERSION) {
    fail(`unknown version ${JSON.stringify(data.version)} (this itsm reads version ${EVIDENCE_NOTE_VERSION})`);
  }
  const o = object(data, 'the note', ['version', 'pr', 'head_sha', 'decided_at', 'changes']);
  return {
    version: 1,
    pr: positiveInt(o.pr, 'pr'),
    head_sha: string(o.head_sha, 'head_sha', SHA),
    decided_at: string(o.decided_at, 'decided_at', INSTANT),
    changes: array(o.changes, 'changes').map((c, i) => change(c, `changes[${i}]`)),
  };
}

function change(v: unknown, where: string): EvidenceChange {
  const o = object(v, where, ['change', 'decision', 'approvers', 'required']);
  const decision = string(o.decision, `${where}.decision`);
  if (!DECISIONS.includes(decision)) fail(`${where}.decision must be one of ${DECISIONS.join(', ')}; got "${decision}"`);
  return {
    change: string(o.change, `${where}.change`, SUBJECT),
    decision: decision as Decision,
    approvers: array(o.approvers, `${where}.approvers`).map((a, i) => {
      const w = `${where}.approvers[${i}]`;
      const ao = object(a, w, ['login', 'at']);
      return { login: string(ao.login, `${w}.login`), at: ao.at === null ? null : string(ao.at, `${w}.at`, INSTANT) };
    }),
    required: array(o.required, `${where}.required`).map((r, i) => {
      const w = `${where}.required[${i}]`;
      const ro = object(r, w, ['role', 'count', 'approvers'], ['service']);
      return {
        role: string(ro.role, `${w}.role`),
        ...(ro.service !== undefined ? { service: string(ro.service, `${w}.service`) } : {}),
        count: positiveInt(ro.count, `${w}.count`),
        approvers: array(ro.approvers, `${w}.approvers`).map((x, j) => string(x, `${w}.approvers[${j}]`)),
      };
    }),
  };
}

/** Evidence per change ID from the notes, each list oldest PR first. */
export function evidenceByChange(notes: ReadonlyArray<{ commit: string; note: EvidenceNote }>): Map<string, Evidence[]> {
  const out = new Map<string, Evidence[]>();
  for (const { commit, note: n } of notes) {
    for (const c of n.changes) {
      const list = out.get(c.change) ?? [];
      list.push({ pr: n.pr, commit, head_sha: n.head_sha, decided_at: n.decided_at, decision: c.decision, approvers: c.approvers, required: c.required });
      out.set(c.change, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.pr - b.pr || (a.commit < b.commit ? -1 : 1));
  return out;
}

/** The `approval` field of a history version. */
export interface VersionApproval {
  pr: number;
  approvers: EvidenceApprover[];
  decision: Decision;
}

/**
 * Puts each PR's evidence on the version that merged it: the newest version of the record that came
 * in through that PR (history names the PR of merge, squash and branch commits), or the version
 * made by the noted commit itself (a rebase merge names no PR). Versions without evidence get null.
 * `versions` are newest first, as `itsm history` lists them.
 */
export function approvalsForVersions(
  versions: ReadonlyArray<{ commit: string; pr: number | null }>,
  evidence: readonly Evidence[],
): Array<VersionApproval | null> {
  const out: Array<VersionApproval | null> = versions.map(() => null);
  for (const e of evidence) {
    const i = versions.findIndex((v, k) => out[k] === null && (v.commit === e.commit || v.pr === e.pr));
    if (i !== -1) out[i] = { pr: e.pr, approvers: e.approvers.map((a) => ({ ...a })), decision: e.decision };
  }
  return out;
}
