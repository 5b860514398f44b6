import { describe, expect, it } from 'vitest';
import { approvalEvidence, decideApprovals, escapeData, escapeProperty, formatAnnotations, formatSummary } from '../../../src/core/approvals/index.ts';
import type { ApprovalResult, SubjectDecision } from '../../../src/core/approvals/types.ts';
import { added, change, HEAD, input, review } from './fixture.ts';

function subject(i: number, extra: Partial<SubjectDecision> = {}): SubjectDecision {
  return {
    subject: `CHG-${String(i).padStart(4, '0')}`,
    file: `content/changes/CHG-${String(i).padStart(4, '0')}.md`,
    triggers: [],
    required: [],
    approvers: [],
    missing: [],
    reviews: [],
    conflicts: [],
    windows: [],
    decision: 'pending',
    explanation: 'waiting',
    ...extra,
  };
}
const result = (subjects: SubjectDecision[]): ApprovalResult => ({ pr: 7, headSha: HEAD, baseSha: HEAD, decision: 'pending', subjects });

describe('annotations', () => {
  it('escape %, CR and LF in messages, and : and , in properties too', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const { commands } = formatAnnotations(result([subject(1, { explanation: 'line one\nline two 50%' })]));
    expect(commands).toBe('::error file=content/changes/CHG-0001.md,title=CHG-0001%3A approval pending::line one%0Aline two 50%25\n');
  });

  it('at most 10 of each type; the rest go to the summary', () => {
    const windows = [{ kind: 'freeze' as const, message: 'in a freeze' }];
    const { commands, overflow } = formatAnnotations(result(Array.from({ length: 12 }, (_, i) => subject(i + 1, { windows }))));
    expect(commands.match(/^::error /gm)).toHaveLength(10);
    expect(commands.match(/^::warning /gm)).toHaveLength(10);
    expect(overflow).toHaveLength(4);
    const summary = formatSummary(result([]), overflow);
    expect(summary).toContain('- error in content/changes/CHG-0011.md: waiting');
    expect(summary).toContain('- warning in content/changes/CHG-0012.md: in a freeze');
  });

  it('approved and not-required subjects produce no error annotation', () => {
    expect(formatAnnotations(result([subject(1, { decision: 'approved' }), subject(2, { decision: 'not-required' })])).commands).toBe('');
  });
});

describe('job summary', () => {
  it('is a table with one row per subject; pipes in text cannot break it', () => {
    const md = formatSummary(result([subject(1, { missing: ['a | b'] })]));
    expect(md).toContain('| Subject | Decision | Approved by | Missing | Can approve | Windows and conflicts |');
    expect(md).toContain('| CHG-0001 | pending | - | a \\| b | - | - |');
  });

  it('names who can approve each change, and whom this run asked', () => {
    const md = formatSummary(result([subject(1)]), [], {
      canApprove: { 'CHG-0001': ['paula', 'pete'] },
      reviewRequest: { users: ['pete'], teams: ['payments'] },
    });
    expect(md).toMatch(/\| CHG-0001 \| pending \| - \| [^|]* \| paula, pete \| - \|/);
    expect(md).toContain('Review requested from pete, team payments.');
  });
});

describe('approval evidence', () => {
  it('records who approved which change in which PR, on which commit, and when', () => {
    const r = decideApprovals(
      input({
        changes: [added(change()), added(change({ id: 'CHG-0002', status: 'draft' }))],
        reviews: [review('paula', 'APPROVED', { at: '2026-10-01T10:00:00Z' })],
      }),
    );
    expect(approvalEvidence(r)).toEqual([
      { change: 'CHG-0001', pr: 7, commit: HEAD, approvers: [{ login: 'paula', at: '2026-10-01T10:00:00Z' }], decision: 'approved' },
    ]);
  });
});
