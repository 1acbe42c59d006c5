/**
 * Runs a scenario file on a backend in this process, then prints (JSON) the
 * packages that were loaded: `node bin/run-ts.js test/support/loadedModules.ts <backend> <file>`.
 * A child process, so what the test runner itself loaded does not count.
 */
import { createRequire } from 'node:module';
import { loadScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';

const [backend, file] = process.argv.slice(2);
if ((backend !== 'compiled' && backend !== 'actors') || !file) throw new Error('usage: loadedModules.ts compiled|actors <file>');
const loaded = await loadScenarios(file);
if (!loaded.ok) throw new Error(`${file} did not load`);
const passed = loaded.scenarios.map((s) => runLoaded(s, undefined, backend).passed);
const packages = new Set<string>();
for (const path of Object.keys(createRequire(import.meta.url).cache)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (m?.[1]) packages.add(m[1]);
}
process.stdout.write(`${JSON.stringify({ passed, packages: [...packages].sort() })}\n`);
