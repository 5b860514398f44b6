import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimalWorkspace, POLICIES } from '../helpers/fixtures.ts';
import { makeWorkspace, record, runCli, runMain, writeFiles } from '../helpers/workspace.ts';

/** A problem naming the incident in a block list, with comments and quoting that must survive. */
const PROBLEM = `---
id: PRB-0001
title: Web tier config pushes are not checked   # INC-0001 was the first
status: investigating
opened_at: 2026-03-03T10:00:00+01:00
# Both incidents below came from unchecked pushes.
incidents:
  - "INC-0001"    # the checkout one
services: [SVC-shop]
timeline:
  - { at: 2026-03-03T10:00:00+01:00, status: investigating, note: INC-0001 and friends }
---

Started after INC-0001. See also INC-00011 (not the same ID).
`;

const FREEZE_POLICY =
  POLICIES['content/policies/change-policy.yaml'] +
  `freezes:
  - { name: Year end, start: 2026-12-20T00:00:00+01:00, end: 2027-01-02T00:00:00+01:00, services: [SVC-shop] }  # shop freeze
`;

function workspace(): string {
  return makeWorkspace({
    ...minimalWorkspace(),
    'content/problems/PRB-0001.md': PROBLEM,
    'content/policies/change-policy.yaml': FREEZE_POLICY,
  });
}

const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');

describe('itsm renumber', () => {
  it('end to end: renames the incident and rewrites only the references, byte for byte', async () => {
    const dir = workspace();
    const before = read(dir, 'content/incidents/INC-0001.md');
    const r = runCli(['renumber', 'INC-0001', 'INC-0005'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('content/incidents/INC-0001.md -> content/incidents/INC-0005.md');
    expect(r.stdout).toContain('content/problems/PRB-0001.md: 1 reference');
    expect(r.stdout).toContain('Mentioned in the text of content/problems/PRB-0001.md');
    expect(existsSync(join(dir, 'content/incidents/INC-0001.md'))).toBe(false);
    expect(read(dir, 'content/incidents/INC-0005.md')).toBe(before.replace('id: INC-0001', 'id: INC-0005'));
    // Only the reference field changed: comments, the quoting, the timeline note and the body keep INC-0001.
    expect(read(dir, 'content/problems/PRB-0001.md')).toBe(PROBLEM.replace('  - "INC-0001"', '  - "INC-0005"'));
    expect((await runMain(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('renames a service in every record and in the policy files, nothing else', async () => {
    const dir = workspace();
    const files = minimalWorkspace();
    const r = await runMain(['renumber', 'SVC-shop', 'SVC-web-shop'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, 'content/services/SVC-web-shop.md')).toBe(files['content/services/SVC-shop.md']!.replace('id: SVC-shop', 'id: SVC-web-shop'));
    for (const rel of ['content/incidents/INC-0001.md', 'content/changes/CHG-0001.md', 'content/requests/REQ-0001.md', 'content/kb/KB-0001.md']) {
      expect(read(dir, rel), rel).toBe(files[rel]!.replaceAll('SVC-shop', 'SVC-web-shop'));
    }
    expect(read(dir, 'content/problems/PRB-0001.md')).toBe(PROBLEM.replace('services: [SVC-shop]', 'services: [SVC-web-shop]'));
    expect(read(dir, 'content/policies/change-policy.yaml')).toBe(FREEZE_POLICY.replace('services: [SVC-shop] }', 'services: [SVC-web-shop] }'));
    expect(read(dir, 'content/cis/CI-web.md')).toBe(files['content/cis/CI-web.md']);
    expect((await runMain(['validate'], { cwd: dir })).code).toBe(0);
  });

  it("rewrites a problem named by a post-incident review's action", async () => {
    const dir = workspace();
    const pir =
      'major: true\npir:\n  summary: Unchecked push.\n  contributing_factors: [No check]\n  actions:\n    - { title: Check pushes, owner: ada, due: 2026-03-20, done: false, problem: PRB-0001 }\n';
    const incident = minimalWorkspace()['content/incidents/INC-0001.md']!.replace('timeline:', `${pir}timeline:`);
    writeFiles(dir, { 'content/incidents/INC-0001.md': incident });
    const r = await runMain(['renumber', 'PRB-0001', 'PRB-0002'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, 'content/incidents/INC-0001.md')).toBe(incident.replace('problem: PRB-0001 }', 'problem: PRB-0002 }'));
  });

  it('keeps Windows line endings and a byte-order mark as they are', async () => {
    const crlf = '\uFEFF' + PROBLEM.replace(/\n/g, '\r\n');
    const dir = makeWorkspace({ ...minimalWorkspace(), 'content/problems/PRB-0001.md': crlf });
    expect((await runMain(['renumber', 'INC-0001', 'INC-0007'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'content/problems/PRB-0001.md')).toBe(crlf.replace('  - "INC-0001"', '  - "INC-0007"'));
  });

  it('shows the plan and writes nothing with --dry-run', async () => {
    const dir = workspace();
    const r = await runMain(['renumber', 'CI-db', 'CI-shop-db', '--dry-run'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(dry run: nothing written)');
    expect(r.stdout).toContain('content/cis/CI-web.md: 1 reference');
    expect(r.stdout).toContain('content/services/SVC-shop.md: 1 reference');
    expect(existsSync(join(dir, 'content/cis/CI-db.md'))).toBe(true);
  });

  it.each([
    [['renumber', 'INC-0001'], 'give the old and the new ID'],
    [['renumber', 'INC-0001', 'CHG-0002'], '"CHG-0002" is not an incident ID'],
    [['renumber', 'INC-0404', 'INC-0405'], 'there is no content/incidents/INC-0404.md'],
    [['renumber', 'INC-0001', 'INC-0001'], 'the same'],
    [['renumber', 'KB-0001', 'KB-1'], '"KB-1" is not a knowledge article ID'],
  ])('refuses %j and changes nothing', async (args, message) => {
    const dir = workspace();
    const before = readdirSync(join(dir, 'content'), { recursive: true });
    const r = await runMain(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(readdirSync(join(dir, 'content'), { recursive: true })).toEqual(before);
  });

  it('refuses to take an ID that already has a file', async () => {
    const dir = workspace();
    const r = await runMain(['renumber', 'CI-web', 'CI-db'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('content/cis/CI-db.md already exists');
  });

  it('changes nothing while a record with broken YAML could hide a reference', async () => {
    const dir = makeWorkspace({ ...minimalWorkspace(), 'content/problems/PRB-0002.md': record('id: PRB-0002\nincidents: [INC-0001\n') });
    const r = await runMain(['renumber', 'INC-0001', 'INC-0002'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read the YAML of content/problems/PRB-0002.md');
    expect(existsSync(join(dir, 'content/incidents/INC-0001.md'))).toBe(true);
  });
});
