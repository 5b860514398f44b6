/** The report engine's public surface: buildReport and each figure's pure function. */
export { buildReport, reportContext, type ReportOptions } from './build.ts';
export { meanTimeToAcknowledge, meanTimeToResolve } from './response-times.ts';
export { slaAttainment, attainmentClocks, clockLabel, clockKey } from './attainment.ts';
export { incidentVolume } from './volume.ts';
export { changeSuccessRate, changeFailureRate, implementedAt, isSuccessful } from './changes.ts';
export { problemBacklog } from './problems.ts';
export { topCis } from './top-cis.ts';
export { monthKeyer, monthsBetween, parseBound } from './periods.ts';
export { reportRows, reportCsv, type ReportRow } from './rows.ts';
export type * from './types.ts';
