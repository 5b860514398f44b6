/** itsm.yaml's reference_time, for commands that need their "now" before (or without) loading the workspace. */
import { SETTINGS_FILE } from './layout.ts';
import { readTextNoFollow } from './safe-fs.ts';
import { analyzePolicies } from './workspace.ts';
import type { WorkspaceSettings } from '../core/model.ts';

/**
 * The workspace settings from itsm.yaml, validated; the defaults when the file is absent, a symlink or
 * invalid (`itsm validate` reports it), so an invalid reference_time is never used.
 */
export function workspaceSettings(root: string): WorkspaceSettings {
  const found = readTextNoFollow(root, SETTINGS_FILE);
  const text = typeof found === 'string' ? found : undefined;
  return analyzePolicies((rel) => (rel === SETTINGS_FILE ? text : undefined)).settings;
}
