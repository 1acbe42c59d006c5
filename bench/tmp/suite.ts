import { loadScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { runScenario } from '../../engine/runScenario.ts';
const files = process.argv.slice(2);
for (const f of files) {
  const r = await loadScenarios(f);
  if (!r.ok) { console.log(f, r.problems); continue; }
  for (const s of r.scenarios) for (const v of s.variants) {
    const res = runScenario(v.scenario);
    console.log(s.name.slice(0, 50), v.label, JSON.stringify(res.consistency).slice(0, 400), JSON.stringify(res.work));
  }
}
