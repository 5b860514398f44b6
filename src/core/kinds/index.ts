/** The kind registry: each kind's per-record rules. Schemas live in schemas/<kind>.schema.json. */
import type { Kind } from '../ids.ts';
import type { KindData } from '../model.ts';
import type { RecordRules } from './rule-kit.ts';
import { changeRules } from './change.ts';
import { ciRules } from './ci.ts';
import { incidentRules } from './incident.ts';
import { kbRules } from './kb.ts';
import { problemRules } from './problem.ts';
import { releaseRules } from './release.ts';
import { requestRules } from './request.ts';
import { serviceRules } from './service.ts';
import { teamRules } from './team.ts';

export type { RuleContext } from './rule-kit.ts';

export const KIND_RULES: { [K in Kind]: RecordRules<KindData[K]> } = {
  service: serviceRules,
  ci: ciRules,
  incident: incidentRules,
  problem: problemRules,
  change: changeRules,
  request: requestRules,
  release: releaseRules,
  kb: kbRules,
  team: teamRules,
};

/** The schema file name (without .schema.json) of each kind. */
export const KIND_SCHEMA: { [K in Kind]: string } = {
  service: 'service', ci: 'ci', incident: 'incident', problem: 'problem', change: 'change', request: 'request', release: 'release', kb: 'kb', team: 'team',
};
