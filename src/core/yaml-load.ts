/**
 * The one way YAML text becomes data: js-yaml 5 with bounded aliases and depth, and no cyclic values.
 * `a: &x [*x]` is legal YAML, but it builds a value that contains itself, and every walker after the
 * parser (ajv, diff, JSON.stringify for the cache and the site) would recurse forever. A cycle is
 * refused here, before anything walks the value.
 */
import { EVENT_ID, load, parseEvents, type Event } from 'js-yaml';
import { loadSimpleYaml, NOT_SIMPLE } from './yaml-fast.ts';

/** Aliases are rarely useful in records and are how "billion laughs" bombs work. */
export const YAML_LIMITS = { maxAliases: 20, maxDepth: 32 } as const;

/** Thrown by loadYaml for an alias that refers to a node it is inside of. */
export class AliasCycleError extends Error {
  /** 0-based offset of the alias (its `*`) in the text. */
  readonly offset: number;
  readonly alias: string;
  constructor(alias: string, offset: number) {
    super(`the alias *${alias} refers to a node it is inside of, so the value would contain itself`);
    this.name = 'AliasCycleError';
    this.alias = alias;
    this.offset = offset;
  }
}

/**
 * Parses one YAML document. Throws js-yaml's YAMLException for invalid YAML and AliasCycleError for
 * a value that would contain itself; any value it returns is a tree (shared, acyclic parts allowed).
 */
export function loadYaml(text: string): unknown {
  // The common shape of front matter is read by the fast path (no aliases there, so no cycles).
  const simple = loadSimpleYaml(text);
  if (simple !== NOT_SIMPLE) return simple;
  const value = load(text, YAML_LIMITS);
  // Every cycle needs an alias, and every alias needs a `*`: most files skip the second pass.
  if (text.includes('*')) {
    const cycle = findAliasCycle(text);
    if (cycle) throw new AliasCycleError(cycle.alias, cycle.offset);
  }
  return value;
}

/**
 * The first alias that names an anchor on a collection still open around it, or undefined.
 * That is exactly the cyclic case: an alias can only name an anchor defined before it, and a node
 * already closed cannot contain the alias being read.
 */
export function findAliasCycle(text: string): { alias: string; offset: number } | undefined {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: YAML_LIMITS.maxDepth });
  } catch {
    return undefined; // load() already accepted the text; the parser agreeing is not our concern here
  }
  const open: Array<{ open: boolean }> = [];
  const anchors = new Map<string, { open: boolean }>();
  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT || e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING) {
      const node = { open: true };
      open.push(node);
      if (e.type !== EVENT_ID.DOCUMENT && e.anchorStart >= 0) anchors.set(text.slice(e.anchorStart, e.anchorEnd), node);
    } else if (e.type === EVENT_ID.POP) {
      const node = open.pop();
      if (node) node.open = false;
    } else if (e.type === EVENT_ID.SCALAR) {
      // A scalar can re-define an anchor name; an alias to it is never a cycle.
      if (e.anchorStart >= 0) anchors.set(text.slice(e.anchorStart, e.anchorEnd), { open: false });
    } else if (e.type === EVENT_ID.ALIAS) {
      const name = text.slice(e.anchorStart, e.anchorEnd);
      if (anchors.get(name)?.open) return { alias: name, offset: e.anchorStart - 1 };
    }
  }
  return undefined;
}

/** 0-based line and column of an offset in text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}
