/**
 * One measurement of the verification bench in its own process, so its peak memory
 * is its own: `verifyChild.ts <instances> <events> <days> <maxStates>`. Verifies the
 * bench world (world.ts) and sends the exploration's figures to the parent.
 */
import { verify } from '../../verify/checker.ts';
import { parseVerification } from '../../verify/loader.ts';
import { benchWorld } from './world.ts';

/** What the parent receives. */
export interface VerifyMeasurement {
  instances: number;
  events: number;
  days: number;
  states: number;
  distinct: number;
  depth: number;
  complete: boolean;
  seconds: number;
  peakRssMiB: number;
  outcomes: string[];
}

const [instances, events, days, maxStates] = process.argv.slice(2).map(Number) as [number, number, number, number];
const loaded = parseVerification(benchWorld({ instances, events, days }), 'bench-world.yaml');
if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
const [run] = verify(loaded.verification, { maxStates });
if (!run) throw new Error('no exploration');
const result: VerifyMeasurement = {
  instances,
  events,
  days,
  states: run.states,
  distinct: run.distinct,
  depth: run.depth,
  complete: run.complete,
  seconds: run.seconds,
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
  outcomes: run.verdicts.map((v) => v.outcome),
};
process.send?.(result);
