/**
 * Threats: (1) `itsm intake` trusted the shape of the issue event: `labels` that is not a list (a
 * number, an object, null entries) or an issue that is not an object crashed it with a stack trace.
 * Every wrong shape is now exit 2 with what was expected. (2) The intake workflow kept its write token
 * in .git/config (persist-credentials) while `npm ci` ran third-party code: the token is now only in
 * the environment of the step that pushes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readIssuePayload } from '../../src/core/intake-payload.ts';
import { cmdbWorkspace } from '../helpers/cmdb-fixture.ts';
import { makeWorkspace, REPO_ROOT, runMain } from '../helpers/workspace.ts';
import { writeTokenExposures } from '../helpers/workflows.ts';

const BODY =
  '### Service\n\nWeb shop (SVC-shop)\n\n### What is happening?\n\nIt fails.\n\n### Impact\n\nLow: one person or a workaround exists\n\n### Urgency\n\nHigh: work has stopped';
const ISSUE = {
  number: 7,
  title: '[Incident]: Cannot pay',
  body: BODY,
  created_at: '2026-03-04T08:15:00Z',
  user: { login: 'lin' },
  labels: [{ name: 'intake:incident' }, { name: 'intake:accepted' }],
};

async function intake(event: unknown) {
  const dir = makeWorkspace({ ...cmdbWorkspace(), 'event.json': typeof event === 'string' ? event : JSON.stringify(event) });
  const r = await runMain(['intake', '--issue', 'event.json'], { cwd: dir });
  return { ...r, written: readdirSync(join(dir, 'content/incidents')).length };
}

describe('itsm intake on an issue event of the wrong shape', () => {
  it.each([
    ['labels is a number', { labels: 5 }, /`issue\.labels` is a number; expected a list of labels/],
    ['labels is an object', { labels: { name: 'intake:incident' } }, /`issue\.labels` is an object; expected a list of labels/],
    ['labels is text', { labels: 'intake:incident' }, /`issue\.labels` is text; expected a list of labels/],
    ['a label is null', { labels: [{ name: 'intake:incident' }, null] }, /`issue\.labels\[1\]` is null; expected a label/],
    ['a label is a number', { labels: [42] }, /`issue\.labels\[0\]` is a number; expected a label/],
    ['a label is a list', { labels: [['intake:incident']] }, /`issue\.labels\[0\]` is a list; expected a label/],
    ['a label name is a number', { labels: [{ name: 1 }] }, /`issue\.labels\[0\]\.name` is a number; expected text/],
    ['the title is an object', { title: { a: 1 } }, /`issue\.title` is an object; expected text/],
    ['the body is a number', { body: 12 }, /`issue\.body` is a number; expected text/],
    ['created_at is a list', { created_at: [] }, /`issue\.created_at` is a list; expected text/],
    ['user is text', { user: 'lin' }, /`issue\.user` is text; expected an object with a `login`/],
    ['the login is a number', { user: { login: 5 } }, /`issue\.user\.login` is a number; expected text/],
    ['the number is text', { number: 'seven' }, /no issue number/],
    // eslint-disable-next-line no-loss-of-precision -- the point: a payload number JavaScript cannot hold exactly.
    ['the number is past 2^53', { number: 9007199254740993 }, /no issue number/],
  ])('%s: exit 2 with what was expected, nothing written', async (_name, change, message) => {
    const r = await intake({ action: 'labeled', issue: { ...ISSUE, ...change } });
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.code).toBe(2);
    expect(r.written).toBe(2);
  });

  it.each([
    ['null', 'null'],
    ['a number', '5'],
    ['a list', '[1, 2]'],
    ['an event whose issue is a number', '{"issue": 5}'],
    ['an event whose issue is a list', '{"issue": []}'],
  ])('the JSON is %s: exit 2, not a GitHub issue', async (_name, json) => {
    const r = await intake(json);
    expect(r.stderr).toMatch(/^itsm intake: event\.json is not a GitHub issue/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.code).toBe(2);
  });

  it('any JSON at all is read into an issue or refused with a reason, never an exception', () => {
    const issueLike = fc.record(
      {
        number: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()),
        title: fc.jsonValue(),
        body: fc.jsonValue(),
        created_at: fc.jsonValue(),
        user: fc.oneof(fc.jsonValue(), fc.record({ login: fc.jsonValue() })),
        labels: fc.oneof(fc.jsonValue(), fc.array(fc.oneof(fc.jsonValue(), fc.record({ name: fc.jsonValue() })))),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          issueLike,
          issueLike.map((issue) => ({ action: 'labeled', issue })),
        ),
        (doc) => {
          const r = readIssuePayload(doc);
          if (r.ok) expect(Number.isSafeInteger(r.issue.number)).toBe(true);
          else expect(r.problem.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('null labels and a missing user are no labels and no author (the issue is judged, not crashed on)', async () => {
    const r = await intake({ issue: { ...ISSUE, labels: null } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot become a record/);
  });

  it('a well-formed event still becomes a record', async () => {
    const r = await intake({ action: 'labeled', issue: ISSUE });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('content/incidents/INC-0003.md\n');
  });
});

describe('the intake workflow and its write token', () => {
  const text = readFileSync(join(REPO_ROOT, '.github/workflows/intake.yml'), 'utf8');
  const wf = parse(text) as {
    jobs: Record<string, { steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }> }>;
  };
  const steps = Object.values(wf.jobs)[0]!.steps;

  it('keeps no credentials in .git/config and installs without scripts', () => {
    expect(writeTokenExposures(text)).toEqual([]);
    for (const s of steps.filter((s) => s.uses?.startsWith('actions/checkout'))) expect(s.with?.['persist-credentials']).toBe(false);
  });

  it('hands the token to the pushing step only, after dependencies were installed', () => {
    const withToken = steps
      .map((s, i) => [i, JSON.stringify(s.env ?? {})] as const)
      .filter(([, env]) => /github\.token|secrets\./.test(env))
      .map(([i]) => i);
    const install = steps.findIndex((s) => /npm ci/.test(s.run ?? ''));
    const push = steps.findIndex((s) => /git push/.test(s.run ?? ''));
    expect(withToken).toEqual([push]);
    expect(install).toBeGreaterThanOrEqual(0);
    expect(push).toBeGreaterThan(install);
    // The push authenticates through its environment, never through .git/config or argv.
    expect(steps[push]!.run).not.toMatch(/git config|git -c [^\n]*extraheader|\$GH_TOKEN@/);
  });

  it('the check catches a write job that persists credentials, runs install scripts, or shares the token', () => {
    const bad = `on: issues
env:
  TOKEN: \${{ secrets.GITHUB_TOKEN }}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: { contents: write }
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
  b:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with: { persist-credentials: true }
      - run: npm install --ignore-scripts
  reader:
    runs-on: ubuntu-latest
    permissions: { contents: read }
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
`;
    expect(writeTokenExposures(bad)).toEqual([
      "env.TOKEN: a token in every step's environment",
      'jobs.a.steps[0]: checkout keeps the write token in .git/config while dependencies are installed (set persist-credentials: false)',
      'jobs.a.steps[1]: installs dependencies with their install scripts in a job that holds a write token (add --ignore-scripts)',
      "env.TOKEN: a token in every step's environment",
      'jobs.b.steps[0]: checkout keeps the write token in .git/config while dependencies are installed (set persist-credentials: false)',
    ]);
    expect(existsSync(join(REPO_ROOT, '.github/workflows/intake.yml'))).toBe(true);
  });
});
