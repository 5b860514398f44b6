import { describe, expect, it } from 'vitest';
import {
  buildKey,
  canonicalJson,
  pageDigest,
  parseManifest,
  planIncremental,
  restampPage,
  sealManifest,
  INCREMENTAL_FORMAT,
} from '../../../src/core/site/page-digest.ts';

const KEY = buildKey({ code: 'v1', shell: { name: 'Desk', now: '2026-11-20T10:00:00Z', base: '/' } });
const page = (id: string, title: string) => ({ id, title, related: [{ id: 'SVC-a', title: 'Payments' }] });

function previous(pages: Record<string, string>) {
  return sealManifest({
    format: INCREMENTAL_FORMAT,
    key: KEY,
    stamp: { now: '2026-11-20T10:00:00Z', nowText: '2026-11-20 10:00 UTC' },
    pages: Object.fromEntries(Object.entries(pages).map(([path, digest]) => [path, { digest, sha256: `sha-of-${path}` }])),
    files: Object.keys(pages).sort(),
  });
}

describe('page digests', () => {
  it('do not depend on the order the page data was assembled in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(pageDigest(KEY, { title: 'x', id: 'INC-1' })).toBe(pageDigest(KEY, { id: 'INC-1', title: 'x' }));
  });

  it('change with what the page shows, and with the build key', () => {
    expect(pageDigest(KEY, page('INC-1', 'Outage'))).not.toBe(pageDigest(KEY, page('INC-1', 'Outage!')));
    const otherShell = buildKey({ code: 'v1', shell: { name: 'Desk', now: '2026-11-21T10:00:00Z', base: '/' } });
    expect(otherShell).not.toBe(KEY);
    expect(pageDigest(otherShell, page('INC-1', 'Outage'))).not.toBe(pageDigest(KEY, page('INC-1', 'Outage')));
  });
});

describe('planning an incremental build', () => {
  const a = { path: 'incidents/INC-1/index.html', digest: pageDigest(KEY, page('INC-1', 'Outage')) };
  const b = { path: 'incidents/INC-2/index.html', digest: pageDigest(KEY, page('INC-2', 'Slow')) };
  const gone = 'incidents/INC-3/index.html';
  const before = previous({ [a.path]: a.digest, [b.path]: 'old', [gone]: 'x' });

  it('reuses unchanged pages, renders changed and new ones, and counts the pages of deleted records', () => {
    const c = { path: 'incidents/INC-4/index.html', digest: 'new' };
    const plan = planIncremental(before, KEY, [a, b, c], before.files);
    expect(plan).toEqual({ full: false, render: new Set([b.path, c.path]), reuse: new Map([[a.path, `sha-of-${a.path}`]]), dropped: 1 });
  });

  it('builds everything when the build key or the files differ, and says why', () => {
    expect(planIncremental(before, 'other', [a], before.files)).toMatchObject({ full: true, reason: expect.stringContaining('another version of itsm') });
    expect(planIncremental(before, KEY, [a], [...before.files, 'x.html'])).toMatchObject({ full: true, reason: expect.stringContaining('does not list') });
    expect(planIncremental({ problem: 'no manifest' }, KEY, [a], [])).toEqual({ full: true, reason: 'no manifest' });
  });

  it('trusts a manifest only of its format, whole and unedited', () => {
    expect(parseManifest(JSON.parse(JSON.stringify(before)))).toEqual(before);
    expect(parseManifest({ ...before, format: 2 })).toEqual({ problem: 'the manifest is of format 2, not 1' });
    expect(parseManifest({ ...before, pages: { [a.path]: { digest: 'x' } } })).toEqual({ problem: 'the manifest lacks a field or has one of the wrong type' });
    expect(parseManifest({ ...before, files: before.files.slice(1) })).toEqual({
      problem: 'the manifest does not match its check (it was edited or cut short)',
    });
    expect(parseManifest(null)).toEqual({ problem: 'the manifest is not a JSON object' });
  });
});

describe('a reused page as of a new instant', () => {
  const from = { now: '2026-11-20T10:00:00Z', nowText: '2026-11-20 10:00 UTC' };
  const to = { now: '2026-11-21T08:30:00Z', nowText: '2026-11-21 08:30 UTC' };
  const page = (s: { now: string; nowText: string }, body = '<p>INC-1 resolved 2026-03-04 09:15 UTC</p>') =>
    `<html lang="en" data-base="/" data-as-of="${s.now}" data-live="true"><body>${body}<footer>as of <time datetime="${s.now}">${s.nowText}</time>.</footer></body></html>`;

  it('shows the new instant where the shell shows it, and nothing else changes', () => {
    expect(restampPage(page(from), from, to)).toBe(page(to));
  });

  it('is rendered instead when the old instant shows elsewhere, or the shell is not as expected', () => {
    expect(restampPage(page(from, `<td><time datetime="${from.now}">${from.nowText}</time></td>`), from, to)).toBeUndefined();
    expect(restampPage(page(from, `<td>${from.nowText}</td>`), from, to)).toBeUndefined();
    expect(restampPage(page(from).replace(' data-as-of', ' data-was'), from, to)).toBeUndefined();
    expect(restampPage(page(from), from, { ...to, nowText: 'a < b' })).toBeUndefined();
  });
});
