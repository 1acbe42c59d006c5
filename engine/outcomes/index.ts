export { outcomesOf } from './compute.ts';
export { BAD_GROUPS, type Better, OUTCOME_METRICS, type OutcomeMetric, outcomeMetric } from './metrics.ts';
export type { GroupEntries, Outcomes, TypeAmount, WarningLead } from './types.ts';
export { LOSS_GROUPS, OutcomeWatch } from './watch.ts';
