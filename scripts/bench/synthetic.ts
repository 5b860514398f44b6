/**
 * Synthetic workspaces for benchmarks: realistic record sizes (incidents of about 1.4 KB with a
 * timeline of several entries), deterministic from a seed, written to a directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'database latency checkout timeout replica certificate queue backlog login gateway memory disk pressure deploy rollback cache eviction dns resolver packet loss vpn tunnel printer mailbox quota sync token expiry batch job failed retry'.split(
    ' ',
  );
const MATRIX: Record<string, Record<string, string>> = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P5' },
};
const LEVELS = ['high', 'medium', 'low'] as const;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export interface SyntheticOptions {
  incidents: number;
  services?: number;
  cis?: number;
  seed?: number;
}

/** Front matter + body of one synthetic incident. */
export function syntheticIncident(n: number, random: () => number, services: number, cis: number): string {
  const id = `INC-${String(n).padStart(6, '0')}`;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const impact = pick(LEVELS);
  const urgency = pick(LEVELS);
  const start = Date.UTC(2026, 0, 1) + Math.floor(random() * 300 * 86400) * 1000;
  const ack = start + (5 + Math.floor(random() * 90)) * 60_000;
  const hold = ack + (30 + Math.floor(random() * 300)) * 60_000;
  const resume = hold + (60 + Math.floor(random() * 900)) * 60_000;
  const resolved = resume + (20 + Math.floor(random() * 600)) * 60_000;
  const title = `${pick(WORDS)} ${pick(WORDS)} on ${pick(WORDS)} ${pick(WORDS)}`;
  const svc = `SVC-s${Math.floor(random() * services)}`;
  const ci1 = `CI-c${Math.floor(random() * cis)}`;
  const note = () => Array.from({ length: 8 }, () => pick(WORDS)).join(' ');
  return `---
id: ${id}
title: ${title[0]!.toUpperCase() + title.slice(1)}
status: resolved
service: ${svc}
cis: [${ci1}]
impact: ${impact}
urgency: ${urgency}
priority: ${MATRIX[impact]![urgency]}
reported_at: ${iso(start)}
acknowledged_at: ${iso(ack)}
resolved_at: ${iso(resolved)}
team: TEAM-ops
assignee: oncall-${Math.floor(random() * 40)}
resolution: Restarted the ${pick(WORDS)} workers and drained the ${pick(WORDS)} queue.
close_code: solved-permanently
timeline:
  - { at: ${iso(start)}, status: new, note: Reported by monitoring }
  - { at: ${iso(ack)}, status: acknowledged, by: oncall }
  - { at: ${iso(ack + 60_000)}, status: in_progress, note: ${note()} }
  - { at: ${iso(hold)}, status: on_hold, note: Waiting for the vendor }
  - { at: ${iso(resume)}, status: in_progress, note: ${note()} }
  - { at: ${iso(resolved)}, status: resolved, note: ${note()} }
---

## What happened
${Array.from({ length: 3 }, note).join('. ')}.

## Notes
${Array.from({ length: 2 }, note).join('. ')}.
`;
}

/** Writes a whole synthetic workspace (policies, team, services, CIs, incidents) under dir. */
export function writeSyntheticWorkspace(dir: string, opts: SyntheticOptions): void {
  const random = rng(opts.seed ?? 42);
  const services = opts.services ?? 20;
  const cis = opts.cis ?? 200;
  for (const folder of ['policies', 'teams', 'services', 'cis', 'incidents']) mkdirSync(join(dir, 'content', folder), { recursive: true });
  writeFileSync(join(dir, 'itsm.yaml'), 'name: Bench\ntime_zone: UTC\n');
  writeFileSync(
    join(dir, 'content/policies/priority-matrix.yaml'),
    `matrix:\n${LEVELS.map((i) => `  ${i}: { ${LEVELS.map((u) => `${u}: ${MATRIX[i]![u]}`).join(', ')} }`).join('\n')}\n`,
  );
  writeFileSync(
    join(dir, 'content/policies/calendars.yaml'),
    'calendars:\n  - id: office\n    name: Office\n    time_zone: Europe/Berlin\n    hours:\n      mon: ["09:00-17:00"]\n      tue: ["09:00-17:00"]\n      wed: ["09:00-17:00"]\n      thu: ["09:00-17:00"]\n      fri: ["09:00-17:00"]\n',
  );
  writeFileSync(
    join(dir, 'content/policies/sla.yaml'),
    'policies:\n  - id: std\n    name: Standard\n    applies_to: { kind: incident }\n    calendar: office\n    pause_statuses: [on_hold]\n    targets:\n      P1: { response: 15m, resolution: 4h }\n      P2: { response: 30m, resolution: 8h }\n      P3: { response: 1h, resolution: 16h }\n      P4: { response: 4h, resolution: 40h }\n      P5: { response: 8h, resolution: 80h }\n',
  );
  // The people the incidents name: the on-call rota (assignees oncall-0..39, timeline by: oncall).
  const rota = Array.from({ length: 40 }, (_, k) => `  - { name: On-call ${k}, login: oncall-${k} }`).join('\n');
  writeFileSync(
    join(dir, 'content/teams/TEAM-ops.md'),
    `---\nid: TEAM-ops\nname: Ops\nstatus: active\nmembers:\n  - { name: Op, login: op, other_logins: [oncall] }\n${rota}\n---\n`,
  );
  for (let s = 0; s < services; s++) {
    // Each service is built from every services-th CI, so every CI serves a service (as in a tidy CMDB).
    const own = Array.from({ length: Math.ceil(cis / services) }, (_, k) => k * services + s)
      .filter((c) => c < cis)
      .map((c) => `CI-c${c}`);
    writeFileSync(
      join(dir, `content/services/SVC-s${s}.md`),
      `---\nid: SVC-s${s}\nname: Service ${s}\nstatus: active\nowner: TEAM-ops\ntier: 2\nsupport_calendar: office\ncis: [${own.join(', ')}]\n---\n`,
    );
  }
  for (let c = 0; c < cis; c++)
    writeFileSync(
      join(dir, `content/cis/CI-c${c}.md`),
      `---\nid: CI-c${c}\nname: Item ${c}\ntype: server\nenvironment: production\nstatus: active\nowner: TEAM-ops\n${c > 0 ? `depends_on: [CI-c${Math.floor(random() * c)}]\n` : ''}---\n`,
    );
  for (let n = 1; n <= opts.incidents; n++)
    writeFileSync(join(dir, `content/incidents/INC-${String(n).padStart(6, '0')}.md`), syntheticIncident(n, random, services, cis));
}
