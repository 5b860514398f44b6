import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { existsSync, writeFileSync, rmSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { idleWorkers, validateOnDisk } from '../../src/io/validate-run.ts';
import { minimalWorkspace, INCIDENT } from '../helpers/fixtures.ts';
import { makeWorkspace } from '../helpers/workspace.ts';

function manyIncidents(n: number): Record<string, string> {
  const files: Record<string, string> = minimalWorkspace();
  for (let i = 2; i <= n + 1; i++) {
    const id = `INC-${String(i).padStart(4, '0')}`;
    let text = INCIDENT.replace('id: INC-0001', `id: ${id}`);
    if (i % 7 === 0) text = text.replace('priority: P2', 'priority: P5'); // a matrix error now and then
    if (i % 11 === 0) text = text.replace('cis: [CI-web]', 'cis: [CI-nowhere]'); // and a dangling reference
    files[`content/incidents/${id}.md`] = text;
  }
  return files;
}

describe('validateOnDisk', () => {
  it('gives the same diagnostics on one thread and on worker threads', async () => {
    // Several chunks of 64 files each: the workers post theirs while the main thread parses its own.
    const dir = makeWorkspace(manyIncidents(400));
    const single = await validateOnDisk(dir, { cache: false, workers: 0 });
    const parallel = await validateOnDisk(dir, { cache: false, workers: 2, parallelThreshold: 10 });
    expect(single.diagnostics.length).toBeGreaterThan(50);
    expect(parallel.records).toBe(single.records);
    expect(parallel.diagnostics).toEqual(single.diagnostics);
  });

  it('with no cache yet, a worker started before the policies are read finds what one thread finds, and the next run reuses its cache', async () => {
    const dir = makeWorkspace(manyIncidents(60));
    const single = await validateOnDisk(dir, { cache: false, workers: 0 });
    const cold = await validateOnDisk(dir, { cache: true, workers: 1, parallelThreshold: 10 });
    expect(cold.cached).toBe(0);
    expect(cold.diagnostics).toEqual(single.diagnostics);
    const warm = await validateOnDisk(dir, { cache: true, workers: 1, parallelThreshold: 10 });
    expect(warm.cached).toBe(warm.records);
    expect(warm.diagnostics).toEqual(single.diagnostics);
  });

  it('starts worker threads only on cores the load leaves free', () => {
    expect([0, 1, 1.5, 1.6, 2, 3.5].map((load) => idleWorkers(2, load))).toEqual([1, 1, 1, 0, 0, 0]);
    expect([0, 5, 9].map((load) => idleWorkers(8, load))).toEqual([7, 3, 0]);
    expect(idleWorkers(1, 0)).toBe(0);
  });

  it('re-validates from the cache without re-parsing unchanged files, and sees edits', async () => {
    const dir = makeWorkspace(manyIncidents(30));
    const cold = await validateOnDisk(dir, { cache: true });
    expect(cold.cached).toBe(0);
    const warm = await validateOnDisk(dir, { cache: true });
    expect(warm.cached).toBe(warm.records);
    expect(warm.diagnostics).toEqual(cold.diagnostics);

    const file = join(dir, 'content/incidents/INC-0005.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('impact: medium', 'impact: huge'));
    const edited = await validateOnDisk(dir, { cache: true });
    expect(edited.cached).toBe(edited.records - 1);
    expect(edited.diagnostics.filter((d) => d.file === 'content/incidents/INC-0005.md').map((d) => d.rule)).toEqual(['schema/enum']);
  });

  it('skips reading files whose size, times and inode are unchanged, and still sees an edit of the same size', async () => {
    const dir = makeWorkspace(manyIncidents(5));
    const file = join(dir, 'content/incidents/INC-0003.md');
    // Files changed in the last 2 seconds are always read (coarse timestamps): run "a minute later".
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 60_000);
      const cold = await validateOnDisk(dir, { cache: true });
      const cache = JSON.parse(readFileSync(join(dir, '.itsm-cache/validate-v1.json'), 'utf8')) as { entries: Record<string, { stamp?: string }> };
      expect(cache.entries['content/incidents/INC-0003.md']!.stamp).toMatch(/^\d+:/);
      expect((await validateOnDisk(dir, { cache: true })).diagnostics).toEqual(cold.diagnostics);

      writeFileSync(file, readFileSync(file, 'utf8').replace('impact: medium', 'impact: mediux'));
      const edited = await validateOnDisk(dir, { cache: true });
      expect(edited.cached).toBe(edited.records - 1);
      expect(edited.diagnostics.filter((d) => d.file === 'content/incidents/INC-0003.md').map((d) => d.rule)).toEqual(['schema/enum']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a cold run hashes no file it could stamp; a touched file is then checked once more, and known by its hash after', async () => {
    const dir = makeWorkspace(manyIncidents(5));
    const rel = 'content/incidents/INC-0003.md';
    const file = join(dir, rel);
    // Files changed in the last 2 seconds get no stamp (and so a hash): run "a minute later".
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 60_000);
      const cold = await validateOnDisk(dir, { cache: true });
      const cache = JSON.parse(readFileSync(join(dir, '.itsm-cache/validate-v1.json'), 'utf8')) as {
        entries: Record<string, { stamp?: string; hash?: string }>;
      };
      expect(cache.entries[rel]!.stamp).toMatch(/^\d+:/);
      expect(cache.entries[rel]!.hash).toBeUndefined();

      // The same bytes with other times (a `touch`, a checkout back and forth).
      const touch = (secondsAgo: number) => utimesSync(file, (Date.now() - secondsAgo * 1000) / 1000, (Date.now() - secondsAgo * 1000) / 1000);
      touch(30);
      const once = await validateOnDisk(dir, { cache: true });
      expect(once.cached).toBe(once.records - 1);
      expect(once.diagnostics).toEqual(cold.diagnostics);
      touch(20);
      const after = await validateOnDisk(dir, { cache: true });
      expect(after.cached).toBe(after.records);
      expect(after.diagnostics).toEqual(cold.diagnostics);
    } finally {
      vi.useRealTimers();
    }
  });

  it('re-runs the checks across records when a file comes, goes, or changes what other records see', async () => {
    const dir = makeWorkspace(manyIncidents(4));
    const refs = async () =>
      (await validateOnDisk(dir, { cache: true })).diagnostics.filter((d) => d.rule.startsWith('ref/')).map((d) => `${d.rule} ${d.file}`);
    expect(await refs()).toEqual([]);
    const ci = join(dir, 'content/cis/CI-web.md');
    const text = readFileSync(ci, 'utf8');
    writeFileSync(ci, text + '\nA note in the body only.\n');
    expect(await refs()).toEqual([]);
    rmSync(ci);
    const gone = await refs();
    expect(gone.length).toBeGreaterThan(4);
    expect(gone.every((r) => r.startsWith('ref/unknown'))).toBe(true);
    writeFileSync(ci, text);
    expect(await refs()).toEqual([]);
  });

  it('after a few edits writes only a journal of the changed entries, which the next run applies', async () => {
    const dir = makeWorkspace(manyIncidents(6));
    const cacheFile = join(dir, '.itsm-cache/validate-v1.json');
    const journalFile = join(dir, '.itsm-cache/validate-v1.journal.json');
    await validateOnDisk(dir, { cache: true });
    const whole = readFileSync(cacheFile, 'utf8');
    expect(existsSync(journalFile)).toBe(false);

    const inc = join(dir, 'content/incidents/INC-0003.md');
    writeFileSync(inc, readFileSync(inc, 'utf8').replace('impact: medium', 'impact: huge'));
    rmSync(join(dir, 'content/incidents/INC-0004.md'));
    const edited = await validateOnDisk(dir, { cache: true });
    expect(readFileSync(cacheFile, 'utf8')).toBe(whole);
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(journal.entries).sort()).toEqual(['content/incidents/INC-0003.md', 'content/incidents/INC-0004.md']);
    expect(journal.entries['content/incidents/INC-0004.md']).toBeNull();

    const again = await validateOnDisk(dir, { cache: true });
    expect(again.cached).toBe(again.records);
    expect(again.diagnostics).toEqual(edited.diagnostics);
    expect(again.diagnostics).toEqual((await validateOnDisk(dir, { cache: false })).diagnostics);
    expect(again.diagnostics.filter((d) => d.file === 'content/incidents/INC-0003.md').map((d) => d.rule)).toEqual(['schema/enum']);

    // A journal written against another cache is not applied: its files are checked afresh.
    writeFileSync(journalFile, readFileSync(journalFile, 'utf8').replace(/"base":"[0-9a-f]+"/, '"base":"0000"'));
    const other = await validateOnDisk(dir, { cache: true });
    expect(other.cached).toBe(other.records - 1);
    expect(other.diagnostics).toEqual(edited.diagnostics);
  });

  it('reports recorded times after --now from cached records too, though the cache keeps only the latest', async () => {
    const dir = makeWorkspace(manyIncidents(3));
    const future = (r: { diagnostics: Array<{ rule: string; file: string; line: number; message: string }> }) =>
      r.diagnostics.filter((d) => d.rule === 'time/future').map((d) => `${d.file}:${d.line} ${d.message.slice(0, 40)}`);
    const early = new Date('2026-03-02T08:00:00Z');
    const cold = await validateOnDisk(dir, { cache: true, now: early });
    expect(future(cold).length).toBeGreaterThan(3);
    const cache = readFileSync(join(dir, '.itsm-cache/validate-v1.json'), 'utf8');
    expect(cache).not.toContain('happened');
    const warm = await validateOnDisk(dir, { cache: true, now: early });
    expect(warm.cached).toBe(warm.records);
    expect(future(warm)).toEqual(future(cold));
    expect(future(await validateOnDisk(dir, { cache: true, now: new Date('2030-01-01T00:00:00Z') }))).toEqual([]);
  });

  it('throws the cache away when a policy changes, because the rules depend on it', async () => {
    const dir = makeWorkspace(manyIncidents(5));
    await validateOnDisk(dir, { cache: true });
    const matrix = join(dir, 'content/policies/priority-matrix.yaml');
    writeFileSync(matrix, readFileSync(matrix, 'utf8').replace('medium: { high: P2', 'medium: { high: P1'));
    const r = await validateOnDisk(dir, { cache: true });
    expect(r.cached).toBe(0);
    expect(r.diagnostics.filter((d) => d.rule === 'priority/matrix').length).toBe(6);
  });

  it('checks people against the team files from cached records too, and when the team files change', async () => {
    const files = manyIncidents(2);
    files['content/incidents/INC-0002.md'] = files['content/incidents/INC-0002.md']!.replace('team: TEAM-ops\n', 'team: TEAM-ops\nassignee: linus\n');
    const dir = makeWorkspace(files);
    const rules = (r: { diagnostics: Array<{ rule: string; file: string }> }) => r.diagnostics.map((d) => `${d.rule} ${d.file}`);
    expect(rules(await validateOnDisk(dir, { cache: true }))).toEqual(['person/unknown content/incidents/INC-0002.md']);
    const team = join(dir, 'content/teams/TEAM-ops.md');
    writeFileSync(
      team,
      readFileSync(team, 'utf8').replace(
        '  - { name: Grace Hopper, login: grace }',
        '  - { name: Grace Hopper, login: grace }\n  - { name: Linus T, login: linus }',
      ),
    );
    const warm = await validateOnDisk(dir, { cache: true });
    expect(warm.cached).toBe(warm.records - 1);
    expect(rules(warm)).toEqual([]);
  });

  it('ignores a cache whose record facts name people in a shape this version does not write', async () => {
    const dir = makeWorkspace(manyIncidents(2));
    await validateOnDisk(dir, { cache: true });
    const path = join(dir, '.itsm-cache/validate-v1.json');
    const cache = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, { outcome: { facts: { people?: unknown } } }> };
    cache.entries['content/incidents/INC-0002.md']!.outcome.facts.people = [{ pointer: '/assignee', handle: 42 }];
    writeFileSync(path, JSON.stringify(cache));
    expect((await validateOnDisk(dir, { cache: true })).cached).toBe(0);
  });

  it('ignores a corrupt cache file', async () => {
    const dir = makeWorkspace(manyIncidents(5));
    const first = await validateOnDisk(dir, { cache: true });
    writeFileSync(join(dir, '.itsm-cache/validate-v1.json'), '{"format":1,"key":');
    const r = await validateOnDisk(dir, { cache: true });
    expect(r.cached).toBe(0);
    expect(r.diagnostics).toEqual(first.diagnostics);
    rmSync(join(dir, '.itsm-cache'), { recursive: true });
    expect((await validateOnDisk(dir, { cache: true })).diagnostics).toEqual(first.diagnostics);
  });

  it('property: cached and uncached runs agree after arbitrary edits', async () => {
    const dir = makeWorkspace(manyIncidents(8));
    await validateOnDisk(dir, { cache: true });
    const edits = fc.array(
      fc.record({
        n: fc.integer({ min: 2, max: 9 }),
        edit: fc.constantFrom(
          (t: string) => t.replace('urgency: high', 'urgency: low'),
          (t: string) => t.replace('title:', 'titel:'),
          (t: string) => t.replace('---\n', '---\nid: INC-0002\n'),
          (t: string) => t.replace('cis: [CI-web]', 'cis: [CI-db]'),
          (t: string) => t + '\nMore notes.\n',
          () => '',
        ),
      }),
      { minLength: 1, maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(edits, async (list) => {
        for (const { n, edit } of list) {
          const file = join(dir, `content/incidents/INC-${String(n).padStart(4, '0')}.md`);
          writeFileSync(file, edit(readFileSync(file, 'utf8')));
        }
        const cached = await validateOnDisk(dir, { cache: true });
        const fresh = await validateOnDisk(dir, { cache: false });
        expect(cached.diagnostics).toEqual(fresh.diagnostics);
      }),
      { numRuns: 25 },
    );
  });
});
