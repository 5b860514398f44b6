import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/core/ids.ts';
import { transitionTablesMarkdown } from '../../src/core/kinds/docs.ts';
import { REGISTRY } from '../../src/core/kinds/index.ts';
import { isAllowedTransition, isLocked, LIFECYCLES } from '../../src/core/transitions.ts';

function schemaStatuses(kind: string): string[] {
  const schema = JSON.parse(readFileSync(new URL(`../../schemas/${kind}.schema.json`, import.meta.url), 'utf8'));
  return schema.properties.status.enum;
}

describe('status transition tables', () => {
  it.each(KINDS)('list exactly the statuses of the %s schema, each with a row', (kind) => {
    const life = LIFECYCLES[kind];
    expect([...life.statuses].sort()).toEqual([...schemaStatuses(kind)].sort());
    expect(Object.keys(life.transitions).sort()).toEqual([...life.statuses].sort());
    for (const next of Object.values(life.transitions)) for (const s of next) expect(life.statuses).toContain(s);
    for (const s of life.locked) expect(life.statuses).toContain(s);
    expect(life.statuses).toContain(life.retire);
  });

  it.each(KINDS)('let every locked %s status be left again (reopening)', (kind) => {
    for (const s of LIFECYCLES[kind].locked) expect(LIFECYCLES[kind].transitions[s]!.length).toBeGreaterThan(0);
  });

  it('let an incident be resolved and then closed, but not closed straight from in_progress', () => {
    expect(isAllowedTransition('incident', 'in_progress', 'resolved')).toBe(true);
    expect(isAllowedTransition('incident', 'resolved', 'closed')).toBe(true);
    expect(isAllowedTransition('incident', 'in_progress', 'closed')).toBe(false);
  });

  it('let a closed incident be reopened', () => {
    expect(isLocked('incident', 'closed')).toBe(true);
    expect(isAllowedTransition('incident', 'closed', 'in_progress')).toBe(true);
  });

  it('keep a change from being implemented before it is approved', () => {
    expect(isAllowedTransition('change', 'submitted', 'implementing')).toBe(false);
    expect(isAllowedTransition('change', 'approved', 'implementing')).toBe(true);
    expect(isAllowedTransition('change', 'completed', 'implementing')).toBe(false);
  });

  it('always allow staying in the same status', () => {
    expect(isAllowedTransition('change', 'completed', 'completed')).toBe(true);
  });

  it('render as Markdown tables, one per kind', () => {
    const md = transitionTablesMarkdown(REGISTRY);
    expect(md).toContain('### Incident (`INC-`)');
    expect(md).toContain('| `in_progress` | `on_hold`, `resolved`, `cancelled` |  |');
    expect(md).toContain('| `closed` | `in_progress` | locked |');
    expect(md).toContain('| `cancelled` | `new` | locked, instead of deleting |');
    expect(md).toContain('| `completed` | (final) |  |');
    expect(md.match(/^### /gm)).toHaveLength(KINDS.length);
  });
});
