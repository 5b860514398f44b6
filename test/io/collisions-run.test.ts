/** Which paths from GitHub's list of a pull request's files are read as change records, refused, or ignored. */
import { describe, expect, it } from 'vitest';
import { changeFileOf } from '../../src/io/collisions-run.ts';

describe('a path GitHub lists for a pull request', () => {
  it.each([
    ['content/changes/CHG-0009.md', '', { kind: 'read', file: 'content/changes/CHG-0009.md' }],
    ['ops/content/changes/CHG-0009.md', 'ops/', { kind: 'read', file: 'content/changes/CHG-0009.md' }],
    ['content/changes/CHG-0009.md', 'ops/', { kind: 'ignore' }],
    ['content/incidents/INC-0001.md', '', { kind: 'ignore' }],
    ['content/changes/README.md', '', { kind: 'ignore' }],
    ['src/cli/main.ts', '', { kind: 'ignore' }],
  ] as const)('%s (workspace at "%s") is %o', (path, prefix, expected) => {
    expect(changeFileOf(path, prefix)).toEqual(expected);
  });

  it.each([
    ['/content/changes/CHG-0009.md', 'the path is refused: it is absolute'],
    ['content/changes/../../CHG-0009.md', 'the path is refused: it has a ".." segment'],
    ['content\\changes\\CHG-0009.md', 'the path is refused: it holds a backslash'],
    ['content/changes/CHG-0009\u001b[2J.md', 'the path is refused: it holds a control character'],
    ['content/Changes/CHG-0009.md', 'content/changes/CHG-0009.md (that folder in that case'],
    ['content/changes/CHG-0009.MD', 'content/changes/CHG-0009.md (that folder in that case'],
    ['content/changes/2026/CHG-0009.md', 'no sub-folder'],
    ['content/changes/chg-0009.md', 'records are read only from content/changes/CHG-0009.md'],
  ])('%s is a finding, never fetched: %s', (path, reason) => {
    const place = changeFileOf(path, '');
    expect(place.kind).toBe('refuse');
    expect(place.kind === 'refuse' && place.reason).toContain(reason);
  });
});
