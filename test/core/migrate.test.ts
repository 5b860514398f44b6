/**
 * Migrations: a release that renames a field lists it in the renames table, and `itsm migrate`
 * rewrites the records that still use the old name. Tested with a fixture table (the package's
 * own table is empty until a release renames something).
 */
import { describe, expect, it } from 'vitest';
import { compareVersions, planMigration, renamesBetween, type FieldRename } from '../../src/core/migrate.ts';
import { RENAMES } from '../../src/core/renames.ts';
import { REGISTRY } from '../../src/core/kinds/index.ts';

const TABLE: FieldRename[] = [
  { since: '0.2.0', kind: 'incident', from: 'resolution', to: 'resolution_notes' },
  { since: '0.3.0', kind: 'incident', from: 'resolution_notes', to: 'fix' },
  { since: '0.3.0', kind: 'kb', from: 'owner', to: 'owner_team' },
];

const incident = `---
id: INC-0001
title: Checkout returns 500
# How it was fixed, for the next person.
resolution: "Restarted the web tier"   # short
status: resolved
---
The body mentions resolution: and stays.
`;

describe('planMigration', () => {
  it('renames the key only: value, quoting, comments, order and body stay byte for byte', () => {
    const plan = planMigration([{ file: 'content/incidents/INC-0001.md', kind: 'incident', text: incident }], TABLE.slice(0, 1));
    expect(plan.rewritten.get('content/incidents/INC-0001.md')).toBe(incident.replace('\nresolution: "Restarted', '\nresolution_notes: "Restarted'));
    expect(plan.changes).toEqual([{ file: 'content/incidents/INC-0001.md', from: 'resolution', to: 'resolution_notes' }]);
  });

  it('chains renames across releases in table order', () => {
    const plan = planMigration([{ file: 'a.md', kind: 'incident', text: incident }], TABLE);
    expect(plan.rewritten.get('a.md')).toContain('\nfix: "Restarted the web tier"   # short\n');
    expect(plan.changes.map((c) => c.to)).toEqual(['resolution_notes', 'fix']);
  });

  it("touches only records of the rename's kind, and leaves records without the field alone", () => {
    const kb = '---\nid: KB-0001\nowner: TEAM-ops\n---\n';
    const plan = planMigration(
      [
        { file: 'kb.md', kind: 'kb', text: kb },
        { file: 'prb.md', kind: 'problem', text: '---\nid: PRB-0001\nresolution: x\n---\n' },
      ],
      TABLE,
    );
    expect([...plan.rewritten.keys()]).toEqual(['kb.md']);
    expect(plan.rewritten.get('kb.md')).toBe('---\nid: KB-0001\nowner_team: TEAM-ops\n---\n');
  });

  it('leaves a record that has both names for a person, and says so', () => {
    const both = '---\nid: INC-0002\nresolution: a\nresolution_notes: b\n---\n';
    const plan = planMigration([{ file: 'b.md', kind: 'incident', text: both }], TABLE.slice(0, 1));
    expect(plan.rewritten.size).toBe(0);
    expect(plan.clashes).toEqual([{ file: 'b.md', from: 'resolution', to: 'resolution_notes' }]);
  });
});

describe('renamesBetween and compareVersions', () => {
  it('picks the renames after the old release up to the new one', () => {
    expect(renamesBetween(TABLE, '0.1.0', '0.2.5').map((r) => r.to)).toEqual(['resolution_notes']);
    expect(renamesBetween(TABLE, '0.2.0', '0.3.0').map((r) => r.to)).toEqual(['fix', 'owner_team']);
    expect(renamesBetween(TABLE, undefined, '1.0.0')).toHaveLength(3);
  });

  it('orders versions numerically, a pre-release before its release', () => {
    expect(compareVersions('0.10.0', '0.9.1')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBeLessThan(0);
    expect(compareVersions('v1.2.3', '1.2.3')).toBe(0);
  });
});

describe("the package's renames table", () => {
  it('names real kinds and versions, each rename once', () => {
    for (const r of RENAMES) {
      expect(REGISTRY.kinds).toContain(r.kind);
      expect(r.since).toMatch(/^\d+\.\d+\.\d+/);
    }
    expect(new Set(RENAMES.map((r) => `${r.kind}.${r.from}`)).size).toBe(RENAMES.length);
  });
});
