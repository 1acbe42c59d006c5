export { monotoneVerdict, type SweepVerdict, smallestVerdict } from './evaluate.ts';
export { linesAlong, type SweepLine, spreadOf } from './lines.ts';
export { type ParamValue, parseParam, type SweepParam } from './params.ts';
export { metricsRead, type PointResult, pointLabel, pointLoaded, pointResult } from './pointRun.ts';
export { gridPoints, type SweepPoint, sampledPoints } from './points.ts';
export { type ScenarioSweep, SWEEP_RESULT_SCHEMA, type SweepResult } from './result.ts';
export { type SweepBlock, sweepBlockSchema } from './schema.ts';
export { DEFAULT_SWEEP_METRICS, type SweepExpectation, type SweepFlags, type SweepSpec, sweepSpec } from './spec.ts';
