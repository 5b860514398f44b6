import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from '../../src/core/history.ts';
import { GitError } from '../../src/io/git-tree.ts';
import { forkPoint, readHistory, readRecordHistories } from '../../src/io/history.ts';
import { record } from '../helpers/workspace.ts';
import { ALICE, BOB, CAROL, gitRepo, type GitRepo } from '../helpers/git-repo.ts';

const INC = 'content/incidents/INC-0001.md';

function incident(id: string, fields: string, body = 'Users saw errors at checkout.\n'): string {
  return record(`id: ${id}\ntitle: Checkout returns 500\nservice: SVC-shop\nreported_at: 2026-03-02T09:10:00+01:00\n${fields}`, body);
}

/**
 * The story of a small workspace: an incident reported on main, worked on a branch merged as PR #12,
 * resolved in squash-merged PR #15; another incident renamed; a third deleted.
 */
function buildStory(): GitRepo {
  const repo = gitRepo();
  repo.commit(
    'Report checkout errors',
    {
      [INC]: incident('INC-0001', 'status: new\npriority: P3'),
      'content/incidents/INC-0002.md': incident('INC-0002', 'status: new\npriority: P4'),
      'content/incidents/INC-0009.md': incident('INC-0009', 'status: new\npriority: P4'),
      'README.md': '# Workspace\n',
    },
    { author: ALICE, date: '2026-03-02T09:15:00+01:00' },
  );
  repo.branch('work-inc-1');
  repo.commit(
    'Start work on INC-0001',
    { [INC]: incident('INC-0001', 'status: in_progress\npriority: P3\ntimeline:\n  - { at: 2026-03-02T09:30:00+01:00, status: in_progress }') },
    { author: BOB, date: '2026-03-02T09:31:00+01:00' },
  );
  repo.commit(
    'Raise priority',
    { [INC]: incident('INC-0001', 'status: in_progress\npriority: P2\ntimeline:\n  - { at: 2026-03-02T09:30:00+01:00, status: in_progress }') },
    { author: BOB, date: '2026-03-02T09:40:00+01:00' },
  );
  repo.checkout('main');
  repo.mergePullRequest('work-inc-1', 12, { author: ALICE, date: '2026-03-02T10:00:00+01:00' });
  repo.branch('resolve');
  repo.commit(
    'wip',
    {
      [INC]: incident(
        'INC-0001',
        'status: resolved\npriority: P2\ntimeline:\n  - { at: 2026-03-02T09:30:00+01:00, status: in_progress }',
        'Users saw errors at checkout.\n\nRestarted the web tier.\n',
      ),
    },
    { author: CAROL, date: '2026-03-02T11:00:00+01:00' },
  );
  repo.checkout('main');
  repo.squashPullRequest('resolve', 15, 'Resolve the checkout incident', { author: CAROL, date: '2026-03-02T11:30:00+01:00' });
  repo.rename('content/incidents/INC-0002.md', 'content/incidents/INC-0003.md', 'Renumber INC-0002', {
    author: BOB,
    date: '2026-03-03T08:00:00+01:00',
    files: { 'content/incidents/INC-0003.md': incident('INC-0003', 'status: new\npriority: P4') },
  });
  repo.commit('Remove INC-0009', { 'content/incidents/INC-0009.md': null }, { author: ALICE, date: '2026-03-03T09:00:00+01:00' });
  return repo;
}

let repo: GitRepo;
beforeAll(() => {
  repo = buildStory();
});
afterAll(() => repo.remove());

describe('readHistory: one pass over the repository', () => {
  it('gives every file its versions, newest first, with author, committer time and message', async () => {
    const { truncated, files } = await readHistory(repo.dir);
    expect(truncated).toBe(false);
    expect([...files.keys()].sort()).toEqual(['README.md', 'content/incidents/INC-0001.md', 'content/incidents/INC-0003.md', 'content/incidents/INC-0009.md']);
    const versions = files.get(INC)!;
    expect(versions.map((v) => [v.author, v.email, v.date, v.message, v.status])).toEqual([
      ['Carol Chen', 'carol@example.com', '2026-03-02T11:30:00+01:00', 'Resolve the checkout incident (#15)', 'modified'],
      ['Bob Brown', 'bob@example.com', '2026-03-02T09:40:00+01:00', 'Raise priority', 'modified'],
      ['Bob Brown', 'bob@example.com', '2026-03-02T09:31:00+01:00', 'Start work on INC-0001', 'modified'],
      ['Alice Adams', 'alice@example.com', '2026-03-02T09:15:00+01:00', 'Report checkout errors', 'added'],
    ]);
  });

  it('reads the pull request from merge commits and from squash titles', async () => {
    const versions = (await readHistory(repo.dir)).files.get(INC)!;
    expect(versions.map((v) => v.pr)).toEqual([15, 12, 12, null]);
  });

  it('carries the content of each version and the content just before it', async () => {
    const versions = (await readHistory(repo.dir)).files.get(INC)!;
    expect(versions[0]!.content).toContain('status: resolved');
    expect(versions[0]!.before).toContain('status: in_progress');
    expect(versions[3]!.before).toBeNull();
    expect(versions[3]!.content).toContain('status: new');
  });

  it('follows a rename: older versions of the file belong to its new path', async () => {
    const versions = (await readHistory(repo.dir)).files.get('content/incidents/INC-0003.md')!;
    expect(versions.map((v) => [v.path, v.status])).toEqual([
      ['content/incidents/INC-0003.md', 'renamed'],
      ['content/incidents/INC-0002.md', 'added'],
    ]);
  });

  it('keeps a deleted file under its last path, its newest version without content', async () => {
    const versions = (await readHistory(repo.dir)).files.get('content/incidents/INC-0009.md')!;
    expect(versions.map((v) => [v.status, v.content === null])).toEqual([
      ['deleted', true],
      ['added', false],
    ]);
    expect(versions[0]!.before).toContain('id: INC-0009');
  });

  it('limits the pass to some paths', async () => {
    const { files } = await readHistory(repo.dir, { paths: ['content'] });
    expect(files.has('README.md')).toBe(false);
    expect(files.get(INC)!.map((v) => v.pr)).toEqual([15, 12, 12, null]);
  });

  it('can follow one file across its renames', async () => {
    const { files } = await readHistory(repo.dir, { paths: ['content/incidents/INC-0003.md'], follow: true });
    expect([...files.keys()]).toEqual(['content/incidents/INC-0003.md']);
    expect(files.get('content/incidents/INC-0003.md')!.map((v) => v.path)).toEqual(['content/incidents/INC-0003.md', 'content/incidents/INC-0002.md']);
  });

  it('can leave the contents out for a quick index', async () => {
    const versions = (await readHistory(repo.dir, { contents: false })).files.get(INC)!;
    expect(versions.every((v) => v.content === null && v.before === undefined)).toBe(true);
    expect(versions.map((v) => v.pr)).toEqual([15, 12, 12, null]);
  });

  it('turns the versions into field changes', async () => {
    const entries = recordHistory((await readHistory(repo.dir)).files.get(INC)!, INC);
    expect(
      entries.map((e) => [e.event, e.pr, e.changes.map((c) => `${c.field}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`), e.body_changed]),
    ).toEqual([
      ['edited', 15, ['status: "in_progress" -> "resolved"'], true],
      ['edited', 12, ['priority: "P3" -> "P2"'], false],
      ['edited', 12, ['status: "new" -> "in_progress"', 'timeline: null -> [{"at":"2026-03-02T09:30:00+01:00","status":"in_progress"}]'], false],
      [
        'created',
        null,
        [
          'id: null -> "INC-0001"',
          'title: null -> "Checkout returns 500"',
          'service: null -> "SVC-shop"',
          'reported_at: null -> "2026-03-02T09:10:00+01:00"',
          'status: null -> "new"',
          'priority: null -> "P3"',
        ],
        true,
      ],
    ]);
  });

  it("gives every record's story in one call, for the site", async () => {
    const { truncated, records } = await readRecordHistories(repo.dir);
    expect(truncated).toBe(false);
    expect([...records.keys()].sort()).toEqual(['content/incidents/INC-0001.md', 'content/incidents/INC-0003.md', 'content/incidents/INC-0009.md']);
    expect(records.get(INC)!.map((e) => [e.event, e.pr, e.author])).toEqual([
      ['edited', 15, 'Carol Chen'],
      ['edited', 12, 'Bob Brown'],
      ['edited', 12, 'Bob Brown'],
      ['created', null, 'Alice Adams'],
    ]);
    expect(records.get('content/incidents/INC-0003.md')!.map((e) => [e.event, e.path])).toEqual([
      ['renamed', 'content/incidents/INC-0003.md'],
      ['created', 'content/incidents/INC-0002.md'],
    ]);
  });

  it("gives the story of a shard's records only, a renamed record under its current path", async () => {
    const { records } = await readRecordHistories(repo.dir, (path) => path !== INC);
    expect([...records.keys()].sort()).toEqual(['content/incidents/INC-0003.md', 'content/incidents/INC-0009.md']);
    expect(records.get('content/incidents/INC-0003.md')!.map((e) => e.event)).toEqual(['renamed', 'created']);
  });

  it('reads the same history when the log is split over the cores', async () => {
    const split = await readHistory(repo.dir, { sliceAbove: 1 });
    expect([...split.files]).toEqual([...(await readHistory(repo.dir)).files]);
    const one = { paths: ['content/incidents/INC-0003.md'], follow: true };
    expect([...(await readHistory(repo.dir, { ...one, sliceAbove: 1 })).files]).toEqual([...(await readHistory(repo.dir, one)).files]);
  });

  it('reads paths relative to a workspace inside a larger repository', async () => {
    const mono = gitRepo();
    try {
      mono.commit('Add the ops workspace', { 'ops/content/incidents/INC-0001.md': incident('INC-0001', 'status: new'), 'app/main.c': 'int main;\n' });
      const { files } = await readHistory(join(mono.dir, 'ops'));
      expect([...files.keys()]).toEqual(['content/incidents/INC-0001.md']);
    } finally {
      mono.remove();
    }
  });
});

describe('readHistory: unusual repositories', () => {
  it('says history is truncated in a shallow clone, and still reads what is there', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'itsm-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
    const { truncated, files } = await readHistory(clone);
    expect(truncated).toBe(true);
    const versions = files.get(INC)!;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ status: 'added', pr: null, author: 'Alice Adams' });
    expect(versions[0]!.content).toContain('status: resolved');
    expect(files.has('content/incidents/INC-0009.md')).toBe(false);
  });

  it('gives an empty history for a repository without commits', async () => {
    const empty = gitRepo();
    try {
      expect(await readHistory(empty.dir)).toEqual({ truncated: false, files: new Map() });
    } finally {
      empty.remove();
    }
  });

  it('explains that a folder outside git has no history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'itsm-nogit-'));
    await expect(readHistory(dir)).rejects.toThrow(GitError);
    await expect(readHistory(dir)).rejects.toThrow(/is not inside a git repository/);
  });
});

describe('forkPoint', () => {
  it('is where a branch was cut from the base', async () => {
    const r = gitRepo();
    try {
      const cut = r.commit('base', { 'a.txt': 'a\n' });
      r.branch('topic');
      r.commit('topic work', { 'b.txt': 'b\n' });
      r.checkout('main');
      r.commit('more on main', { 'c.txt': 'c\n' });
      r.checkout('topic');
      expect(await forkPoint(r.dir, 'main')).toBe(cut);
      await expect(forkPoint(r.dir, 'nope')).rejects.toThrow(/fetch-depth: 0/);
    } finally {
      r.remove();
    }
  });
});
