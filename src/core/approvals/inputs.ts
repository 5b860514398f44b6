/**
 * What the approval decision reads, and nothing more: the one place that says which inputs decide who
 * approves. The decision is typed against this projection, so it cannot read a field that is not
 * listed here; and a pull request that changes the projection needs the policy-change approvals,
 * so every input that decides who approves is itself governed.
 */
import type { ChangePolicy, ConfigurationItem, Service, Team, Workspace } from '../model.ts';
import { recordsOf } from '../model.ts';

/** Service fields the decision reads: its owner team approves, its CIs and dependencies widen its reach. */
export const SERVICE_FIELDS = ['id', 'owner', 'cis', 'depends_on'] as const;
/** CI fields the decision reads: the dependency relations that carry a change to the services above it. */
export const CI_FIELDS = ['id', 'depends_on', 'runs_on', 'connects_to'] as const;

export type ServiceInput = Pick<Service, (typeof SERVICE_FIELDS)[number]>;
export type CiInput = Pick<ConfigurationItem, (typeof CI_FIELDS)[number]>;

/** The decision's view of the base workspace. */
export interface DecisionInputs {
  /** The change policy (rules, templates, freezes, maintenance windows, policy_changes). */
  policy: ChangePolicy | undefined;
  /** Teams: who holds which role, and their members. */
  teams: Team[];
  services: ServiceInput[];
  cis: CiInput[];
}

function pick<T extends object, K extends keyof T>(data: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const f of fields) if (data[f] !== undefined) out[f] = data[f];
  return out;
}

/** Projects a loaded workspace onto exactly what the decision reads. */
export function decisionInputs(ws: Pick<Workspace, 'records' | 'policies'>): DecisionInputs {
  return {
    policy: ws.policies.changePolicy,
    teams: recordsOf(ws, 'team').map((r) => r.data),
    services: recordsOf(ws, 'service').map((r) => pick(r.data, SERVICE_FIELDS)),
    cis: recordsOf(ws, 'ci').map((r) => pick(r.data, CI_FIELDS)),
  };
}

/**
 * The pull request's edits to the decision's inputs, one line per record and field, e.g.
 * "SVC-checkout: owner TEAM-a -> TEAM-b". `before` is the fork point, `after` the head. A record that
 * no longer loads at the head counts as removed: what the next decision would read has changed.
 * Lists compare as sets (their order decides nothing); a CI without relations decides nothing either.
 */
export function governedEdits(before: DecisionInputs, after: DecisionInputs): string[] {
  const out: string[] = [];
  if (canonical(before.policy) !== canonical(after.policy))
    out.push(...fieldEdits('the change policy', (before.policy ?? {}) as Record<string, unknown>, (after.policy ?? {}) as Record<string, unknown>));
  out.push(...recordEdits(before.teams, after.teams, () => false));
  out.push(...recordEdits(before.services, after.services, () => false));
  out.push(...recordEdits(before.cis, after.cis, (ci) => CI_FIELDS.every((f) => f === 'id' || !(ci[f] as unknown[] | undefined)?.length)));
  return out;
}

function recordEdits<T extends { id: string }>(before: readonly T[], after: readonly T[], decidesNothing: (r: T) => boolean): string[] {
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Map(after.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const id of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const b = old.get(id);
    const a = now.get(id);
    if (b && a) out.push(...fieldEdits(id, b, a));
    else if (a && !decidesNothing(a)) out.push(`${id}: added (${describe(a)})`);
    else if (b && !decidesNothing(b)) out.push(`${id}: removed, or no longer valid at the head (was ${describe(b)})`);
  }
  return out;
}

function fieldEdits(name: string, before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'id').sort();
  return keys.filter((k) => canonical(before[k]) !== canonical(after[k])).map((k) => `${name}: ${k} ${show(before[k])} -> ${show(after[k])}`);
}

function describe(r: object): string {
  return Object.entries(r)
    .filter(([k]) => k !== 'id')
    .map(([k, v]) => `${k} ${show(v)}`)
    .join(', ');
}

/** A short rendering for a message: lists as [a, b], anything larger as "(changed)". */
function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return `[${[...v].sort().join(', ')}]`;
  const text = JSON.stringify(v);
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`;
}

/** JSON with object keys sorted and string lists sorted, so equal content compares equal. */
function canonical(v: unknown): string {
  return JSON.stringify(normalise(v)) ?? 'undefined';
}

function normalise(v: unknown): unknown {
  if (Array.isArray(v)) {
    // An empty list decides the same as no list.
    if (v.length === 0) return undefined;
    const items = v.map(normalise);
    return items.every((x) => typeof x === 'string') ? [...items].sort() : items;
  }
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, normalise((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** Workspace folders governed as a whole: every file in them, even one that does not load. */
export const GOVERNED_PREFIXES = ['content/policies/', 'content/teams/'] as const;

/**
 * The gate itself, as repository paths: the workflow that runs the check (GitHub takes it from the
 * PR's merge commit), the code and schemas that decide, and everything that decides which code runs
 * (manifests, lock files, registry settings, Node version). Folders at the repository root; the
 * package files at any depth, since a workflow may install from a sub-folder.
 */
export const GATE_FOLDERS = ['.github/', '.ci/', 'src/', 'bin/', 'scripts/', 'schemas/', 'dev/'] as const;
export const GATE_ROOT_FILES = ['dev', 'astro.config.mjs', 'tsconfig.json', 'tsconfig.build.json', '.nvmrc', '.node-version'] as const;
export const GATE_FILE_NAMES = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
  '.pnpmfile.cjs',
] as const;

/**
 * True for a repository path that is part of the gate. Compared ASCII-case-insensitively: on a
 * case-insensitive checkout `SRC/` is `src/`, and refusing a look-alike costs nothing.
 */
export function isGatePath(repoPath: string): boolean {
  const p = repoPath.replace(/^\/+/, '').replace(/[A-Z]/g, (c) => c.toLowerCase());
  const name = p.slice(p.lastIndexOf('/') + 1);
  // A file, symlink or submodule named like a gate folder (`.github` itself) is the gate too.
  return (
    GATE_FOLDERS.some((f) => p.startsWith(f) || p === f.slice(0, -1)) ||
    (GATE_ROOT_FILES as readonly string[]).includes(p) ||
    (GATE_FILE_NAMES as readonly string[]).includes(name)
  );
}
