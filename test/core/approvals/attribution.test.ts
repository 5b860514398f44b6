import { describe, expect, it } from 'vitest';
import { attributeCommits, type AttributedCommit } from '../../../src/core/approvals/attribution.ts';

const c = (author: string | null, committer: string | null, cleanBaseMerge = false, sha = '0123456789abcdef'.repeat(3).slice(0, 40)): AttributedCommit => ({
  sha,
  author,
  committer,
  cleanBaseMerge,
});

describe("attributing a pull request's commits", () => {
  it('every author and committer, one spelling per login, web-flow never', () => {
    expect(attributeCommits([c('bob', 'web-flow'), c('Dave', 'dave'), c('carol', 'carol')])).toEqual({ authors: ['Dave', 'bob', 'carol'], problems: [] });
  });

  it('a merge counts unless it was verified to bring in only base commits cleanly', () => {
    expect(attributeCommits([c('paula', 'web-flow', true)]).authors).toEqual([]);
    expect(attributeCommits([c('paula', 'web-flow', false)]).authors).toEqual(['paula']);
  });

  it('a commit no account wrote is a problem naming it; a verified clean merge with no account is not', () => {
    const { problems } = attributeCommits([c(null, null, false, 'a'.repeat(40)), c(null, 'web-flow', false, 'b'.repeat(40)), c(null, null, true)]);
    expect(problems).toEqual([
      expect.stringMatching(/^Commits aaaaaaa, bbbbbbb cannot be attributed to any GitHub account: .*Commit with an email linked to your GitHub account/),
    ]);
  });
});
