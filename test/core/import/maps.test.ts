import { describe, expect, it } from 'vitest';
import { JIRA_INCIDENTS, JIRA_REQUESTS } from '../../../src/core/import/jira.ts';
import { planHeader } from '../../../src/core/import/map.ts';
import { SERVICENOW_TABLES } from '../../../src/core/import/servicenow.ts';
import { readSchemas } from '../../../src/io/schemas.ts';

const MAPS = [...Object.values(SERVICENOW_TABLES), JIRA_INCIDENTS, JIRA_REQUESTS];

describe('every importable kind keeps what the map does not know', () => {
  it.each(MAPS.map((m) => [`${m.vendor} ${m.table} (${m.kind})`, m] as const))('%s: its schema has the shared imported block', (_name, map) => {
    const properties = (readSchemas().documents[map.kind] as { properties: Record<string, { $ref?: string }> }).properties;
    expect(properties.imported?.$ref).toBe('common.schema.json#/$defs/imported');
  });

  it.each(MAPS.map((m) => [`${m.vendor} ${m.table}`, m] as const))('%s: a column it has never heard of goes to the imported block', (_name, map) => {
    const plan = planHeader(map, [map.idColumn, 'Rack Position']);
    expect(plan.where.at(-1)).toEqual({ column: 'Rack Position', to: 'imported.rack_position' });
    expect(plan.keep.at(-1)).toBe('rack_position');
  });
});
