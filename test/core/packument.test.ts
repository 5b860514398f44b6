import { describe, expect, it } from 'vitest';
import { isExactVersion, packumentUrl, registryBase, tarballOf } from '../../src/core/packument.ts';

const SHA1 = 'a'.repeat(40);

describe('reading the registry about a release', () => {
  it('takes exact versions only: a range or a tag is not a release to compare with', () => {
    expect(['0.3.0', '1.0.0-rc.1', '2.1.3+build.5'].every(isExactVersion)).toBe(true);
    expect(['^0.3.0', 'latest', '0.3', './0.3.0', 'v0.3.0'].some(isExactVersion)).toBe(false);
  });

  it('normalises the registry URL and escapes a scoped name', () => {
    expect(registryBase('https://registry.example.com/npm')).toBe('https://registry.example.com/npm/');
    expect(registryBase(' http://127.0.0.1:4873/ \n')).toBe('http://127.0.0.1:4873/');
    expect(registryBase('file:///etc/passwd')).toBeUndefined();
    expect(packumentUrl('https://r.example/', '@team/itsm')).toBe('https://r.example/@team%2fitsm');
  });

  it("finds the version's tarball and checksums, or says which versions there are", () => {
    const packument = { versions: { '0.1.0': { dist: { tarball: 'https://r.example/itsm/-/itsm-0.1.0.tgz', shasum: SHA1 } } } };
    expect(tarballOf(packument, 'itsm', '0.1.0')).toEqual({ url: 'https://r.example/itsm/-/itsm-0.1.0.tgz', shasum: SHA1 });
    expect(tarballOf(packument, 'itsm', '0.2.0')).toEqual({ problem: 'itsm 0.2.0 is not on the registry (its latest versions: 0.1.0)' });
    expect(tarballOf({ error: 'not found' }, 'itsm', '0.1.0')).toEqual({ problem: "the registry's answer about itsm lists no versions" });
  });

  it('refuses a tarball it could not verify or fetch over http(s)', () => {
    const at = (dist: object) => tarballOf({ versions: { '0.1.0': { dist } } }, 'itsm', '0.1.0');
    expect(at({ tarball: 'https://r.example/x.tgz' })).toMatchObject({ problem: expect.stringContaining('no checksum') });
    expect(at({ tarball: 'file:///etc/passwd', shasum: SHA1 })).toMatchObject({ problem: expect.stringContaining('no http(s) tarball') });
  });
});
