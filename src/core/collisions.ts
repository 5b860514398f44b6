/**
 * Collisions across open pull requests: which changes proposed in open PRs are planned at the same
 * time as another change (already on the default branch, or proposed in another open PR) on the same
 * CI, the same service, or a CI or service connected to it in the CMDB; and which fall in a freeze.
 * Pure: the caller reads the PRs, their change files and the default branch's workspace.
 *
 * Intervals are half-open [start, end), as in the approval check's schedule conflicts: a change
 * ending at 02:00 does not collide with one starting then.
 */
import { freezeFinding, freezesHit } from './approvals/windows.ts';
import { dependencyEdges, reachOf } from './approvals/scope.ts';
import type { DecisionInputs } from './approvals/inputs.ts';
import { isOpen } from './kinds/index.ts';
import type { Change, ChangePolicy } from './model.ts';

/** A change record as read from one side: its ID, its workspace-relative file and its data. */
export interface PlannedChange {
  id: string;
  file: string;
  change: Change;
}

/** An open pull request and the change records it adds or edits, as they are at its head. */
export interface ProposedPull {
  number: number;
  headSha: string;
  title?: string;
  changes: PlannedChange[];
  /** Change files of the PR that could not be read as a valid change record, with the reason. */
  unreadable: Array<{ file: string; problem: string }>;
}

export interface CollisionInput {
  /** The changes on the default branch. A PR's version of the same ID replaces it for that PR. */
  defaultBranch: PlannedChange[];
  pulls: ProposedPull[];
  /** The CMDB of the default branch: the dependency relations of its services and CIs. */
  graph: Pick<DecisionInputs, 'services' | 'cis'>;
  /** The default branch's change policy, for its freezes. */
  policy: ChangePolicy | undefined;
}

/** Where the other change of a collision is: on the default branch, or proposed in another open PR. */
export type Where = { kind: 'default-branch' } | { kind: 'pull-request'; pr: number; headSha: string };

/** One relation step of a CMDB path, as its holder reads it: `from` needs `to` through `field`. */
export interface PathStep {
  from: string;
  /** The front-matter field, e.g. depends_on, runs_on, connects_to, cis. */
  field: string;
  to: string;
}

/** Why two changes planned at the same time collide. */
export type CollisionLink =
  | { kind: 'same-ci'; id: string }
  | { kind: 'same-service'; id: string }
  /** A CI or service of one needs one of the other through the CMDB (shortest path, holder first). */
  | { kind: 'dependency'; path: PathStep[]; text: string };

export type CollisionFinding =
  | {
      kind: 'collision';
      /** The change of this PR. */
      change: string;
      file: string;
      other: { id: string; file: string; title: string; where: Where };
      /** The part of the two planned windows both cover. */
      overlap: { start: string; end: string };
      links: CollisionLink[];
      message: string;
    }
  | { kind: 'freeze'; change: string; file: string; freeze: string; message: string }
  /** Another open PR edits the same change record: only one of them can merge as reviewed. */
  | { kind: 'same-change'; change: string; file: string; other: { pr: number; headSha: string }; message: string }
  /** A change file of this PR that is not a readable change record: it cannot be checked. */
  | { kind: 'unreadable'; file: string; message: string };

export interface PullCollisions {
  pr: number;
  headSha: string;
  title?: string;
  /** The change records the PR adds or edits (readable ones). */
  changes: string[];
  findings: CollisionFinding[];
}

/** A planned change together with where it comes from. */
interface Placed extends PlannedChange {
  where: Where;
  start: number;
  end: number;
}

/** Every open PR's findings, in PR order. */
export function findCollisions(input: CollisionInput): PullCollisions[] {
  const paths = pathFinder(input.graph);
  const affectedOf = reachOf(input.graph);
  const live = (c: PlannedChange) => isOpen('change', c.change.status) && planned(c.change) !== undefined;
  const place = (c: PlannedChange, where: Where): Placed => ({ ...c, where, ...planned(c.change)! });
  const onDefault = input.defaultBranch.filter(live).map((c) => place(c, { kind: 'default-branch' }));
  const proposed = input.pulls.map((p) => ({
    pull: p,
    changes: p.changes.filter(live).map((c) => place(c, { kind: 'pull-request', pr: p.number, headSha: p.headSha })),
  }));
  const sorted = [...input.pulls].sort((a, b) => a.number - b.number);
  return sorted.map((pull) => {
    const findings: CollisionFinding[] = pull.unreadable.map((u) => ({
      kind: 'unreadable',
      file: u.file,
      message: `${u.file} at ${pull.headSha.slice(0, 7)} is not a readable change record, so its collisions cannot be checked: ${u.problem}`,
    }));
    const mine = proposed.find((p) => p.pull === pull)!.changes;
    const ownIds = new Set(pull.changes.map((c) => c.id));
    for (const c of pull.changes) {
      for (const other of input.pulls) {
        if (other === pull) continue;
        const same = other.changes.find((o) => o.id === c.id);
        if (same)
          findings.push({
            kind: 'same-change',
            change: c.id,
            file: c.file,
            other: { pr: other.number, headSha: other.headSha },
            message: `#${other.number} edits ${c.id} too: whichever merges second changes a record the other's reviewers did not see.`,
          });
      }
    }
    for (const c of mine) {
      // This PR's version of a change replaces the default branch's.
      const others = [
        ...onDefault.filter((o) => !ownIds.has(o.id)),
        ...proposed.filter((p) => p.pull !== pull).flatMap((p) => p.changes.filter((o) => o.id !== c.id)),
      ];
      for (const o of others) {
        if (!(c.start < o.end && o.start < c.end)) continue;
        const links = linksBetween(c.change, o.change, paths);
        if (links.length === 0) continue;
        const overlap = {
          start: c.start >= o.start ? c.change.planned_start : o.change.planned_start,
          end: c.end <= o.end ? c.change.planned_end : o.change.planned_end,
        };
        findings.push({
          kind: 'collision',
          change: c.id,
          file: c.file,
          other: { id: o.id, file: o.file, title: o.change.title, where: o.where },
          overlap,
          links,
          message: `${c.id} overlaps ${o.id} ("${o.change.title}", ${whereText(o.where)}) from ${overlap.start} to ${overlap.end}: ${links.map(linkText).join('; ')}.`,
        });
      }
      if (input.policy)
        for (const f of freezesHit(c.change, affectedOf(c.change), input.policy))
          findings.push({ kind: 'freeze', change: c.id, file: c.file, freeze: f.name, message: `${c.id}: ${freezeFinding(c.change, f).message}` });
    }
    return {
      pr: pull.number,
      headSha: pull.headSha,
      ...(pull.title !== undefined ? { title: pull.title } : {}),
      changes: pull.changes.map((c) => c.id).sort(),
      findings: findings.sort(byFinding),
    };
  });
}

function planned(c: Change): { start: number; end: number } | undefined {
  const start = Date.parse(c.planned_start);
  const end = Date.parse(c.planned_end);
  return Number.isFinite(start) && Number.isFinite(end) && start < end ? { start, end } : undefined;
}

export function whereText(w: Where): string {
  return w.kind === 'default-branch' ? 'on the default branch' : `proposed in #${w.pr}`;
}

export function linkText(l: CollisionLink): string {
  if (l.kind === 'same-ci') return `both change ${l.id}`;
  if (l.kind === 'same-service') return `both change the service ${l.id}`;
  return `${l.text}`;
}

/** Shared CIs, then shared services; when they share neither, the shortest CMDB path between them. */
function linksBetween(a: Change, b: Change, paths: PathFinder): CollisionLink[] {
  const links: CollisionLink[] = [];
  const bCis = new Set(b.cis ?? []);
  const bServices = new Set(b.services ?? []);
  for (const id of [...new Set(a.cis ?? [])].sort()) if (bCis.has(id)) links.push({ kind: 'same-ci', id });
  for (const id of [...new Set(a.services ?? [])].sort()) if (bServices.has(id)) links.push({ kind: 'same-service', id });
  if (links.length > 0) return links;
  // Between the CIs first (the most precise story), then from or to the services they name.
  const path =
    shortest(paths, a.cis ?? [], b.cis ?? []) ?? shortest(paths, [...(a.cis ?? []), ...(a.services ?? [])], [...(b.cis ?? []), ...(b.services ?? [])]);
  if (path) links.push({ kind: 'dependency', path, text: pathText(path) });
  return links;
}

/** The shorter of the paths from `a` to `b` and from `b` to `a` (`a` first on a tie). */
function shortest(paths: PathFinder, a: readonly string[], b: readonly string[]): PathStep[] | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const forward = paths(a, b);
  const backward = paths(b, a);
  return !backward || (forward && forward.length <= backward.length) ? forward : backward;
}

/** "CI-web -> depends_on -> CI-db -> runs_on -> CI-host". */
export function pathText(path: readonly PathStep[]): string {
  return [path[0]!.from, ...path.flatMap((s) => [s.field, s.to])].join(' -> ');
}

/** The shortest path from any of `from` to any of `to` along "needs" relations, or undefined. */
type PathFinder = (from: readonly string[], to: readonly string[]) => PathStep[] | undefined;

function pathFinder(graph: Pick<DecisionInputs, 'services' | 'cis'>): PathFinder {
  const needs = new Map<string, PathStep[]>();
  for (const edge of dependencyEdges(graph)) {
    const list = needs.get(edge.from) ?? [];
    list.push(edge);
    needs.set(edge.from, list);
  }
  // Breadth first from the sorted starts over edges in a fixed order: the same input gives the same path.
  for (const list of needs.values()) list.sort((x, y) => x.to.localeCompare(y.to) || x.field.localeCompare(y.field));
  return (from, to) => {
    const goals = new Set(to);
    const via = new Map<string, PathStep | null>();
    const queue: string[] = [];
    for (const s of [...new Set(from)].sort()) {
      via.set(s, null);
      queue.push(s);
    }
    for (let head = 0; head < queue.length; head++) {
      const at = queue[head]!;
      if (goals.has(at) && via.get(at) !== null) {
        const path: PathStep[] = [];
        for (let step = via.get(at); step; step = via.get(step.from)) path.unshift(step);
        return path;
      }
      for (const edge of needs.get(at) ?? []) {
        if (via.has(edge.to)) continue;
        via.set(edge.to, edge);
        queue.push(edge.to);
      }
    }
    return undefined;
  };
}

const ORDER: Record<CollisionFinding['kind'], number> = { unreadable: 0, 'same-change': 1, freeze: 2, collision: 3 };

function byFinding(a: CollisionFinding, b: CollisionFinding): number {
  const key = (f: CollisionFinding) => [
    'change' in f ? f.change : f.file,
    String(ORDER[f.kind]).padStart(2, '0'),
    f.kind === 'collision' ? `${f.other.where.kind === 'default-branch' ? 0 : f.other.where.pr}`.padStart(9, '0') + f.other.id : '',
    f.kind === 'same-change' ? String(f.other.pr).padStart(9, '0') : '',
  ];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}
