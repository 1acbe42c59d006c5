import v8 from 'node:v8';
import { Simulation } from '../../engine/run/simulation.ts';
import { runScenario } from '../../engine/runScenario.ts';
import { benchScenario } from '../scenario.ts';
const n = Number(process.argv[2]);
const s = benchScenario(n);
let file = '';
runScenario(s, { observers: [{ day: (d) => { if (d === 364) { (globalThis as any).gc?.(); file = v8.writeHeapSnapshot('/tmp/h.heapsnapshot'); } } }] });
console.log(file);
