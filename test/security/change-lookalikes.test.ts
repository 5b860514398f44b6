/**
 * Threat: a change record filed where nothing reads it (content/Changes/, CONTENT/changes/, a
 * sub-folder, CHG-0009.MD) is never judged by `itsm approvals`, yet on a case-insensitive disk, or to
 * a reader, it looks like an approved change.
 * Guarantee: any file that looks like a record (a kind's folder in any case, or a name shaped like an
 * ID) but is not at content/<folder>/<ID>.md is an error in `itsm validate`, on every file system; and
 * `itsm approvals` rejects a PR that adds or edits one in a change-like place.
 */
import { describe, expect, it } from 'vitest';
import { misplacedRecord } from '../../src/io/layout.ts';
import { approvePr, BASE_FILES, changeFile } from '../helpers/approval-pr.ts';
import { CHANGE, INCIDENT, minimalWorkspace } from '../helpers/fixtures.ts';
import { makeWorkspace, runMain } from '../helpers/workspace.ts';

const CHG_9 = CHANGE.replace('id: CHG-0001', 'id: CHG-0009');

interface Diag {
  file: string;
  rule: string;
  severity: string;
  message: string;
}

async function validate(files: Record<string, string>): Promise<{ code: number; diagnostics: Diag[] }> {
  const dir = makeWorkspace({ ...minimalWorkspace(), ...files });
  const r = await runMain(['validate', '--format', 'json', '--no-cache', '--now', '2026-11-26T09:00:00Z'], { cwd: dir });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout) as { diagnostics: Diag[] };
  return { code: r.code, diagnostics: out.diagnostics };
}

describe('itsm validate refuses files that look like records but sit elsewhere', () => {
  it('a change under content/Changes/ is an error, not a warning', async () => {
    const r = await validate({ 'content/Changes/CHG-0009.md': CHG_9 });
    expect(r.code).toBe(1);
    const d = r.diagnostics.find((x) => x.file === 'content/Changes/CHG-0009.md')!;
    expect(d).toMatchObject({ rule: 'file/misplaced-record', severity: 'error' });
    expect(d.message).toContain('content/changes/CHG-0009.md');
  });

  it.each([
    ['an upper-case content folder', 'CONTENT/changes/CHG-0009.md', CHG_9],
    ['a capitalised content folder', 'Content/changes/CHG-0009.md', CHG_9],
    ['an upper-case kind folder', 'content/CHANGES/CHG-0009.md', CHG_9],
    ['a sub-folder', 'content/changes/2026/CHG-0009.md', CHG_9],
    ['a deeper sub-folder', 'content/changes/2026/q4/CHG-0009.md', CHG_9],
    ['an upper-case extension', 'content/changes/CHG-0009.MD', CHG_9],
    ['a mixed-case extension', 'content/changes/CHG-0009.Md', CHG_9],
    ['another extension', 'content/changes/CHG-0009.markdown', CHG_9],
    ['a lower-case ID', 'content/changes/chg-0009.md', CHG_9],
    ['a hidden folder', 'content/.changes/CHG-0009.md', CHG_9],
    ['a folder of another kind', 'content/incidents/CHG-0009.md', CHG_9],
    ['a folder of no kind', 'content/drafts/CHG-0009.md', CHG_9],
    ['a Markdown file without an ID in a sub-folder', 'content/changes/2026/upgrade.md', CHG_9],
    ['any file in a look-alike kind folder', 'content/Changes/notes.txt', 'Approved by the CAB.\n'],
    ['another kind: an incident under content/Incidents/', 'content/Incidents/INC-0009.md', INCIDENT.replace('INC-0001', 'INC-0009')],
    ['another kind: a service in a sub-folder', 'content/services/retired/SVC-old.md', 'x\n'],
  ])('%s (%s) is an error', async (_name, path, text) => {
    const r = await validate({ [path]: text });
    expect(r.code).toBe(1);
    expect(r.diagnostics.filter((x) => x.file === path).map((x) => [x.rule, x.severity])).toEqual([['file/misplaced-record', 'error']]);
  });

  it('files that look like no record stay warnings or are ignored, and the workspace stays valid', async () => {
    const r = await validate({
      'content/changes/images/diagram.png': 'png',
      'content/notes.txt': 'x',
      'content/changes/README.md': '# How we file changes\n',
      'content/incidents/readme.md': 'See the runbook.\n',
    });
    expect(r.code).toBe(0);
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(r.diagnostics.filter((x) => x.rule === 'file/unexpected').map((x) => x.file)).toEqual(['content/changes/images/diagram.png', 'content/notes.txt']);
  });

  it('one classifier, independent of the disk: canonical paths are records, look-alikes are not', () => {
    expect(misplacedRecord('content/changes/CHG-0009.md')).toBeUndefined();
    expect(misplacedRecord('content/services/SVC-payments.md')).toBeUndefined();
    expect(misplacedRecord('content/changes/README.md')).toBeUndefined();
    expect(misplacedRecord('docs/changes/CHG-0009.md')).toBeUndefined();
    expect(misplacedRecord('content/Changes/CHG-0009.md')).toMatchObject({ kind: 'change', id: 'CHG-0009' });
    expect(misplacedRecord('content/changes/chg-0009.MD')).toMatchObject({ kind: 'change', id: 'CHG-0009' });
    expect(misplacedRecord('CONTENT/CIS/ci-web.md')).toMatchObject({ kind: 'ci' });
  });
});

describe('itsm approvals rejects a PR that files a change where it would not be judged', () => {
  it('a change added under content/Changes/ is rejected with where to move it', async () => {
    const r = await approvePr({ pr: { 'content/Changes/CHG-0009.md': changeFile('CHG-0009') }, reviews: [{ login: 'paula', state: 'APPROVED' }] });
    expect(r.code).toBe(1);
    const s = r.subject('CHG-0009')!;
    expect(s.decision).toBe('rejected');
    expect(s.file).toBe('content/Changes/CHG-0009.md');
    expect(s.explanation).toContain('Move it to content/changes/CHG-0009.md');
  });

  it.each([
    'CONTENT/changes/CHG-0009.md',
    'content/changes/2026/CHG-0009.md',
    'content/changes/CHG-0009.MD',
    'content/changes/chg-0009.md',
    'content/incidents/CHG-0009.md',
    'content/CHANGES/upgrade.md',
  ])('%s', async (path) => {
    const r = await approvePr({ pr: { [path]: changeFile('CHG-0009') } });
    expect(r.code).toBe(1);
    expect(r.result!.subjects.find((s) => s.file === path)?.decision).toBe('rejected');
  });

  // Other encodings: letters and hyphens that only look like ASCII are not the ID either.
  it.each([
    ['a non-breaking hyphen', 'content/changes/CHG\u20110009.md'],
    ['a Cyrillic C', 'content/changes/\u0421HG-0009.md'],
    ['a zero-width space in the folder', 'content/chan\u200Bges/CHG-0009.md'],
    ['a Cyrillic a in the folder', 'content/ch\u0430nges/CHG-0009.md'],
  ])('%s: refused by validate and by approvals', async (_name, path) => {
    const v = await validate({ [path]: CHG_9 });
    expect(v.code).toBe(1);
    expect(v.diagnostics.filter((x) => x.file === path && x.severity === 'error')).not.toEqual([]);
    const r = await approvePr({ pr: { [path]: changeFile('CHG-0009') }, reviews: [{ login: 'paula', state: 'APPROVED' }] });
    expect(r.code).toBe(1);
    expect(r.result!.subjects.find((s) => s.file === path)?.decision).toBe('rejected');
  });

  it('also in a workspace in a sub-folder of the repository', async () => {
    const r = await approvePr({ root: 'itsm', pr: { 'itsm/content/changes/2026/CHG-0009.md': changeFile('CHG-0009') } });
    expect(r.code).toBe(1);
    expect(r.subject('CHG-0009')!.decision).toBe('rejected');
  });

  it('deleting a misplaced change file is not refused', async () => {
    const base = { ...BASE_FILES, 'content/changes/2026/CHG-0009.md': changeFile('CHG-0009') };
    const r = await approvePr({ base, pr: { 'content/changes/2026/CHG-0009.md': null } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
