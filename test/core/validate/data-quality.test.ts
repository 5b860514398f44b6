import { describe, expect, it } from 'vitest';
import type { PendingDiagnostic } from '../../../src/core/diagnostic.ts';
import { dataQuality } from '../../../src/core/validate/data-quality.ts';
import { placeLater } from '../../../src/io/analyze.ts';
import { loadWorkspaceFromFiles } from '../../../src/io/workspace.ts';
import { cmdbWorkspace } from '../../helpers/cmdb-fixture.ts';
import { record } from '../../helpers/workspace.ts';

function check(change: Record<string, string> = {}, today = '2026-03-05'): PendingDiagnostic[] {
  const { workspace, diagnostics } = loadWorkspaceFromFiles(new Map(Object.entries({ ...cmdbWorkspace(), ...change })));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return dataQuality(workspace, today);
}

const summary = (ds: PendingDiagnostic[]) => ds.map((d) => `${d.rule} ${d.file}${d.pointer ? ' ' + d.pointer : ''}`);

const ci = (id: string, extra: string) => record(`id: ${id}\nname: ${id}\ntype: server\nenvironment: production\n${extra}`);

describe('data quality', () => {
  it('finds only the spare server nobody uses in the fixture CMDB', () => {
    expect(summary(check())).toEqual(['quality/ci-unreached content/cis/CI-spare.md']);
  });

  it('warns about a CI without an owner, but not a retired one', () => {
    const ds = check({ 'content/cis/CI-host.md': ci('CI-host', 'status: active'), 'content/cis/CI-spare.md': ci('CI-spare', 'status: retired') });
    expect(summary(ds)).toEqual(['quality/ci-without-owner content/cis/CI-host.md']);
    expect(ds[0]!.message).toBe('CI-host has no owner: nobody is asked when it breaks or changes.');
  });

  it('does not expect staging and test items to serve a service', () => {
    const ds = check({ 'content/cis/CI-spare.md': record('id: CI-spare\nname: Spare\ntype: server\nenvironment: staging\nstatus: active\nowner: TEAM-ops') });
    expect(summary(ds)).toEqual([]);
  });

  it('reaches CIs through what service CIs depend on, run on and connect to', () => {
    // CI-host is reached only through CI-web -> CI-db -> CI-host; cut CI-db loose and both are unreached.
    const ds = check({ 'content/cis/CI-web.md': ci('CI-web', 'status: active\nowner: TEAM-ops\nconnects_to: [CI-lb]') });
    expect(summary(ds).sort()).toEqual([
      'quality/ci-unreached content/cis/CI-db.md',
      'quality/ci-unreached content/cis/CI-host.md',
      'quality/ci-unreached content/cis/CI-spare.md',
    ]);
  });

  it('points at the reference when an open record or a published article names a retired CI', () => {
    const ds = check({
      'content/cis/CI-spare.md': ci('CI-spare', 'status: retired\nowner: TEAM-ops'),
      'content/kb/KB-0001.md': record('id: KB-0001\ntitle: Restart\ncategory: how-to\nstatus: published\nowner: TEAM-ops\ncis: [CI-web, CI-spare]'),
      'content/incidents/INC-0002.md': record(
        'id: INC-0002\ntitle: Spare down\nstatus: new\nservice: SVC-portal\ncis: [CI-spare]\nimpact: low\nurgency: low\npriority: P5\nreported_at: 2026-03-05T10:00:00+01:00',
      ),
      // A closed record may name it: that is history.
      'content/incidents/INC-0003.md': record(
        'id: INC-0003\ntitle: Old\nstatus: cancelled\nservice: SVC-portal\ncis: [CI-spare]\nimpact: low\nurgency: low\npriority: P5\nreported_at: 2026-01-05T10:00:00+01:00',
      ),
    });
    expect(summary(ds)).toEqual(['quality/retired-ci-named content/incidents/INC-0002.md /cis/0', 'quality/retired-ci-named content/kb/KB-0001.md /cis/1']);
    expect(ds.map((d) => d.message)).toEqual([
      'This new incident names CI-spare, which is retired.',
      'This published article names CI-spare, which is retired.',
    ]);
  });

  it('warns about published articles past their review date, from the day after', () => {
    const kb = record('id: KB-0001\ntitle: Restart\ncategory: how-to\nstatus: published\nowner: TEAM-ops\nservices: [SVC-shop]\nreview_by: 2026-03-04');
    expect(summary(check({ 'content/kb/KB-0001.md': kb }, '2026-03-04'))).not.toContain('quality/kb-review-overdue content/kb/KB-0001.md /review_by');
    expect(summary(check({ 'content/kb/KB-0001.md': kb }, '2026-03-05'))).toContain('quality/kb-review-overdue content/kb/KB-0001.md /review_by');
  });

  it('warns about an active service without a support calendar', () => {
    const ds = check({
      'content/services/SVC-portal.md': record('id: SVC-portal\nname: Partner portal\nstatus: active\nowner: TEAM-ops\ntier: 2\ndepends_on: [SVC-shop]'),
    });
    expect(summary(ds)).toContain('quality/service-without-calendar content/services/SVC-portal.md');
  });

  it('places each warning on a line of the file, as itsm validate prints it', () => {
    const files = {
      ...cmdbWorkspace(),
      'content/kb/KB-0001.md': record('id: KB-0001\ntitle: Restart\ncategory: how-to\nstatus: published\nowner: TEAM-ops\nreview_by: 2026-01-01'),
    };
    const { workspace } = loadWorkspaceFromFiles(new Map(Object.entries(files)));
    const placed = placeLater(dataQuality(workspace, '2026-03-05'), (f) => files[f as keyof typeof files]);
    expect(placed.map((d) => [d.file, d.line, d.rule])).toEqual([
      ['content/cis/CI-spare.md', 2, 'quality/ci-unreached'],
      ['content/kb/KB-0001.md', 7, 'quality/kb-review-overdue'],
    ]);
  });
});
