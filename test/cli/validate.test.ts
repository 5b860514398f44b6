import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { minimalWorkspace, INCIDENT } from '../helpers/fixtures.ts';
import { makeWorkspace, record, runCli, runMain } from '../helpers/workspace.ts';

interface JsonOut {
  summary: { records: number; errors: number; warnings: number };
  diagnostics: Array<{ file: string; line: number; column: number; rule: string; severity: string; message: string; hint: string | null }>;
}

async function validate(files: Record<string, string | Uint8Array>, extra: string[] = []) {
  const dir = makeWorkspace(files);
  const r = await runMain(['validate', '--format', 'json', '--no-cache', ...extra], { cwd: dir });
  return { ...r, json: JSON.parse(r.stdout) as JsonOut, dir };
}

const INC = 'content/incidents/INC-0001.md';
const withIncident = (text: string | Uint8Array, path = INC) => ({ ...minimalWorkspace(), [path]: text });

describe('itsm validate', () => {
  it('end to end: accepts a valid workspace with exit 0 and a summary', async () => {
    const dir = makeWorkspace(minimalWorkspace());
    const r = runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no errors, 0 warnings in 8 records');
    expect(r.stderr).toBe('');
  });

  it('end to end: a clean run loads no YAML editor, schema compiler, gray-matter, Temporal or simple-git (start-up time)', () => {
    const dir = makeWorkspace(minimalWorkspace());
    // A module hook in the itsm process writes down every module it loads.
    const hook = join(dir, '.module-hook.mjs');
    const loaded = join(dir, '.modules.txt');
    writeFileSync(
      hook,
      `import { registerHooks } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nregisterHooks({ load(url, context, next) { appendFileSync(${JSON.stringify(loaded)}, url + '\\n'); return next(url, context); } });\n`,
    );
    const r = runCli(['validate'], { cwd: dir, env: { NODE_OPTIONS: `--import ${pathToFileURL(hook).href}` } });
    expect(r.code).toBe(0);
    const modules = readFileSync(loaded, 'utf8').split('\n');
    expect(modules.some((m) => m.includes('/js-yaml/'))).toBe(true); // the hook saw the parser it needs
    expect(modules.filter((m) => /\/node_modules\/(yaml|gray-matter|temporal-polyfill|simple-git|debug)\/|\/ajv\/dist\/(2020|core|compile\/)/.test(m))).toEqual(
      [],
    );
  });

  it('prints JSON in the documented shape with paths relative to the root', async () => {
    const r = await validate(withIncident(INCIDENT.replace('priority: P2', 'priority: P4')));
    expect(r.code).toBe(1);
    expect(r.json.summary).toEqual({ records: 8, errors: 1, warnings: 0 });
    expect(r.json.diagnostics).toEqual([
      {
        file: INC,
        line: 9,
        column: 1,
        rule: 'priority/matrix',
        severity: 'error',
        message: 'Priority is P4, but impact medium x urgency high gives P2 in the priority matrix.',
        hint: 'Set `priority: P2`, or keep P4 and add `priority_override_reason` saying why.',
      },
    ]);
  });

  it('reports a time zone in itsm.yaml that no tz database knows, where it is, instead of failing on it', async () => {
    // The schema only checks the shape of a zone name; computing today's date in it would throw.
    const r = await validate({ ...minimalWorkspace(), 'itsm.yaml': 'name: Test Org\ntime_zone: Mars/Olympus\n' }, ['--now', '2026-06-30T12:00:00Z']);
    expect(r.code).toBe(1);
    expect(r.json.diagnostics.filter((d: { file: string }) => d.file === 'itsm.yaml')).toEqual([
      expect.objectContaining({ line: 2, rule: 'settings/time-zone', severity: 'error', message: '"Mars/Olympus" is not a known IANA time zone.' }),
    ]);
  });

  it('accepts a priority that disagrees with the matrix when a reason is given', async () => {
    const r = await validate(withIncident(INCIDENT.replace('priority: P2', 'priority: P1\npriority_override_reason: CEO demo at 10:00')));
    expect(r.json.summary.errors).toBe(0);
  });

  it('--root validates another directory and --format github prints annotations', async () => {
    const dir = makeWorkspace(withIncident(INCIDENT.replace('status: resolved', 'status: done')));
    const r = await runMain(['validate', '--root', dir, '--format', 'github'], { cwd: '/' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error file=content\/incidents\/INC-0001.md,line=4,col=1,title=schema\/enum::`status` is "done", which is not one of the allowed values.%0AFix: Allowed: new, acknowledged/m,
    );
  });

  it('warns about data quality, judged at --now, and --strict makes those warnings errors', async () => {
    const files = {
      ...minimalWorkspace(),
      'content/kb/KB-0001.md': minimalWorkspace()['content/kb/KB-0001.md']!.replace('status: published', 'status: published\nreview_by: 2026-06-30'),
      'content/cis/CI-lonely.md': record('id: CI-lonely\nname: Forgotten box\ntype: server\nenvironment: production\nstatus: active'),
    };
    const before = await validate(files, ['--now', '2026-06-30T12:00:00Z']);
    expect(before.json.diagnostics.map((d) => d.rule)).toEqual(['quality/ci-unreached', 'quality/ci-without-owner']);
    expect(before.code).toBe(0);
    const after = await validate(files, ['--now', '2026-07-01T12:00:00Z']);
    expect(after.json.diagnostics.map((d) => [d.file, d.line, d.rule, d.severity])).toEqual([
      ['content/cis/CI-lonely.md', 2, 'quality/ci-unreached', 'warning'],
      ['content/cis/CI-lonely.md', 2, 'quality/ci-without-owner', 'warning'],
      ['content/kb/KB-0001.md', 6, 'quality/kb-review-overdue', 'warning'],
    ]);
    const strict = await validate(files, ['--now', '2026-07-01T12:00:00Z', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.json.summary).toEqual({ records: 9, errors: 3, warnings: 0 });
  });

  it('warns when the issue forms no longer list the services there are', async () => {
    const r = await validate({ ...minimalWorkspace(), '.github/ISSUE_TEMPLATE/report-incident.yml': 'name: Report an incident\nbody: []\n' });
    expect(r.json.diagnostics).toEqual([
      expect.objectContaining({ file: '.github/ISSUE_TEMPLATE/report-incident.yml', rule: 'intake/forms-outdated', severity: 'warning' }),
    ]);
    expect(r.code).toBe(0);
  });

  it('exits 2 with a clear message when there is no workspace', async () => {
    const dir = makeWorkspace({ 'README.md': 'hi' });
    const r = await runMain(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no content/ folder');
    expect(r.stdout).toBe('');
  });

  it('exits 2 on an unknown option or format', async () => {
    const dir = makeWorkspace(minimalWorkspace());
    expect(await runMain(['validate', '--colour'], { cwd: dir })).toMatchObject({ code: 2 });
    const r = await runMain(['validate', '--format', 'xml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be one of pretty, json, github; got "xml"');
  });

  it('pretty output names file, line:column, rule and the fix', async () => {
    const dir = makeWorkspace(withIncident(INCIDENT.replace('reported_at: 2026-03-02T09:10:00+01:00', 'reported_at: 2026-03-02 09:10')));
    const r = await runMain(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'content/incidents/INC-0001.md\n  10:1    error    `reported_at` is "2026-03-02 09:10", a time without a UTC offset, which is ambiguous.  schema/pattern',
    );
    expect(r.stdout).toContain('fix: Add the offset, e.g. 2026-03-02T09:10:00+01:00 (or Z for UTC).');
    expect(r.stdout).toContain('1 error, 0 warnings in 8 records.');
  });
});

/** The bad-input corpus: each case produces its own diagnostic, never a crash. */
describe('bad input corpus', () => {
  const cases: Array<{
    name: string;
    files: Record<string, string | Uint8Array>;
    rule: string;
    line: number;
    column: number;
    file?: string;
    message?: RegExp;
  }> = [
    { name: 'broken YAML', files: withIncident('---\nid: INC-0001\ntitle: [unclosed\n---\n'), rule: 'front-matter/yaml', line: 3, column: 17 },
    { name: '---js front matter', files: withIncident('---js\n{ id: "INC-0001" }\n---\n'), rule: 'front-matter/language', line: 1, column: 1 },
    {
      name: 'duplicate keys',
      files: withIncident(INCIDENT.replace('title: Checkout', 'status: new\ntitle: Checkout')),
      rule: 'front-matter/yaml',
      line: 5,
      column: 1,
      message: /duplicated mapping key/,
    },
    {
      name: 'alias bomb',
      files: withIncident(
        `---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n`,
      ),
      rule: 'front-matter/yaml',
      line: 5,
      column: 6,
      message: /maxAliases/,
    },
    {
      name: 'timestamp without offset',
      files: withIncident(INCIDENT.replace('resolved_at: 2026-03-02T11:00:00+01:00', 'resolved_at: 2026-03-02T11:00:00')),
      rule: 'schema/pattern',
      line: 12,
      column: 1,
      message: /without a UTC offset/,
    },
    {
      name: 'dangling reference',
      files: withIncident(INCIDENT.replace('cis: [CI-web]', 'cis: [CI-web, CI-cache]')),
      rule: 'ref/unknown-id',
      line: 6,
      column: 15,
      message: /CI-cache, but no such configuration item exists/,
    },
    { name: 'wrong-kind reference', files: withIncident(INCIDENT.replace('service: SVC-shop', 'service: CI-web')), rule: 'schema/pattern', line: 5, column: 1 },
    {
      name: 'wrong-kind reference to an existing record',
      files: {
        ...minimalWorkspace(),
        'content/services/SVC-shop.md': minimalWorkspace()['content/services/SVC-shop.md']!.replace('owner: TEAM-ops', 'owner: TEAM-ops'),
        'content/teams/TEAM-web.md': record('id: SVC-web\nname: x\nstatus: active\nmembers: [{name: A, login: a}]'),
      },
      rule: 'file/wrong-folder',
      line: 2,
      column: 1,
      file: 'content/teams/TEAM-web.md',
    },
    {
      name: 'duplicate IDs',
      files: { ...minimalWorkspace(), 'content/incidents/INC-0002.md': INCIDENT },
      rule: 'ref/duplicate-id',
      line: 2,
      column: 1,
      file: 'content/incidents/INC-0002.md',
    },
    {
      name: 'ID and file name differ',
      files: { ...minimalWorkspace(), [INC]: INCIDENT.replace('id: INC-0001', 'id: INC-0009') },
      rule: 'file/name-mismatch',
      line: 2,
      column: 1,
    },
    {
      name: 'binary file',
      files: withIncident(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
      rule: 'file/binary',
      line: 0,
      column: 0,
    },
    { name: 'empty file', files: withIncident(''), rule: 'file/empty', line: 0, column: 0 },
    { name: 'huge file', files: withIncident(INCIDENT + 'x'.repeat(1024 * 1024)), rule: 'file/too-large', line: 0, column: 0 },
    {
      name: 'unknown field',
      files: withIncident(INCIDENT.replace('team: TEAM-ops', 'team: TEAM-ops\nasignee: ada')),
      rule: 'schema/additionalProperties',
      line: 14,
      column: 1,
      message: /Unknown field `asignee`/,
    },
    {
      name: 'wrong enum value',
      files: withIncident(INCIDENT.replace('impact: medium', 'impact: severe')),
      rule: 'schema/enum',
      line: 7,
      column: 1,
      message: /`impact` is "severe"/,
    },
    {
      name: 'missing required field',
      files: withIncident(INCIDENT.replace('service: SVC-shop\n', '')),
      rule: 'schema/required',
      line: 2,
      column: 1,
      message: /Missing required field `service`/,
    },
    {
      name: 'milestones out of order',
      files: withIncident(
        INCIDENT.replace('acknowledged_at: 2026-03-02T09:20:00+01:00', 'acknowledged_at: 2026-03-02T08:20:00+01:00').replace(
          '{ at: 2026-03-02T09:20:00+01:00, status: acknowledged',
          '{ at: 2026-03-02T08:20:00+01:00, status: acknowledged',
        ),
      ),
      rule: 'lifecycle/time-order',
      line: 11,
      column: 1,
    },
    {
      name: 'timeline out of order',
      files: withIncident(
        INCIDENT.replace('{ at: 2026-03-02T11:00:00+01:00, status: resolved', '{ at: 2026-03-02T09:15:00+01:00, status: resolved').replace(
          'resolved_at: 2026-03-02T11:00:00+01:00',
          'resolved_at: 2026-03-02T09:15:00+01:00',
        ),
      ),
      rule: 'timeline/order',
      line: 18,
      column: 7,
    },
    {
      name: 'status disagrees with the timeline',
      files: withIncident(INCIDENT.replace('status: resolved', 'status: closed\nclosed_at: 2026-03-03T09:00:00+01:00')),
      rule: 'timeline/status-mismatch',
      line: 4,
      column: 1,
    },
    { name: 'resolved without a resolution', files: withIncident(INCIDENT.replace(/resolution: .*\n/, '')), rule: 'lifecycle/resolution', line: 2, column: 1 },
    {
      name: 'normal change without a rollback plan',
      files: { ...minimalWorkspace(), 'content/changes/CHG-0001.md': minimalWorkspace()['content/changes/CHG-0001.md']!.replace(/rollback_plan: .*\n/, '') },
      rule: 'change/rollback-plan',
      line: 2,
      column: 1,
      file: 'content/changes/CHG-0001.md',
    },
    {
      name: 'CMDB dependency cycle',
      files: {
        ...minimalWorkspace(),
        'content/cis/CI-db.md': minimalWorkspace()['content/cis/CI-db.md']!.replace('owner: TEAM-ops', 'owner: TEAM-ops\ndepends_on: [CI-web]'),
      },
      rule: 'cmdb/cycle',
      line: 8,
      column: 14,
      file: 'content/cis/CI-web.md',
      message: /CI-db -> CI-web -> CI-db/,
    },
    {
      name: 'unknown offering',
      files: {
        ...minimalWorkspace(),
        'content/requests/REQ-0001.md': minimalWorkspace()['content/requests/REQ-0001.md']!.replace('offering: new-account', 'offering: new-laptop'),
      },
      rule: 'ref/unknown-offering',
      line: 5,
      column: 1,
      file: 'content/requests/REQ-0001.md',
    },
    {
      name: 'duration in days in an SLA policy',
      files: {
        ...minimalWorkspace(),
        'content/policies/sla.yaml': minimalWorkspace()['content/policies/sla.yaml']!.replace('resolution: 80h', 'resolution: 10d'),
      },
      rule: 'schema/pattern',
      line: 12,
      column: 27,
      file: 'content/policies/sla.yaml',
      message: /durations in days are not accepted/,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.rule} at ${c.line}:${c.column}`, async () => {
      const r = await validate(c.files);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const d = r.json.diagnostics.find((x) => x.rule === c.rule && x.file === (c.file ?? INC));
      expect(d, JSON.stringify(r.json.diagnostics, null, 1)).toBeDefined();
      expect([d!.line, d!.column]).toEqual([c.line, c.column]);
      expect(d!.hint).toBeTruthy();
      if (c.message) expect(d!.message).toMatch(c.message);
    });
  }

  it('accepts a record saved with a BOM and CRLF line endings', async () => {
    const r = await validate(withIncident('\ufeff' + INCIDENT.replace(/\n/g, '\r\n')));
    expect(r.json.summary.errors).toBe(0);
  });

  it('warns about files that are not records and keeps going', async () => {
    const r = await validate({ ...minimalWorkspace(), 'content/incidents/notes.txt': 'todo' });
    expect(r.code).toBe(0);
    expect(r.json.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([['content/incidents/notes.txt', 'file/unexpected', 'warning']]);
  });

  // Issue 13: a file named like a record but filed elsewhere would never be judged: an error.
  it('refuses a file named like a record outside its folder', async () => {
    const r = await validate({ ...minimalWorkspace(), 'content/misc/INC-0005.md': INCIDENT });
    expect(r.code).toBe(1);
    expect(r.json.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([['content/misc/INC-0005.md', 'file/misplaced-record', 'error']]);
  });
});

describe('itsm validate: times in the future (time/future)', () => {
  it('a resolution after --now is an error on its line; the same file is fine with --now 3 minutes before it', async () => {
    const files = withIncident(INCIDENT);
    const early = await validate(files, ['--now', '2026-03-02T10:30:00+01:00']);
    expect(early.code).toBe(1);
    const future = early.json.diagnostics.filter((d) => d.rule === 'time/future' && d.file === INC);
    expect(future.map((d) => d.line)).toEqual([12, 18]);
    expect(future[0]!.message).toBe(
      '`resolved_at` is 2026-03-02T11:00:00+01:00, in the future: more than 5 minutes after --now (2026-03-02T09:30:00Z). It records something that happened.',
    );
    const late = await validate(files, ['--now', '2026-03-02T10:57:00+01:00']);
    expect(late.json.diagnostics.filter((d) => d.file === INC)).toEqual([]);
  });

  it('a cached run still judges against the new --now', async () => {
    const dir = makeWorkspace(withIncident(INCIDENT));
    expect((await runMain(['validate', '--now', '2026-04-01T00:00:00Z'], { cwd: dir })).code).toBe(0);
    const r = await runMain(['validate', '--now', '2026-03-01T00:00:00Z'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('time/future');
  });

  it('without --now, judges against the real time: the fixtures and their planned changes are fine', async () => {
    expect((await validate(minimalWorkspace())).code).toBe(0);
  });
});

describe('itsm validate FILE...', () => {
  const broken = () => withIncident(INCIDENT.replace('priority: P2', 'priority: P4').replace('service: SVC-shop', 'service: SVC-gone'));

  it('reports only the given records, while their references still resolve against the whole workspace', async () => {
    const ok = await validate(broken(), ['content/changes/CHG-0001.md', 'content/requests/REQ-0001.md']);
    expect(ok.code).toBe(0);
    expect(ok.json.summary).toEqual({ records: 2, errors: 0, warnings: 0 });
    const bad = await validate(broken(), [INC]);
    expect(bad.code).toBe(1);
    expect(new Set(bad.json.diagnostics.map((d) => d.file))).toEqual(new Set([INC]));
    expect(bad.json.diagnostics.map((d) => d.rule)).toEqual(expect.arrayContaining(['ref/unknown-id']));
    expect(bad.json.summary.records).toBe(1);
  });

  it('takes paths relative to the current directory', async () => {
    const dir = makeWorkspace(broken());
    const r = await runMain(['validate', '--root', '../..', 'INC-0001.md', '--format', 'json'], { cwd: `${dir}/content/incidents` });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as JsonOut).diagnostics.every((d) => d.file === INC)).toBe(true);
  });

  it('refuses (exit 2) a path that is not a record file of the workspace', async () => {
    const dir = makeWorkspace(minimalWorkspace());
    for (const path of ['content/incidents/INC-0404.md', 'content/policies/sla.yaml', 'README.md', '../elsewhere/INC-0001.md']) {
      const r = await runMain(['validate', INC, path], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`itsm validate: not a record file of the workspace at ${dir}: "${path}".`);
      expect(r.stdout).toBe('');
    }
  });
});
