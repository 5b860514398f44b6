/**
 * Column maps for ServiceNow exports (list view "Export > CSV/JSON", or the Table API), by table:
 * incident, change_request, cmdb_ci (and its classes), kb_knowledge. Column names are the
 * dictionary names (`short_description`); display labels (`Short description`) normalize to them.
 */
import { matrixPriority } from '../new-record.ts';
import { choiceNumber, choiceWords, keptValue, vendorDate } from './convert.ts';
import {
  applyDefaults,
  body,
  category,
  choice,
  contact,
  keptUser,
  location,
  person,
  personOf,
  timeReader,
  ref,
  requireFields,
  seen,
  status,
  text,
  time,
  to,
  withText,
  type Draft,
  type MapContext,
  type Setter,
  type TableMap,
} from './map.ts';
import { isDone } from '../kinds/index.ts';

/** ServiceNow impact and urgency: 1 - High, 2 - Medium, 3 - Low. */
export function level(v: string): 'high' | 'medium' | 'low' | undefined {
  const n = choiceNumber(v);
  if (n !== undefined) return n === 1 ? 'high' : n === 2 ? 'medium' : n === 3 ? 'low' : undefined;
  const w = choiceWords(v);
  return w === 'high' || w === 'medium' || w === 'low' ? w : undefined;
}

/** ServiceNow priority 1 - Critical .. 5 - Planning -> P1..P5. */
export function priority(v: string): string | undefined {
  const n = choiceNumber(v);
  if (n !== undefined) return n >= 1 && n <= 5 ? `P${n}` : undefined;
  const byWord: Record<string, string> = { critical: 'P1', high: 'P2', moderate: 'P3', low: 'P4', planning: 'P5' };
  return byWord[choiceWords(v)];
}

const INCIDENT_STATES: Record<string, string> = {
  '1': 'new',
  new: 'new',
  '2': 'in_progress',
  'in progress': 'in_progress',
  active: 'in_progress',
  '3': 'on_hold',
  'on hold': 'on_hold',
  'awaiting user info': 'on_hold',
  'awaiting vendor': 'on_hold',
  '6': 'resolved',
  resolved: 'resolved',
  '7': 'closed',
  closed: 'closed',
  '8': 'cancelled',
  canceled: 'cancelled',
  cancelled: 'cancelled',
};

function state(table: Record<string, string>): (v: string) => string | undefined {
  return (v) => table[v.trim()] ?? table[choiceWords(v)];
}

const TAKEN = new Set(['in_progress', 'on_hold', 'resolved', 'closed']);

/** Fields the ServiceNow form keeps in the record but we do not import. */
const SYSTEM = [
  'sys_id',
  'sys_created_on',
  'sys_created_by',
  'sys_updated_on',
  'sys_updated_by',
  'sys_mod_count',
  'sys_tags',
  'sys_class_name',
  'sys_domain',
  'sys_domain_path',
  'active',
  'company',
  'location',
  'watch_list',
  'work_notes',
  'work_notes_list',
  'comments',
  'comments_and_work_notes',
  'approval',
  'approval_history',
  'approval_set',
  'correlation_id',
  'correlation_display',
  'due_date',
  'activity_due',
  'escalation',
  'made_sla',
  'opened_by',
  'closed_by',
  'upon_approval',
  'upon_reject',
  'user_input',
  'additional_assignee_list',
  'group_list',
  'delivery_plan',
  'delivery_task',
  'expected_start',
  'follow_up',
  'knowledge',
  'order',
  'parent',
  'route_reason',
  'time_worked',
  'business_duration',
  'calendar_duration',
  'contact_type',
  'description_html',
  'universal_request',
  'task_effective_number',
  'sla_due',
  'skills',
  'service_offering',
  'variables',
  'assigned_to_manager',
];

/** An update's time, author and sequence: what orders an event log's rows and dates its timeline. */
const readUpdated = timeReader();
const updatedAt = to(
  'timeline (at)',
  (v, d, ctx, column) => {
    const t = readUpdated(v, ctx);
    if (t) d.event.at = t;
    else d.unmapped.push({ column, value: v.trim() });
  },
  true,
);
const updatedBy = to('timeline (by)', (v, d, ctx) => {
  seen(ctx, 'users', v.trim());
  const handle = personOf(v, ctx);
  if (handle) d.event.by = handle;
  else d.event.byName = v.trim();
});
const modCount = to('timeline (order)', (v, d) => {
  const n = Number(v.trim());
  if (Number.isFinite(n)) d.event.seq = n;
});
/** Kept in the `imported` block, and read for a generated title. */
const keptRaw = (key: string): Setter =>
  to(`imported.${key}`, (v, d) => {
    d.kept[key] = keptValue(v);
    d.raw[key] = v.trim();
  });

/** The incident form's display labels (a list export's headers) that differ from the column names. */
const INCIDENT_LABELS: Record<string, string> = {
  opened: 'opened_at',
  caller: 'caller_id',
  updated: 'sys_updated_on',
  updated_by: 'sys_updated_by',
  updates: 'sys_mod_count',
  created: 'sys_created_on',
  created_by: 'sys_created_by',
  resolved: 'resolved_at',
  closed: 'closed_at',
  configuration_item: 'cmdb_ci',
  resolution_code: 'close_code',
  resolution_notes: 'close_notes',
  problem: 'problem_id',
  change_request: 'rfc',
  caused_by_change: 'caused_by',
  reassignment_count: 'reassignment_count',
  channel: 'contact_type',
  symptom: 'u_symptom',
};

/** Who opened it: kept, and the caller when the export has no caller_id. */
const keepOpener = keptUser('opened_by');
const callerFallback = contact('caller', true);
const openedBy = to('imported.opened_by (and caller when there is no caller_id)', (v, d, ctx, column) => {
  keepOpener(v, d, ctx, column);
  callerFallback(v, d, ctx, column);
});

/**
 * A close code: through the mapping file's close_codes, else ServiceNow's out-of-box resolution
 * codes read as this workspace's default ones; anything else is reported and kept as written in
 * `imported.close_code` (the record then gets the default, noted, where its status needs one).
 */
const closeCode = to('close_code', (v, d, ctx, column) => {
  const value = v.trim();
  seen(ctx, 'close_codes', value);
  const mapped = ctx.mapping.close_codes.get(value.toLowerCase());
  const code = mapped === undefined ? incidentCloseCode(value) : (mapped ?? undefined);
  if (code) d.data.close_code = code;
  else {
    d.kept.close_code = value;
    d.unmapped.push({ column, value });
  }
});

/** ServiceNow's incident close codes (resolution codes) -> the default close codes. */
function incidentCloseCode(v: string): string | undefined {
  const w = choiceWords(v);
  if (/not reproducible/.test(w)) return 'not-reproducible';
  if (/by caller/.test(w)) return 'closed-by-caller';
  if (/duplicate/.test(w)) return 'duplicate';
  if (/remotely/.test(w)) return 'solved-remotely';
  if (/work ?around/.test(w)) return 'solved-workaround';
  if (/solved|resolved|fixed/.test(w)) return 'solved-permanently';
  return undefined;
}

export const SERVICENOW_INCIDENT: TableMap = {
  vendor: 'servicenow',
  table: 'incident',
  kind: 'incident',
  idColumn: 'number',
  required: ['number', ['state', 'incident_state'], 'opened_at'],
  labels: INCIDENT_LABELS,
  columns: {
    number: () => {},
    short_description: text('title'),
    description: body,
    impact: choice('impact', level),
    urgency: choice('urgency', level),
    priority: to('priority', withText(choice('vendor_priority', priority), 'vendor_priority')),
    state: status('status', state(INCIDENT_STATES)),
    incident_state: status('status', state(INCIDENT_STATES)),
    opened_at: time('reported_at'),
    resolved_at: time('resolved_at'),
    closed_at: time('closed_at'),
    assignment_group: ref('team', 'team'),
    assigned_to: person('assignee'),
    caller_id: contact('caller'),
    category: category('category'),
    subcategory: keptRaw('subcategory'),
    u_symptom: keptRaw('u_symptom'),
    symptom: keptRaw('symptom'),
    location,
    opened_by: openedBy,
    resolved_by: keptUser('resolved_by'),
    closed_by: keptUser('closed_by'),
    sys_updated_on: updatedAt,
    sys_updated_at: updatedAt,
    sys_updated_by: updatedBy,
    sys_mod_count: modCount,
    close_code: closeCode,
    closed_code: closeCode,
    cmdb_ci: ref('cis', 'ci', true),
    business_service: ref('service', 'service'),
    service: ref('service', 'service'),
    close_notes: text('resolution'),
    major_incident_state: to('major', (v, d) => {
      if (/accepted|proposed/i.test(v)) d.data.major = true;
    }),
  },
  // The fields of the incident form that this model has no place for: kept in `imported`.
  kept: [
    'contact_type',
    'problem_id',
    'rfc',
    'caused_by',
    'knowledge',
    'reopen_count',
    'reassignment_count',
    'made_sla',
    'notify',
    'vendor',
    'severity',
    'hold_reason',
    'reopened_time',
    'reopened_by',
    'parent_incident',
    'cause',
    'business_impact',
    'escalation',
    'watch_list',
    'company',
  ],
  ignored: [
    ...SYSTEM,
    'child_incidents',
    'calendar_stat',
    'origin_id',
    'origin_table',
    'business_stc',
    'calendar_stc',
    'lessons_learned',
    'timeline',
    'trigger_rule',
    'promoted_on',
    'promoted_by',
    'proposed_on',
    'proposed_by',
    'overview',
    'sys_created_at',
  ],
  custom: /^(u|x)_/,
  finish: finishIncident('ServiceNow'),
};

/** A title for a ticket exported without one: from its category, subcategory and symptom. */
export function generatedTitle(d: Draft, vendor: string): string {
  const parts = [d.raw.category, d.raw.subcategory, d.raw.u_symptom ?? d.raw.symptom].filter((p): p is string => !!p);
  return parts.length ? parts.join(' / ') : `${vendor} incident ${d.sourceId}`;
}

/** Shared by ServiceNow and Jira incidents: priority from the matrix, lifecycle fields the rules need. */
export function finishIncident(vendor: string): (d: Draft, ctx: MapContext) => void {
  return (d, ctx) => {
    if (d.data.title === undefined) {
      d.data.title = generatedTitle(d, vendor);
      d.kept.title_generated = true;
      d.notes.push('title generated from category, subcategory and symptom (the export has no short description)');
    }
    applyDefaults(d, ctx, ['service', 'team', 'impact', 'urgency']);
    keepAssigneeInTeam(d, ctx);
    for (const f of ['impact', 'urgency'] as const) {
      if (d.data[f] === undefined) {
        d.data[f] = 'medium';
        d.notes.push(`${f} not given: set to medium`);
      }
    }
    requireFields(
      d,
      ['title', 'service', 'status', 'reported_at'],
      d.data.service === undefined ? 'give a service column the workspace knows, or --default service=SVC-...' : '',
    );
    if (d.skip) return;
    const vendorPriority = d.data.vendor_priority as string | undefined;
    const vendorWords = d.data.vendor_priority_text as string | undefined;
    delete d.data.vendor_priority;
    delete d.data.vendor_priority_text;
    const computed = matrixPriority(ctx.matrix, d.data.impact, d.data.urgency);
    d.data.priority = vendorPriority ?? computed ?? 'P3';
    if (computed && vendorPriority && computed !== vendorPriority) {
      d.data.priority_override_reason = `Imported from ${vendor}, where the priority was ${vendorWords ?? vendorPriority}.`;
      d.notes.push('priority kept from the export, with priority_override_reason');
    }
    const status = String(d.data.status);
    if (TAKEN.has(status) && d.data.acknowledged_at === undefined) {
      d.data.acknowledged_at = d.data.reported_at;
      d.notes.push('acknowledged_at set to the opening time (exports carry no acknowledgement time)');
    }
    if (!isDone('incident', status)) delete d.data.resolved_at;
    if (isDone('incident', status)) {
      d.data.resolved_at ??= d.data.closed_at;
      if (d.data.resolved_at === undefined) d.skip = `status ${status} but no resolution time`;
      if (d.data.resolution === undefined) {
        d.data.resolution = `Resolved in ${vendor}; the export has no resolution notes.`;
        d.notes.push('resolution text filled in (no close notes in the export)');
      }
      if (d.data.close_code === undefined) {
        d.data.close_code = 'solved-permanently';
        d.notes.push('close_code set to solved-permanently (no close code in the export)');
      }
    }
    if (status === 'closed') d.data.closed_at ??= d.data.resolved_at;
    else delete d.data.closed_at;
    keepImported(d);
  };
}

/** The values kept as exported, as the record's `imported` block (absent when there are none). */
export function keepImported(d: Draft): void {
  if (Object.keys(d.kept).length) d.data.imported = d.kept;
}

/** An assignee is a member of the record's team; one who is not is left out and reported. */
export function keepAssigneeInTeam(d: Draft, ctx: MapContext): void {
  const who = d.data.assignee as string | undefined;
  if (who === undefined) return;
  const team = d.data.team as string | undefined;
  // Without a team, any person of the team files will do.
  if (team === undefined || ctx.lookups.members.get(team)?.has(who)) return;
  delete d.data.assignee;
  d.unmapped.push({ column: 'assignee', value: `${who} (not a member of ${team})` });
}

const CHANGE_STATES: Record<string, string> = {
  '-5': 'draft',
  new: 'draft',
  '-4': 'submitted',
  assess: 'submitted',
  '-3': 'submitted',
  authorize: 'submitted',
  '-2': 'scheduled',
  scheduled: 'scheduled',
  '-1': 'implementing',
  implement: 'implementing',
  '0': 'completed',
  review: 'completed',
  '3': 'completed',
  closed: 'completed',
  '4': 'cancelled',
  canceled: 'cancelled',
  cancelled: 'cancelled',
};

/** ServiceNow change risk: 1 - Very High, 2 - High, 3 - Moderate, 4 - Low. */
export function changeRisk(v: string): 'high' | 'medium' | 'low' | undefined {
  const n = choiceNumber(v);
  if (n !== undefined) return n <= 2 && n >= 1 ? 'high' : n === 3 ? 'medium' : n === 4 ? 'low' : undefined;
  const w = choiceWords(v);
  return w === 'very high' || w === 'high' ? 'high' : w === 'moderate' || w === 'medium' ? 'medium' : w === 'low' ? 'low' : undefined;
}

const NOT_RECORDED = 'Not recorded in the ServiceNow export.';

export const SERVICENOW_CHANGE: TableMap = {
  vendor: 'servicenow',
  table: 'change_request',
  kind: 'change',
  idColumn: 'number',
  required: ['number', 'short_description', 'state', 'type'],
  columns: {
    number: () => {},
    short_description: text('title'),
    description: body,
    type: choice('type', (v) => ({ standard: 'standard', normal: 'normal', emergency: 'emergency', comprehensive: 'normal' })[choiceWords(v)]),
    risk: choice('risk', changeRisk),
    state: choice('status', state(CHANGE_STATES)),
    start_date: time('planned_start'),
    end_date: time('planned_end'),
    work_start: time('actual_start'),
    work_end: time('actual_end'),
    implementation_plan: text('implementation_plan'),
    test_plan: text('test_plan'),
    backout_plan: text('rollback_plan'),
    assignment_group: ref('team', 'team'),
    requested_by: person('requested_by'),
    cmdb_ci: ref('cis', 'ci', true),
    business_service: ref('services', 'service', true),
    close_code: choice(
      'outcome',
      (v) =>
        ({
          successful: 'successful',
          'successful issues': 'successful_with_issues',
          'successful with issues': 'successful_with_issues',
          unsuccessful: 'failed',
        })[choiceWords(v)],
    ),
  },
  // No form field goes there by name; columns the map does not know (the instance's own) do.
  kept: [],
  ignored: [
    ...SYSTEM,
    'category',
    'priority',
    'impact',
    'urgency',
    'assigned_to',
    'close_notes',
    'reason',
    'justification',
    'risk_impact_analysis',
    'cab_required',
    'cab_date',
    'cab_delegate',
    'cab_recommendation',
    'conflict_status',
    'conflict_last_run',
    'on_hold',
    'on_hold_reason',
    'outside_maintenance_schedule',
    'phase',
    'phase_state',
    'production_system',
    'review_comments',
    'review_date',
    'review_status',
    'scope',
    'std_change_producer_version',
    'chg_model',
    'unauthorized',
    'requested_by_date',
    'change_plan',
    'backout_plan_html',
  ],
  custom: /^(u|x)_/,
  finish(d, ctx) {
    applyDefaults(d, ctx, ['risk', 'team']);
    if (d.data.risk === undefined) {
      d.data.risk = 'medium';
      d.notes.push('risk not given: set to medium');
    }
    requireFields(d, ['title', 'type', 'status', 'planned_start', 'planned_end'], '');
    if (d.skip) return;
    if (d.data.type === 'standard') {
      applyDefaults(d, ctx, ['template']);
      if (d.data.template === undefined)
        d.notes.push('standard change without a template: add one by hand, or import with --default template=<id from change-policy.yaml>');
    } else {
      for (const f of ['test_plan', 'rollback_plan']) {
        if (d.data[f] === undefined) {
          d.data[f] = NOT_RECORDED;
          d.notes.push(`${f} filled in as "${NOT_RECORDED}"`);
        }
      }
    }
    const status = String(d.data.status);
    if (status === 'completed' && d.data.outcome === undefined) d.data.outcome = 'successful';
    if (['implementing', 'completed'].includes(status)) d.data.actual_start ??= d.data.planned_start;
    if (status === 'completed') d.data.actual_end ??= d.data.planned_end;
    keepImported(d);
  },
};

/** ServiceNow CI classes (sys_class_name) -> CI type. */
export function ciType(v: string): string | undefined {
  const c = v.trim().toLowerCase();
  if (/^cmdb_ci_(linux|win|unix|esx|aix|solaris|hpux)?_?server$|^cmdb_ci_server$|_server$/.test(c)) return 'server';
  if (/vm_instance|vmware_instance|virtual_machine|_vm$/.test(c)) return 'vm';
  if (/docker|container|kubernetes_pod/.test(c)) return 'container';
  if (/^cmdb_ci_db_|database/.test(c)) return 'database';
  if (/lb|load_balancer/.test(c)) return 'load-balancer';
  if (/appl|app_server|application|web_site|service_auto/.test(c)) return 'application';
  if (/netgear|ip_router|ip_switch|ip_firewall|network|router|switch|firewall/.test(c)) return 'network';
  if (/storage|san|nas|disk/.test(c)) return 'storage';
  if (/saas|cloud_service/.test(c)) return 'saas';
  if (/computer|pc_hardware|handheld|mobile|printer/.test(c)) return 'endpoint';
  return undefined;
}

const CI_STATUS: Record<string, string> = {
  operational: 'active',
  installed: 'active',
  'in use': 'active',
  'non operational': 'maintenance',
  'non-operational': 'maintenance',
  'repair in progress': 'maintenance',
  'in maintenance': 'maintenance',
  'dr standby': 'active',
  ready: 'planned',
  'on order': 'planned',
  pipeline: 'planned',
  'in stock': 'planned',
  retired: 'retired',
  absent: 'retired',
  stolen: 'retired',
};

const ENVIRONMENTS: Record<string, string> = {
  production: 'production',
  staging: 'staging',
  qa: 'test',
  test: 'test',
  'disaster recovery': 'production',
  development: 'development',
  demonstration: 'test',
  training: 'test',
};

export const SERVICENOW_CI: TableMap = {
  vendor: 'servicenow',
  table: 'cmdb_ci',
  kind: 'ci',
  idColumn: 'name',
  required: ['name'],
  columns: {
    name: text('name'),
    sys_class_name: choice('type', ciType),
    operational_status: choice(
      'status',
      (v) =>
        CI_STATUS[choiceWords(v)] ??
        ({ 1: 'active', 2: 'maintenance', 3: 'maintenance', 4: 'active', 5: 'planned', 6: 'retired' } as Record<number, string>)[choiceNumber(v) ?? 0],
    ),
    install_status: choice(
      'install_status',
      (v) =>
        CI_STATUS[choiceWords(v)] ??
        ({ 1: 'active', 2: 'planned', 3: 'maintenance', 6: 'planned', 7: 'retired', 8: 'retired' } as Record<number, string>)[choiceNumber(v) ?? 0],
    ),
    used_for: choice('environment', (v) => ENVIRONMENTS[choiceWords(v)]),
    environment: choice('environment', (v) => ENVIRONMENTS[choiceWords(v)]),
    support_group: ref('owner', 'team'),
    assignment_group: ref('owner', 'team'),
    manufacturer: text('vendor'),
    vendor: text('vendor'),
    version: text('version'),
    location: text('location'),
    description: body,
    short_description: body,
  },
  // No form field goes there by name; columns the map does not know (the instance's own) do.
  kept: [],
  ignored: [
    ...SYSTEM,
    'asset',
    'asset_tag',
    'serial_number',
    'model_id',
    'model_number',
    'ip_address',
    'mac_address',
    'fqdn',
    'dns_domain',
    'os',
    'os_version',
    'cpu_count',
    'ram',
    'disk_space',
    'owned_by',
    'managed_by',
    'department',
    'cost',
    'cost_center',
    'purchase_date',
    'warranty_expiration',
    'lease_id',
    'first_discovered',
    'last_discovered',
    'discovery_source',
    'category',
    'subcategory',
    'attributes',
    'assigned',
    'assigned_to',
    'supported_by',
    'checked_in',
    'checked_out',
    'change_control',
    'monitor',
    'justification',
    'invoice_number',
    'po_number',
    'gl_account',
    'schedule',
    'skip_sync',
    'start_date',
    'unverified',
    'due',
    'due_in',
    'fault_count',
    'can_print',
    'install_date',
    'delivery_date',
    'order_date',
    'operational_status_changed',
  ],
  custom: /^(u|x)_/,
  finish(d, ctx) {
    // install_status says whether it exists at all; operational_status how it is doing.
    const install = d.data.install_status;
    delete d.data.install_status;
    if (install === 'retired' || install === 'planned') d.data.status = install;
    else d.data.status ??= install;
    applyDefaults(d, ctx, ['type', 'environment', 'status', 'owner']);
    if (d.data.type === undefined) {
      d.data.type = 'other';
      d.notes.push('type not known: set to other');
    }
    if (d.data.environment === undefined) {
      d.data.environment = 'production';
      d.notes.push('environment not given: set to production');
    }
    if (d.data.status === undefined) {
      d.data.status = 'active';
      d.notes.push('status not given: set to active');
    }
    requireFields(d, ['name'], '');
    keepImported(d);
  },
};

const KB_STATES: Record<string, string> = {
  draft: 'draft',
  review: 'draft',
  scheduled_for_publish: 'draft',
  published: 'published',
  pending_retirement: 'published',
  retired: 'retired',
  outdated: 'retired',
};

export const SERVICENOW_KB: TableMap = {
  vendor: 'servicenow',
  table: 'kb_knowledge',
  kind: 'kb',
  idColumn: 'number',
  required: ['number', 'short_description', 'workflow_state'],
  columns: {
    number: () => {},
    short_description: text('title'),
    text: body,
    wiki: body,
    workflow_state: choice('status', (v) => KB_STATES[choiceWords(v).replace(/ /g, '_')]),
    ownership_group: ref('owner', 'team'),
    kb_category: choice('category', (v) => {
      const w = choiceWords(v);
      return /how ?to|faq/.test(w)
        ? 'how-to'
        : /troubleshoot/.test(w)
          ? 'troubleshooting'
          : /known error/.test(w)
            ? 'known-error'
            : /policy|policies/.test(w)
              ? 'policy'
              : /reference/.test(w)
                ? 'reference'
                : undefined;
    }),
    valid_to: choice('review_by', vendorDate),
    published: choice('published_at', vendorDate),
    cmdb_ci: ref('cis', 'ci', true),
  },
  // No form field goes there by name; columns the map does not know (the instance's own) do.
  kept: [],
  ignored: [
    ...SYSTEM,
    'author',
    'kb_knowledge_base',
    'article_type',
    'category',
    'topic',
    'rating',
    'sys_view_count',
    'use_count',
    'flagged',
    'can_read_user_criteria',
    'cannot_read_user_criteria',
    'display_attachments',
    'image',
    'meta',
    'meta_description',
    'retired',
    'roles',
    'source',
    'version',
    'latest',
    'language',
    'disable_commenting',
    'disable_suggesting',
    'helpful_count',
    'article_id',
    'summary',
    'base_version',
    'revised_by',
    'valid_from',
    'view_as_allowed',
  ],
  custom: /^(u|x)_/,
  finish(d, ctx) {
    applyDefaults(d, ctx, ['owner', 'category']);
    if (d.data.category === undefined) {
      d.data.category = 'reference';
      d.notes.push('category not known: set to reference');
    }
    requireFields(
      d,
      ['title', 'status', 'owner'],
      d.data.owner === undefined ? 'give an ownership_group the workspace knows, or --default owner=TEAM-...' : '',
    );
    keepImported(d);
  },
};

export const SERVICENOW_TABLES = {
  incident: SERVICENOW_INCIDENT,
  change_request: SERVICENOW_CHANGE,
  cmdb_ci: SERVICENOW_CI,
  kb_knowledge: SERVICENOW_KB,
} as const;
