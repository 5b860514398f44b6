/** Checks across records: file names and folders, duplicate IDs, references, relation cycles, offerings. */
import type { PendingDiagnostic } from '../diagnostic.ts';
import type { Kind } from '../ids.ts';
import { REGISTRY } from '../kinds/index.ts';
import type { KindRegistry } from '../kinds/registry.ts';
import type { RecordFacts } from './check-record.ts';
import { referencesOf, type Reference } from '../relations.ts';

export interface FileFacts<K extends string = Kind> {
  file: string;
  /** The kind the file's folder holds. */
  folderKind: K;
  facts: RecordFacts<K>;
}

function baseName(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return name.endsWith('.md') ? name.slice(0, -3) : name;
}

type Ref = Reference<string>;

function offeringIds(summary: Record<string, unknown>): string[] {
  const list = Array.isArray(summary.offerings) ? summary.offerings : [];
  return list.map((o) => (o as { id?: unknown }).id).filter((x): x is string => typeof x === 'string');
}

/** `registry`: the kinds to check against (the built-in ones unless a test brings its own). */
export function crossChecks(files: readonly FileFacts<string>[], registry: KindRegistry = REGISTRY): PendingDiagnostic[] {
  const out: PendingDiagnostic[] = [];
  const info = (kind: string) => registry.get(kind);
  const isValidId = (id: string, kind: string) => info(kind).idPattern.test(id);
  const refs = new Map(files.map((f) => [f, referencesOf(f.facts.kind, f.facts.summary, registry)]));
  const byId = new Map<string, FileFacts<string>[]>();
  for (const f of files) {
    const id = f.facts.id;
    if (id === undefined) continue;
    const list = byId.get(id);
    if (list) list.push(f);
    else byId.set(id, [f]);
    const idKind = registry.kindOfId(id);
    if (idKind !== undefined && idKind !== f.folderKind) {
      out.push({
        file: f.file,
        rule: 'file/wrong-folder',
        severity: 'error',
        pointer: '/id',
        message: `${id} is a ${info(idKind).label} ID, but the file is in content/${info(f.folderKind).folder}/ (${info(f.folderKind).plural}).`,
        hint: `Move the file to content/${info(idKind).folder}/${id}.md, or give it a ${info(f.folderKind).prefix}... ID.`,
      });
    } else if (baseName(f.file) !== id) {
      out.push({
        file: f.file,
        rule: 'file/name-mismatch',
        severity: 'error',
        pointer: '/id',
        message: `The file is named ${baseName(f.file)}.md but its id is ${id}.`,
        hint: `Rename the file to ${id}.md, or set \`id: ${baseName(f.file)}\` (use \`itsm renumber\` to change an ID everywhere).`,
      });
    }
  }
  for (const [id, list] of byId) {
    if (list.length < 2) continue;
    for (const f of list) {
      const others = list
        .filter((o) => o !== f)
        .map((o) => o.file)
        .join(', ');
      out.push({
        file: f.file,
        rule: 'ref/duplicate-id',
        severity: 'error',
        pointer: '/id',
        message: `ID ${id} is also used by ${others}.`,
        hint: 'Every record needs its own ID: give one of them the next free number.',
      });
    }
  }
  const offerings = new Map<string, string[]>();
  for (const f of files) if (f.facts.kind === 'service' && f.facts.id) offerings.set(f.facts.id, offeringIds(f.facts.summary));
  for (const f of files) {
    for (const ref of refs.get(f)!) {
      if (!isValidId(ref.target, ref.relation.to)) continue; // the schema already reports a malformed or wrong-prefix ID
      const target = byId.get(ref.target);
      if (!target) {
        out.push({
          file: f.file,
          rule: 'ref/unknown-id',
          severity: 'error',
          pointer: ref.pointer,
          message: `\`${ref.relation.field}\` refers to ${ref.target}, but no such ${info(ref.relation.to).label} exists.`,
          hint: `Check the ID for a typo, or add content/${info(ref.relation.to).folder}/${ref.target}.md.`,
        });
      } else if (target[0]!.folderKind !== ref.relation.to) {
        out.push({
          file: f.file,
          rule: 'ref/wrong-kind',
          severity: 'error',
          pointer: ref.pointer,
          message: `\`${ref.relation.field}\` must name a ${info(ref.relation.to).label}, but ${ref.target} is a ${info(target[0]!.folderKind).label}.`,
          hint: `Use the ID of a ${info(ref.relation.to).label}.`,
        });
      }
    }
    const offering = f.facts.summary.offering;
    if (f.facts.kind === 'request' && typeof offering === 'string') {
      const service = refs.get(f)!.find((r) => r.relation.field === 'service')?.target;
      const known = service !== undefined ? offerings.get(service) : undefined;
      if (known && !known.includes(offering)) {
        out.push({
          file: f.file,
          rule: 'ref/unknown-offering',
          severity: 'error',
          pointer: '/offering',
          message: `${service} has no offering "${offering}".`,
          hint: known.length ? `Use one of: ${known.join(', ')}.` : `${service} lists no offerings yet: add one to its \`offerings\`.`,
        });
      }
    }
  }
  out.push(...cycles(files, refs));
  return out;
}

/** Finds cycles in relations that must be acyclic (depends_on, runs_on), reporting each cycle once. */
function cycles(files: readonly FileFacts<string>[], refs: ReadonlyMap<FileFacts<string>, Ref[]>): PendingDiagnostic[] {
  const out: PendingDiagnostic[] = [];
  type Edges = Map<string, Array<{ target: string; pointer: string; file: string }>>;
  const edgesByField = new Map<string, Edges>();
  for (const f of files) {
    if (!f.facts.id) continue;
    for (const ref of refs.get(f)!) {
      if (ref.relation.acyclic !== true) continue;
      const key = `${f.facts.kind}.${ref.relation.field}`;
      let graph = edgesByField.get(key);
      if (!graph) edgesByField.set(key, (graph = new Map() as Edges));
      let list = graph.get(f.facts.id);
      if (!list) graph.set(f.facts.id, (list = []));
      list.push({ target: ref.target, pointer: ref.pointer, file: f.file });
    }
  }
  for (const [key, graph] of edgesByField) {
    const field = key.slice(key.indexOf('.') + 1);
    const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
    const stack: string[] = [];
    const visit = (node: string): void => {
      state.set(node, 1);
      stack.push(node);
      for (const edge of graph.get(node) ?? []) {
        const s = state.get(edge.target);
        if (s === 1) {
          const loop = [...stack.slice(stack.indexOf(edge.target)), edge.target];
          out.push({
            file: edge.file,
            rule: 'cmdb/cycle',
            severity: 'error',
            pointer: edge.pointer,
            message: `\`${field}\` forms a cycle: ${loop.join(' -> ')}.`,
            hint: `Something cannot ${field.replace('_', ' ')} itself, even through others: remove one link of the cycle (connects_to is the relation for two-way traffic).`,
          });
        } else if (s === undefined && graph.has(edge.target)) visit(edge.target);
      }
      stack.pop();
      state.set(node, 2);
    };
    for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  }
  return out;
}
