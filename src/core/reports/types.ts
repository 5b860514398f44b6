/** The report: one field per figure, plain JSON. Durations in seconds, ages in days, rates in percent. */

/** What figure functions share: the period, the instant the report is made at, months in the report zone. */
export interface ReportContext {
  /** [from, to) epoch ms; null bounds are open. */
  from: number | null;
  to: number | null;
  now: number;
  /** The month (YYYY-MM) of an instant in the report's time zone. */
  monthOf: (t: number) => string;
}

export interface DurationStats {
  count: number;
  mean_seconds: number | null;
  median_seconds: number | null;
}

/** MTTA or MTTR, counted on the SLA calendar (business) and on the wall clock. */
export interface TimeToFigure {
  /** From the SLA clocks that stopped: pauses and closed hours excluded. Records without a policy are not in it. */
  business: DurationStats;
  /** Plain elapsed time between the two timestamps. */
  wall: DurationStats;
}

export interface AttainmentCell {
  met: number;
  breached: number;
  /** met / (met + breached), null when neither. */
  percent: number | null;
}

/**
 * Attainment per clock: response and resolution always; ola-response and ola-resolution (a team's
 * OLA) when the workspace measured any, then in every row.
 */
export type AttainmentCells = { response: AttainmentCell; resolution: AttainmentCell } & { [K in 'ola-response' | 'ola-resolution']?: AttainmentCell };

export type AttainmentRow = { key: string } & AttainmentCells;

export interface SlaAttainment {
  overall: AttainmentCells;
  by_service: AttainmentRow[];
  /** By the team: an OLA cycle's own team, a customer SLA clock's record's team ("(none)" without one). */
  by_team: AttainmentRow[];
  by_priority: AttainmentRow[];
  /** By the month the clock started (reported or requested), in the report zone. */
  by_month: AttainmentRow[];
}

export interface IncidentVolume {
  total: number;
  by_month: Array<{ month: string; count: number; by_service: Record<string, number> }>;
  by_service: Array<{ service: string; count: number }>;
}

export interface ChangeSuccessRate {
  /** Changes that ended (completed, failed, rolled back) in the period. */
  implemented: number;
  /** Completed with an outcome other than failed or rolled back. */
  successful: number;
  failed: number;
  percent: number | null;
  by_month: Array<{ month: string; implemented: number; successful: number; percent: number | null }>;
}

export interface ChangeFailureRate {
  implemented: number;
  /** Implemented changes named by at least one incident's caused_by_change. */
  causing_incidents: number;
  percent: number | null;
  changes: Array<{ change: string; title: string; incidents: string[] }>;
}

export interface ProblemBacklog {
  /** The instant the backlog is measured at: the period's end, or now if sooner. */
  as_of: string;
  open: number;
  known_errors: number;
  age_days: { mean: number | null; median: number | null; max: number | null };
  by_age: Array<{ bucket: string; count: number }>;
  oldest: Array<{ problem: string; title: string; status: string; opened_at: string; age_days: number }>;
}

export interface TopCi {
  ci: string;
  name: string | null;
  incidents: number;
}

/** An imported tool's SLA verdict (ServiceNow's made_sla) against this workspace's resolution SLA. */
export interface ImportedSlaComparison {
  /** Imported records with made_sla whose resolution clock here is met or breached (started in the period). */
  compared: number;
  /** Those where made_sla and this workspace's verdict agree. */
  agree: number;
  /** agree / compared, null when none. */
  percent: number | null;
  differing: Array<{ record: string; source: string | null; made_sla: boolean; here: 'met' | 'breached' }>;
}

export interface Report {
  period: { from: string | null; to: string | null; now: string; time_zone: string };
  mtta: TimeToFigure;
  mttr: TimeToFigure;
  sla_attainment: SlaAttainment;
  incident_volume: IncidentVolume;
  change_success_rate: ChangeSuccessRate;
  change_failure_rate: ChangeFailureRate;
  problem_backlog: ProblemBacklog;
  top_cis: TopCi[];
  imported_sla: ImportedSlaComparison;
}
