/**
 * The kind registry: one definition per kind (src/core/kinds/<kind>.ts), and the questions the rest
 * of the code asks about kinds. Adding a kind: its schema, its definition, its template, and a line
 * here. Schemas live in schemas/<kind>.schema.json.
 */
import { change } from './change.ts';
import { ci } from './ci.ts';
import type { KindDefinition, Lifecycle } from './definition.ts';
import { incident } from './incident.ts';
import { kb } from './kb.ts';
import { problem } from './problem.ts';
import { buildRegistry, type KindRegistry } from './registry.ts';
import { release } from './release.ts';
import { request } from './request.ts';
import { service } from './service.ts';
import { team } from './team.ts';

export type { RuleContext } from './rule-kit.ts';

/** The definitions, in the order kinds appear in menus, tables and the docs. */
const DEFINITIONS = [service, ci, incident, problem, change, request, release, kb, team] as const;

export type Kind = (typeof DEFINITIONS)[number]['kind'];

/** The front-matter type of each kind, as its definition's rules take it. */
export type KindDataOf = { [D in (typeof DEFINITIONS)[number] as D['kind']]: D extends KindDefinition<string, infer T> ? T : never };

export const REGISTRY = buildRegistry<Kind>(DEFINITIONS);

export function kindDefinition(kind: Kind): KindDefinition<Kind, KindDataOf[Kind]> {
  return REGISTRY.get(kind) as KindDefinition<Kind, KindDataOf[Kind]>;
}

export function lifecycle(kind: Kind): Lifecycle {
  return REGISTRY.get(kind).lifecycle;
}

/** Whether a record of `kind` in `status` still has work in flight (an open incident, a change not yet ended...). */
export function isOpen(kind: Kind, status: string): boolean {
  return lifecycle(kind).open.includes(status);
}

/** Whether a record of `kind` in `status` has been done (resolved, fulfilled, ended), not abandoned. */
export function isDone(kind: Kind, status: string): boolean {
  return lifecycle(kind).done.includes(status);
}

/** A record's name as people read it: its first identity field (title, or name for services, CIs and teams), else its ID. */
export function displayName(rec: { kind: string; id: string; data: object }, registry: KindRegistry = REGISTRY): string {
  return String((rec.data as Record<string, unknown>)[registry.get(rec.kind).identity[0]] ?? rec.id);
}
