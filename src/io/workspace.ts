/**
 * Loads a workspace: reads content/** and itsm.yaml once, validates everything, and returns the
 * valid records with every diagnostic. The same steps serve files on disk and files read from git.
 */
import { join } from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostic.ts';
import { indexById, POLICY_FILES, type AnyRecord, type Policies, type PolicyFiles, type Workspace, type WorkspaceSettings } from '../core/model.ts';
import { workspaceChecks } from '../core/validate/workspace-checks.ts';
import { isKnownTimeZone } from '../core/time-zone.ts';
import { unknownTimeZone } from '../core/validate/policy-rules.ts';
import { validatorsFrom, type Validators } from '../core/validate/validators.ts';
import * as precompiled from '../core/generated/validators.js';
import { workspaceSchemas } from './schema-overrides.ts';
import { analyzeRecord, analyzeYamlFile, placeLater, type RecordOutcome } from './analyze.ts';
import { listWorkspace, readBytes, roleOf, SETTINGS_FILE, strayDiagnostic, unreadableDiagnostic } from './layout.ts';

export const DEFAULT_SETTINGS: WorkspaceSettings = { name: 'ITSM workspace', time_zone: 'UTC' };

let validators: Validators | undefined;
/**
 * The precompiled validators (generated from schemas/ by `npm run gen:types`), loaded once per
 * process; for a workspace (`root`) with schema overrides, its merged schemas compiled at run time.
 */
export function getValidators(root?: string): Validators {
  return (root === undefined ? undefined : workspaceSchemas(root).validators) ?? (validators ??= validatorsFrom(precompiled));
}

export interface PolicyOutcome {
  settings: WorkspaceSettings;
  policies: Policies;
  diagnostics: Diagnostic[];
  /** The texts the record rules depend on, for cache keys. */
  texts: string[];
}

/** Parses itsm.yaml and content/policies/*.yaml (record rules need them first). */
export function analyzePolicies(textOf: (rel: string) => string | undefined): PolicyOutcome {
  const v = getValidators();
  const diagnostics: Diagnostic[] = [];
  const texts: string[] = [];
  let settings = DEFAULT_SETTINGS;
  const settingsText = textOf(SETTINGS_FILE);
  if (settingsText !== undefined) {
    texts.push(settingsText);
    const r = analyzeYamlFile(SETTINGS_FILE, settingsText, 'workspace', v, 'workspace settings file');
    diagnostics.push(...r.diagnostics);
    if (r.value) settings = r.value as WorkspaceSettings;
    // The schema checks a zone's shape; only Intl knows whether it exists. An unknown one would
    // stop every date worked out in it, so it is an error here and the rest of the run uses UTC.
    if (!isKnownTimeZone(settings.time_zone)) {
      const unknown = unknownTimeZone(SETTINGS_FILE, 'settings/time-zone', '/time_zone', settings.time_zone);
      diagnostics.push(...placeLater([unknown], (rel) => (rel === SETTINGS_FILE ? settingsText : undefined)));
      settings = { ...settings, time_zone: DEFAULT_SETTINGS.time_zone };
    }
  }
  const policies: Policies = {};
  if (settings.close_codes !== undefined || settings.categories !== undefined) {
    policies.vocabulary = {
      ...(settings.close_codes && { close_codes: settings.close_codes }),
      ...(settings.categories && { categories: settings.categories }),
    };
  }
  for (const [key, info] of Object.entries(POLICY_FILES) as Array<[keyof PolicyFiles, (typeof POLICY_FILES)[keyof PolicyFiles]]>) {
    const rel = `content/policies/${info.file}`;
    const text = textOf(rel);
    texts.push(text ?? '');
    if (text === undefined) continue;
    const r = analyzeYamlFile(rel, text, info.schema, v, 'policy file');
    diagnostics.push(...r.diagnostics);
    if (r.value) (policies as Record<string, unknown>)[key] = r.value;
  }
  return { settings, policies, diagnostics, texts };
}

/** Cross-record checks and policy checks over per-file outcomes; positions resolved through textOf. */
export function finish(outcomes: readonly RecordOutcome[], policies: Policies, textOf: (rel: string) => string | undefined): Diagnostic[] {
  return placeLater(workspaceChecks(outcomes, policies), textOf);
}

export interface LoadResult {
  workspace: Workspace;
  diagnostics: Diagnostic[];
  /** Number of record files read. */
  records: number;
  /** Every workspace file path that was read (records, policies, strays). */
  files: string[];
}

/** The whole pipeline over files held in memory: path -> content. */
export function loadWorkspaceFromFiles(files: ReadonlyMap<string, string | Uint8Array>, v: Validators = getValidators()): LoadResult {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const textOf = (rel: string): string | undefined => {
    const v = files.get(rel);
    return v === undefined ? undefined : typeof v === 'string' ? v : decoder.decode(v);
  };
  const pol = analyzePolicies(textOf);
  const diagnostics = [...pol.diagnostics];
  const outcomes: RecordOutcome[] = [];
  for (const rel of [...files.keys()].sort()) {
    const role = roleOf(rel);
    if (role.role === 'stray') diagnostics.push(strayDiagnostic(rel, role.reason));
    if (role.role !== 'record') continue;
    const content = files.get(rel)!;
    outcomes.push(analyzeRecord(rel, role.kind, typeof content === 'string' ? encoder.encode(content) : content, v, pol.policies, true));
  }
  for (const o of outcomes) diagnostics.push(...o.diagnostics);
  diagnostics.push(...finish(outcomes, pol.policies, textOf));
  diagnostics.sort(compareDiagnostics);
  const failing = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  const records: AnyRecord[] = [];
  for (const o of outcomes) {
    if (!o.facts || !o.data || failing.has(o.file)) continue;
    records.push({ kind: o.kind, id: o.facts.id!, file: o.file, data: o.data, body: o.body ?? '' } as unknown as AnyRecord);
  }
  return {
    workspace: { settings: pol.settings, policies: pol.policies, records, byId: indexById(records) },
    diagnostics,
    records: outcomes.length,
    files: [...files.keys()].sort(),
  };
}

/** Reads the workspace at `root` from disk (each file once) and loads it. */
export async function loadWorkspace(root: string): Promise<LoadResult> {
  const files = new Map<string, Uint8Array>();
  const listing = listWorkspace(root);
  const unreadable: Diagnostic[] = [...listing.problems];
  for (const rel of listing.files) {
    const bytes = readBytes(join(root, rel));
    if ('unreadable' in bytes) unreadable.push(unreadableDiagnostic(rel, bytes.unreadable));
    else files.set(rel, bytes);
  }
  const schemas = workspaceSchemas(root);
  unreadable.push(...schemas.diagnostics);
  const result = loadWorkspaceFromFiles(files, getValidators(root));
  if (unreadable.length === 0) return result;
  return { ...result, diagnostics: [...unreadable, ...result.diagnostics].sort(compareDiagnostics) };
}
