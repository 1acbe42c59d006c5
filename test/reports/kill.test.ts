import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { twoClustersText } from '../support/scenarios.ts';
import { folderState } from './reportState.ts';

const BIN = fileURLToPath(new URL('../../bin/licsim.js', import.meta.url));
const PASSING = twoClustersText('killed', 'Two clusters register; the report is written while the run is killed.', 5);

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * `licsim run` into `out`, killed (SIGKILL: no cleanup runs) at its `killAt`-th
 * report-writing step (reports/io/killPoint.ts), or after `killAfterMs`, or not at all.
 */
function run(scenario: string, out: string, kill: { at?: number; afterMs?: number; log?: string } = {}): Promise<Ended> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '' };
    if (kill.at !== undefined) env.LICSIM_TEST_KILL_AT = String(kill.at);
    if (kill.log) env.LICSIM_TEST_KILL_LOG = kill.log;
    const child = spawn(process.execPath, [BIN, 'run', scenario, '--out', out, '--reporter', 'silent'], { env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = kill.afterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

/** Runs the kills one after another on `out`, checking the folder after each; returns the states seen. */
async function killAll(
  scenario: string,
  out: string,
  kills: Array<{ at?: number; afterMs?: number }>,
  expected: string,
): Promise<Set<string>> {
  const log = `${out}.steps.log`;
  const seen = new Set<string>();
  for (const kill of kills) {
    await rm(log, { force: true });
    const ended = await run(scenario, out, { ...kill, log });
    const reached = (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').at(-1) || 'before the first step';
    const what = `killed ${JSON.stringify(kill)} at "${reached}"`;
    // Killed, or (a kill point past the last step) completed; never refused: a killed run's stale lock is taken over.
    expect(ended.signal === 'SIGKILL' || ended.code === 0, `${what}: ${ended.signal ?? ended.code} ${ended.stderr}`).toBe(true);
    const state = await folderState(out);
    expect(state.state, `${what}: ${state.why ?? ''}`).not.toBe('mixed');
    if (state.state !== 'absent') expect(state.runId, what).toBe(expected);
    seen.add(state.state);
  }
  await rm(log, { force: true });
  return seen;
}

describe('a run killed while it writes its report', () => {
  it('never leaves a folder where a file reads as passing unless all do and the run completed', async () => {
    const work = await mkdtemp(join(tmpdir(), 'licsim-kill-'));
    const scenario = join(work, 'passing.yaml');
    await writeFile(scenario, PASSING);
    // Two folders killed in turn, side by side (half the kill points each), each over a completed report at first.
    const outs = [join(work, 'a', 'report'), join(work, 'b', 'report')] as const;
    expect((await Promise.all(outs.map((o) => run(scenario, o)))).map((r) => r.code)).toEqual([0, 0]);
    const complete = await folderState(outs[0]);
    expect(complete.state).toBe('complete');
    const runId = complete.runId ?? '';
    // The steps of writing over a completed report are the kill points: about 20.
    const log = join(work, 'steps.log');
    expect((await run(scenario, outs[0], { log })).code).toBe(0);
    const steps = (await readFile(log, 'utf8')).trim().split('\n');
    expect(steps.length).toBeGreaterThanOrEqual(18);
    const points = steps.map((_, i) => ({ at: i + 1 }));
    // And a kill at a random moment of each folder's last run.
    const random = () => ({ afterMs: 300 + Math.round(Math.random() * 1200) });
    const seen = await Promise.all([
      killAll(scenario, outs[0], [...points.filter((_, i) => i % 2 === 0), random()], runId),
      killAll(scenario, outs[1], [...points.filter((_, i) => i % 2 === 1), random()], runId),
    ]);
    // The kills left each of the three states the folder may be in.
    expect([...new Set(seen.flatMap((s) => [...s]))].sort()).toEqual(['absent', 'complete', 'incomplete']);

    // The next run takes over the stale lock, clears what the killed runs left beside the folder, and completes.
    const last = await Promise.all(outs.map((o) => run(scenario, o)));
    expect(last.map((r) => [r.code, r.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    for (const o of outs) {
      expect(await folderState(o)).toEqual(complete);
      expect(await readdir(join(o, '..'))).toEqual(['report']);
    }
  }, 120_000);
});
