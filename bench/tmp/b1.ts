import { runScenario } from '../../engine/runScenario.ts';
import { benchScenario } from '../scenario.ts';
const n = Number(process.argv[2]);
const s = benchScenario(n);
const t = performance.now();
const r = runScenario(s);
console.log(n, ((performance.now() - t) / 1000).toFixed(2), 's', JSON.stringify(r.work), 'rss', (process.resourceUsage().maxRSS / 1024).toFixed(0));
console.log(JSON.stringify(r.final.status), JSON.stringify(r.final.accounts[0]?.types.map(t=>[t.type,t.inUse,t.overdraft])));
