import { parentPort } from 'node:worker_threads';
import type { Partition } from '../../engine/partition/partitionScenario.ts';
import { worldMachines } from '../../engine/world/machines.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { runLoadedPartition } from '../../scenarios/run/partitioned.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import type { RunRequest, WorkerMessage } from './messages.ts';

const post = (m: WorkerMessage) => parentPort?.postMessage(m);

/** Runs one scenario and says how it went: progress a few times per variant, then its outcome or its error. */
function run(loaded: LoadedScenario, backend: RunRequest['backend'], explain: boolean, partition?: Partition): void {
  try {
    if (partition) {
      post({ type: 'shares', variants: runLoadedPartition(loaded, partition, { backend }) });
      return;
    }
    // Test hook (test/cli/pool.test.ts): a scenario of this name crashes, as a bug in licsim would. Unset outside tests.
    if (process.env.LICSIM_TEST_CRASH_SCENARIO === loaded.name) throw new Error('a crash the pool test asked for');
    let last = 0;
    const outcome = runLoaded(
      loaded,
      (p) => {
        // A few progress messages per variant are enough for a progress bar.
        if (p.day - last >= Math.max(1, Math.floor(p.days / 50)) || p.day === p.days) {
          last = p.day === p.days ? 0 : p.day;
          post({ type: 'progress', variant: p.variant, day: p.day, days: p.days });
        }
      },
      backend,
      { explain },
    );
    post({ type: 'done', outcome });
  } catch (error) {
    post({ type: 'error', message: (error as Error).message, stack: (error as Error).stack ?? '' });
  } finally {
    // The worker runs the next scenario it is sent: the machines must not keep this one's simulation alive meanwhile.
    worldMachines().unbind();
  }
}

// A worker runs the scenarios it is sent, one at a time, until the pool lets it go.
parentPort?.on('message', (m: RunRequest) => run(m.loaded, m.backend, m.explain !== false, m.partition));
