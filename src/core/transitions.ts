/**
 * The lifecycle of each kind: which status may follow which, which statuses lock a record, and how a
 * record is retired instead of deleted. One table per kind, declared once here; `itsm validate --base`
 * enforces them and docs/history.md shows them (rendered by `transitionTablesMarkdown`).
 */
import { KINDS, KIND_INFO, type Kind } from './ids.ts';

/** For each status, the statuses a record may move to next. Staying in the same status is always allowed. */
export type TransitionTable = Readonly<Record<string, readonly string[]>>;

export interface Lifecycle {
  /** Every status of the kind, in lifecycle order (the same values as the schema's `status` enum). */
  statuses: readonly string[];
  transitions: TransitionTable;
  /**
   * Statuses in which a record is closed for good: nothing in it may change unless the same pull
   * request also moves it out of that status (reopens it).
   */
  locked: readonly string[];
  /** The status to set instead of deleting the file. */
  retire: string;
}

export const LIFECYCLES: Readonly<Record<Kind, Lifecycle>> = {
  incident: {
    statuses: ['new', 'acknowledged', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled'],
    transitions: {
      new: ['acknowledged', 'in_progress', 'on_hold', 'resolved', 'cancelled'],
      acknowledged: ['in_progress', 'on_hold', 'resolved', 'cancelled'],
      in_progress: ['on_hold', 'resolved', 'cancelled'],
      on_hold: ['in_progress', 'resolved', 'cancelled'],
      // A resolution the reporter rejects reopens the incident; a closed one is reopened the same way.
      resolved: ['closed', 'in_progress'],
      closed: ['in_progress'],
      cancelled: ['new'],
    },
    locked: ['closed', 'cancelled'],
    retire: 'cancelled',
  },
  problem: {
    statuses: ['new', 'investigating', 'known_error', 'resolved', 'closed'],
    transitions: {
      new: ['investigating', 'known_error', 'resolved'],
      investigating: ['known_error', 'resolved'],
      known_error: ['investigating', 'resolved'],
      resolved: ['closed', 'investigating'],
      closed: ['investigating'],
    },
    locked: ['closed'],
    retire: 'closed',
  },
  change: {
    statuses: ['draft', 'submitted', 'approved', 'scheduled', 'implementing', 'completed', 'failed', 'rolled_back', 'cancelled'],
    transitions: {
      draft: ['submitted', 'cancelled'],
      // Reviewers may send a change back to its author before approving it.
      submitted: ['approved', 'draft', 'cancelled'],
      approved: ['scheduled', 'implementing', 'submitted', 'cancelled'],
      scheduled: ['implementing', 'approved', 'cancelled'],
      implementing: ['completed', 'failed', 'rolled_back'],
      // Outcomes are final: a completed, failed or rolled-back change keeps its outcome, but its
      // post-implementation review is still written afterwards, so these are not locked.
      completed: [],
      failed: ['rolled_back'],
      rolled_back: [],
      cancelled: ['draft'],
    },
    locked: ['cancelled'],
    retire: 'cancelled',
  },
  request: {
    statuses: ['new', 'approved', 'in_progress', 'on_hold', 'fulfilled', 'rejected', 'cancelled'],
    transitions: {
      new: ['approved', 'in_progress', 'on_hold', 'rejected', 'cancelled'],
      approved: ['in_progress', 'on_hold', 'fulfilled', 'cancelled'],
      in_progress: ['on_hold', 'fulfilled', 'cancelled'],
      on_hold: ['in_progress', 'fulfilled', 'cancelled'],
      fulfilled: ['in_progress'],
      rejected: ['new'],
      cancelled: ['new'],
    },
    locked: ['rejected', 'cancelled'],
    retire: 'cancelled',
  },
  release: {
    statuses: ['planned', 'in_progress', 'released', 'cancelled'],
    transitions: {
      planned: ['in_progress', 'cancelled'],
      in_progress: ['released', 'planned', 'cancelled'],
      released: [],
      cancelled: ['planned'],
    },
    locked: ['cancelled'],
    retire: 'cancelled',
  },
  kb: {
    statuses: ['draft', 'published', 'retired'],
    transitions: {
      draft: ['published', 'retired'],
      published: ['draft', 'retired'],
      retired: ['draft', 'published'],
    },
    locked: [],
    retire: 'retired',
  },
  service: {
    statuses: ['active', 'retired'],
    transitions: { active: ['retired'], retired: ['active'] },
    locked: [],
    retire: 'retired',
  },
  ci: {
    statuses: ['planned', 'active', 'maintenance', 'retired'],
    transitions: {
      planned: ['active', 'retired'],
      active: ['maintenance', 'retired'],
      maintenance: ['active', 'retired'],
      retired: ['active'],
    },
    locked: [],
    retire: 'retired',
  },
  team: {
    statuses: ['active', 'retired'],
    transitions: { active: ['retired'], retired: ['active'] },
    locked: [],
    retire: 'retired',
  },
};

/** True when a record of `kind` may go from `from` to `to` in one step (or stays put). */
export function isAllowedTransition(kind: Kind, from: string, to: string): boolean {
  return from === to || (LIFECYCLES[kind].transitions[from]?.includes(to) ?? false);
}

/** Whether a record in `status` is closed for edits. */
export function isLocked(kind: Kind, status: string): boolean {
  return LIFECYCLES[kind].locked.includes(status);
}

/**
 * The tables as Markdown, one per kind: for docs/history.md and the README, so the documentation is
 * printed from the very table the validator enforces.
 */
export function transitionTablesMarkdown(): string {
  const sections = KINDS.map((kind) => {
    const life = LIFECYCLES[kind];
    const rows = life.statuses.map((s) => {
      const next = life.transitions[s] ?? [];
      const notes = [life.locked.includes(s) ? 'locked' : '', s === life.retire ? 'instead of deleting' : ''].filter(Boolean).join(', ');
      return `| \`${s}\` | ${next.length ? next.map((n) => `\`${n}\``).join(', ') : '(final)'} | ${notes} |`;
    });
    return [`### ${capitalize(KIND_INFO[kind].label)} (\`${KIND_INFO[kind].prefix}\`)`, '', '| from | may move to | notes |', '|---|---|---|', ...rows].join('\n');
  });
  return sections.join('\n\n') + '\n';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
