import { describe, expect, it } from 'vitest';
import { forgeLinks } from '../../src/core/forge.ts';

describe('forgeLinks: every address on the forge', () => {
  const forge = forgeLinks('https://github.com/acme/itsm/', 'release/2026');

  it('builds file, editor, commit and pull request addresses from repo_url and the branch', () => {
    expect(forge.file('content/incidents/INC 1.md')).toBe('https://github.com/acme/itsm/blob/release%2F2026/content/incidents/INC%201.md');
    expect(forge.edit('content/incidents/INC-0001.md')).toBe('https://github.com/acme/itsm/edit/release%2F2026/content/incidents/INC-0001.md');
    expect(forge.create('change', 'CHG-NEW.md', 'a: b')).toBe(
      'https://github.com/acme/itsm/new/release%2F2026/content/changes?filename=CHG-NEW.md&value=a%3A%20b',
    );
    expect(forge.commit('abcdef0123')).toBe('https://github.com/acme/itsm/commit/abcdef0123');
    expect(forge.pullRequest(12)).toBe('https://github.com/acme/itsm/pull/12');
  });

  it('makes no link without a safe http(s) repo_url', () => {
    for (const url of [undefined, 'javascript:alert(1)', '//evil.example/x', 'https://github.com/a/b?x=1']) {
      const f = forgeLinks(url);
      expect([f.file('a.md'), f.edit('a.md'), f.create('incident', 'x.md'), f.commit('abc'), f.pullRequest(1)]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
    }
  });
});
