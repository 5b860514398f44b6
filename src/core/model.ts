/** The record model: what the loader hands to every derived view (SLA, reports, history, site). */
import type { Kind } from './ids.ts';
import type { KindDataOf } from './kinds/index.ts';
import type { BusinessCalendars, ChangePolicy, PriorityMatrix, SLAPolicies, WorkspaceSettings } from './generated/schema-types.ts';

export type {
  BusinessCalendars,
  Calendar,
  Change,
  ChangePolicy,
  ConfigurationItem,
  Incident,
  KnowledgeArticle,
  PriorityMatrix,
  Problem,
  Release,
  Service,
  ServiceRequest,
  SLAPolicies,
  Policy as SlaPolicy,
  Condition as SlaCondition,
  Team,
  TimelineEntry,
  WorkspaceSettings,
} from './generated/schema-types.ts';

/** Front-matter type of each kind (generated from its schema), as its definition declares it. */
export type KindData = KindDataOf;

/** One record file: validated front matter plus its Markdown body. */
export interface ItsmRecord<K extends Kind = Kind> {
  kind: K;
  id: string;
  /** Path relative to the workspace root, e.g. content/incidents/INC-0142.md. */
  file: string;
  data: KindData[K];
  /** The Markdown body, as written. */
  body: string;
}

export type AnyRecord = { [K in Kind]: ItsmRecord<K> }[Kind];

/** The policy files the rules read. */
export interface PolicyFiles {
  priorityMatrix?: PriorityMatrix;
  sla?: SLAPolicies;
  calendars?: BusinessCalendars;
  changePolicy?: ChangePolicy;
}

/** What the record rules check against: the policy files, and the lists itsm.yaml gives. */
export interface Policies extends PolicyFiles {
  vocabulary?: Pick<WorkspaceSettings, 'close_codes' | 'categories'>;
}

/** Policy files under content/policies/, keyed by the field of Policies they fill. */
export const POLICY_FILES = {
  priorityMatrix: { file: 'priority-matrix.yaml', schema: 'priority-matrix' },
  sla: { file: 'sla.yaml', schema: 'sla' },
  calendars: { file: 'calendars.yaml', schema: 'calendars' },
  changePolicy: { file: 'change-policy.yaml', schema: 'change-policy' },
} as const satisfies Record<keyof PolicyFiles, { file: string; schema: string }>;

/** A loaded workspace. Only records that passed validation are in it. */
export interface Workspace {
  settings: WorkspaceSettings;
  policies: Policies;
  records: AnyRecord[];
  byId: ReadonlyMap<string, AnyRecord>;
}

/** Records of one kind, typed. */
export function recordsOf<K extends Kind>(ws: Pick<Workspace, 'records'>, kind: K): ItsmRecord<K>[] {
  return ws.records.filter((r): r is Extract<AnyRecord, { kind: K }> => r.kind === kind) as unknown as ItsmRecord<K>[];
}

export function indexById(records: readonly AnyRecord[]): Map<string, AnyRecord> {
  return new Map(records.map((r) => [r.id, r]));
}
