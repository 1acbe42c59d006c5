/**
 * One partition of the partitioned benchmark in its own process, its share written to a file:
 * `partitionChild.ts run <instances> <accounts> <index> <total> <file>`; or the merge of the shares:
 * `partitionChild.ts merge <instances> <accounts> <file…>`. Reports its wall time and peak RSS to its parent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mergeShares } from '../../engine/partition/merge.ts';
import { partitionScenario } from '../../engine/partition/partitionScenario.ts';
import { type PartitionShare, runPartition } from '../../engine/partition/share.ts';
import { accountsFleet } from './fleet.ts';

const [what, instances, accounts, ...rest] = process.argv.slice(2);
const whole = accountsFleet(Number(instances), Number(accounts));
const started = performance.now();
let steps = 0;
if (what === 'run') {
  const [index, total, file] = rest;
  const share = runPartition(partitionScenario(whole, { index: Number(index), total: Number(total) }));
  steps = share.result.work.steps;
  writeFileSync(file as string, JSON.stringify(share));
} else {
  // One share read at a time into the list the merge adds up (each is days × series, not instances).
  const shares = rest.map((file) => JSON.parse(readFileSync(file, 'utf8')) as PartitionShare);
  const merged = mergeShares(whole, shares);
  steps = merged.work.steps;
}
process.send?.({ wallSeconds: (performance.now() - started) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024, steps });
