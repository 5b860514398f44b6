/** The SLA engine's public surface: compute clocks for a workspace, and the pieces it is built from. */
export { computeSla, type SlaOptions } from './engine.ts';
export { selectPolicy, selectCalendar, type PolicyChoice, type CalendarChoice, type PolicySubject } from './policy.ts';
export { statusHistory, LIFECYCLES, type StatusHistory, type StatusChange, type Lifecycle } from './status.ts';
export { runClock, responseStop, type ClockRun } from './clock.ts';
export type { SlaResult, SlaMetric, SlaClockName, SlaCycle, SlaState, SlaKind, ClockState } from './types.ts';
export { CLOCK_NAMES } from './types.ts';
export { runCycles, type CycleRun, type CycleRules } from './cycles.ts';
export { atRiskWithin, isOpenClock, slaSummary, type SlaSummary } from './summary.ts';
