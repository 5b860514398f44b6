/**
 * Fields a release of itsm renamed, newest last: `itsm migrate` rewrites the records a workspace
 * wrote under the old name, and `itsm upgrade-check` lists them before the team merges the version
 * bump. A release that renames a field adds a row here in the same commit as the schema change.
 *
 * Empty so far: no release has renamed a field yet. A row reads, for example,
 *   { since: '0.2.0', kind: 'incident', from: 'caller', to: 'reported_by', why: '...' }
 */
import type { FieldRename } from './migrate.ts';

export const RENAMES: readonly FieldRename[] = [];
