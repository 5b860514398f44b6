import { describe, expect, it } from 'vitest';
import { assignPullRequests, pullRequestFromSubject, recordHistory, type FileVersion } from '../../src/core/history.ts';

describe('pull request numbers from commit messages', () => {
  it.each([
    ['Merge pull request #123 from northwind/fix-login', 123],
    ['Resolve the checkout incident (#15)', 15],
    ['Resolve the checkout incident (#15)\n\n* wip\n* more (#3)', 15],
    ['Fix #15 in the parser', null],
    ['Merge branch main into topic', null],
    ['Bump (#abc)', null],
  ])('%j -> %j', (message, pr) => {
    expect(pullRequestFromSubject(message)).toBe(pr);
  });
});

describe('which pull request brought each commit in', () => {
  const c = (sha: string, parents: string[], message = sha) => ({ sha, parents, message });

  it('gives branch commits the PR of the merge that brought them to the main line', () => {
    // a - m1 - m2 (main), b1 - b2 merged as #7 by m1; c1 merged as #9 by m2 after merging main into it.
    const commits = [
      c('m2', ['m1', 'c2'], 'Merge pull request #9 from o/c'),
      c('c2', ['c1', 'm1'], "Merge branch 'main' into c"),
      c('c1', ['a']),
      c('m1', ['a', 'b2'], 'Merge pull request #7 from o/b'),
      c('b2', ['b1']),
      c('b1', ['a']),
      c('a', []),
    ];
    const prs = assignPullRequests(commits, 'm2');
    expect(Object.fromEntries(prs)).toEqual({ m2: 9, c2: 9, c1: 9, m1: 7, b2: 7, b1: 7 });
  });

  it('keeps the first PR for a commit merged twice', () => {
    const commits = [
      c('m2', ['m1', 'b2'], 'Merge pull request #2 from o/b'),
      c('b2', ['b1']),
      c('m1', ['a', 'b1'], 'Merge pull request #1 from o/b'),
      c('b1', ['a']),
      c('a', []),
    ];
    expect(Object.fromEntries(assignPullRequests(commits, 'm2'))).toEqual({ m2: 2, b2: 2, m1: 1, b1: 1 });
  });

  it('survives parents missing from a shallow history', () => {
    expect(Object.fromEntries(assignPullRequests([c('m', ['gone1', 'gone2'], 'Merge pull request #4 from o/x')], 'm'))).toEqual({ m: 4 });
  });
});

describe('recordHistory', () => {
  const v = (over: Partial<FileVersion>): FileVersion => ({
    commit: 'c',
    author: 'A',
    email: 'a@x',
    date: '2026-03-02T09:00:00+01:00',
    message: 'm',
    pr: null,
    path: 'content/incidents/INC-0001.md',
    status: 'modified',
    content: null,
    ...over,
  });
  const text = (status: string) => `---\nid: INC-0001\nstatus: ${status}\n---\nBody\n`;

  it('diffs each version against the one before it, even on parallel branches', () => {
    const entries = recordHistory(
      [
        // Merged later, but made from the "new" version: only its own change shows.
        v({ commit: 'b', content: text('in_progress'), before: text('new') }),
        v({ commit: 'a', content: text('acknowledged'), before: text('new') }),
        v({ commit: 'o', content: text('new'), before: null, status: 'added' }),
      ],
      'content/incidents/INC-0001.md',
    );
    expect(entries.map((e) => [e.commit, e.event, e.changes])).toEqual([
      ['b', 'edited', [{ field: 'status', from: 'new', to: 'in_progress' }]],
      ['a', 'edited', [{ field: 'status', from: 'new', to: 'acknowledged' }]],
      [
        'o',
        'created',
        [
          { field: 'id', from: null, to: 'INC-0001' },
          { field: 'status', from: null, to: 'new' },
        ],
      ],
    ]);
  });

  it('falls back to the next older version when the content before is unknown', () => {
    const entries = recordHistory([v({ content: text('resolved') }), v({ content: text('new'), status: 'added' })], 'x.md');
    expect(entries[0]!.changes).toEqual([{ field: 'status', from: 'new', to: 'resolved' }]);
  });

  it('marks a deletion and a version whose front matter cannot be read', () => {
    const entries = recordHistory([v({ status: 'deleted', content: null, before: 'broken' }), v({ content: 'broken', before: null, status: 'added' })], 'x.md');
    expect(entries[0]).toMatchObject({ event: 'deleted', changes: [], body_changed: false });
    expect(entries[1]!.unreadable).toContain('front matter');
  });
});
