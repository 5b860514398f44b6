/** Small helpers for the demo generator: templating, local times, and a self-check of the output. */
import { BERLIN, at } from './demo-time.ts';

/** Replaces {name} placeholders; an unknown placeholder is a bug in the demo text. */
export function fill(text: string, ctx: Record<string, string>): string {
  return text.replace(/\{([a-z0-9]+)\}/g, (_, k: string) => {
    const v = ctx[k];
    if (v === undefined) throw new Error(`no value for {${k}} in "${text}"`);
    return v;
  });
}

/** 'YYYY-MM-DDTHH:MM[:SS]' read as wall-clock time in the zone (Berlin by default). */
export function localTime(text: string, zone: string = BERLIN): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) throw new Error(`bad local time "${text}"`);
  return at(zone, Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

interface Out {
  folder: string;
  id: string;
  data: Record<string, unknown>;
}

const PREFIX: Record<string, string> = {
  SVC: 'services',
  CI: 'cis',
  INC: 'incidents',
  PRB: 'problems',
  CHG: 'changes',
  REQ: 'requests',
  REL: 'releases',
  KB: 'kb',
  TEAM: 'teams',
};

/**
 * Checks the whole demo (hand-written and generated records) before anything is written: every
 * reference resolves to a record of the right kind, timelines are ordered, problems list the
 * incidents that name them, and the CMDB has no forbidden cycles.
 * Throws with the list of problems, so a broken demo never reaches content/.
 */
export function checkDemo(records: Out[]): void {
  const problems: string[] = [];
  const byId = new Map(records.map((r) => [r.id, r]));
  if (byId.size !== records.length) problems.push('duplicate IDs');

  const visit = (owner: string, v: unknown, path: string): void => {
    if (typeof v === 'string') {
      const m = /^(SVC|CI|INC|PRB|CHG|REQ|REL|KB|TEAM)-[A-Za-z0-9-]+$/.exec(v);
      if (m && path !== 'id' && !path.endsWith('.note') && !path.endsWith('.by')) {
        const target = byId.get(v);
        if (!target) problems.push(`${owner} ${path}: ${v} does not exist`);
        else if (target.folder !== PREFIX[m[1]!]) problems.push(`${owner} ${path}: ${v} is not a ${PREFIX[m[1]!]}`);
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(owner, x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(owner, x, path ? `${path}.${k}` : k);
  };
  for (const r of records) visit(r.id, r.data, '');

  for (const r of records) {
    const tl = r.data.timeline as { at: string; status?: string }[] | undefined;
    if (!tl) continue;
    for (let i = 1; i < tl.length; i++) if (Date.parse(tl[i]!.at) < Date.parse(tl[i - 1]!.at)) problems.push(`${r.id}: timeline out of order at entry ${i}`);
    const last = [...tl].reverse().find((e) => e.status)?.status;
    if (last !== r.data.status) problems.push(`${r.id}: status ${String(r.data.status)} but timeline ends in ${String(last)}`);
  }

  for (const rel of ['depends_on', 'runs_on']) {
    const state = new Map<string, number>();
    const dfs = (id: string, trail: string[]): void => {
      if (state.get(id) === 2) return;
      if (state.get(id) === 1) {
        problems.push(`${rel} cycle: ${[...trail, id].join(' -> ')}`);
        return;
      }
      state.set(id, 1);
      for (const next of (byId.get(id)?.data[rel] as string[] | undefined) ?? []) dfs(next, [...trail, id]);
      state.set(id, 2);
    };
    for (const r of records) if (r.folder === 'cis' || (r.folder === 'services' && rel === 'depends_on')) dfs(r.id, []);
  }

  // Problem files are hand-written and list their incidents, the volume's among them: a new seed or
  // scenario must come with edited problem files.
  for (const p of records.filter((r) => r.folder === 'problems')) {
    const listed = [...((p.data.incidents as string[] | undefined) ?? [])].sort().join(', ');
    const naming = records
      .filter((r) => r.folder === 'incidents' && r.data.problem === p.id)
      .map((r) => r.id)
      .sort()
      .join(', ');
    if (listed !== naming) problems.push(`content/problems/${p.id}.md: incidents should be [${naming}], not [${listed}]`);
  }

  if (problems.length > 0) throw new Error(`demo content is inconsistent:\n${problems.join('\n')}`);
}
