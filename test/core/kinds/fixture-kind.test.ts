/**
 * Adding a kind is a schema, a definition, a template and a line in the registry: the vendor kind in
 * test/fixtures/vendor-kind/ is those three files, registered here next to the built-in kinds, and
 * the validator, the catalog and the relations take it in without a change anywhere else.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Kind } from '../../../src/core/ids.ts';
import { REGISTRY, displayName } from '../../../src/core/kinds/index.ts';
import { buildRegistry } from '../../../src/core/kinds/registry.ts';
import { decodeRecordBytes, parseFrontMatter } from '../../../src/core/front-matter.ts';
import { indexById, type AnyRecord, type Workspace } from '../../../src/core/model.ts';
import { linkIndex } from '../../../src/core/relations.ts';
import { catalog } from '../../../src/core/site/catalog.ts';
import { siteLinks } from '../../../src/core/site/links.ts';
import { checkRecord } from '../../../src/core/validate/check-record.ts';
import { compileValidators } from '../../../src/core/validate/compile.ts';
import { workspaceChecks } from '../../../src/core/validate/workspace-checks.ts';
import { withSchemaId } from '../../../src/core/schema-ids.ts';
import { readSchemas } from '../../../src/io/schemas.ts';
import { packageVersion } from '../../../src/io/version.ts';
import { vendor } from '../../fixtures/vendor-kind/vendor.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/vendor-kind/${name}`, import.meta.url), 'utf8');
const registry = buildRegistry([...REGISTRY.definitions, vendor]);
// Its `$id` set the way scripts/gen-types.ts sets it once the schema is in schemas/.
const vendorSchema = JSON.parse(withSchemaId(fixture('vendor.schema.json'), 'vendor', packageVersion())) as object;
const validators = compileValidators({ ...readSchemas().documents, vendor: vendorSchema });

const TEAM = `---\nid: TEAM-ops\nname: Operations\nstatus: active\nmembers:\n  - { name: Ada, login: ada }\n---\n`;
const SERVICE = `---\nid: SVC-shop\nname: Shop\nstatus: active\nowner: TEAM-ops\ntier: 2\n---\n`;
/** The vendor template, filled in the way `itsm new` fills it. */
const fromTemplate = (id: string, title: string, edit: (text: string) => string = (t) => t) =>
  edit(fixture('vendor.md').replaceAll('{{id}}', id).replaceAll('{{title}}', title));

/** Validates content files (path -> text) the way the loader does: each file, then across files. */
function validate(files: Record<string, string>) {
  const outcomes = Object.entries(files).map(([file, text]) => {
    const kind = registry.kindOfFolder(file.split('/')[1]!)!;
    const decoded = decodeRecordBytes(new TextEncoder().encode(text), file);
    if ('problem' in decoded) throw new Error(`${file} does not decode`);
    const parsed = parseFrontMatter(decoded.text, file);
    const check = checkRecord(kind, file, parsed.data!, parsed.body, validators, {}, parsed.bodyLine, registry);
    return { file, kind, facts: check.facts, diagnostics: check.diagnostics, data: parsed.data!, body: parsed.body };
  });
  const diagnostics = [...outcomes.flatMap((o) => o.diagnostics), ...workspaceChecks(outcomes, {}, registry)];
  const records = outcomes.map((o) => ({ kind: o.kind, id: o.facts.id!, file: o.file, data: o.data, body: o.body }));
  return { diagnostics, records };
}

const workspace = (records: Array<{ kind: string; id: string; file: string; data: object; body: string }>): Workspace => {
  const list = records as unknown as AnyRecord[];
  return { settings: { name: 'test', time_zone: 'UTC' }, policies: {}, records: list, byId: indexById(list) };
};

describe('a kind added from a fixture (vendor, VEN-<slug>)', () => {
  const good = {
    'content/teams/TEAM-ops.md': TEAM,
    'content/services/SVC-shop.md': SERVICE,
    'content/vendors/VEN-acme.md': fromTemplate('VEN-acme', 'Acme Payments', (t) => t.replace('services: []', 'services: [SVC-shop]')),
  };

  it('validates a workspace holding one, made from its template', () => {
    expect(validate(good).diagnostics).toEqual([]);
  });

  it("runs the kind's own rules and its schema", () => {
    const lone = validate({ ...good, 'content/vendors/VEN-acme.md': fromTemplate('VEN-acme', 'Acme Payments') });
    expect(lone.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['vendor/no-services', 'warning']]);
    const bad = validate({ ...good, 'content/vendors/VEN-acme.md': fromTemplate('VEN-Acme', 'Acme Payments') });
    expect(bad.diagnostics.map((d) => d.rule)).toContain('schema/pattern');
  });

  it('checks its references and its folder like any kind', () => {
    const dangling = validate({
      ...good,
      'content/vendors/VEN-acme.md': fromTemplate('VEN-acme', 'Acme', (t) => t.replace('services: []', 'services: [SVC-gone]')),
    });
    expect(dangling.diagnostics).toEqual([
      expect.objectContaining({ rule: 'ref/unknown-id', pointer: '/services/0', message: '`services` refers to SVC-gone, but no such service exists.' }),
    ]);
    const misfiled = validate({
      ...good,
      'content/vendors/SVC-acme.md': fromTemplate('SVC-acme', 'Acme', (t) => t.replace('services: []', 'services: [SVC-shop]')),
    });
    expect(misfiled.diagnostics.map((d) => d.rule)).toContain('file/wrong-folder');
  });

  it('has a catalog with the columns its definition declares', () => {
    const { records } = validate(good);
    const c = catalog(workspace(records), 'vendor' as Kind, siteLinks('/'), new Map(), { registry });
    expect(c.title).toBe('Vendors');
    expect(c.columns.map((col) => col.label)).toEqual(['ID', 'Name', 'Status', 'Owner', 'Contract ends']);
    expect(c.rows.map((r) => r.cells.map((cell) => cell.text))).toEqual([['VEN-acme', 'Acme Payments', 'active', 'TEAM-ops', '']]);
    expect(c.facets.map((f) => f.key)).toEqual(['status', 'team']);
  });

  it('relates both ways, with the inverse names it declares', () => {
    const { records } = validate(good);
    const links = linkIndex(records, registry);
    expect(links.get('VEN-acme')).toEqual([
      { id: 'TEAM-ops', label: 'managed by', direction: 'out' },
      { id: 'SVC-shop', label: 'supplies', direction: 'out' },
    ]);
    expect(links.get('SVC-shop')).toContainEqual({ id: 'VEN-acme', label: 'supplied by', direction: 'in' });
    expect(links.get('TEAM-ops')).toContainEqual({ id: 'VEN-acme', label: 'manages vendors', direction: 'in' });
    expect(
      displayName(
        records.find((r) => r.id === 'VEN-acme')!,
        registry,
      ),
    ).toBe('Acme Payments');
  });
});
