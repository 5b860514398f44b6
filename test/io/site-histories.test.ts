import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitError } from '../../src/io/git-tree.ts';
import { readSiteHistories } from '../../src/io/site-data.ts';
import { ALICE, BOB, gitRepo, type GitRepo } from '../helpers/git-repo.ts';
import { record } from '../helpers/workspace.ts';

const INC = 'content/incidents/INC-0001.md';
const GONE = 'content/incidents/INC-0002.md';

function incident(id: string, status: string): string {
  return record(
    `id: ${id}\ntitle: Checkout returns 500\nservice: SVC-shop\nreported_at: 2026-03-02T09:10:00+01:00\nstatus: ${status}\npriority: P3`,
    'Users saw errors.\n',
  );
}

let repo: GitRepo;
beforeAll(() => {
  repo = gitRepo();
  repo.commit('Report', { [INC]: incident('INC-0001', 'new'), [GONE]: incident('INC-0002', 'new') }, { author: ALICE });
  repo.commit('Resolve', { [INC]: incident('INC-0001', 'resolved'), [GONE]: null }, { author: BOB });
});
afterAll(() => repo.remove());

describe("the site's record histories", () => {
  it("reads the tested history of the workspace's records only", async () => {
    const histories = (await readSiteHistories(repo.dir, [INC]))!;
    expect([...histories.keys()]).toEqual([INC]);
    expect(histories.get(INC)!.map((e) => [e.event, e.author])).toEqual([
      ['edited', 'Bob Brown'],
      ['created', 'Alice Adams'],
    ]);
  });

  describe('a workspace without history is no error', () => {
    it('outside git: no history at all', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'itsm-nogit-'));
      try {
        expect(await readSiteHistories(dir, [INC])).toBeNull();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a repository without commits: an empty history', async () => {
      const empty = gitRepo();
      try {
        expect(await readSiteHistories(empty.dir, [INC])).toEqual(new Map());
      } finally {
        empty.remove();
      }
    });

    it('a shallow clone: the history that is there', async () => {
      const clone = mkdtempSync(join(tmpdir(), 'itsm-shallow-'));
      try {
        execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
        const histories = (await readSiteHistories(clone, [INC]))!;
        expect(histories.get(INC)!.map((e) => e.event)).toEqual(['created']);
      } finally {
        rmSync(clone, { recursive: true, force: true });
      }
    });
  });

  it('fails the build when git fails for another reason', async () => {
    const broken = gitRepo();
    try {
      broken.commit('Report', { [INC]: incident('INC-0001', 'new') });
      // The record's blob is gone: the log reads, its contents cannot.
      const blob = broken.git('rev-parse', `HEAD:${INC}`).trim();
      rmSync(join(broken.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
      await expect(readSiteHistories(broken.dir, [INC])).rejects.toThrow(GitError);
    } finally {
      broken.remove();
    }
  });
});
