import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffFields, diffRecord, jsonPointer, sameValue } from '../../src/core/diff.ts';

const base = {
  id: 'INC-0142',
  title: 'Checkout is slow',
  status: 'in_progress',
  priority: 'P3',
  cis: ['CI-web'],
  timeline: [
    { at: '2026-03-02T09:10:00+01:00', status: 'new' },
    { at: '2026-03-02T09:20:00+01:00', status: 'in_progress', by: 'ada' },
  ],
};

describe('field-level diffs between two versions of a record', () => {
  it('reports a changed field with its old and new value', () => {
    expect(diffFields(base, { ...base, status: 'resolved', priority: 'P2' })).toEqual([
      { field: 'status', pointer: '/status', kind: 'changed', from: 'in_progress', to: 'resolved' },
      { field: 'priority', pointer: '/priority', kind: 'changed', from: 'P3', to: 'P2' },
    ]);
  });

  it('reports added and removed fields, with null on the missing side', () => {
    const { priority: _dropped, ...withoutPriority } = base;
    const changes = diffFields(base, { ...withoutPriority, assignee: 'ada' });
    expect(changes).toEqual([
      { field: 'assignee', pointer: '/assignee', kind: 'added', from: null, to: 'ada' },
      { field: 'priority', pointer: '/priority', kind: 'removed', from: 'P3', to: null },
    ]);
  });

  it('compares a list of IDs as a whole', () => {
    expect(diffFields(base, { ...base, cis: ['CI-web', 'CI-db'] })).toEqual([
      { field: 'cis', pointer: '/cis', kind: 'changed', from: ['CI-web'], to: ['CI-web', 'CI-db'] },
    ]);
  });

  it('walks into timeline entries with dotted paths', () => {
    const edited = { ...base, timeline: [base.timeline[0], { ...base.timeline[1], note: 'paged' }] };
    expect(diffFields(base, edited)).toEqual([{ field: 'timeline.1.note', pointer: '/timeline/1/note', kind: 'added', from: null, to: 'paged' }]);
  });

  it('walks into nested mappings', () => {
    expect(diffFields({ pir: { done: false } }, { pir: { done: true } })).toEqual([
      { field: 'pir.done', pointer: '/pir/done', kind: 'changed', from: false, to: true },
    ]);
  });

  it('lists timeline entries appended at the end', () => {
    const entry = { at: '2026-03-02T11:00:00+01:00', status: 'resolved', note: 'Restarted' };
    const diff = diffRecord({ data: base, body: 'x' }, { data: { ...base, status: 'resolved', timeline: [...base.timeline, entry] }, body: 'x' });
    expect(diff.timelineAppended).toEqual([entry]);
    expect(diff.timelineRewrittenAt).toBeNull();
    expect(diff.changes.map((c) => c.field)).toEqual(['status', 'timeline.2']);
    expect(diff.bodyChanged).toBe(false);
  });

  it('says where a timeline stopped being append-only', () => {
    const rewritten = { ...base, timeline: [base.timeline[0], { ...base.timeline[1], at: '2026-03-02T09:15:00+01:00' }] };
    expect(diffRecord({ data: base, body: '' }, { data: rewritten, body: '' }).timelineRewrittenAt).toBe(1);
    expect(diffRecord({ data: base, body: '' }, { data: { ...base, timeline: [base.timeline[0]] }, body: '' }).timelineRewrittenAt).toBe(1);
    expect(diffRecord({ data: base, body: '' }, { data: { ...base, timeline: [...base.timeline].reverse() }, body: '' }).timelineRewrittenAt).toBe(0);
  });

  it('notices a changed body but not a changed line ending', () => {
    expect(diffRecord({ data: base, body: 'Users saw errors.\n' }, { data: base, body: 'Users saw errors at checkout.\n' }).bodyChanged).toBe(true);
    expect(diffRecord({ data: base, body: 'a\nb\n' }, { data: base, body: 'a\r\nb\r\n\n' }).bodyChanged).toBe(false);
  });

  it('treats a created file as every field added', () => {
    const diff = diffRecord(null, { data: { id: 'INC-0001', status: 'new' }, body: 'x' });
    expect(diff.changes).toEqual([
      { field: 'id', pointer: '/id', kind: 'added', from: null, to: 'INC-0001' },
      { field: 'status', pointer: '/status', kind: 'added', from: null, to: 'new' },
    ]);
    expect(diff.bodyChanged).toBe(true);
  });

  it('ignores key order', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(diffFields({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual([]);
  });

  it('escapes JSON pointers', () => {
    expect(jsonPointer(['a/b', 'c~d', 3])).toBe('/a~1b/c~0d/3');
  });
});

describe('field diffs, for any front matter', () => {
  const yamlValue = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(fc.constantFrom('id', 'status', 'note', 'at', 'cis', 'timeline'), tie('value'), { maxKeys: 4 }),
  }));
  const frontMatter = fc.dictionary(fc.constantFrom('id', 'title', 'status', 'priority', 'cis', 'timeline', 'pir'), yamlValue.value, { maxKeys: 6 });

  it('finds no change exactly when the two versions are equal', () => {
    fc.assert(
      fc.property(frontMatter, frontMatter, (a, b) => {
        expect(diffFields(a, a)).toEqual([]);
        expect(diffFields(a, b).length === 0).toBe(sameValue(a, b));
      }),
    );
  });

  it('gives every change a pointer that matches its dotted path', () => {
    fc.assert(
      fc.property(frontMatter, frontMatter, (a, b) => {
        for (const c of diffFields(a, b)) expect(c.pointer).toBe(c.field === '' ? '' : '/' + c.field.split('.').join('/'));
      }),
    );
  });
});
