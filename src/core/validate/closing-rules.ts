/**
 * How incidents and requests end: a `close_code` from the workspace's list once they are done, and
 * a `category` from its list when it keeps one. Which statuses need a close code is each kind's
 * fact (`closing` in src/core/kinds/); the lists come from itsm.yaml.
 */
import type { PendingDiagnostic } from '../diagnostic.ts';
import type { AnyKindDefinition } from '../kinds/definition.ts';
import type { Policies } from '../model.ts';

/** The close codes when itsm.yaml lists none (schemas/workspace.schema.json says the same). */
export const DEFAULT_CLOSE_CODES = [
  'solved-permanently',
  'solved-workaround',
  'solved-remotely',
  'not-reproducible',
  'duplicate',
  'closed-by-caller',
  'fulfilled',
  'rejected',
] as const;

/** The close codes a record may end with in this workspace. */
export function closeCodesOf(policies: Policies): readonly string[] {
  return policies.vocabulary?.close_codes ?? DEFAULT_CLOSE_CODES;
}

export function closingRules(def: AnyKindDefinition, data: Record<string, unknown>, file: string, policies: Policies): PendingDiagnostic[] {
  if (!def.closing) return [];
  const out: PendingDiagnostic[] = [];
  const codes = closeCodesOf(policies);
  const status = String(data.status);
  const code = data.close_code;
  if (code === undefined && def.closing.closeCodeIn.includes(status)) {
    out.push({
      file,
      rule: 'lifecycle/close-code',
      severity: 'error',
      pointer: '',
      message: `\`close_code\` is required once the ${def.label} is ${status}.`,
      hint: `Add \`close_code:\` saying how it ended, one of: ${codes.join(', ')}.`,
    });
  } else if (typeof code === 'string' && !codes.includes(code)) {
    out.push({
      file,
      rule: 'close-code/unknown',
      severity: 'error',
      pointer: '/close_code',
      message: `close_code "${code}" is not one of the workspace's close codes.`,
      hint: `Use one of: ${codes.join(', ')} (itsm.yaml \`close_codes\` sets the list).`,
    });
  }
  const categories = policies.vocabulary?.categories;
  const category = data.category;
  if (def.closing.category && categories && typeof category === 'string' && !categories.includes(category)) {
    out.push({
      file,
      rule: 'category/unknown',
      severity: 'error',
      pointer: '/category',
      message: `category "${category}" is not one of the workspace's categories.`,
      hint: `Use one of: ${categories.join(', ')} (itsm.yaml \`categories\` sets the list).`,
    });
  }
  return out;
}
