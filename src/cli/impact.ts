/** `itsm impact <CI-or-SVC>`: what depends on it, what it depends on, and the live work touching it. */
import { similarIds } from '../core/suggest.ts';
import { kindOfId, KIND_INFO } from '../core/ids.ts';
import { aOrAn } from '../core/new-record.ts';
import { buildImpactIndex, changeImpact, impactEdges, impactOf, type ImpactEdge, type ImpactNode, type ImpactResult, type WorkItem } from '../core/impact.ts';
import { loadWorkspace } from '../io/workspace.ts';
import { parseCommand } from './args.ts';
import { parseFormat, workspaceRoot } from './options.ts';
import { EXIT, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';

const HELP = `Usage: itsm impact <CI, SVC or CHG ID> [--format pretty|json|mermaid] [--root DIR]

Answers "what breaks if this fails, and what could make it fail?" from the CMDB:
  - downstream: what needs it (CIs that depend on, run on or connect to it; services built
    from those CIs; services depending on those services), nearest first
  - upstream: what it needs, the same relations the other way
  - the services affected if it fails
  - open incidents and planned changes naming it or anything up- or downstream of it
For a change (CHG-...): its blast radius, what needs the CIs and services it changes.

Examples:
  itsm impact CI-pg-main
  itsm impact SVC-payments --format json
  itsm impact CI-pg-main --format mermaid > impact.mmd
  itsm impact CHG-0031

Options:
  --format F   pretty (default), json (stable, for scripts), mermaid (a graph to paste into Markdown)
  --root DIR   the workspace (default: the current directory)

Exit codes: 0 answered, 1 some records have errors (the answer leaves them out), 2 unknown ID or usage error.
`;

const FORMATS = ['pretty', 'json', 'mermaid'] as const;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'impact',
    args,
    {
      root: { type: 'string' },
      format: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const format = parseFormat('impact', values.format, FORMATS);
  if (positionals.length !== 1) throw usageError('itsm impact: give one CI or service ID, e.g. `itsm impact CI-pg-main`.');
  const id = positionals[0]!;
  const root = workspaceRoot('impact', io, values.root);
  const loaded = await loadWorkspace(root);
  const broken = new Set(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  if (broken.size)
    io.stderr(
      `itsm impact: ${broken.size} file${broken.size === 1 ? ' has' : 's have'} errors and ${broken.size === 1 ? 'is' : 'are'} left out (exit 1); \`itsm validate\` lists them.\n`,
    );
  const kind = kindOfId(id);
  if (kind && kind !== 'ci' && kind !== 'service' && kind !== 'change')
    throw usageError(
      `itsm impact: ${id} is ${aOrAn(KIND_INFO[kind].label)}; impact works on configuration items (CI-...), services (SVC-...) and changes (CHG-...).`,
    );
  const index = buildImpactIndex(loaded.workspace.records);
  const change = kind === 'change' ? loaded.workspace.byId.get(id) : undefined;
  if (kind === 'change' && change?.kind !== 'change')
    throw usageError(`itsm impact: no change ${id}${broken.has(`content/changes/${id}.md`) ? ' (its file has errors)' : ''}.`);
  const answer = change?.kind === 'change' ? { ok: true as const, result: changeImpact(index, { ...change.data, id }) } : impactOf(index, id);
  if (!answer.ok) {
    const near = similarIds(
      id,
      loaded.workspace.records.filter((r) => r.kind === 'ci' || r.kind === 'service').map((r) => r.id),
    );
    throw usageError(
      `itsm impact: no CI or service ${id}${broken.has(`content/${id.startsWith('SVC-') ? 'services' : 'cis'}/${id}.md`) ? ' (its file has errors)' : ''}.${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`,
    );
  }
  const r = answer.result;
  if (format === 'pretty') io.stdout(pretty(r));
  else {
    const edges = impactEdges(index, r);
    io.stdout(format === 'json' ? JSON.stringify({ ...r, edges }, null, 2) + '\n' : mermaid(r, edges));
  }
  // What is valid is still shown, but an invalid workspace fails the command, as in every command.
  return broken.size ? EXIT.failed : EXIT.ok;
}

export function pretty(r: ImpactResult): string {
  const t = r.target;
  const out: string[] = [`${t.id}  ${t.name}  (${KIND_INFO[t.kind].label}, ${t.status})`, ''];
  if (r.changed) {
    out.push(`Changes: ${r.changed.length ? r.changed.map((c) => `${c.id} (${c.name})`).join(', ') : 'no CIs or services named'}`, '');
    out.push(`Blast radius (downstream): ${count(r.downstream.length, 'record')} that may stop working if ${t.id} goes wrong`);
    for (const c of r.changed) out.push(`  ${c.id}`, ...tree(r.downstream, c.id, (n) => `${n.label} ${n.target}`, 1, false));
    if (!r.downstream.length) out.push('  nothing recorded');
  } else {
    out.push(`Needed by (downstream): ${count(r.downstream.length, 'record')} that may stop working if ${t.id} fails`);
    out.push(...tree(r.downstream, t.id, (n) => `${n.label} ${n.target}`));
    out.push('', `Needs (upstream): ${count(r.upstream.length, 'record')} whose failure may take ${t.id} down`);
    out.push(...tree(r.upstream, t.id, (n) => `${n.holder} ${n.label} it`));
  }
  const names = new Map([...(r.changed ?? []), ...r.downstream, ...r.upstream].map((n) => [n.id, n.name]));
  names.set(t.id, t.name);
  out.push('', `Services affected: ${r.servicesAffected.length ? r.servicesAffected.map((s) => `${s} (${names.get(s)})`).join(', ') : 'none'}`);
  out.push('', `Open incidents: ${r.openIncidents.length || 'none'}`, ...r.openIncidents.map((w) => work(w, `${w.priority ?? '  '}  ${w.status}`)));
  out.push(
    '',
    `Planned changes: ${r.plannedChanges.length || 'none'}`,
    ...r.plannedChanges.map((w) => work(w, `${w.status}  ${w.planned_start ?? '?'} -> ${w.planned_end ?? '?'}`)),
  );
  return out.join('\n') + '\n';
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Nodes as an indented tree under the record they were reached from. */
function tree(nodes: readonly ImpactNode[], root: string, why: (n: ImpactNode) => string, indent = 0, orNothing = true): string[] {
  const children = new Map<string, ImpactNode[]>();
  for (const n of nodes) {
    const list = children.get(n.parent);
    if (list) list.push(n);
    else children.set(n.parent, [n]);
  }
  const idWidth = Math.max(0, ...nodes.map((n) => n.id.length + 2 * n.depth));
  const nameWidth = Math.min(40, Math.max(0, ...nodes.map((n) => n.name.length)));
  const lines: string[] = [];
  const visit = (id: string) => {
    for (const n of children.get(id) ?? []) {
      lines.push(
        `${'  '.repeat(n.depth + indent)}${n.id}`.padEnd(idWidth + 2 * indent + 2) +
          (n.name.length > 40 ? n.name.slice(0, 39) + '…' : n.name).padEnd(nameWidth + 2) +
          `(${why(n)})`,
      );
      visit(n.id);
    }
  };
  visit(root);
  return lines.length || !orNothing ? lines : ['  nothing recorded'];
}

function work(w: WorkItem, middle: string): string {
  return `  ${w.id}  ${middle}  ${w.title}  [touches ${w.touches.join(', ')}]`;
}

/** A Mermaid flowchart: arrows point from a record to what it needs. */
export function mermaid(r: ImpactResult, edges: readonly ImpactEdge[]): string {
  const all = [{ id: r.target.id, name: r.target.name, kind: r.target.kind }, ...(r.changed ?? []), ...r.downstream, ...r.upstream];
  const nodes = [...new Map(all.map((n) => [n.id, n])).values()];
  const key = new Map(nodes.map((n, i) => [n.id, `n${i}`]));
  const esc = (s: string) => s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
  const lines = ['flowchart LR'];
  for (const n of nodes) {
    const text = `"${esc(n.id)}<br/>${esc(n.name)}"`;
    lines.push(`  ${key.get(n.id)}${n.kind === 'service' ? `([${text}])` : `[${text}]`}`);
  }
  for (const c of r.changed ?? []) lines.push(`  ${key.get(r.target.id)} -.->|changes| ${key.get(c.id)}`);
  for (const e of edges) lines.push(`  ${key.get(e.from)} -->|${esc(e.label)}| ${key.get(e.to)}`);
  lines.push('  classDef target stroke-width:3px,stroke:#c00;', `  class ${key.get(r.target.id)} target;`);
  return lines.join('\n') + '\n';
}
