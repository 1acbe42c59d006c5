import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.ts';

/** What the sweep bench measured. */
export interface SweepMeasurement {
  instances: number;
  days: number;
  points: number;
  jobs: number;
  wallSeconds: number;
  pointsPerMinute: number;
  /** The same sweep with one more point, the rest read back from the cache. */
  addedPointSeconds: number;
  /** addedPointSeconds against the mean cost of a point in the first run (1 when adding a point costs one point). */
  addedPointInPoints: number;
}

/** The bundled designer sweep's fleet scaled to `instances` clusters (its accounts with it), over a year. */
function scenario(instances: number): string {
  const k = instances / 100;
  return `licsim: 3
name: sweep bench
seed: 83
duration: 365d
accounts:
  - id: va-retail
    kind: virtual-account
    purchases:
      - { type: UCL-Enhanced, count: ${20000 * k} }
      - { type: UCL-EnhancedPlus, count: ${5300 * k} }
      - { type: CUWL, count: ${1100 * k} }
fleet:
  - { name: stores, model: smart-licensing, count: ${instances}, account: va-retail, link: { direct: 0.5, proxy: 0.5 },
      users: 150..250, profiles: { desk-phone: 0.7, phone-and-softphone: 0.25, knowledge-worker: 0.05 }, growth: 4% }
timeline:
  - { at: 3d, do: register }
  - { at: 150d, do: purchase, account: va-retail, type: UCL-EnhancedPlus, count: ${3000 * k} }
  - { at: 150d, do: purchase, account: va-retail, type: CUWL, count: ${700 * k} }
`;
}

const quiet = { write: () => true };

/**
 * A 25-point sweep of overageDays (30..126, step 4) over `instances` clusters × 365 days on
 * `jobs` worker threads, in process through the CLI's main, with a fresh cache; then the same
 * sweep with a 26th point, the 25 read back from the cache.
 */
export async function sweepBench(instances: number, jobs: number): Promise<SweepMeasurement> {
  const dir = await mkdtemp(join(tmpdir(), 'licsim-sweep-bench-'));
  const file = join(dir, 'bench.yaml');
  await writeFile(file, scenario(instances));
  const run = async (grid: string, out: string) => {
    const started = performance.now();
    const args = ['sweep', file, '--param', `smart-licensing.overageDays=${grid}`, '--out', join(dir, out)];
    const code = await main([...args, '--cache', join(dir, 'cache'), '--jobs', String(jobs), '--no-color'], {
      stdout: quiet,
      stderr: { write: (t: string) => process.stderr.write(t) },
      env: process.env,
    });
    if (code > 1) throw new Error(`licsim sweep exited ${code}`);
    return (performance.now() - started) / 1000;
  };
  const wallSeconds = await run('30..126:4', 'first');
  const points = (JSON.parse(await readFile(join(dir, 'first', 'results.json'), 'utf8')) as { sweeps: Array<{ points: unknown[] }> })
    .sweeps[0]?.points.length as number;
  const addedPointSeconds = await run('30..130:4', 'again');
  await rm(dir, { recursive: true, force: true });
  const perPoint = wallSeconds / points;
  return {
    instances,
    days: 365,
    points,
    jobs,
    wallSeconds,
    pointsPerMinute: (points / wallSeconds) * 60,
    addedPointSeconds,
    addedPointInPoints: addedPointSeconds / perPoint,
  };
}
