/** Checks on GitHub workflow files that tests share (test/github, test/security). */
import { parse } from 'yaml';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  permissions?: unknown;
  env?: Record<string, unknown>;
  steps?: Step[];
}

/** Whether a job's token can write: any `write` scope, `write-all`, or no permissions at all (the repository default may be write). */
function canWrite(permissions: unknown): boolean {
  if (permissions === undefined || permissions === 'write-all') return true;
  if (typeof permissions === 'object' && permissions !== null) return Object.values(permissions).some((v) => v === 'write');
  return false;
}

const INSTALL = /\b(npm\s+(ci|install|i)|pnpm\s+(install|i)|yarn(\s+install)?)(\s|$)/;
const TOKEN = /\$\{\{\s*(github\.token|secrets\.)/;

/**
 * Where a workflow lets third-party install code near a write token: in a job whose token can write,
 * a checkout that keeps the token in .git/config (`persist-credentials` not false) before a package
 * install, an install that runs package scripts, or a token in job- or workflow-wide `env`.
 */
export function writeTokenExposures(workflowYaml: string): string[] {
  const doc = parse(workflowYaml) as { permissions?: unknown; env?: Record<string, unknown>; jobs?: Record<string, Job> };
  const out: string[] = [];
  for (const [name, job] of Object.entries(doc.jobs ?? {})) {
    if (!canWrite(job.permissions ?? doc.permissions)) continue;
    for (const [where, env] of [
      ['env', doc.env],
      [`jobs.${name}.env`, job.env],
    ] as const) {
      for (const [k, v] of Object.entries(env ?? {})) if (TOKEN.test(String(v))) out.push(`${where}.${k}: a token in every step's environment`);
    }
    const steps = job.steps ?? [];
    const firstInstall = steps.findIndex((s) => typeof s.run === 'string' && INSTALL.test(s.run));
    if (firstInstall === -1) continue;
    steps.forEach((s, i) => {
      const at = `jobs.${name}.steps[${i}]`;
      if (i < firstInstall && String(s.uses ?? '').startsWith('actions/checkout') && s.with?.['persist-credentials'] !== false) {
        out.push(`${at}: checkout keeps the write token in .git/config while dependencies are installed (set persist-credentials: false)`);
      }
      if (typeof s.run === 'string' && INSTALL.test(s.run) && !/--ignore-scripts\b/.test(s.run)) {
        out.push(`${at}: installs dependencies with their install scripts in a job that holds a write token (add --ignore-scripts)`);
      }
    });
  }
  return out;
}

/**
 * Expressions whose value an outsider controls: anything from the event payload (issue and PR
 * titles and bodies, comments, branch names, commit messages), the head ref, and step outputs,
 * which may carry such text onwards. They belong in `env:`, read as "$VAR" by the script.
 */
const UNTRUSTED = /\$\{\{[^}]*\b(github\.event\.|github\.head_ref|steps\.[\w-]+\.outputs|needs\.[\w-]+\.outputs|inputs\.)/;

/** Places in a workflow where an expression lands in code: `run:` and github-script's `script:`. */
export function injectionPoints(workflowYaml: string): string[] {
  const doc = parse(workflowYaml) as { jobs?: Record<string, { steps?: Step[] }> };
  const out: string[] = [];
  for (const [job, def] of Object.entries(doc.jobs ?? {})) {
    (def.steps ?? []).forEach((step, i) => {
      const code = [step.run, String(step.uses ?? '').startsWith('actions/github-script') ? step.with?.script : undefined].filter(
        (c): c is string => typeof c === 'string',
      );
      for (const c of code) if (UNTRUSTED.test(c)) out.push(`jobs.${job}.steps[${i}]: ${UNTRUSTED.exec(c)![0]}`);
    });
  }
  return out;
}
