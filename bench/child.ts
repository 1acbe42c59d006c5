/** One measurement in its own process, so its peak memory is its own: `child.ts <contender> <instances>`. */
import { runScenario } from '../engine/runScenario.ts';
import { runActors } from './actorBaseline.ts';
import { runReducer } from './reducer.ts';
import { benchScenario } from './scenario.ts';

const [contender, size] = process.argv.slice(2);
const scenario = benchScenario(Number(size));
const started = performance.now();
let events: number;
if (contender === 'engine') events = runScenario(scenario).work.steps;
else if (contender === 'reducer') events = runReducer(scenario).events;
else if (contender === 'actors') events = runActors(scenario).events;
else throw new Error(`unknown contender ${contender}`);
const wallSeconds = (performance.now() - started) / 1000;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
process.send?.({ contender, instances: Number(size), days: scenario.days, events, wallSeconds, peakRssMiB });
