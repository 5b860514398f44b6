import { describe, expect, it } from 'vitest';
import { latestSchemaPath, schemaId, schemaVersion, staleSchemaIds, versionedSchemaPath, withSchemaId } from '../../src/core/schema-ids.ts';

describe('schema ids per version', () => {
  it('carry the major.minor of the package version, so patch releases keep the address', () => {
    expect(schemaVersion('0.1.0')).toBe('v0.1');
    expect(schemaVersion('2.13.7-beta.1')).toBe('v2.13');
    expect(schemaId('incident', '0.1.4')).toBe('https://itsm.local/schemas/v0.1/incident.schema.json');
    expect(versionedSchemaPath('incident', '1.2.0')).toBe('/schemas/v1.2/incident.schema.json');
    expect(latestSchemaPath('incident')).toBe('/schemas/incident.schema.json');
    expect(() => schemaVersion('unknown')).toThrow(/not major.minor.patch/);
  });

  it('a bumped version makes every schema stale until the generator sets the new $id, leaving the rest of the file as it was', () => {
    const text =
      '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "$id": "https://itsm.local/schemas/v0.1/kb.schema.json",\n  "title": "KB",\n  "properties": { "x": { "$id": "inner" } }\n}\n';
    const docs = { kb: JSON.parse(text) as object };
    expect(staleSchemaIds(docs, '0.1.9')).toEqual([]);
    expect(staleSchemaIds(docs, '0.2.0')).toEqual(['kb']);
    const stamped = withSchemaId(text, 'kb', '0.2.0');
    expect(stamped).toBe(text.replace('/v0.1/kb', '/v0.2/kb'));
    expect(staleSchemaIds({ kb: JSON.parse(stamped) as object }, '0.2.0')).toEqual([]);
    expect(() => withSchemaId('{ "title": "x" }', 'kb', '0.2.0')).toThrow(/no "\$id" line/);
  });
});
