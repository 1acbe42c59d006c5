/**
 * The verification bench (`npm run bench -- --verify [--verify-events 0,1,2,3] [--verify-days 730]
 * [--verify-instances 1,2,3] [--verify-max-states 200000]`): licsim verify on the bench world
 * (world.ts) — one smart-licensing instance, 2 years, each bound of events — then 1, 2 and 3
 * instances at 2 events. Each run in its own process; reports states, whether the space was
 * explored completely (or cut at the state limit), seconds, states/s and peak memory.
 */
import { fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VerifyMeasurement } from './verifyChild.ts';

const HERE = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function measure(instances: number, events: number, days: number, maxStates: number): Promise<VerifyMeasurement> {
  return new Promise((done, fail) => {
    const args = [join(HERE, 'bench/verify/verifyChild.ts'), String(instances), String(events), String(days), String(maxStates)];
    const proc = fork(join(HERE, 'bin/run-ts.js'), args, {
      cwd: HERE,
      execArgv: ['--max-old-space-size=8192'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: VerifyMeasurement | undefined;
    proc.on('message', (m) => {
      result = m as VerifyMeasurement;
    });
    proc.on('exit', (code) => (result && code === 0 ? done(result) : fail(new Error(`verify bench ${instances}×${events}: exit ${code}`))));
  });
}

export interface VerifyBenchOptions {
  events: readonly number[];
  days: number;
  instances: readonly number[];
  /** Events for the instances rows. */
  instanceEvents: number;
  maxStates: number;
}

export async function verifyBench(o: VerifyBenchOptions): Promise<VerifyMeasurement[]> {
  const rows: VerifyMeasurement[] = [];
  const plan = [
    ...o.events.map((k) => ({ instances: 1, events: k })),
    ...o.instances.filter((n) => n !== 1 || !o.events.includes(o.instanceEvents)).map((n) => ({ instances: n, events: o.instanceEvents })),
  ];
  for (const p of plan) {
    process.stderr.write(`verify: ${p.instances} instance(s), ${o.days} days, ≤ ${p.events} events… `);
    const m = await measure(p.instances, p.events, o.days, o.maxStates);
    process.stderr.write(`${m.states} states in ${m.seconds.toFixed(1)} s${m.complete ? '' : ' (cut at the state limit)'}\n`);
    rows.push(m);
  }
  console.table(
    rows.map((r) => ({
      instances: r.instances,
      'events ≤': r.events,
      days: r.days,
      states: r.states,
      distinct: r.distinct,
      explored: r.complete ? 'all' : `cut at ${o.maxStates}`,
      s: Math.round(r.seconds * 10) / 10,
      'states/s': Math.round(r.states / Math.max(r.seconds, 1e-3)),
      'peak RSS MiB': Math.round(r.peakRssMiB),
      verdicts: r.outcomes.join(', '),
    })),
  );
  return rows;
}
