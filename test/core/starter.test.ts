/** The pure planning behind `itsm init`: policy entries that name missing records, and workflows that must call the package. */
import { describe, expect, it } from 'vitest';
import { withoutEntriesNaming, workspaceScaffold, workspaceWorkflow } from '../../src/core/starter.ts';
import { readSchemas } from '../../src/io/schemas.ts';

describe('withoutEntriesNaming', () => {
  const sla = `# SLA policies.
policies:
  - id: critical
    applies_to: { kind: incident, services: [SVC-payments, SVC-shop] }
  # The rest.
  - id: standard
    applies_to: { kind: incident }
`;
  it('drops a whole entry that names a record the workspace lacks, keeping comments and the rest', () => {
    const out = withoutEntriesNaming(sla, new Set(['SVC-shop']));
    expect(out).not.toContain('critical');
    expect(out).toContain('# SLA policies.');
    expect(out).toContain('# The rest.');
    expect(out).toContain('id: standard');
  });
  it('leaves a file whose entries all name known records exactly as it was', () => {
    expect(withoutEntriesNaming(sla, new Set(['SVC-shop', 'SVC-payments']))).toBe(sla);
  });
});

describe('workspaceWorkflow', () => {
  it('turns runs of the sources into runs of the installed package', () => {
    expect(workspaceWorkflow('v.yml', 'run: node src/cli/main.ts validate --format github\n')).toBe('run: npx itsm validate --format github\n');
    expect(workspaceWorkflow('a.yml', 'run: node ../tooling/src/cli/main.ts approvals\n')).toBe('run: ../tooling/node_modules/.bin/itsm approvals\n');
  });
  it('refuses a workflow that would still run a source file', () => {
    expect(() => workspaceWorkflow('x.yml', 'run: node src/scripts/other.ts\n')).toThrow(/x\.yml runs "node src\/scripts\/other\.ts"/);
  });
});

describe('workspaceScaffold', () => {
  it('depends on exactly the given version and names the package after the folder', () => {
    const files = workspaceScaffold({
      folder: 'Service Desk!',
      name: 'Service desk',
      version: '1.2.3',
      workflows: new Map(),
      issueForms: {},
      schemas: readSchemas().documents,
    });
    expect(JSON.parse(files.get('package.json')!)).toMatchObject({ name: 'service-desk', private: true, dependencies: { itsm: '1.2.3' } });
    expect(files.get('.gitignore')).toContain('node_modules/');
  });
});
