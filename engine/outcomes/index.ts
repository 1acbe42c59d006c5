export { BAD_GROUPS, LOSS_GROUPS } from '../../machines/meta.ts';
export { outcomesOf } from './compute.ts';
export { type Better, OUTCOME_METRICS, type OutcomeMetric, outcomeMetric } from './metrics.ts';
export type { GroupEntries, Outcomes, TypeAmount, WarningLead } from './types.ts';
export { mergeWatches, OutcomeWatch, seenOf, type WatchRaw } from './watch.ts';
