/**
 * `npm run bench:fuzz [-- --docs 10000] [--seed 11]`
 *
 * Reads the fuzz test's hostile documents (test/support/hostileDocuments.ts) one by
 * one, as `licsim validate` and `run` read them (parse, resolve, estimate), runs the
 * valid ones small enough to run in a moment, and measures each: the slowest
 * document, the 99th percentile, and the most memory one document added to the heap
 * and to the process's peak RSS (the aim: at most 2 s and 300 MiB each).
 * Counts crashes (an exception out of the loader), which must be 0.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { estimateRun } from '../engine/budget.ts';
import { runScenario } from '../engine/runScenario.ts';
import { parseScenarios } from '../scenarios/loader/loadScenarios.ts';
import { hostileDocument } from '../test/support/hostileDocuments.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '10000' }, seed: { type: 'string', default: '11' } } });
const docs = Number(values.docs);
const MIB = 2 ** 20;

const times: number[] = [];
let crashes = 0;
let valid = 0;
let ran = 0;
let maxHeapGrowth = 0;
let peakRss = process.memoryUsage().rss;
// One document at a time (a sample of all of them at once would hold every document in memory).
for (let k = 0; k < docs; k++) {
  const [text = ''] = fc.sample(hostileDocument, { numRuns: 1, seed: Number(values.seed) + k });
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  try {
    const loaded = parseScenarios(text, 'fuzzed.yaml');
    if (loaded.ok) {
      valid++;
      for (const s of loaded.scenarios)
        for (const v of s.variants) {
          const e = estimateRun(v.scenario);
          if (e.seconds < 0.05 && e.memoryBytes < 256 * MIB) {
            runScenario(v.scenario);
            ran++;
          }
        }
    }
  } catch (error) {
    crashes++;
    console.error(`crash: ${(error as Error).message}`);
  }
  times.push(performance.now() - started);
  const m = process.memoryUsage();
  maxHeapGrowth = Math.max(maxHeapGrowth, m.heapUsed - heapBefore);
  peakRss = Math.max(peakRss, m.rss);
}
times.sort((a, b) => a - b);
const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) / 1000;
console.log(
  [
    `${docs} documents: ${valid} valid (${ran} run), ${docs - valid - crashes} refused with located problems, ${crashes} crashes`,
    `time per document: median ${at(0.5).toFixed(4)} s, 99th percentile ${at(0.99).toFixed(3)} s, slowest ${at(1).toFixed(3)} s`,
    `memory: at most ${(maxHeapGrowth / MIB).toFixed(1)} MiB of heap added by one document; peak RSS ${(peakRss / MIB).toFixed(0)} MiB`,
  ].join('\n'),
);
process.exitCode = crashes ? 1 : 0;
