import { parentPort, workerData } from 'node:worker_threads';
import { worldMachines } from '../../engine/world/machines.ts';
import { type CheckOptions, exploreVariant } from '../../verify/checker.ts';
import type { Exploration } from '../../verify/result.ts';
import type { Verification } from '../../verify/spec.ts';

/** What the main thread asks of a verify worker: explore this variant of this verification (structured-cloned). */
export interface VerifyRequest {
  verification: Verification;
  /** Index into `verification.world.variants`. */
  variant: number;
  maxStates?: number;
}

export type VerifyProgress = Parameters<NonNullable<CheckOptions['onProgress']>>[0];

/** What a verify worker tells the main thread. */
export type VerifyWorkerMessage =
  | ({ type: 'progress' } & VerifyProgress)
  | { type: 'done'; exploration: Exploration }
  | { type: 'error'; message: string; stack: string };

/** Marks a worker started by licsim verify (only such a worker listens to its parent port). */
export const VERIFY_WORKER = 'licsim-verify';

/**
 * Explores one (file, variant) unit: in a worker thread, or in the main thread when
 * licsim verify checks one unit at a time. The same function either way, so the
 * explorations are the same.
 */
export function exploreUnit(request: VerifyRequest, onProgress?: CheckOptions['onProgress']): Exploration {
  const v = request.verification;
  // Test hook (test/cli/verify.test.ts): a verification of this name crashes, as a bug in licsim would. Unset outside tests.
  if (process.env.LICSIM_TEST_CRASH_VERIFICATION === v.name) throw new Error('a crash the verify test asked for');
  const variant = v.world.variants[request.variant];
  if (!variant) throw new Error(`${v.file} has no variant ${request.variant}`);
  return exploreVariant(v, variant, {
    ...(request.maxStates === undefined ? {} : { maxStates: request.maxStates }),
    ...(onProgress ? { onProgress } : {}),
  });
}

const post = (m: VerifyWorkerMessage) => parentPort?.postMessage(m);

/** How often a worker tells its progress at most: the checker reports every few states. */
const PROGRESS_POST_MS = 100;

function run(request: VerifyRequest): void {
  let last = Number.NEGATIVE_INFINITY;
  try {
    const exploration = exploreUnit(request, (p) => {
      const now = performance.now();
      if (now - last < PROGRESS_POST_MS) return;
      last = now;
      post({ type: 'progress', ...p });
    });
    post({ type: 'done', exploration });
  } catch (error) {
    post({ type: 'error', message: (error as Error).message, stack: (error as Error).stack ?? '' });
  } finally {
    // The worker explores the next unit it is sent: the machines must not keep this one's simulation alive meanwhile.
    worldMachines().unbind();
  }
}

// A worker explores the units it is sent, one at a time, until licsim verify lets it go.
if (parentPort && (workerData as { role?: string } | null)?.role === VERIFY_WORKER) parentPort.on('message', (m: VerifyRequest) => run(m));
