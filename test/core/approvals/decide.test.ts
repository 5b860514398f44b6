import { describe, expect, it } from 'vitest';
import { decideApprovals } from '../../../src/core/approvals/index.ts';
import { added, change, input, modified, OLD_HEAD, policy, review, teams } from './fixture.ts';

const only = (i: Parameters<typeof decideApprovals>[0]) => {
  const result = decideApprovals(i);
  return { result, s: result.subjects.find((x) => x.subject !== 'policy')! };
};

describe('which changes need approval', () => {
  it('a change added as approved needs its approvals', () => {
    const { s } = only(input());
    expect(s.decision).toBe('pending');
    expect(s.triggers).toEqual(['the pull request adds it with status approved']);
    expect(s.missing).toEqual(['1 more approval from the owner team of SVC-payments (TEAM-payments), for normal change, risk low']);
  });

  it('a draft needs no approval yet', () => {
    const { s, result } = only(input({ changes: [added(change({ status: 'draft' }))] }));
    expect(s.decision).toBe('not-required');
    expect(result.decision).toBe('not-required');
  });

  it('moving from submitted to approved needs approval', () => {
    const { s } = only(input({ changes: [modified(change({ status: 'submitted' }), change())] }));
    expect(s.triggers).toEqual(['its status moves from submitted to approved']);
    expect(s.decision).toBe('pending');
  });

  it('moving from approved to scheduled needs approval, from implementing to completed does not', () => {
    expect(only(input({ changes: [modified(change(), change({ status: 'scheduled' }))] })).s.decision).toBe('pending');
    const closing = only(input({ changes: [modified(change({ status: 'implementing' }), change({ status: 'completed' }))] }));
    expect(closing.s.decision).toBe('not-required');
  });

  it('changing the planned window of an approved change voids the approval', () => {
    const { s } = only(input({ changes: [modified(change(), change({ planned_end: '2026-10-11T04:00:00+02:00' }))] }));
    expect(s.triggers).toEqual(['it changes planned_end after approval']);
  });

  it('the same instant written with another offset is no change', () => {
    const { s } = only(input({ changes: [modified(change(), change({ planned_start: '2026-10-10T20:00:00Z' }))] }));
    expect(s.decision).toBe('not-required');
  });

  it('a deleted change record needs no approval', () => {
    const { s } = only(input({ changes: [{ id: 'CHG-0001', file: 'content/changes/CHG-0001.md', before: change() }] }));
    expect(s.decision).toBe('not-required');
  });
});

describe('counting reviews', () => {
  it('an approval by the owner team on the head commit approves a low-risk normal change', () => {
    const { s, result } = only(input({ reviews: [review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('approved');
    expect(s.approvers.map((a) => a.login)).toEqual(['paula']);
    expect(result.decision).toBe('approved');
    expect(s.explanation).toContain('paula for owner of SVC-payments');
  });

  it('only the latest review per reviewer counts: approval then CHANGES_REQUESTED blocks', () => {
    const { s } = only(input({ reviews: [review('paula', 'APPROVED'), review('paula', 'CHANGES_REQUESTED')] }));
    expect(s.decision).toBe('rejected');
    expect(s.explanation).toContain('paula requested changes');
  });

  it('CHANGES_REQUESTED then APPROVED on the head approves', () => {
    const { s } = only(input({ reviews: [review('paula', 'CHANGES_REQUESTED'), review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('approved');
  });

  it('a COMMENTED review does not replace an approval', () => {
    const { s } = only(input({ reviews: [review('paula', 'APPROVED'), review('paula', 'COMMENTED')] }));
    expect(s.decision).toBe('approved');
  });

  it('a COMMENTED review does not lift a request for changes', () => {
    const { s } = only(input({ reviews: [review('paula', 'CHANGES_REQUESTED'), review('paula', 'COMMENTED')] }));
    expect(s.decision).toBe('rejected');
  });

  it('a dismissed approval no longer counts', () => {
    const { s } = only(input({ reviews: [review('paula', 'DISMISSED')] }));
    expect(s.decision).toBe('pending');
  });

  it('a dismissed request for changes no longer blocks', () => {
    const { s } = only(input({ reviews: [review('pete', 'DISMISSED'), review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('approved');
  });

  it('review order is by submission time, not by list order', () => {
    const later = review('paula', 'CHANGES_REQUESTED', { at: '2026-10-02T00:00:00Z' });
    const earlier = review('paula', 'APPROVED', { at: '2026-10-01T00:00:00Z' });
    expect(only(input({ reviews: [later, earlier] })).s.decision).toBe('rejected');
  });

  it('logins compare case-insensitively', () => {
    const cabChange = change({ risk: 'high' });
    const { s } = only(input({ changes: [added(cabChange)], reviews: [review('carol', 'APPROVED'), review('DAVE', 'APPROVED')] }));
    expect(s.decision).toBe('approved');
    expect(s.approvers.map((a) => a.login)).toEqual(['carol', 'DAVE']);
  });

  it('the same person approving twice fills one seat', () => {
    const { s } = only(input({ changes: [added(change({ risk: 'high' }))], reviews: [review('dave', 'APPROVED'), review('dave', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.missing[0]).toMatch(/^1 more approval from the cab role/);
  });

  it('reviews by deleted accounts and pending drafts are ignored', () => {
    const ghost = { ...review('x', 'APPROVED'), login: null };
    const { s } = only(input({ reviews: [ghost, review('paula', 'PENDING')] }));
    expect(s.decision).toBe('pending');
  });

  it('a request for changes by someone who could not approve does not block', () => {
    const { s } = only(input({ reviews: [review('tom', 'CHANGES_REQUESTED'), review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('approved');
    expect(s.explanation).toContain('tom requested changes but is not an approver for this');
  });
});

describe('requirements by type and risk', () => {
  it('normal/high needs two distinct CAB members', () => {
    const { s } = only(input({ changes: [added(change({ risk: 'high' }))], reviews: [review('dave', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.required).toMatchObject([{ role: 'cab', count: 2, approvers: ['dave'], missing: 1, teams: ['TEAM-cab'] }]);
  });

  it('emergency needs one ECAB member', () => {
    const { s } = only(input({ changes: [added(change({ type: 'emergency' }))], reviews: [review('frank', 'APPROVED')] }));
    expect(s.decision).toBe('approved');
  });

  it('a standard change naming an approved template needs no reviewer', () => {
    const { s } = only(input({ changes: [added(change({ type: 'standard', template: 'tls-certificate-renewal' }))] }));
    expect(s.decision).toBe('approved');
    expect(s.explanation).toContain('requires no reviewers');
  });

  it('a standard change without a known template is rejected', () => {
    expect(only(input({ changes: [added(change({ type: 'standard' }))] })).s.decision).toBe('rejected');
    const unknown = only(input({ changes: [added(change({ type: 'standard', template: 'anything-goes' }))] }));
    expect(unknown.s.decision).toBe('rejected');
    expect(unknown.s.explanation).toContain('"anything-goes" is not a standard template');
  });

  it('a standard template limited to some services cannot be used on others', () => {
    const { s } = only(input({ changes: [added(change({ type: 'standard', template: 'payments-only', services: ['SVC-portal'] }))] }));
    expect(s.decision).toBe('rejected');
  });

  it('service-owner approval is needed from the owner of every affected service, including those of named CIs', () => {
    const both = change({ services: ['SVC-portal'], cis: ['CI-pg-main'] });
    const { s } = only(input({ changes: [added(both)], author: 'bob', reviews: [review('tom', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.missing).toEqual(['1 more approval from the owner team of SVC-payments (TEAM-payments), for normal change, risk low']);
  });

  it('one person fills one seat even when in two required teams', () => {
    const p: typeof policy = {
      ...policy,
      rules: [
        {
          type: 'normal',
          require: [
            { role: 'cab', count: 1 },
            { role: 'ecab', count: 1 },
          ],
        },
      ],
    };
    const one = only(input({ policy: p, reviews: [review('carol', 'APPROVED')] }));
    expect(one.s.decision).toBe('pending');
    const two = only(input({ policy: p, reviews: [review('carol', 'APPROVED'), review('dave', 'APPROVED')] }));
    expect(two.s.decision).toBe('approved');
    expect(two.s.required.map((r) => r.approvers)).toEqual([['dave'], ['carol']]);
  });

  it('a change type or risk the policy does not cover is rejected, not waved through', () => {
    const p = { ...policy, rules: [policy.rules[0]] as typeof policy.rules };
    const { s } = only(input({ policy: p }));
    expect(s.decision).toBe('rejected');
    expect(s.explanation).toContain('no rule for a normal change of low risk');
  });

  it('without a change policy on the base branch nothing is approved', () => {
    const { s } = only(input({ policy: undefined, reviews: [review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('rejected');
  });

  it('lowering the risk of a CAB-approved change still needs the CAB', () => {
    const { s } = only(input({ changes: [modified(change({ risk: 'high' }), change({ risk: 'low' }))], reviews: [review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.missing[0]).toContain('as approved before this pull request');
  });

  it('a role no active team holds cannot be met', () => {
    const { s } = only(input({ changes: [added(change({ risk: 'high' }))], teams: teams.filter((t) => t.id !== 'TEAM-cab') }));
    expect(s.decision).toBe('rejected');
    expect(s.explanation).toContain('No active team holds the cab role');
  });

  it('members of a retired team do not count', () => {
    const retired = teams.map((t) => (t.id === 'TEAM-payments' ? { ...t, status: 'retired' as const } : t));
    const { s } = only(input({ teams: retired, reviews: [review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('rejected');
  });
});

describe('bypass attempts', () => {
  it('self-approval: the author never counts, even as a team member', () => {
    const { s } = only(input({ author: 'paula', reviews: [review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.explanation).toContain('paula is the pull request author');
  });

  it('someone who wrote a commit of the PR counts as an author', () => {
    const i = input({ reviews: [review('paula', 'APPROVED')] });
    const { s } = only({ ...i, pr: { ...i.pr, coAuthors: ['Paula'] } });
    expect(s.decision).toBe('pending');
  });

  it('self-approval with different letter case is still the author', () => {
    expect(only(input({ author: 'Paula', reviews: [review('paula', 'APPROVED')] })).s.decision).toBe('pending');
  });

  it('stale approval: an approval of an earlier commit does not count after a push', () => {
    const { s } = only(input({ reviews: [review('paula', 'APPROVED', { commit: OLD_HEAD })] }));
    expect(s.decision).toBe('pending');
    expect(s.explanation).toContain('approved an older commit');
  });

  it('a request for changes on an earlier commit still blocks after a push', () => {
    const { s } = only(input({ reviews: [review('pete', 'CHANGES_REQUESTED', { commit: OLD_HEAD }), review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('rejected');
  });

  it('approver not in the team: an approval by an outsider does not count', () => {
    const { s } = only(input({ reviews: [review('mallory', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
    expect(s.explanation).toContain('mallory is not a member of a team that can approve');
  });

  it('a change record that fails validation (e.g. approvals written in front matter) is rejected', () => {
    const { s } = only(
      input({ changes: [{ id: 'CHG-0001', file: 'content/changes/CHG-0001.md', invalidAtHead: true }], reviews: [review('paula', 'APPROVED')] }),
    );
    expect(s.decision).toBe('rejected');
  });

  it('approval-like fields smuggled into the data are never read', () => {
    const smuggled = { ...change(), approved_by: ['paula'], approvals: [{ login: 'paula' }] } as ReturnType<typeof change>;
    expect(only(input({ changes: [added(smuggled)] })).s.decision).toBe('pending');
  });

  it('marking a change as emergency to dodge the CAB still needs the CAB when it was CAB-approved', () => {
    const { s } = only(
      input({ changes: [modified(change({ risk: 'high' }), change({ risk: 'high', type: 'emergency' }))], reviews: [review('frank', 'APPROVED')] }),
    );
    expect(s.decision).toBe('pending');
  });

  it('naming an extra service owned by a friendly team does not replace the real owner', () => {
    const { s } = only(input({ changes: [added(change({ services: ['SVC-payments', 'SVC-portal'] }))], author: 'bob', reviews: [review('tom', 'APPROVED')] }));
    expect(s.decision).toBe('pending');
  });
});

describe('policy and team edits', () => {
  const editPolicy = { changes: [], paths: ['content/policies/change-policy.yaml'] };

  it('a PR editing the change policy needs the policy-change approvals', () => {
    const result = decideApprovals(input({ ...editPolicy, reviews: [review('dave', 'APPROVED')] }));
    expect(result.subjects[0]).toMatchObject({ subject: 'policy', decision: 'pending' });
    expect(result.decision).toBe('pending');
    const done = decideApprovals(input({ ...editPolicy, reviews: [review('dave', 'APPROVED'), review('erin', 'APPROVED')] }));
    expect(done.decision).toBe('approved');
  });

  it('a policy edit in the same PR as a change needs both approvals', () => {
    const result = decideApprovals(
      input({
        changes: [added(change())],
        paths: ['content/changes/CHG-0001.md', 'content/policies/change-policy.yaml'],
        reviews: [review('paula', 'APPROVED')],
      }),
    );
    expect(result.subjects.map((s) => [s.subject, s.decision])).toEqual([
      ['policy', 'pending'],
      ['CHG-0001', 'approved'],
    ]);
    expect(result.decision).toBe('pending');
  });

  it('a PR adding its author to the CAB is judged by the base teams: the author still cannot approve', () => {
    // The caller reads teams from the base, where alice is not in TEAM-cab; her own review never counts anyway.
    const result = decideApprovals(
      input({ changes: [], paths: ['content/teams/TEAM-cab.md'], reviews: [review('alice', 'APPROVED'), review('dave', 'APPROVED')] }),
    );
    expect(result.decision).toBe('pending');
  });

  it('edits to teams without a policy_changes section still need a CAB approval', () => {
    const { policy_changes: _, ...lax } = policy;
    const result = decideApprovals(input({ changes: [], paths: ['content/teams/TEAM-platform.md'], policy: lax }));
    expect(result.subjects[0]!.required).toMatchObject([{ role: 'cab', count: 1 }]);
    expect(result.decision).toBe('pending');
  });

  it('other paths need no policy approval', () => {
    expect(decideApprovals(input({ changes: [], paths: ['content/incidents/INC-0001.md', 'README.md'] })).decision).toBe('not-required');
  });
});

describe('the target branch', () => {
  const into = (baseRef: string, allowedBases?: string[]) => {
    const i = input({ reviews: [review('paula', 'APPROVED')] });
    return decideApprovals({ ...i, pr: { ...i.pr, baseRef, defaultBranch: 'main' }, ...(allowedBases ? { allowedBases } : {}) });
  };

  it('a PR into the default branch is judged normally', () => {
    expect(into('main').decision).toBe('approved');
  });

  it('a PR into another branch never passes: its pass would show on the same commit in a PR into main', () => {
    const r = into('lax-policy');
    expect(r.decision).toBe('rejected');
    expect(r.subjects[0]).toMatchObject({ subject: 'base', decision: 'rejected' });
    expect(r.subjects[0]!.explanation).toContain('--allow-base lax-policy');
  });

  it('a branch allowed explicitly is judged normally', () => {
    expect(into('release-1', ['release-1']).decision).toBe('approved');
  });
});

describe('a PR behind its base', () => {
  it('a change also edited on the base since the fork is rejected until the branch is updated', () => {
    const c = { ...modified(change({ status: 'submitted' }), change()), changedOnBaseSinceFork: true };
    const { s } = only(input({ changes: [c], reviews: [review('paula', 'APPROVED')] }));
    expect(s.decision).toBe('rejected');
    expect(s.explanation).toContain('Update the branch');
  });
});
