import { runScenario } from '../../engine/runScenario.ts';
import { benchScenario } from '../scenario.ts';
const n = Number(process.argv[2]);
const s = benchScenario(n);
const r = runScenario(s, { observers: [{ day: (d) => { if (d === 364) { (globalThis as any).gc?.(); console.log('heap at end', (process.memoryUsage().heapUsed / 1048576).toFixed(0), 'MiB'); } } }] });
console.log(r.work);
