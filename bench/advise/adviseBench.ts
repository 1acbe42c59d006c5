import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.ts';

/** What the advise bench measured on the bundled national fleet. */
export interface AdviseMeasurement {
  wallSeconds: number;
  /** The solver's time alone (the console's "solved in"). */
  solveSeconds: number;
  purchases: number;
  cost: number;
  naiveCost: number;
  replayPassed: boolean;
}

/** `licsim advise` on the national fleet (150,000 clusters, 5 licence types, monthly decisions over a year) with the bundled prices. */
export async function adviseBench(): Promise<AdviseMeasurement> {
  const dir = await mkdtemp(join(tmpdir(), 'licsim-advise-bench-'));
  const printed: string[] = [];
  const stdout = { write: (t: string) => printed.push(t) > 0 };
  const started = performance.now();
  const args = ['advise', 'scenarios/large/national-fleet.yaml', '--prices', 'prices/list-prices.yaml', '--out', dir, '--no-color'];
  const code = await main(args, { stdout, stderr: { write: (t: string) => process.stderr.write(t) }, env: process.env });
  const wallSeconds = (performance.now() - started) / 1000;
  if (code > 1) throw new Error(`licsim advise exited ${code}`);
  const r = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as {
    plan: unknown[];
    cost: number;
    naive: { cost: number };
    replay: { passed: boolean };
  };
  await rm(dir, { recursive: true, force: true });
  const solveSeconds = Number(/solved in ([\d.]+) s/.exec(printed.join(''))?.[1] ?? Number.NaN);
  return { wallSeconds, solveSeconds, purchases: r.plan.length, cost: r.cost, naiveCost: r.naive.cost, replayPassed: r.replay.passed };
}
