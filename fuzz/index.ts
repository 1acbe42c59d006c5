export {
  DROP_ONE_IN,
  dropArb,
  entryChangeArb,
  insertionArb,
  insertionsArb,
  MAX_INSERTS,
  policyValueArb,
  shiftArb,
  variantArb,
} from './arbitraries.ts';
export { type ArtifactInfo, COUNTEREXAMPLE_MARK, COUNTEREXAMPLES, counterexampleFile, counterexampleText, slug } from './artifact.ts';
export { dayValue, variantDocument } from './document.ts';
export {
  type Backend,
  daysOf,
  distinctKey,
  type Evaluation,
  evaluate,
  type Failure,
  failureKey,
  loadDocument,
  transitionRule,
} from './evaluate.ts';
export { budgetText, type Counterexample, type FuzzOptions, fuzzScenario, type ScenarioFuzz } from './fuzzScenario.ts';
export { fuzzHtml } from './html.ts';
export { fuzzJunitXml } from './junit.ts';
export { FUZZ_RESULT_SCHEMA, fuzzResults, fuzzSummary } from './report.ts';
export { DAY_PARAMETERS, type DayRange, dayRange, type FuzzBlock, fuzzBlockSchema } from './schema.ts';
export { type Found, foundAll, type SearchBudget, type SearchResult, search, searchAll } from './search.ts';
export { finalPass, type ShrinkPass, simplerVariants } from './shrink.ts';
export {
  DEFAULT_SHIFT_DAYS,
  type EntrySpace,
  type FuzzSpace,
  fuzzSpace,
  type InsertChoice,
  type PolicySpace,
  shiftBounds,
  usedActions,
} from './space.ts';
export { type Step, stepLine, stepsOf } from './steps.ts';
export { type FuzzTarget, readTargets, type TargetRead } from './targets.ts';
export { changeCount, type EntryChange, type Insertion, identity, type Variant } from './variant.ts';
